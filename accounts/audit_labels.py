"""The audit log's labels in the reader's language.

A row keeps the label written when it happened: names as they were then, and the few phrases
the portal's writers add ("… (shared)", "…: joint picture 2026-W47", "Incidents CSV: 12 rows,
no filter"). `display_label` shows such a label in the active language, whoever caused the row
and in whichever language they read the portal then: each known phrase is recognised and said
again in the reader's words, a period key becomes the period's name ("v. 47 2026"), and each
" · "-separated part naming a side or a week is translated. Anything else (a name, a title, a
user name typed at a failed sign-in) is shown as stored.

Layer 0: nothing here imports a topic above `accounts`; a writer's phrase is matched by its
text, so rows written before this module existed read the same way.
"""

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import parse_qsl

from django.apps import apps
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# The tables a dashboard offers as CSV (dashboards.views), by their address's name.
TABLE_NAMES = {
    "areas": pgettext_lazy("audit log", "areas overview"),
    "completeness": pgettext_lazy("audit log", "completeness"),
    "levels": pgettext_lazy("audit log", "levels over time"),
    "categories": pgettext_lazy("audit log", "levels per category"),
    "incidents": pgettext_lazy("audit log", "incidents per month"),
    "places": pgettext_lazy("audit log", "places with most incidents"),
    "measures": pgettext_lazy("audit log", "open measures"),
    "promises": pgettext_lazy("audit log", "promises"),
}

# The list filters an export may carry in its address (reports, incidents, measures).
FILTER_NAMES = {
    "q": pgettext_lazy("audit log", "search"),
    "area": pgettext_lazy("audit log", "area"),
    "period_from": pgettext_lazy("audit log", "period from"),
    "period_to": pgettext_lazy("audit log", "period to"),
    "date_from": pgettext_lazy("audit log", "from date"),
    "date_to": pgettext_lazy("audit log", "to date"),
    "side": pgettext_lazy("audit log", "side"),
    "status": pgettext_lazy("audit log", "status"),
    "level": pgettext_lazy("audit log", "level"),
    "category": pgettext_lazy("audit log", "category"),
    "severity": pgettext_lazy("audit log", "severity"),
    "visibility": pgettext_lazy("audit log", "visibility"),
}

# The filters' coded values, by filter (the same words as the list pages' filters).
VALUE_NAMES = {
    ("side", "city"): _("City"),
    ("side", "police"): _("Police"),
    ("status", "draft"): _("draft"),
    ("status", "shared"): _("shared"),
    ("status", "acknowledged"): _("acknowledged"),
    ("status", "open"): pgettext_lazy("audit log", "open"),
    ("visibility", "shared"): _("shared with both sides"),
    ("visibility", "police_only"): _("police only"),
}

# Whole labels a writer gives in the language it was reading (accounts.views, two_factor).
PHRASES = [_("Two-factor sign-in"), _("Backup codes")]

_SUFFIXES = {
    "autosaved": _("%(object)s (autosaved)"),
    "shared": _("%(object)s (shared)"),
    "acknowledged": _("%(object)s (acknowledged)"),
    "decided": _("%(object)s (decided)"),
    "PDF": _("%(object)s (PDF)"),
}

_PERIOD_KEY = r"\d{4}-(?:W\d{2}|\d{2})"
_WEEK_LABEL = re.compile(r"^[wv]\. (\d{1,2})(?:–(\d{1,2}))? (\d{4})$")


def display_label(label: str, model=None) -> str:
    """`label` (an audit row's object label) in the active language; `model` is the row's
    object type, when a model still goes by it."""
    if not label:
        return ""
    for pattern, say in _RULES:
        if match := pattern.match(label):
            return say(match, model)
    return _parts(label)


def _parts(text: str) -> str:
    """Each " · "-separated part naming a side, a week or a known phrase, translated."""
    words = _words()
    parts = []
    for part in text.split(" · "):
        if part in words:
            part = str(words[part])
        elif match := _WEEK_LABEL.match(part):
            part = _week_label(*match.groups())
        parts.append(part)
    return " · ".join(parts)


def _suffix(match: re.Match, model) -> str:
    return str(_SUFFIXES[match["suffix"]]) % {"object": display_label(match["object"], model)}


def _joint_picture(match: re.Match, model) -> str:
    text = gettext("%(area)s: joint picture %(period)s") % {
        "area": _parts(match["area"]),
        "period": period_name(match["key"]),
    }
    return gettext("%(object)s (PDF)") % {"object": text} if match["pdf"] else text


def _marking(match: re.Match, model) -> str:
    what = display_label(match["object"], model)
    if match["provision"] == "removed":
        return gettext("%(object)s: secrecy marking removed") % {"object": what}
    return gettext("%(object)s: secrecy marking %(provision)s") % {
        "object": what,
        "provision": match["provision"],
    }


def _dashboard_table(match: re.Match, model) -> str:
    table = str(TABLE_NAMES.get(match["table"], match["table"]))
    if match["area"] is None:
        return gettext("Dashboard: %(table)s (CSV)") % {"table": table}
    return gettext("%(area)s: %(table)s (CSV)") % {"area": _parts(match["area"]), "table": table}


