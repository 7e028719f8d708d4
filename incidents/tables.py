"""The incident table's rows: a Jinja2 fragment (templates/jinja2/incidents/incident_rows.html),
as a list or a joint picture shows up to 50 incidents of seven cells, and Django's template
engine spent about 10 ms on them (a variable lookup, a filter and a `get_FOO_display`
translation per cell)."""

from django.utils.safestring import SafeString

from accounts.models import Side
from tryggportal.lib import fragments

from .models import Severity


def incident_rows_html(incidents) -> SafeString:
    """The `<tr>` rows of `incidents` (already scoped by access.py)."""
    return fragments.render(
        "incidents/incident_rows.html",
        {
            "incidents": incidents,
            # Choice labels translated once per table, not once per cell.
            "severities": fragments.labels(Severity),
            "sides": fragments.labels(Side),
        },
    )
