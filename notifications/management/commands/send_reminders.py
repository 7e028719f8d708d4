"""`manage.py send_reminders [--dry-run] [--date YYYY-MM-DD]`: the daily sweep, here and now.

The same sweep Celery beat runs each morning, run synchronously: it prints each reminder
(kind, area, period, recipient) and whether it was sent now, already sent, or (with
--dry-run) would be sent. --dry-run writes nothing and mails nothing.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications import reminders, services
from notifications.models import Notification
from notifications.tasks import SMTP_ERRORS


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date wants YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = "Send the reminders due today (or on --date), each once."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print, change nothing.")
        parser.add_argument("--date", type=_date, help="Sweep as if it were this day.")

    def handle(self, *args, dry_run=False, date=None, **options):
        today = date or timezone.localdate()
        if dry_run:
            self._dry_run(today)
            return
        results = services.reminders_sweep(today=today)
        # Every one still unsent is mailed in one go: a fixed number of queries per run.
        outcome = services.notifications_deliver(
            notification_ids=[n.pk for _reminder, n in results if not n.sent_at]
        )
        sent = failed = 0
        told = set()
        for reminder, notification in results:
            if notification.sent_at:
                self.stdout.write(f"already sent: {reminder.describe()}")
                continue
            result = False if notification.pk in told else outcome[notification.pk]
            told.add(notification.pk)
            if isinstance(result, SMTP_ERRORS):
                failed += 1
                self.stderr.write(f"failed ({result}): {reminder.describe()}")
                continue
            if isinstance(result, Exception):
                raise result
            sent += result
            label = "sent" if result else "sent or being sent by another run"
            self.stdout.write(f"{label}: {reminder.describe()}")
        self.stdout.write(f"{today}: {sent} sent, {failed} failed.")

    def _dry_run(self, today: dt.date) -> None:
        due = reminders.due_reminders(today)
        sent = set(
            Notification.objects.filter(
                sent_at__isnull=False, period_start__in={r.period_start for r in due}
            ).values_list("kind", "area_id", "period_start", "side", "recipient_id", "occurrence")
        )
        would = 0
        for reminder in due:
            if reminder.key in sent:
                self.stdout.write(f"already sent: {reminder.describe()}")
            else:
                would += 1
                self.stdout.write(f"would send: {reminder.describe()}")
        self.stdout.write(f"{today}: {would} would be sent (dry run, nothing changed).")
