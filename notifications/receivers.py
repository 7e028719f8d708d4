"""Report events (reports.signals) become notifications, mailed from a task."""

from django.dispatch import receiver

from reports.signals import report_event

from .tasks import notify_report_event


@receiver(report_event, dispatch_uid="notifications.report_event")
def enqueue_report_event_notifications(
    sender, *, report_id: int, event: str, occurrence: str, actor_id: int, **kwargs
) -> None:
    notify_report_event.delay(report_id, event, occurrence, actor_id)
