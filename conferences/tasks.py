"""Celery tasks of conferences: thin, taking plain values, calling a service of the same name."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from notifications.tasks import deliver_each

from . import services


@shared_task
def notify_undecided_priorities(date: str | None = None) -> int:
    """Daily (Celery beat): tell the development leads of priorities past their decision date
    still undecided, once each; mail what is still unsent."""
    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    pending = services.priorities_undecided_notify(today=today)
    deliver_each(pending)
    return len(pending)
