"""One language at a time: every dashboard and conference page, and every page of the
accessibility sweep, rendered in Swedish (the default) on the demo's data, shows no English
msgid of the catalogue that has a Swedish translation — in text, in labels and titles, nor in
the charts' data — and looks up no text the Swedish catalogue lacks."""

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.utils.translation import trans_real
from django.utils.translation.trans_real import DjangoTranslation

from accounts.models import User
from conferences.models import Conference
from districts.models import CollaborationArea
from reports.models import JointPicture, SituationReport

pytestmark = pytest.mark.django_db
CATALOGUE = Path(__file__).resolve().parent.parent / "locale/sv/LC_MESSAGES/django.po"
CONTEXT_SEPARATOR = trans_real.CONTEXT_SEPARATOR
ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "data-text-search", "data-text-add"}


def english_msgids() -> tuple[set[str], list[re.Pattern]]:
    """The catalogue's English texts that read differently in Swedish: plain ones, and those
    with placeholders as patterns matching a whole text."""
    plain, patterns = set(), []
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural.get(0, "")),
                (entry.msgid_plural, entry.msgstr_plural.get(1, "")),
            ]
        for english, swedish in pairs:
            english = english.strip()
            if not english or english == swedish.strip() or len(english) < 3:
                continue
            if "%(" in english or "%s" in english:
                parts = re.split(r"%\(\w+\)s|%s", english.replace("%%", "%"))
                if sum(len(p.strip()) for p in parts) < 6:
                    continue  # "%(a)s – %(b)s": nothing English to see
                patterns.append(re.compile(r"\s*" + ".+?".join(map(re.escape, parts)) + r"\s*"))
            else:
                plain.add(english)
    # The language switch names each language in itself (English stays "English").
    plain -= {"English"}
    return plain, patterns


class Texts(HTMLParser):
    """Text nodes, labelling attributes and json_script data of a page."""

    def __init__(self):
        super().__init__()
        self.texts, self._in, self._json = [], None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in = tag
        self._json = tag == "script" and attrs.get("type") == "application/json"
        self.texts += [v for k, v in attrs.items() if k in ATTRIBUTES and v]

    def handle_endtag(self, tag):
        self._in, self._json = None, False

    def handle_data(self, data):
        if self._in == "script" and self._json:
            self.texts += list(_strings(json.loads(data)))
        elif self._in not in {"script", "style"}:
            self.texts += [line for line in data.split("\n") if line.strip()]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def untranslated(html: str, plain: set, patterns: list) -> list[str]:
    parser = Texts()
    parser.feed(html)
    found = []
    for text in parser.texts:
        text = " ".join(text.split())
        for piece in [text, *re.split(r"\s*[:·|;]\s*", text)]:
            if piece in plain or any(p.fullmatch(piece) for p in patterns):
                found.append(piece)
    return sorted(set(found))


@pytest.fixture
def demo(settings, users):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    settings.DEBUG = False
    angered = CollaborationArea.objects.get(slug="angered")
    latest = SituationReport.objects.filter(area=angered).exclude(status="draft").first()
    JointPicture.objects.get_or_create(
        area=angered, period_start=latest.period_start,
        defaults={"period_kind": latest.period_kind, "period_end": latest.period_end,
                  "summary": "Gemensam bild: oro vid torget."},
    )  # fmt: skip
    return Conference.objects.get()


