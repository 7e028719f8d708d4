"""Celery tasks of situation_pictures: thin, taking plain values, calling a service of the same name."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from notifications.tasks import deliver_each

from . import services


@shared_task
def notify_situation_picture_due(date: str | None = None) -> int:
    """Daily (Celery beat): tell the development leads, once, that the next yearly situation
    picture is due; mail what is still unsent."""
    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    pending = services.situation_pictures_due_notify(today=today)
    deliver_each(pending)
    return len(pending)
