"""Helpers for the reminder tests: sweeping at a moment, sharing a report on a day."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from districts.models import CollaborationArea
from notifications import tasks
from notifications.models import Notification
from reports import services as report_services

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(year, month, day, hour=7, minute=0) -> dt.datetime:
    """A moment on Stockholm's clock (summer or winter time as it was that day)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def sweep_at(moment: dt.datetime) -> int:
    """Run the daily task (eagerly) as Celery beat would at that moment."""
    with time_machine.travel(moment, tick=False):
        return tasks.send_reminders.delay().get()


def share_report(author, *, area="angered", day: dt.date, at: dt.datetime):
    """A report for the period containing `day`, filed and shared at the moment `at`."""
    area = CollaborationArea.objects.get(slug=area)
    with time_machine.travel(at, tick=False):
        report = report_services.report_create(
            area=area,
            actor=author,
            period=area.period_containing(day),
            fields={
                "level": 2,
                "trend": "unchanged",
                "summary": "Lugnt vid torget.",
                "places_text": "",
                "theme_notes": "",
            },
            assessments={},
        )
        return report_services.report_share(report=report, actor=author)


def sent(kind=None, area=None) -> list[tuple[str, str, str]]:
    """(kind, area slug, recipient username) of every notification, sorted."""
    rows = Notification.objects.all()
    if kind:
        rows = rows.filter(kind=kind)
    if area:
        rows = rows.filter(area__slug=area)
    return sorted(rows.values_list("kind", "area__slug", "recipient__username"))


def caught_up(users, day: dt.date, areas=("angered", "ostra-goteborg", "centrum")) -> None:
    """Both sides' reports for the period containing `day`, shared and acknowledged, so that
    the only reminders a test sees are for the period it is about."""
    from accounts.models import Side
    from reports.models import ReportStatus, SituationReport

    authors = {Side.CITY: users["samordnare-angered"], Side.POLICE: users["kommunpolis-nordost"]}
    moment = dt.datetime.combine(day, dt.time(12), tzinfo=STOCKHOLM)
    for area in CollaborationArea.objects.filter(slug__in=areas):
        period = area.period_containing(day)
        for side, author in authors.items():
            SituationReport.objects.create(
                area=area,
                side=side,
                period_kind=period.cadence,
                period_start=period.start,
                period_end=period.end,
                status=ReportStatus.ACKNOWLEDGED,
                level=2,
                trend="unchanged",
                summary="Som vanligt.",
                created_by=author,
                updated_by=author,
                shared_at=moment,
                acknowledged_at=moment,
            )
