"""Where a side stands in its areas' exchange: each started period the area owes (the one
rule, `districts.owed`) with the side's report of it, the periods overdue, and the one a new
report is for (the current period; else the earliest overdue one not yet shared).

Built from a scoped queryset of the side's own reports (access.own_side_reports), in one
query for any number of areas.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from districts import owed, periods
from districts.models import CollaborationArea

from .models import SituationReport

# How far back a side's unshared periods still count as work to do (about a month weekly).
PERIODS_BACK = 4


@dataclass
class PeriodState:
    area: CollaborationArea
    period: periods.Period
    due: dt.date
    report: SituationReport | None

    @property
    def is_shared(self) -> bool:
        return self.report is not None and self.report.is_shared

    @property
    def link(self) -> str:
        """The one place that continues the work: the draft's form, the shared report, or a
        new report for exactly this area and period."""
        if self.report is None:
            new = reverse("report_new")
            return f"{new}?area={self.area.slug}&period={self.period.key}"
        if self.report.is_draft:
            return reverse("report_edit", args=[self.report.pk])
        return self.report.get_absolute_url()

    @property
    def state(self) -> str:
        """not_started, draft, shared or acknowledged: the side's report of the period."""
        return self.report.status if self.report else "not_started"


@dataclass
class AreaExchange:
    area: CollaborationArea
    today: dt.date
    states: list[PeriodState]  # the owed started periods, oldest first

    @property
    def current(self) -> PeriodState | None:
        """The period containing today, when the area owes it (not before its exchange
        started in the portal, nor after the area ended)."""
        last = self.states[-1] if self.states else None
        return last if last is not None and self.today in last.period else None

    @property
    def upcoming(self) -> PeriodState | None:
        """The first owed period still to come, when today's is not owed (the exchange
        starts later): what the to-do names instead of a current period."""
        if self.current is not None:
            return None
        period = owed.next_owed_period(self.area, self.today)
        if period is None or period.start <= self.today:
            return None
        return PeriodState(self.area, period, self.area.due_date(period), None)

    @property
    def overdue(self) -> list[PeriodState]:
        """Owed periods past their due day that the side has not shared, oldest first."""
        return [s for s in self.states if s.due < self.today and not s.is_shared]

    @property
    def earlier_overdue(self) -> list[PeriodState]:
        """The overdue periods before the current one (the current is shown on its own)."""
        return [s for s in self.overdue if s is not self.current]

    @property
    def default(self) -> PeriodState | None:
        """The period a new report is for: the current period unless the side has shared
        it, else the earliest overdue one, else the current one (its report opens). None when
        the area owes no period that has begun."""
        current = self.current
        if current is not None and not current.is_shared:
            return current
        return next(iter(self.overdue), current)

    def state_of(self, period: periods.Period) -> PeriodState | None:
        return next((s for s in self.states if s.period == period), None)


def side_exchanges(
    areas: list[CollaborationArea], own_reports: QuerySet[SituationReport], today: dt.date
) -> list[AreaExchange]:
    """For each area, the side's owed started periods (of the current and PERIODS_BACK before)
    with its report of each; `own_reports` is the side's reports as its user may see them."""
    windows = {area.pk: owed.recent_owed_periods(area, today, PERIODS_BACK) for area in areas}
    if not areas:
        return []
    since = min((w[0].start for w in windows.values() if w), default=today)
    found = {
        (r.area_id, r.period_start): r
        for r in own_reports.regular().filter(
            area__in=[a.pk for a in areas], period_start__gte=since
        )
    }
    return [
        AreaExchange(
            area=area,
            today=today,
            states=[
                PeriodState(area, p, area.due_date(p), found.get((area.pk, p.start)))
                for p in windows[area.pk]
            ],
        )
        for area in areas
    ]
