"""The area list's rows: a Jinja2 fragment (templates/jinja2/districts/area_rows.html), as the
report and incident lists' rows are: a city-wide reader's home lists every area, and 50 rows
through Django's template engine cost a few milliseconds of every visit to the home page."""

from django.utils.safestring import SafeString

from tryggportal.lib import fragments

from .models import Cadence


def area_rows_html(areas) -> SafeString:
    """The `<tr>` rows of `areas` (already scoped by access.py, with district and police area
    selected)."""
    return fragments.render(
        "districts/area_rows.html", {"areas": areas, "cadences": fragments.labels(Cadence)}
    )
