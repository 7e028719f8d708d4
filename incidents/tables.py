"""The incident table's rows, built in Python: a list or a joint picture shows up to 50
incidents of seven cells, and Django's template engine spent about 10 ms on them (a variable
lookup, a filter and a `get_FOO_display` translation per cell)."""

from html import escape

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.models import Side
from tryggportal.lib.written import lang_sv

from .models import Severity

DESCRIPTION_CHARS = 120


def _badge(marking) -> str:
    """An incident's secrecy marking, as `documents/secrecy_badge.html` shows it."""
    if marking is None:
        return ""
    return f' <span class="badge text-bg-danger text-wrap text-start secrecy-badge">{escape(marking.text)}</span>'


def incident_rows_html(incidents) -> SafeString:
    """The `<tr>` rows of `incidents` (already scoped by access.py), every value escaped."""
    # Choice labels translated once per table, not once per cell.
    severity = {value: escape(str(label)) for value, label in Severity.choices}
    side = {value: escape(str(label)) for value, label in Side.choices}
    police_only = f' <span class="badge text-bg-dark">{escape(_("police only"))}</span>'
    url = reverse("incident_detail", args=[0]).removesuffix("0/")
    written = lang_sv()  # the description is written in Swedish
    rows = []
    for incident in incidents:
        marking = getattr(incident, "secrecy_marking", None)  # `{% with_markings %}`
        when = timezone.localtime(incident.occurred_at).strftime("%Y-%m-%d %H:%M")
        place = escape(incident.place.name) if incident.place_id else "–"
        description = Truncator(incident.description).chars(DESCRIPTION_CHARS)
        rows.append(
            f'<tr><td><a href="{url}{incident.pk}/">{when}</a>{_badge(marking)}</td>'
            f"<td>{escape(incident.area.name)}</td><td>{place}</td>"
            f"<td>{escape(incident.category.name)}</td>"
            f"<td>{severity.get(incident.severity, '')}</td>"
            f"<td>{side.get(incident.reported_side, '')}"
            f"{police_only if incident.is_police_only else ''}</td>"
            f"<td{written}>{escape(description)}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value above is escaped
