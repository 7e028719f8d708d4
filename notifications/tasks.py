"""Celery tasks of notifications: thin, taking ids, calling a service of the same name."""

import datetime as dt
import logging
import smtplib

from celery import shared_task
from celery.exceptions import Retry
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)


# What a mail server or the way to it can fail with; a task retries on these with backoff.
SMTP_ERRORS = (smtplib.SMTPException, OSError)


@shared_task(
    autoretry_for=SMTP_ERRORS,
    retry_backoff=60,
    retry_backoff_max=60 * 60,
    retry_jitter=True,
    max_retries=8,
)
def deliver_notification(notification_id: int) -> bool:
    """Mail one notification once; a retry after a failure sends it if it is still unsent."""
    return services.notification_deliver(notification_id=notification_id)


def deliver_each(notification_ids: list[int]) -> None:
    """One task per recipient, so one failing address or server hiccup stops no one else."""
    for notification_id in notification_ids:
        try:
            deliver_notification.delay(notification_id)
        except (*SMTP_ERRORS, Retry):
            # Only when tasks run eagerly (no broker), where a retry cannot wait: the next
            # sweep mails what is still unsent.
            logger.exception("Mailing notification %s failed", notification_id)


@shared_task
def send_reminders(date: str | None = None) -> int:
    """The daily sweep (Celery beat, 07:00 Europe/Stockholm): claim what is due, mail it."""
    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    results = services.reminders_sweep(today=today)
    pending = [notification.pk for _reminder, notification in results if not notification.sent_at]
    pending += services.unsent_event_notification_ids(now=timezone.now())
    deliver_each(pending)
    return len(pending)


@shared_task
def notify_report_event(report_id: int, event: str, occurrence: str, actor_id: int) -> int:
    """Tell the other side (or the author side) of a shared, revised or acknowledged report."""
    pending = services.report_event_notify(
        report_id=report_id, event=event, occurrence=occurrence, actor_id=actor_id
    )
    deliver_each(pending)
    return len(pending)


@shared_task
def notify_joint_summary_signed(picture_id: int, occurrence: str, actor_id: int) -> int:
    """Ask the other side to sign a joint summary one side has signed."""
    pending = services.joint_summary_signed_notify(
        picture_id=picture_id, occurrence=occurrence, actor_id=actor_id
    )
    deliver_each(pending)
    return len(pending)
