"""The report list's rows: a Jinja2 fragment (templates/jinja2/reports/report_rows.html), as
25 rows of seven cells, four of them choice labels, cost Django's template engine a few
milliseconds (a lookup and a translation per cell)."""

from django.utils.safestring import SafeString

from accounts.models import Side
from tryggportal.lib import fragments

from .models import Level, ReportStatus, Trend


def report_rows_html(reports) -> SafeString:
    """The `<tr>` rows of `reports` (already scoped by access.py)."""
    return fragments.render(
        "reports/report_rows.html",
        {
            "reports": reports,
            # Choice labels translated once per table, not once per cell.
            "sides": fragments.labels(Side),
            "statuses": fragments.labels(ReportStatus),
            "levels": fragments.labels(Level),
            "trends": fragments.labels(Trend),
        },
    )
