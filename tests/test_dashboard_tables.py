"""The dashboards' one table renderer: a `Table` as escaped HTML and, row for row, as CSV."""

import csv
import datetime as dt
import io

from django.utils import translation

from dashboards.tables import Table, csv_response


def places() -> Table:
    return Table(
        "places",
        "Top <places>",
        ["Place", "Incidents", "Average level", "Last incident"],
        [
            ["<script>alert(1)</script>", 3, 2.5, dt.date(2026, 11, 20)],
            ["Torget & stationen", None, 1.0, dt.date(2026, 11, 27)],
        ],
    )


def test_cells_title_and_headers_come_out_escaped_in_the_html():
    with translation.override("en"):
        html = places().as_html()
    assert "<script>" not in html
    assert '<caption id="table-places-caption">Top &lt;places&gt;</caption>' in html
    assert '<th scope="row">&lt;script&gt;alert(1)&lt;/script&gt;</th>' in html
    assert (
        '<tr><th scope="row">Torget &amp; stationen</th>'
        "<td>–</td><td>1.0</td><td>2026-11-27</td></tr>"
    ) in html


def test_the_csv_has_the_same_rows_as_the_html():
    table = places()
    with translation.override("en"):
        html = table.as_html()
    response = csv_response(table, "places.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="places.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Place", "Incidents", "Average level", "Last incident"],
        ["<script>alert(1)</script>", "3", "2.5", "2026-11-20"],
        ["Torget & stationen", "", "1.0", "2026-11-27"],
    ]
    assert html.count('<th scope="row">') == len(rows) - 1
    assert "<td>3</td><td>2.5</td><td>2026-11-20</td></tr>" in html
