"""What an area owes: the one rule, asked by the to-do home, the new-report form's periods and
default, the reminders, completeness and the dashboards' overdue flags.

A period is owed when its due day (`area.due_date`, moved back from holidays) is a day the
area existed (`valid_from` … `valid_to`) and on or after the day its exchange started in the
portal (`exchange_started_on`). So an area that started exchanging on a Saturday owes nothing
for the week due the day before; after a reorganisation the period whose due day falls after
the change is owed by the successor alone, and each period of a lineage by exactly one area.

Cheap for many areas: the periods due between two days are worked out once per schedule
(cadence, due weekday, due day of month) and cached; each area takes the slice between its
first and last owed due day (`owed_periods`), so areas of one schedule and span share one
class (completeness counts per class).
"""

import bisect
import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from . import periods

if TYPE_CHECKING:
    from .models import CollaborationArea

Schedule = tuple[tuple[periods.Period, dt.date], ...]


def owes_due_on(area: "CollaborationArea", due: dt.date) -> bool:
    """The rule: a period due on `due` is owed when the area existed that day and its
    exchange had started in the portal."""
    return area.is_valid_on(due) and due >= area.exchange_started_on


def owes(area: "CollaborationArea", period: periods.Period) -> bool:
    """Whether the area owes a report for `period` (of its own cadence)."""
    return period.cadence == area.cadence and owes_due_on(area, area.due_date(period))


def schedule(area: "CollaborationArea", due_from: dt.date, due_to: dt.date) -> Schedule:
    """(period, due day) of every period of the area's schedule due on a day in
    [due_from, due_to], oldest first, whether owed or not; shared by areas of one schedule."""
    return _schedule(area.cadence, area.due_weekday, area.due_day_of_month, due_from, due_to)


@lru_cache(maxsize=256)
def _schedule(
    cadence: str, due_weekday: int, due_day_of_month: int, due_from: dt.date, due_to: dt.date
) -> Schedule:
    # Due days need Swedish holidays: worked out once per schedule and window.
    from .models import CollaborationArea

    plan = CollaborationArea(
        cadence=cadence, due_weekday=due_weekday, due_day_of_month=due_day_of_month
    )
    result = []
    period = plan.period_containing(due_to)
    # A period's due day is never more than a month before its end: stop once past that.
    while period.end >= due_from - dt.timedelta(days=31):
        due = plan.due_date(period)
        if due_from <= due <= due_to:
            result.append((period, due))
        period = period.previous()
    return tuple(reversed(result))


def owed_periods(area: "CollaborationArea", due_from: dt.date, due_to: dt.date) -> Schedule:
    """(period, due day) of every period the area owes that is due on a day in
    [due_from, due_to], oldest first: a slice of its schedule's periods."""
    found = schedule(area, due_from, due_to)
    dues = [due for _period, due in found]
    first = max(area.valid_from, area.exchange_started_on)
    low = bisect.bisect_left(dues, first)
    high = len(dues) if area.valid_to is None else bisect.bisect_right(dues, area.valid_to)
    return found[low:high]


def recent_owed_periods(
    area: "CollaborationArea", today: dt.date, back: int
) -> list[periods.Period]:
    """The owed periods among the one containing `today` and the `back` before it, oldest
    first: what a side may still file (a period that has not begun is never filed)."""
    period = area.period_containing(today)
    found = []
    for _step in range(back + 1):
        if owes(area, period):
            found.append(period)
        period = period.previous()
    return found[::-1]


def next_owed_period(area: "CollaborationArea", today: dt.date) -> periods.Period | None:
    """The first owed period due on or after `today` (the one the sides file now or next),
    or None when the area owes nothing more (it ends before another due day)."""
    period = area.period_containing(max(today, area.exchange_started_on, area.valid_from))
    for _step in range(3):  # a start or holiday moves the first owed period on by at most one
        due = area.due_date(period)
        if area.valid_to is not None and due > area.valid_to:
            return None
        if due >= today and owes(area, period):
            return period
        period = period.next()
    return None