PAGES = [
    ("direktor-angered", "/dashboard/"),
    ("direktor-angered", "/dashboard/?months=3"),
    ("direktor-angered", "/dashboard/area/angered/"),
    ("utvecklingsledare", "/dashboard/?months=36"),
    ("utvecklingsledare", "/dashboard/area/angered/?months=36"),
    ("polischef-nordost", "/dashboard/area/ostra-goteborg/"),
    ("direktor-angered", "/conferences/"),
    ("direktor-angered", "/conferences/{year}/"),
    ("direktor-angered", "/conferences/{year}/follow-up/"),
    ("utvecklingsledare", "/conferences/{year}/"),
    ("utvecklingsledare", "/conferences/new/"),
    ("utvecklingsledare", "/conferences/{year}/edit/"),
    ("utvecklingsledare", "/conferences/{year}/programme/"),
    ("utvecklingsledare", "/conferences/{year}/outcomes/"),
    ("utvecklingsledare", "/conferences/{year}/priorities/new/"),
    ("utvecklingsledare", "/conferences/{year}/priorities/{priority}/"),
    ("utvecklingsledare", "/audit/"),
]


@pytest.fixture
def looked_up_untranslated(monkeypatch):
    """Every text looked up in Swedish while rendering that no Swedish catalogue holds: a
    translation call xgettext never saw (inside an f-string, say) shows up here."""
    missing = set()
    gettext, ngettext = DjangoTranslation.gettext, DjangoTranslation.ngettext

    def recording_gettext(self, message):
        if self.language().startswith("sv") and message.strip() and message not in self._catalog:
            missing.add(message.split(CONTEXT_SEPARATOR)[-1])
        return gettext(self, message)

    def recording_ngettext(self, singular, plural, number):
        if self.language().startswith("sv") and (singular, 0) not in self._catalog:
            missing.add(singular)
        return ngettext(self, singular, plural, number)

    monkeypatch.setattr(DjangoTranslation, "gettext", recording_gettext)
    monkeypatch.setattr(DjangoTranslation, "ngettext", recording_ngettext)
    return missing


@pytest.mark.parametrize(("username", "url"), PAGES)
def test_the_page_in_swedish_shows_no_untranslated_msgid(
    client_for, users, demo, username, url, looked_up_untranslated
):
    plain, patterns = english_msgids()
    url = url.format(year=demo.year, priority=demo.priorities.first().pk)
    # loaddemo set the demo users' passwords again: sign in as they are now.
    client = client_for(User.objects.get(username=username))
    looked_up_untranslated.clear()
    response = client.get(url)
    assert response.status_code == 200
    assert untranslated(response.content.decode(), plain, patterns) == []
    assert sorted(looked_up_untranslated) == []


def test_the_check_finds_an_english_text(client_for, users, demo):
    plain, patterns = english_msgids()
    html = '<p>no shared report</p><p title="Open the joint picture">x</p><p>3 incidents</p>'
    assert untranslated(html, plain, patterns) == [
        "3 incidents", "Open the joint picture", "no shared report",
    ]  # fmt: skip


def test_a_lookup_without_a_swedish_translation_is_recorded(looked_up_untranslated):
    from django.utils import translation

    with translation.override("sv"):
        assert translation.gettext("Dashboard") == "Översikt"
        translation.gettext("A text nobody extracted")
        translation.ngettext("%(n)s unextracted thing", "%(n)s unextracted things", 2)
    assert looked_up_untranslated == {"A text nobody extracted", "%(n)s unextracted thing"}


def test_every_page_of_the_accessibility_sweep_in_swedish_shows_no_untranslated_msgid(
    client, users, demo, looked_up_untranslated
):
    """The same check over every page the axe sweep visits (tests/test_accessibility.py), on
    one load of the demo: signed out for the public pages, as the sweep's user for the rest."""
    from tests.test_accessibility import PAGES as SWEEP

    plain, patterns = english_msgids()
    found = {}
    for path, username in SWEEP:
        url = path() if callable(path) else path
        client.logout()
        if username:
            client.force_login(User.objects.get(username=username))
        looked_up_untranslated.clear()
        response = client.get(url)
        texts = untranslated(response.content.decode(), plain, patterns)
        texts += sorted(looked_up_untranslated)
        if response.status_code != 200 or texts:
            found[f"{username or 'signed out'} {url}"] = [response.status_code, *texts]
    assert found == {}
