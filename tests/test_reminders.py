"""The daily sweep, kind by kind, with the clock moved to the days that matter."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache

from districts.models import CollaborationArea
from notifications.models import Notification
from tests.reminder_helpers import caught_up, local, sent, share_report, sweep_at

# Angered and Östra Göteborg exchange weekly, due Friday; week 47 of 2026 is due Fri 20 Nov.
# The officer works in both areas; the coordinator in Angered; the director leads Angered,
# the chief LPO Nordost (Angered and Östra Göteborg).


@pytest.fixture(autouse=True)
def _week_46_done(users):
    """Week 46 was exchanged in full, so earlier weeks remind no one."""
    cache.clear()
    caught_up(users, dt.date(2026, 11, 11))


def test_nothing_is_due_before_the_reminder_days(users):
    assert sweep_at(local(2026, 11, 17)) == 0
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_upcoming_reminds_both_sides_members_from_two_days_before_due(users, settings):
    sweep_at(local(2026, 11, 18))

    assert sent() == [
        ("upcoming", "angered", "kommunpolis-nordost"),
        ("upcoming", "angered", "samordnare-angered"),
        ("upcoming", "centrum", "samordnare-centrum"),
        ("upcoming", "ostra-goteborg", "kommunpolis-nordost"),
    ]
    to_coordinator = next(
        m for m in mail.outbox if m.to == ["samordnare-angered@demo.tryggportal.invalid"]
    )
    assert to_coordinator.subject == "Tryggportal: Lägesbild ska delas snart – Angered"
    assert "v. 47 2026" in to_coordinator.body
    assert "20 november 2026" in to_coordinator.body
    assert f"{settings.SITE_URL}/reports/new/?area=angered" in to_coordinator.body
    html, _mime = to_coordinator.alternatives[0]
    assert 'href="http://' in html or 'href="https://' in html


def test_a_side_that_has_shared_gets_no_reminder(coordinator, officer):
    share_report(coordinator, day=dt.date(2026, 11, 18), at=local(2026, 11, 17, 15))

    sweep_at(local(2026, 11, 19))

    assert ("upcoming", "angered", "samordnare-angered") not in sent()
    assert ("upcoming", "angered", "kommunpolis-nordost") in sent()


def test_overdue_after_the_due_day_to_the_same_people(users):
    sweep_at(local(2026, 11, 21))

    assert sent() == [
        ("overdue", "angered", "kommunpolis-nordost"),
        ("overdue", "angered", "samordnare-angered"),
        ("overdue", "centrum", "samordnare-centrum"),
        ("overdue", "ostra-goteborg", "kommunpolis-nordost"),
    ]
    assert {m.subject for m in mail.outbox} == {
        "Tryggportal: Lägesbild försenad – Angered",
        "Tryggportal: Lägesbild försenad – Centrum",
        "Tryggportal: Lägesbild försenad – Östra Göteborg",
    }


def test_escalation_after_the_grace_days_to_director_and_police_chief(users):
    sweep_at(local(2026, 11, 23))  # due Fri 20 + 3 grace days: not yet
    assert sent("escalation") == []

    sweep_at(local(2026, 11, 24))

    assert sent("escalation") == [
        ("escalation", "angered", "direktor-angered"),
        ("escalation", "angered", "polischef-nordost"),
        ("escalation", "ostra-goteborg", "polischef-nordost"),
    ]
    escalation = Notification.objects.get(kind="escalation", recipient__username="direktor-angered")
    assert escalation.link == "/areas/angered/"


def test_escalation_goes_only_to_the_side_that_has_not_shared(coordinator, officer):
    share_report(coordinator, day=dt.date(2026, 11, 18), at=local(2026, 11, 20, 9))

    sweep_at(local(2026, 11, 24))

    assert ("escalation", "angered", "direktor-angered") not in sent()
    assert ("escalation", "angered", "polischef-nordost") in sent()


def test_after_days_of_downtime_one_overdue_reminder_per_period_not_one_per_day(users):
    sweep_at(local(2026, 11, 18))
    # The worker was down from Thursday until the next Thursday.
    sweep_at(local(2026, 11, 26))
    sweep_at(local(2026, 11, 27))

    coordinator_rows = list(
        Notification.objects.filter(recipient__username="samordnare-angered", area__slug="angered")
        .order_by("created_at", "pk")  # one sweep writes several rows at one instant
        .values_list("kind", "period_start")
    )
    assert coordinator_rows == [
        ("upcoming", dt.date(2026, 11, 16)),
        ("overdue", dt.date(2026, 11, 16)),
        ("upcoming", dt.date(2026, 11, 23)),  # week 48, due Fri 27 Nov
    ]
    assert len([m for m in mail.outbox if "samordnare-angered" in m.to[0]]) == 3


def test_review_pending_when_the_other_side_has_not_acknowledged_in_time(coordinator, officer):
    report = share_report(coordinator, day=dt.date(2026, 11, 18), at=local(2026, 11, 16, 14))

    sweep_at(local(2026, 11, 19))  # shared Monday + 3 review days = Thursday: still in time
    assert sent("review_pending") == []

    sweep_at(local(2026, 11, 20))

    assert sent("review_pending") == [("review_pending", "angered", "kommunpolis-nordost")]
    notification = Notification.objects.get(kind="review_pending")
    assert notification.report == report
    assert notification.link == f"/reports/{report.pk}/"
    mailed = [m for m in mail.outbox if m.subject.startswith("Tryggportal: Delad lägesbild")]
    assert [m.to for m in mailed] == [["kommunpolis-nordost@demo.tryggportal.invalid"]]


def test_acknowledged_report_is_no_longer_pending(coordinator, officer):
    from reports import services as report_services

    report = share_report(coordinator, day=dt.date(2026, 11, 18), at=local(2026, 11, 16, 14))
    report_services.report_acknowledge(
        report=report, actor=officer, comment="Ok.", view_differs=False
    )

    sweep_at(local(2026, 11, 20))

    assert sent("review_pending") == []


def test_as_needed_area_is_overdue_when_the_last_shared_report_is_too_old(users, officer):
    area = CollaborationArea.objects.get(slug="angered")
    area.max_days_between = 14
    area.save()
    # Both sides last shared on Wed 11 Nov: the next reports are due Wed 25 Nov. The police
    # share again on 18 Nov, so theirs is next due 2 Dec.
    share_report(officer, day=dt.date(2026, 11, 18), at=local(2026, 11, 18, 10))

    sweep_at(local(2026, 11, 22))
    assert sent("upcoming") == []
    sweep_at(local(2026, 11, 23))
    assert sent("upcoming") == [("upcoming", "angered", "samordnare-angered")]
    sweep_at(local(2026, 11, 26))
    assert ("overdue", "angered", "samordnare-angered") in sent()
    assert sent("escalation", area="angered") == []
    for day in (27, 28, 29, 30):
        sweep_at(local(2026, 11, day))

    city = Notification.objects.filter(area__slug="angered", side="city")
    assert sorted(city.values_list("kind", "recipient__username")) == [
        ("escalation", "direktor-angered"),
        ("overdue", "samordnare-angered"),
        ("upcoming", "samordnare-angered"),
    ]
    assert set(city.values_list("due_date", flat=True)) == {dt.date(2026, 11, 25)}
    police = Notification.objects.filter(area__slug="angered", side="police").exclude(
        kind="review_pending"
    )
    assert list(police.values_list("kind", "due_date")) == [("upcoming", dt.date(2026, 12, 2))]


def test_sharing_after_an_overdue_as_needed_reminder_starts_a_new_interval(users, coordinator):
    area = CollaborationArea.objects.get(slug="angered")
    area.max_days_between = 14
    area.save()
    sweep_at(local(2026, 11, 26))
    share_report(coordinator, day=dt.date(2026, 11, 26), at=local(2026, 11, 26, 10))

    sweep_at(local(2026, 11, 27))
    sweep_at(local(2026, 12, 8))

    city = Notification.objects.filter(
        area__slug="angered", side="city", kind__in=["upcoming", "overdue"]
    ).order_by("created_at", "pk")
    assert list(city.values_list("kind", "due_date")) == [
        ("overdue", dt.date(2026, 11, 25)),
        ("upcoming", dt.date(2026, 12, 10)),
    ]


def test_an_unacknowledged_extraordinary_report_is_named_by_its_date(coordinator, officer):
    from reports import services as report_services

    area = CollaborationArea.objects.get(slug="angered")
    with time_machine.travel(local(2026, 11, 12, 22), tick=False):
        report = report_services.report_create(
            area=area,
            actor=coordinator,
            period=None,
            event_date=dt.date(2026, 11, 12),
            fields={
                "level": 3,
                "trend": "worse",
                "summary": "Skottlossning vid torget.",
                "places_text": "",
                "theme_notes": "",
            },
            assessments={},
        )
        report_services.report_share(report=report, actor=coordinator)

    sweep_at(local(2026, 11, 16))

    notification = Notification.objects.get(kind="review_pending")
    assert notification.report == report
    assert "extraordinär händelse 2026-11-12" in notification.message


def test_a_report_left_unacknowledged_for_months_is_history_not_a_pending_review(
    coordinator, officer
):
    share_report(coordinator, day=dt.date(2026, 9, 16), at=local(2026, 9, 16, 14))

    sweep_at(local(2026, 11, 18))

    assert sent("review_pending") == []


@pytest.mark.parametrize("weeks", [1, 12])
def test_computing_whats_due_runs_a_fixed_number_of_queries(
    users, weeks, django_assert_num_queries
):
    from notifications import reminders

    for week in range(weeks):
        caught_up(users, dt.date(2026, 11, 4) - dt.timedelta(weeks=week))

    with django_assert_num_queries(6):
        due = reminders.due_reminders(dt.date(2026, 11, 24))

    assert {r.kind for r in due} == {"overdue", "escalation"}


def test_no_overdue_reminder_for_a_period_due_before_the_exchange_started(users):
    """Launch day: an area whose exchange starts on Sat 21 Nov owes nothing for week 47 (due
    Fri 20 Nov), so the first sweep reminds no one of it; Centrum, started long ago, does."""
    CollaborationArea.objects.exclude(slug="centrum").update(
        exchange_started_on=dt.date(2026, 11, 21)
    )
    sweep_at(local(2026, 11, 21))
    assert sent() == [("overdue", "centrum", "samordnare-centrum")]
