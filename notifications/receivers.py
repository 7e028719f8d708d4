"""Report events and signed joint summaries (reports.signals) become notifications, mailed
from a task."""

from django.dispatch import receiver

from reports.signals import joint_summary_signed, report_event

from .tasks import notify_joint_summary_signed, notify_report_event


@receiver(report_event, dispatch_uid="notifications.report_event")
def enqueue_report_event_notifications(
    sender, *, report_id: int, event: str, occurrence: str, actor_id: int, **kwargs
) -> None:
    notify_report_event.delay(report_id, event, occurrence, actor_id)


@receiver(joint_summary_signed, dispatch_uid="notifications.joint_summary_signed")
def enqueue_joint_summary_notifications(
    sender, *, picture_id: int, side: str, occurrence: str, actor_id: int, **kwargs
) -> None:
    notify_joint_summary_signed.delay(picture_id, occurrence, actor_id)
