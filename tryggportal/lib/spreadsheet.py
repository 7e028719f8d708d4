"""CSV files that open as data, never as formulas.

A spreadsheet opens a CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return as a live formula (OWASP "CSV injection"): a place name typed as
`=HYPERLINK("http://x","y")` becomes a link in the coordinator's Excel, and a DDE payload such
as `+1+cmd|' /C calc'!A0` can start a program where DDE is enabled. Every CSV the portal
writes is meant to go through `writer()`, which puts a single quote before such strings so
the spreadsheet shows them as text. Only strings are touched: ints, Decimals, dates and None
pass unchanged, so a negative number stays a number — hand the writer the values themselves,
not `str(value)`.

The `defusedcsv` package does the same but leaves cells starting with a tab or carriage return
alone, so these few lines are kept instead.

A cell must also be writable at all: XLSX is XML 1.0, which has no way to write the C0 control
characters other than tab, line feed and carriage return, lone surrogates, U+FFFE or U+FFFF
(openpyxl refuses the first, and the file it writes with the others does not open). A vertical
tab pasted from Word into an incident would otherwise break every export holding that row.
`cell()` is the one place a cell is made, for CSV and XLSX alike: it replaces those characters
(a vertical tab or form feed, Word's line and page breaks, by a line break; the others by
U+FFFD, so the reader sees that something was there), then neutralises formulas.
"""

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# What XML 1.0's `Char` production leaves out (https://www.w3.org/TR/xml/#charsets).
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = {"\x0b", "\x0c"}


def _replacement(match: re.Match) -> str:
    return "\n" if match.group() in LINE_BREAKS else "\ufffd"


def writable(value: Any) -> Any:
    """A string without the characters XML 1.0 forbids (see above); any other value as it is."""
    if isinstance(value, str) and NOT_IN_XML.search(value):
        return NOT_IN_XML.sub(_replacement, value)
    return value


def neutralise(value: Any) -> Any:
    """`=1+1` -> `'=1+1`; any other value as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cell(value: Any) -> Any:
    """A value as a CSV or XLSX cell: writable, then neutralised."""
    return neutralise(writable(value))


class SafeWriter:
    """`csv.writer` whose every cell goes through `cell`."""

    def __init__(self, file, dialect: str | csv.Dialect = "excel", **fmtparams):
        self._writer = csv.writer(file, dialect, **fmtparams)

    @property
    def dialect(self):
        return self._writer.dialect

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(file, dialect: str | csv.Dialect = "excel", **fmtparams) -> SafeWriter:
    """Like `csv.writer(file, ...)`, with every cell made by `cell()`."""
    return SafeWriter(file, dialect, **fmtparams)
