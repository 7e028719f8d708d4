"""The one renderer of the dashboards' tables, for HTML and CSV: a `Table` is shown on the page
(`as_html`), downloaded as CSV (`csv_response`) and is the data behind its chart (`chart`).

A dashboard table can hold a thousand cells, and Django's template engine (or `format_html`
per cell) spends tens of milliseconds on that many: its markup is a Jinja2 fragment
(templates/jinja2/dashboards/table.html, autoescape on); the values are formatted here, as
text, and escaped by the engine. Tested in tests/test_dashboard_tables.py and the escaping
test in test_dashboard.py.
"""

import datetime as dt
import decimal
import html
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import formats
from django.utils.safestring import SafeString

from tryggportal.lib import fragments, spreadsheet


@dataclass
class Table:
    """One dashboard table: shown on the page, offered as CSV, and the data behind a chart."""

    name: str  # its address: /dashboard/area/<slug>/<name>.csv
    title: str
    headers: list
    rows: list  # lists of plain values, in the headers' order
    summary: str = ""  # one line of text telling what the chart shows

    @property
    def chart_id(self) -> str:
        return f"chart-{self.name}"

    @property
    def caption_id(self) -> str:
        """What labels the table's scrolling region (templates/dashboards/dashboard_table.html)."""
        return f"table-{self.name}-caption"

    def chart(self, kind: str = "line", *, y_max: int | None = None, stacked: bool = False) -> dict:
        """Chart.js data: the first column labels the x axis, each further column a dataset."""
        return {
            "type": kind,
            "labels": [str(row[0]) for row in self.rows],
            "datasets": [
                {"label": str(header), "data": [row[i] for row in self.rows]}
                for i, header in enumerate(self.headers[1:], start=1)
            ],
            "yMax": y_max,
            "stacked": stacked,
        }

    def as_html(self) -> SafeString:
        """The table as accessible HTML (caption, column and row headers)."""
        return fragments.render("dashboards/table.html", {"table": self, "rows": self.shown_rows()})

    def shown_rows(self) -> list[list[str]]:
        """The rows as the page shows them: "–" for no value, decimals with the language's
        separator, dates as ISO 8601."""
        decimal = formats.get_format("DECIMAL_SEPARATOR")

        def cell(value) -> str:
            if value is None:
                return "–"
            if isinstance(value, float):
                return str(value).replace(".", decimal)
            if isinstance(value, dt.date):
                return value.isoformat()
            return str(value)

        return [[cell(value) for value in row] for row in self.rows]


def _esc(value) -> str:
    """HTML-escaped text of any value (lazy translations included). Only for the cards', the
    overview's and the area level strip's rows, still built in Python until their step of
    issue 27 moves them into templates too."""
    return html.escape(str(value))


def csv_response(table: Table, filename: str) -> HttpResponse:
    """The table as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read å, ä, ö)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = spreadsheet.writer(response)
    writer.writerow([str(header) for header in table.headers])
    writer.writerows([_csv_cell(value) for value in row] for row in table.rows)
    return response


def _csv_cell(value):
    """Numbers stay numbers; everything else is written as its text, which the writer
    neutralises when a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return value
    return str(value)
