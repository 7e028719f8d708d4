"""What every dashboard counts over: the window of months it looks back (`?months=`), the two
sides each figure is split by, and the reports it counts (shared, regular).

Every function of the dashboards takes querysets already scoped by the topics' access modules, so each
figure comes only from what the user may see, and runs a fixed number of queries whatever the
data size: the areas in one query (latest reports by correlated subqueries on an index), the
rest in one query per table, grouped in the database or, where Swedish holidays decide (due
dates), in Python over a window bounded by the dashboard's months, never by the history's length.
"""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Side

WINDOWS = (3, 12, 36)  # months a dashboard looks back
DEFAULT_WINDOW = 12
SIDES = (Side.CITY, Side.POLICE)


def window_months(value) -> int:
    """The window asked for in `?months=`, or the default for anything else."""
    try:
        months = int(value)
    except (TypeError, ValueError):
        return DEFAULT_WINDOW
    return months if months in WINDOWS else DEFAULT_WINDOW


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day where it is shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def window_start(today: dt.date, months: int) -> dt.datetime:
    """The window's first moment: local midnight `months` before today."""
    return timezone.make_aware(dt.datetime.combine(months_before(today, months), dt.time.min))


def shared_regular_reports(reports: QuerySet) -> QuerySet:
    return reports.shared().regular()