def _imported(match: re.Match, model) -> str:
    count = int(match["count"])
    return ngettext("%(area)s: %(count)s imported", "%(area)s: %(count)s imported", count) % {
        "area": _parts(match["area"]),
        "count": count,
    }


def _export(match: re.Match, model) -> str:
    what = str(model._meta.verbose_name_plural) if model else match["what"]
    count = int(match["count"])
    text = ngettext(
        "%(what)s, %(format)s: %(count)s row", "%(what)s, %(format)s: %(count)s rows", count
    ) % {"what": what[:1].upper() + what[1:], "format": match["format"], "count": count}
    if match["cap"]:
        text += " " + gettext("(cut at %(max)s)") % {"max": match["cap"]}
    if match["query"] is None:
        return text + ", " + pgettext("audit log", "no filter")
    return text + ", " + gettext("filter: %(filter)s") % {"filter": filter_text(match["query"])}


def _enrolment_code(match: re.Match, model) -> str:
    return gettext("Enrolment code for %(user)s") % {"user": match["user"]}


_RULES: list[tuple[re.Pattern, Callable[[re.Match, object], str]]] = [
    (
        # Concatenated, not an f-string: the named groups would read as HTML tags to the
        # check that no Python f-string builds markup (issue 27).
        re.compile(
            r"^(?P<area>.+): joint picture (?P<key>" + _PERIOD_KEY + r")(?P<pdf> \(PDF\))?$"
        ),
        _joint_picture,
    ),
    (
        re.compile(r"^(?P<object>.+) \((?P<suffix>autosaved|shared|acknowledged|decided|PDF)\)$"),
        _suffix,
    ),  # fmt: skip
    (re.compile(r"^(?P<object>.+): secrecy marking (?P<provision>.+)$"), _marking),
    (re.compile(r"^(?:dashboard |(?P<area>.+): )(?P<table>[a-z_]+)\.csv$"), _dashboard_table),
    (re.compile(r"^(?P<area>.+): (?P<count>\d+) imported$"), _imported),
    (
        re.compile(
            r"^(?P<what>.+) (?P<format>CSV|XLSX): (?P<count>\d+) rows"
            r"(?: \(cut at (?P<cap>\d+)\))?(?:, filter (?P<query>.*)|, no filter)$"
        ),
        _export,
    ),
    (re.compile(r"^Enrolment code for (?P<user>.+)$"), _enrolment_code),
]


def filter_text(query: str) -> str:
    """An export's filter (its address's query) as "search: Hjällbo, area: 3"."""
    pairs = [
        f"{FILTER_NAMES.get(name, name)}: {VALUE_NAMES.get((name, value), value)}"
        for name, value in parse_qsl(query, keep_blank_values=False)
        if name != "page"
    ]
    return ", ".join(pairs) or "–"


def period_name(key: str) -> str:
    """A period key ("2026-W47", "2026-11") as people name it, in the active language."""
    if "W" in key:
        year, week = key.split("-W")
        return _week_label(str(int(week)), None, year)
    year, month = key.split("-")
    try:
        return formats.date_format(dt.date(int(year), int(month), 1), "F Y")
    except ValueError:
        return key


def _week_label(week: str, last: str | None, year: str) -> str:
    if last:
        return gettext("w. %(week)s–%(last)s %(year)s") % {
            "week": week, "last": last, "year": year,
        }  # fmt: skip
    return gettext("w. %(week)s %(year)s") % {"week": week, "year": year}


@lru_cache(maxsize=1)
def _words() -> dict[str, object]:
    """Every language's word for each side ("Staden", "City", …) and each known phrase ->
    the lazy text that says it in the active language."""
    from .models import Side

    words = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for side in Side:
                words[str(side.label)] = side.label
            for phrase in PHRASES:
                words[str(phrase)] = phrase
    return words


# Models whose own names are not translated (installed packages' two-factor devices).
TYPE_NAMES = {
    "otp_totp.totpdevice": pgettext_lazy("audit log", "authenticator app"),
    "otp_static.staticdevice": pgettext_lazy("audit log", "backup codes"),
    "documents.secrecymarkingrevision": pgettext_lazy("audit log", "secrecy marking revision"),
}


def type_name(model) -> str:
    """A model's name as the log shows it, in the active language ("lägesbild")."""
    return str(TYPE_NAMES.get(model._meta.label_lower, model._meta.verbose_name))


def object_type_choices() -> list[tuple[str, str]]:
    """The object types the log's filter offers: the portal's own models and the two-factor
    devices, by name in the active language."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.label_lower in TYPE_NAMES or _is_portal_app(model._meta.app_config.path)
    ]
    choices = {model._meta.label_lower: type_name(model) for model in models}
    return sorted(choices.items(), key=lambda choice: choice[1].casefold())


def _is_portal_app(path: str) -> bool:
    return path.startswith(str(settings.BASE_DIR)) and "site-packages" not in path


@lru_cache(maxsize=128)
def model_for_label(label: str):
    """The model an audit row's "app.model" names; a model that moved to another app (the
    layout of 2026 moved reports out of `incidents`) is found by its model name."""
    app_label, _dot, model_name = label.partition(".")
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        found = [m for m in apps.get_models() if m._meta.model_name == model_name]
        return found[0] if len(found) == 1 else None
