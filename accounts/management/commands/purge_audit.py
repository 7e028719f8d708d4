from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import AuditEvent


class Command(BaseCommand):
    help = "Remove audit events older than AUDIT_RETENTION_DAYS (Celery beat runs it nightly)."

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.AUDIT_RETENTION_DAYS)
        removed = AuditEvent.objects.purge_older_than(cutoff)
        self.stdout.write(f"Removed {removed} audit events from before {cutoff:%Y-%m-%d %H:%M}.")
