"""The one renderer of the dashboards' tables, for HTML and CSV: a `Table` is shown on the page
(`as_html`), downloaded as CSV (`csv_response`) and is the data behind its chart (`chart`).

Building a very large table's HTML in Python is the one exception to "HTML lives in templates",
and a tested one (tests/test_dashboard_tables.py, and the escaping test in test_dashboard.py;
the overview's rows and the area's level strip build theirs the same way with `_esc`). The
reason is speed: a dashboard table can hold a thousand cells, and Django's template engine (or
`format_html` per cell) spends tens of milliseconds on that many. Every value is escaped by
`_esc` (the standard library's `html.escape`) or is a number before the result is marked safe.
"""

import datetime as dt
import decimal
import html
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from tryggportal.lib import spreadsheet


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

    def as_html(self) -> str:
        """The table as accessible HTML (caption, column and row headers).

        Built here rather than in a template, with the standard library's escaping: a
        dashboard table can hold a thousand cells, and Django's template engine (or
        format_html per cell) spends tens of milliseconds on that many."""
        decimal = formats.get_format("DECIMAL_SEPARATOR")

        def cell(value) -> str:
            if value is None:
                return "–"
            if isinstance(value, float):
                return str(value).replace(".", decimal)
            if isinstance(value, dt.date):
                return value.isoformat()
            return _esc(value)

        no_data = _esc(_("No data in this window."))  # outside the f-string: xgettext sees it
        head = "".join(f'<th scope="col">{_esc(h)}</th>' for h in self.headers)
        body = "\n".join(
            f'<tr><th scope="row">{cell(row[0])}</th>'
            + "".join(f"<td>{cell(v)}</td>" for v in row[1:])
            + "</tr>"
            for row in self.rows
        ) or (f'<tr><td colspan="{len(self.headers)}">{no_data}</td></tr>')
        return mark_safe(  # noqa: S308 - every value above is escaped by _esc or is a number
            '<table class="table table-sm table-striped dashboard-table">'
            f'<caption id="{_esc(self.caption_id)}">{_esc(self.title)}</caption>'
            f"<thead><tr>{head}</tr></thead>"
            f"<tbody>\n{body}\n</tbody></table>"
        )


def _esc(value) -> str:
    """HTML-escaped text of any value (lazy translations included)."""
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
