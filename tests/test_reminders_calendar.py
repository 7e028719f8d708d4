"""Reminders on the calendar's awkward days: summer time starting and ending, holidays."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.cache import cache

from districts.models import Cadence, CollaborationArea
from notifications.models import Notification
from tests.reminder_helpers import caught_up, local, sent, sweep_at
from tryggportal.celery import app

UTC = dt.UTC


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


# --- Summer time starts: Sunday 29 March 2026, 02:00 CET → 03:00 CEST ---------------------
# Week 13 (23–29 March) is due Friday 27 March; 3 grace days end Monday 30 March.


def test_sweep_on_the_morning_summer_time_starts_reminds_once(users):
    caught_up(users, dt.date(2026, 3, 18))
    sweep_at(dt.datetime(2026, 3, 29, 5, 0, tzinfo=UTC))  # 07:00 CEST
    sweep_at(dt.datetime(2026, 3, 29, 6, 0, tzinfo=UTC))  # 07:00 had it been winter time

    assert sent("overdue", area="angered") == [
        ("overdue", "angered", "kommunpolis-nordost"),
        ("overdue", "angered", "samordnare-angered"),
    ]
    assert (
        len([m for m in mail.outbox if m.to == ["samordnare-angered@demo.tryggportal.invalid"]])
        == 1
    )


def test_escalation_starts_at_stockholm_midnight_in_summer_time(users):
    caught_up(users, dt.date(2026, 3, 18))
    sweep_at(dt.datetime(2026, 3, 30, 21, 30, tzinfo=UTC))  # 23:30 CEST on Monday 30 March
    assert sent("escalation") == []

    sweep_at(dt.datetime(2026, 3, 30, 22, 30, tzinfo=UTC))  # 00:30 CEST on Tuesday 31 March

    assert ("escalation", "angered", "direktor-angered") in sent()


# --- Summer time ends: Sunday 25 October 2026, 03:00 CEST → 02:00 CET ----------------------
# Week 43 (19–25 October) is due Friday 23 October; 3 grace days end Monday 26 October.


def test_sweep_on_the_morning_summer_time_ends_reminds_once(users):
    caught_up(users, dt.date(2026, 10, 14))
    sweep_at(dt.datetime(2026, 10, 25, 5, 0, tzinfo=UTC))  # 06:00 CET, the hour repeated
    sweep_at(dt.datetime(2026, 10, 25, 6, 0, tzinfo=UTC))  # 07:00 CET

    assert sent("overdue", area="angered") == [
        ("overdue", "angered", "kommunpolis-nordost"),
        ("overdue", "angered", "samordnare-angered"),
    ]
    assert set(Notification.objects.values_list("period_start", flat=True)) == {
        dt.date(2026, 10, 19)
    }


def test_escalation_starts_at_stockholm_midnight_in_winter_time(users):
    caught_up(users, dt.date(2026, 10, 14))
    sweep_at(dt.datetime(2026, 10, 26, 22, 30, tzinfo=UTC))  # 23:30 CET on Monday 26 October
    assert sent("escalation") == []

    sweep_at(dt.datetime(2026, 10, 26, 23, 30, tzinfo=UTC))  # 00:30 CET on Tuesday 27 October

    assert ("escalation", "angered", "polischef-nordost") in sent()


def test_beat_runs_the_sweep_at_seven_stockholm_time_in_winter_and_summer():
    entry = settings.CELERY_BEAT_SCHEDULE["send-reminders"]
    assert entry["task"] == "notifications.tasks.send_reminders"
    schedule = entry["schedule"]
    schedule.app = app
    assert str(app.timezone) == "Europe/Stockholm"
    # Last run Saturday 28 March 07:00 CET (06:00 UTC); next 07:00 is CEST (05:00 UTC).
    last = dt.datetime(2026, 3, 28, 6, 0, tzinfo=UTC)
    with time_machine.travel(dt.datetime(2026, 3, 29, 4, 59, tzinfo=UTC), tick=False):
        assert not schedule.is_due(last).is_due
    with time_machine.travel(dt.datetime(2026, 3, 29, 5, 0, 30, tzinfo=UTC), tick=False):
        assert schedule.is_due(last).is_due
    # And back: last run Saturday 24 October 07:00 CEST (05:00 UTC); next is 06:00 UTC.
    last = dt.datetime(2026, 10, 24, 5, 0, tzinfo=UTC)
    with time_machine.travel(dt.datetime(2026, 10, 25, 5, 59, tzinfo=UTC), tick=False):
        assert not schedule.is_due(last).is_due
    with time_machine.travel(dt.datetime(2026, 10, 25, 6, 0, 30, tzinfo=UTC), tick=False):
        assert schedule.is_due(last).is_due


# --- Holidays move the due day back to the previous working day ---------------------------


def test_midsommarafton_moves_a_friday_due_day_to_thursday(users):
    # Week 25: Friday 19 June 2026 is midsommarafton, so the report is due Thursday 18 June.
    caught_up(users, dt.date(2026, 6, 10))
    sweep_at(local(2026, 6, 15))
    assert sent(area="angered") == []

    sweep_at(local(2026, 6, 16))
    upcoming = Notification.objects.get(kind="upcoming", recipient__username="samordnare-angered")
    assert upcoming.due_date == dt.date(2026, 6, 18)
    mailed = next(m for m in mail.outbox if m.to == ["samordnare-angered@demo.tryggportal.invalid"])
    assert "18 juni 2026" in mailed.body

    sweep_at(local(2026, 6, 19))  # midsommarafton itself: already overdue
    assert ("overdue", "angered", "samordnare-angered") in sent()


def test_julafton_moves_a_monthly_due_day_to_the_23rd(users):
    area = CollaborationArea.objects.get(slug="angered")
    area.cadence = Cadence.MONTHLY
    area.due_day_of_month = 24
    area.save()
    caught_up(users, dt.date(2026, 11, 10), areas=["angered"])
    caught_up(users, dt.date(2026, 12, 10), areas=["ostra-goteborg", "centrum"])

    sweep_at(local(2026, 12, 20))
    assert sent(area="angered") == []
    sweep_at(local(2026, 12, 21))  # due Wednesday 23 December, two days before
    assert sent(area="angered") == [
        ("upcoming", "angered", "kommunpolis-nordost"),
        ("upcoming", "angered", "samordnare-angered"),
    ]
    sweep_at(local(2026, 12, 23))
    sweep_at(local(2026, 12, 24))  # julafton: overdue

    rows = Notification.objects.filter(area=area, recipient__username="samordnare-angered")
    assert sorted(rows.values_list("kind", "due_date")) == [
        ("overdue", dt.date(2026, 12, 23)),
        ("upcoming", dt.date(2026, 12, 23)),
    ]
    mailed = [m for m in mail.outbox if m.to == ["samordnare-angered@demo.tryggportal.invalid"]]
    assert [m.subject for m in mailed] == [
        "Tryggportal: Lägesbild ska delas snart – Angered",
        "Tryggportal: Lägesbild försenad – Angered",
    ]
    assert "december 2026" in mailed[0].body
