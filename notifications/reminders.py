"""The daily sweep: which reminders are due today, computed from the database's state alone.

Nothing here remembers earlier runs. Each reminder is keyed by its period (not by the day it
is sent), so a sweep run twice, or after days of the worker being down, finds the same keys
and claims each one once (see `claim`); what it sends is what is still relevant today.

Kinds (each to the people of one side of one collaboration area):
- upcoming: from due − remind_days_before until the due day, to the members of a side that has
  not shared its report for the period (coordinators for the city, community officers for the
  police);
- overdue: after the due day, to the same people, for the latest period past due;
- escalation: after due + grace_days, to the district's directors (city side) or the police
  area's chiefs (police side);
- review pending: a report shared more than review_days (and at most REVIEW_RELEVANT_DAYS) ago
  and not acknowledged, to the other side's members.
Areas that exchange "as often as needed" (max_days_between set) are due max_days_between
days after the side's last shared report (or after the area began).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, Side, User
from districts import periods
from districts.models import CollaborationArea
from reports.models import AD_HOC, ReportStatus, SituationReport

from .models import Notification, NotificationKind

AUTHOR_ROLES = {Side.CITY: Role.COORDINATOR, Side.POLICE: Role.COMMUNITY_OFFICER}
# A report left unacknowledged longer than this is history, not a pending review: the first
# sweep after loading years of reports must not remind of each one.
REVIEW_RELEVANT_DAYS = 28


@dataclass(frozen=True)
class Reminder:
    """One reminder due today for one recipient; its key is what makes it unique."""

    kind: str
    area: CollaborationArea = field(compare=False)
    side: str
    period_kind: str
    period_start: dt.date
    period_end: dt.date
    due_date: dt.date | None
    recipient: User = field(compare=False)
    link: str
    report: SituationReport | None = field(default=None, compare=False)
    occurrence: str = ""

    @property
    def key(self) -> tuple:
        return (
            self.kind,
            self.area.pk,
            self.period_start,
            self.side,
            self.recipient.pk,
            self.occurrence,
        )

    @classmethod
    def about_report(
        cls, kind: str, report: SituationReport, recipient: User, occurrence: str
    ) -> "Reminder":
        """A notification about one shared report (review pending, or an event), linking to it."""
        return cls(
            kind=kind,
            area=report.area,
            side=report.side,
            period_kind=report.period_kind,
            period_start=report.period_start,
            period_end=report.period_end,
            due_date=None,
            recipient=recipient,
            link=report.get_absolute_url(),
            report=report,
            occurrence=occurrence,
        )

    def describe(self) -> str:
        """One line for `manage.py send_reminders`: kind, area, period, recipient."""
        period = (
            f"as needed, due {self.due_date}"
            if self.period_kind == AD_HOC
            else periods.Period(self.period_kind, self.period_start, self.period_end).key
        )
        return (
            f"{self.kind} · {self.area.name} · {period} · {self.side} · "
            f"{self.recipient.username} <{self.recipient.email}>"
        )


def side_members(area: CollaborationArea, side: str) -> list[User]:
    """Those who file the side's report: coordinators (city), community officers (police)."""
    role = AUTHOR_ROLES[side]
    return [u for u in area.members.all() if u.is_active and u.role == role]


def side_leaders(area: CollaborationArea, side: str) -> list[User]:
    """Who an overdue report escalates to: directors of the district, chiefs of the police area."""
    people = area.district.directors.all() if side == Side.CITY else area.police_area.chiefs.all()
    return [u for u in people if u.is_active]


def _last_shared(side: str) -> Subquery:
    """When `side` last shared a report in the area: one lookup on `report_area_shared`, so the
    sweep reads no more as history grows (a grouped MAX read every shared report ever)."""
    return Subquery(
        SituationReport.objects.shared()
        .filter(area=OuterRef("pk"), side=side, shared_at__isnull=False)
        .order_by("-shared_at")
        .values("shared_at")[:1]
    )


