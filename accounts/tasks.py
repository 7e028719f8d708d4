"""Celery tasks of the accounts app."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .models import AuditEvent


@shared_task
def purge_audit() -> int:
    """Retention: the daily beat run of `manage.py purge_audit` (the same rule)."""
    cutoff = timezone.now() - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    return AuditEvent.objects.purge_older_than(cutoff)
