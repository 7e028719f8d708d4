"""Incidents from a CSV file: every row is checked before anything is saved.

Columns: date (YYYY-MM-DD), time (HH:MM), place, category, description, severity (1–3); the
first line names them, in any order. Comma or semicolon separated (Swedish spreadsheets write
semicolons), UTF-8 with or without a byte-order mark. A place is named as on the area's place
list (or left empty); a category by its code or its Swedish or English name.

Each row gets a fingerprint of its values and area, so importing the same file again (or an
overlapping one) adds only what is new.
"""

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from districts.models import CollaborationArea
from reports.models import TEXT_MAX, Category
from tryggportal.lib.identity import find_identity_numbers

from .models import Place, Severity

COLUMNS = ["date", "time", "place", "category", "description", "severity"]
MAX_ROWS = 5000


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class Row:
    line: int
    occurred_at: dt.datetime
    place: Place | None
    category: Category
    description: str
    severity: int
    fingerprint: str


@dataclass
class ParseResult:
    rows: list[Row]
    errors: list[RowError]


def fingerprint(area: CollaborationArea, values: dict[str, str]) -> str:
    normalised = [str(area.pk)] + [" ".join(values[c].split()).casefold() for c in COLUMNS]
    return hashlib.sha256("\x1f".join(normalised).encode()).hexdigest()


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def parse(data: bytes, area: CollaborationArea) -> ParseResult:
    """Rows ready to save, or the errors by line number and column (line 1 is the header)."""
    text = _decode(data)
    if text is None:
        return ParseResult([], [RowError(1, "", _("The file is not UTF-8 text."))])
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip().casefold() for name in next(reader, [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        message = _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
        return ParseResult([], [RowError(1, "", message)])

    places = {p.name.casefold(): p for p in Place.objects.filter(area=area)}
    categories = {}
    for category in Category.objects.active():
        for name in (category.code, category.name_sv, category.name_en):
            categories[name.casefold()] = category
    tz = timezone.get_default_timezone()
    rows, errors = [], []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(RowError(line, "", _("At most %(n)s rows per file.") % {"n": MAX_ROWS}))
            break
        values = {
            c: (record[header.index(c)] if header.index(c) < len(record) else "").strip()
            for c in COLUMNS
        }
        row_errors = []

        def fail(column: str, message: str) -> None:
            row_errors.append(RowError(line, column, message))  # noqa: B023 (used at once)

        try:
            day = dt.date.fromisoformat(values["date"])
        except ValueError:
            fail("date", _("Write the date as YYYY-MM-DD."))
            day = None
        try:
            time = dt.datetime.strptime(values["time"], "%H:%M").time()
        except ValueError:
            fail("time", _("Write the time as HH:MM."))
            time = None
        place = None
        if values["place"]:
            place = places.get(values["place"].casefold())
            if place is None:
                fail("place", _("No place of that name in the area: add it to the places first."))
        category = categories.get(values["category"].casefold())
        if category is None:
            fail("category", _("Unknown category."))
        description = values["description"]
        if not description:
            fail("description", _("The description is empty."))
        elif len(description) > TEXT_MAX:
            fail("description", _("At most %(n)s characters.") % {"n": TEXT_MAX})
        elif find_identity_numbers(description):
            fail(
                "description",
                _("Contains what looks like a personal identity number: remove it."),
            )
        if values["severity"] not in {str(value) for value in Severity.values}:
            fail("severity", _("Severity is 1, 2 or 3."))
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append(
            Row(
                line=line,
                occurred_at=timezone.make_aware(dt.datetime.combine(day, time), tz),
                place=place,
                category=category,
                description=description,
                severity=int(values["severity"]),
                fingerprint=fingerprint(area, values),
            )
        )
    if not rows and not errors:
        errors.append(RowError(1, "", _("The file has no rows.")))
    return ParseResult(rows, errors)
