"""Each reminder and event notification is mailed exactly once, whatever fails or repeats."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.locmem import EmailBackend

from notifications import services, tasks
from notifications.models import Notification
from reports import services as report_services
from tests.reminder_helpers import caught_up, local, share_report, sweep_at

WEDNESDAY = local(2026, 11, 18)  # week 47 due Friday 20 November: upcoming reminders
COORDINATOR = "samordnare-angered@demo.tryggportal.invalid"
OFFICER = "kommunpolis-nordost@demo.tryggportal.invalid"


class RefusingBackend(EmailBackend):
    """The locmem backend, but the server refuses the addresses in `refused` (and counts)."""

    refused: set[str] = set()
    failures_left: int | None = None  # refuse only this many times, then accept
    attempts = 0

    def send_messages(self, messages):
        for message in messages:
            type(self).attempts += 1
            if set(message.to) & self.refused and self.failures_left != 0:
                if self.failures_left is not None:
                    type(self).failures_left -= 1
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(messages)


@pytest.fixture
def refusing(settings):
    settings.EMAIL_BACKEND = "tests.test_reminders_delivery.RefusingBackend"
    RefusingBackend.refused, RefusingBackend.failures_left, RefusingBackend.attempts = (
        set(),
        None,
        0,
    )
    return RefusingBackend


@pytest.fixture(autouse=True)
def _week_46_done(users):
    cache.clear()
    caught_up(users, dt.date(2026, 11, 11))


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_running_the_sweep_twice_sends_each_reminder_once():
    first = sweep_at(WEDNESDAY)
    second = sweep_at(local(2026, 11, 18, 9))

    assert first == 4  # coordinators of Angered and Centrum, the officer twice (two areas)
    assert second == 0
    assert len(mail.outbox) == 4
    assert Notification.objects.count() == 4
    assert Notification.objects.unsent().count() == 0


def test_a_sweep_that_died_before_mailing_is_completed_by_the_next_one():
    # The first run claimed every reminder, mailed one, and died.
    claimed = services.reminders_sweep(today=dt.date(2026, 11, 18))
    services.notification_deliver(notification_id=claimed[0][1].pk)
    assert len(mail.outbox) == 1

    sweep_at(local(2026, 11, 18, 8))

    assert len(mail.outbox) == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(n.recipient.email for _r, n in claimed)
    assert Notification.objects.unsent().count() == 0


def test_one_refused_recipient_does_not_stop_the_others_and_is_sent_later(refusing):
    refusing.refused = {COORDINATOR}

    sweep_at(WEDNESDAY)

    assert _to(COORDINATOR) == []
    assert len(_to(OFFICER)) == 2
    unsent = Notification.objects.unsent()
    assert list(unsent.values_list("recipient__username", flat=True)) == ["samordnare-angered"]
    assert unsent.get().sending_since is None  # the hold was released for a retry

    refusing.refused = set()
    sweep_at(local(2026, 11, 19))

    assert len(_to(COORDINATOR)) == 1
    assert len(_to(OFFICER)) == 2
    assert Notification.objects.unsent().count() == 0


def test_the_task_retries_an_smtp_error_and_sends_once(refusing, monkeypatch):
    from tryggportal.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    refusing.refused, refusing.failures_left = {COORDINATOR}, 2
    claimed = services.reminders_sweep(today=dt.date(2026, 11, 18))
    notification = next(n for _r, n in claimed if n.recipient.email == COORDINATOR)

    # apply() runs the task here and, unlike delay() in eager mode, follows its retries.
    tasks.deliver_notification.apply(args=[notification.pk], throw=False)

    assert len(_to(COORDINATOR)) == 1
    assert refusing.attempts == 3  # two refusals, then accepted
    notification.refresh_from_db()
    assert notification.sent_at is not None


def test_delivery_retries_with_exponential_backoff_on_smtp_errors():
    task = tasks.deliver_notification
    assert smtplib.SMTPException in task.autoretry_for
    assert OSError in task.autoretry_for
    assert task.retry_backoff and task.max_retries


def test_a_retried_delivery_of_a_sent_notification_sends_nothing():
    sweep_at(WEDNESDAY)
    notification = Notification.objects.first()

    assert tasks.deliver_notification.delay(notification.pk).get() is False
    assert services.notification_deliver(notification_id=notification.pk) is False
    assert len(mail.outbox) == 4


def test_a_notification_held_by_another_sender_is_not_mailed_twice():
    claimed = services.reminders_sweep(today=dt.date(2026, 11, 18))
    held = claimed[0][1]
    Notification.objects.filter(pk=held.pk).update(sending_since=dt.datetime.now(dt.UTC))

    assert services.notification_deliver(notification_id=held.pk) is False
    assert mail.outbox == []


def test_a_hold_left_by_a_dead_sender_is_taken_over_after_the_lease():
    claimed = services.reminders_sweep(today=dt.date(2026, 11, 18))
    held = claimed[0][1]
    long_ago = dt.datetime.now(dt.UTC) - services.NOTIFICATION_SEND_LEASE - dt.timedelta(minutes=1)
    Notification.objects.filter(pk=held.pk).update(sending_since=long_ago)

    assert services.notification_deliver(notification_id=held.pk) is True
    assert len(mail.outbox) == 1


def test_email_is_in_the_recipients_language(users, settings):
    officer = users["kommunpolis-nordost"]
    officer.language = "en"
    officer.save()

    sweep_at(WEDNESDAY)

    english = _to(OFFICER)[0]
    assert english.subject in {
        "Tryggportal: Report due soon – Angered",
        "Tryggportal: Report due soon – Östra Göteborg",
    }
    assert "has not been shared yet" in english.body
    assert _to(COORDINATOR)[0].subject == "Tryggportal: Lägesbild ska delas snart – Angered"


# --- Events: told at once, once --------------------------------------------------------------


def test_sharing_tells_the_other_side_at_once(
    coordinator, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = share_report(coordinator, day=dt.date(2026, 11, 18), at=local(2026, 11, 18, 10))

    assert [m.to for m in mail.outbox] == [[OFFICER]]
    assert mail.outbox[0].subject == "Tryggportal: Lägesbild delad – Angered"
    assert f"/reports/{report.pk}/" in mail.outbox[0].body
    notification = Notification.objects.get()
    assert (notification.kind, notification.recipient, notification.report) == (
        "shared",
        officer,
        report,
    )


def test_each_revision_after_sharing_is_told_once(
    coordinator, officer, django_capture_on_commit_callbacks
):
    report = share_report(coordinator, day=dt.date(2026, 11, 18), at=local(2026, 11, 18, 10))
    for summary in ("Oroligt vid torget.", "Lugnare igen."):
        with django_capture_on_commit_callbacks(execute=True):
            report = report_services.report_update(
                report=report,
                actor=coordinator,
                expected_version=report.version,
                fields={"summary": summary},
                assessments={},
            )

    revised = Notification.objects.filter(kind="revised", recipient=officer)
    assert revised.count() == 2
    assert [m.subject for m in mail.outbox] == [
        "Tryggportal: Delad lägesbild reviderad – Angered"
    ] * 2


def test_acknowledging_tells_the_author_side(
    coordinator, officer, django_capture_on_commit_callbacks
):
    report = share_report(coordinator, day=dt.date(2026, 11, 18), at=local(2026, 11, 18, 10))
    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_acknowledge(
            report=report, actor=officer, comment="Ok.", view_differs=False
        )

    assert [m.to for m in mail.outbox] == [[COORDINATOR]]
    assert mail.outbox[0].subject == "Tryggportal: Lägesbild kvitterad – Angered"
    assert Notification.objects.get().kind == "acknowledged"


def test_an_event_task_run_twice_tells_once(coordinator, officer):
    report = share_report(coordinator, day=dt.date(2026, 11, 18), at=local(2026, 11, 18, 10))
    for _attempt in range(2):
        tasks.notify_report_event.delay(report.pk, "shared", f"report-{report.pk}", coordinator.pk)

    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_nothing_is_told_when_the_share_is_rolled_back(
    coordinator, officer, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                share_report(coordinator, day=dt.date(2026, 11, 18), at=local(2026, 11, 18, 10))
                raise RuntimeError("the request failed after sharing")
        except RuntimeError:
            pass

    assert callbacks == []
    assert mail.outbox == []
    assert Notification.objects.count() == 0
