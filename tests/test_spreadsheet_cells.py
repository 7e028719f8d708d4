import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from tryggportal.lib.spreadsheet import neutralise, writer

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "=",
    "- punkt ett",
]
PLAIN = [
    "Ordinary text",
    "Angered centrum",
    "",
    "Norra Hisingen - Backa",
    "a=b",
    "kl 14:30",
    "'redan citerad",
    " =1",  # a leading space: no formula
    -3,
    0,
    12,
    Decimal("-1.50"),
    -2.5,
    True,
    dt.date(2026, 12, 2),
    dt.datetime(2026, 12, 2, 14, 30),
    None,
]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_starting_a_formula_gets_a_leading_quote(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", PLAIN)
def test_text_and_non_strings_pass_unchanged(value):
    assert neutralise(value) is value


def round_trip(rows) -> list[list[str]]:
    file = io.StringIO(newline="")
    writer(file).writerows(rows)
    return list(csv.reader(io.StringIO(file.getvalue(), newline="")))


def test_a_round_trip_through_csv_reader_shows_the_quoted_cells():
    rows = round_trip(
        [
            ["Plats", "Antal"],
            ['=HYPERLINK("http://x","y")', -3],
            ["Angered centrum", Decimal("12.50")],
            ["\r=1", None],
        ]
    )
    assert rows == [
        ["Plats", "Antal"],
        ['\'=HYPERLINK("http://x","y")', "-3"],
        ["Angered centrum", "12.50"],
        ["'\r=1", ""],
    ]


def test_writerow_takes_any_iterable_and_keeps_the_dialect():
    file = io.StringIO(newline="")
    safe = writer(file, delimiter=";")
    safe.writerow(cell for cell in ["@SUM(A1)", 5])
    assert safe.dialect.delimiter == ";"
    assert file.getvalue() == "'@SUM(A1);5\r\n"
