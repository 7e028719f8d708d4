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
"""

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """`=1+1` -> `'=1+1`; any other value as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose every cell goes through `neutralise`."""

    def __init__(self, file, dialect: str | csv.Dialect = "excel", **fmtparams):
        self._writer = csv.writer(file, dialect, **fmtparams)

    @property
    def dialect(self):
        return self._writer.dialect

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(file, dialect: str | csv.Dialect = "excel", **fmtparams) -> SafeWriter:
    """Like `csv.writer(file, ...)`, with formulas neutralised."""
    return SafeWriter(file, dialect, **fmtparams)