def _areas(today: dt.date):
    return (
        CollaborationArea.objects.valid_on(today)
        .annotate(
            last_city_shared=_last_shared(Side.CITY),
            last_police_shared=_last_shared(Side.POLICE),
        )
        .select_related("district", "police_area")
        .prefetch_related("members", "district__directors", "police_area__chiefs")
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class _Deadline:
    """When a side's report is due: a scheduled period, or the as-needed interval."""

    period_kind: str
    start: dt.date
    end: dt.date
    due: dt.date


def _scheduled_deadlines(area: CollaborationArea, today: dt.date) -> list[_Deadline]:
    """The period being filed now (for upcoming) and the latest period past due (for overdue
    and escalation), each only if the area owes it (`area.owes`, the rule the to-do and the
    dashboards follow)."""
    upcoming = area.next_due_period(today)
    past = area.period_containing(today)
    if today <= area.due_date(past):
        past = past.previous()
    return [
        _Deadline(p.cadence, p.start, p.end, area.due_date(p))
        for p in (past, upcoming)
        if area.owes(p)
    ]


def _as_needed_deadline(area: CollaborationArea, last_shared: dt.date | None) -> _Deadline:
    since = last_shared or area.valid_from
    due = periods.previous_working_day(since + dt.timedelta(days=area.max_days_between))
    return _Deadline(AD_HOC, due, due, due)


def _kinds_for(area: CollaborationArea, deadline: _Deadline, today: dt.date) -> list[str]:
    due = deadline.due
    if today <= due:
        if today >= due - dt.timedelta(days=area.remind_days_before):
            return [NotificationKind.UPCOMING]
        return []
    kinds = [NotificationKind.OVERDUE]
    if today > due + dt.timedelta(days=area.grace_days):
        kinds.append(NotificationKind.ESCALATION)
    return kinds


def _report_link(new_report: str, deadline: _Deadline) -> str:
    """Where a reminder leads its side: the report form for that exact period, which opens
    the side's existing report of the period when there is one."""
    if deadline.period_kind == AD_HOC:
        return new_report
    key = periods.Period(deadline.period_kind, deadline.start, deadline.end).key
    return f"{new_report}&period={key}"


def due_reminders(today: dt.date) -> list[Reminder]:
    """Every reminder due on `today` (a local date), from the database's state alone."""
    areas = list(_areas(today))
    # Ids, not instances: turning a thousand instances into ids costs Django half a second.
    reports = SituationReport.objects.filter(area__in=[area.pk for area in areas])
    scheduled = {
        area.pk: _scheduled_deadlines(area, today) for area in areas if not area.max_days_between
    }
    # Only the periods some area owes now: areas mostly share a schedule, so a few starts.
    shared_periods = set(
        reports.shared()
        .regular()
        .filter(period_start__in={d.start for found in scheduled.values() for d in found})
        .values_list("area_id", "side", "period_start")
    )
    last_shared = {
        (area.pk, side): timezone.localdate(last)
        for area in areas
        for side, last in (
            (Side.CITY, area.last_city_shared),
            (Side.POLICE, area.last_police_shared),
        )
        if last is not None
    }
    reminders: list[Reminder] = []
    report_new = reverse("report_new")
    for area in areas:
        new_report = f"{report_new}?area={area.slug}"
        for side in (Side.CITY, Side.POLICE):
            if area.max_days_between:
                deadlines = [_as_needed_deadline(area, last_shared.get((area.pk, side)))]
            else:
                deadlines = [
                    d for d in scheduled[area.pk] if (area.pk, side, d.start) not in shared_periods
                ]
            for deadline in deadlines:
                for kind in _kinds_for(area, deadline, today):
                    escalation = kind == NotificationKind.ESCALATION
                    people = side_leaders(area, side) if escalation else side_members(area, side)
                    for person in people:
                        reminders.append(
                            Reminder(
                                kind=kind,
                                area=area,
                                side=side,
                                period_kind=deadline.period_kind,
                                period_start=deadline.start,
                                period_end=deadline.end,
                                due_date=deadline.due,
                                recipient=person,
                                link=reverse("area_detail", args=[area.slug])
                                if escalation
                                else _report_link(new_report, deadline),
                            )
                        )
    reminders += _review_pending(areas, today)
    return reminders


def _review_pending(areas: list[CollaborationArea], today: dt.date) -> list[Reminder]:
    """Shared reports the other side has not acknowledged within the area's review days."""
    by_pk = {area.pk: area for area in areas}
    since = dt.datetime.combine(
        today - dt.timedelta(days=REVIEW_RELEVANT_DAYS),
        dt.time(),
        tzinfo=timezone.get_current_timezone(),
    )
    waiting = SituationReport.objects.filter(
        area__in=list(by_pk), status=ReportStatus.SHARED, shared_at__gte=since
    ).order_by("shared_at", "pk")
    reminders = []
    for report in waiting:
        area = by_pk[report.area_id]
        if timezone.localdate(report.shared_at) + dt.timedelta(days=area.review_days) >= today:
            continue
        report.area = area  # the prefetched area, members included
        reminders += [
            Reminder.about_report(
                NotificationKind.REVIEW_PENDING, report, person, f"report-{report.pk}"
            )
            for person in side_members(area, Side(report.side).other)
        ]
    return reminders


def claim(reminder: Reminder) -> tuple[Notification, bool]:
    """The reminder's one row, created now or found from an earlier run (or another worker).

    Every notification, reminder or report event, is claimed here. The unique constraint
    decides: when two sweeps insert at once, one insert wins and the other finds its row, so
    each notification exists, and is mailed, once.
    """
    return Notification.objects.get_or_create(
        kind=reminder.kind,
        area=reminder.area,
        period_start=reminder.period_start,
        side=reminder.side,
        recipient=reminder.recipient,
        occurrence=reminder.occurrence,
        defaults={
            "period_kind": reminder.period_kind,
            "period_end": reminder.period_end,
            "due_date": reminder.due_date,
            "report": reminder.report,
            "link": reminder.link,
        },
    )


def claim_all(due: list[Reminder]) -> list[tuple[Notification, bool]]:
    """`claim` for the whole sweep in a fixed number of queries, whatever the number of areas:
    (the row, whether this call made it) for each reminder, in order.

    The rows of these reminders' kinds, areas, periods and recipients are read at once (the
    unique constraint's index finds them: no more as the notifications pile up), the missing
    ones inserted in one statement that leaves a row another sweep inserted meanwhile alone,
    and all read again. The unique constraint still decides: each reminder has one row.
    """
    if not due:
        return []

    def rows() -> dict[tuple, Notification]:
        found = Notification.objects.filter(
            kind__in={r.kind for r in due},
            area__in={r.area.pk for r in due},
            period_start__in={r.period_start for r in due},
            recipient__in={r.recipient.pk for r in due},
        )
        return {
            (n.kind, n.area_id, n.period_start, n.side, n.recipient_id, n.occurrence): n
            for n in found
        }

    found = rows()
    missing = {r.key: r for r in due if r.key not in found}
    if missing:
        Notification.objects.bulk_create(
            [
                Notification(
                    kind=r.kind,
                    area=r.area,
                    period_start=r.period_start,
                    side=r.side,
                    recipient=r.recipient,
                    occurrence=r.occurrence,
                    period_kind=r.period_kind,
                    period_end=r.period_end,
                    due_date=r.due_date,
                    report=r.report,
                    link=r.link,
                )
                for r in missing.values()
            ],
            ignore_conflicts=True,
        )
        found = rows()
    return [(found[r.key], r.key in missing) for r in due]
