"""The area list's rows, built in Python (as the report and incident lists' rows are): a
city-wide reader's home lists every area, and 50 rows through the template engine cost a few
milliseconds of every visit to the home page."""

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .models import Cadence


def area_rows_html(areas) -> SafeString:
    """The `<tr>` rows of `areas` (already scoped by access.py, with district and police area
    selected), every value escaped."""
    cadence = {value: escape(str(label)) for value, label in Cadence.choices}
    url = reverse("area_detail", args=["-"]).removesuffix("-/")
    return mark_safe(  # noqa: S308 - every value is escaped
        "\n".join(
            f'<tr><td><a href="{url}{escape(area.slug)}/">{escape(area.name)}</a></td>'
            f"<td>{escape(area.district.name)}</td><td>{escape(area.police_area.name)}</td>"
            f"<td>{cadence.get(area.cadence, '')}</td></tr>"
            for area in areas
        )
    )
