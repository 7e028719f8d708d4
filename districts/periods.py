"""Exchange periods as Swedes name them: ISO weeks ("v. 47 2026"), pairs of weeks, months.

A period is identified in addresses by its key: "2026-W47" for a week or fortnight (the
fortnight's first week), "2026-11" for a month.
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

WEEKLY, FORTNIGHTLY, MONTHLY = "weekly", "fortnightly", "monthly"

_WEEK_KEY = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH_KEY = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    cadence: str
    start: dt.date
    end: dt.date  # inclusive

    @property
    def key(self) -> str:
        if self.cadence == MONTHLY:
            return f"{self.start:%Y-%m}"
        year, week, _weekday = self.start.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def label(self) -> str:
        """The name shown to users, in the active language."""
        return _label(self, get_language())

    def __str__(self) -> str:
        return self.label

    def next(self) -> "Period":
        return period_containing(self.cadence, self.end + dt.timedelta(days=1))

    def previous(self) -> "Period":
        return period_containing(self.cadence, self.start - dt.timedelta(days=1))

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@lru_cache(maxsize=4096)
def _label(period: Period, language: str | None) -> str:
    """A period's name in `language` (the active one): worked out once per period and
    language, as lists and dashboards name the same few periods hundreds of times a page."""
    if period.cadence == MONTHLY:
        return formats.date_format(period.start, "F Y")
    year, week, _weekday = period.start.isocalendar()
    if period.cadence == FORTNIGHTLY and period.end.isocalendar()[1] != week:
        last = period.end.isocalendar()[1]
        return _("w. %(week)s–%(last)s %(year)s") % {"week": week, "last": last, "year": year}
    return _("w. %(week)s %(year)s") % {"week": week, "year": year}


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def period_containing(cadence: str, day: dt.date) -> Period:
    if cadence == MONTHLY:
        start = day.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return Period(cadence, start, end)
    monday = _monday(day)
    if cadence == WEEKLY:
        return Period(cadence, monday, monday + dt.timedelta(days=6))
    # Fortnights pair ISO weeks 1–2, 3–4, …; a 53rd week stands alone.
    week = monday.isocalendar()[1]
    start = monday if week % 2 == 1 else monday - dt.timedelta(days=7)
    end = start + dt.timedelta(days=13)
    if end.isocalendar()[0] != start.isocalendar()[0] or start.isocalendar()[1] == 53:
        end = start + dt.timedelta(days=6)
    return Period(cadence, start, end)


def period_from_key(cadence: str, key: str) -> Period:
    """The period a key names, or ValueError for a key that does not fit the cadence (or
    names a period the calendar cannot hold, such as the last weeks of year 9999)."""
    try:
        return _period_from_key(cadence, key)
    except OverflowError as error:
        raise ValueError(key) from error


def _period_from_key(cadence: str, key: str) -> Period:
    if cadence == MONTHLY:
        match = _MONTH_KEY.match(key)
        if not match:
            raise ValueError(key)
        return period_containing(cadence, dt.date(int(match[1]), int(match[2]), 1))
    match = _WEEK_KEY.match(key)
    if not match:
        raise ValueError(key)
    monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    period = period_containing(cadence, monday)
    if period.start != monday:
        raise ValueError(key)
    return period


@lru_cache(maxsize=64)
def _swedish_holidays(year: int) -> holidays.HolidayBase:
    # Midsommarafton, julafton and nyårsafton are de facto days off in Swedish public service.
    return holidays.Sweden(years=year, include_sundays=False, categories=("public", "de_facto"))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _swedish_holidays(day.year)


@lru_cache(maxsize=1024)
def previous_working_day(day: dt.date) -> dt.date:
    """The day itself if it is a working day, else the last working day before it. Kept per
    day: the reminder sweep asks for the same few due days for every area."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day
