"""Reminders and notifications.

Owns the notifications a person gets (in the portal and by e-mail, each exactly once), the
daily reminder sweep (due soon, overdue, escalation, review pending), the Celery tasks that
mail them, `manage.py send_reminders`, and /notifications/. Report events (shared, revised,
acknowledged) reach it through the `reports.signals.report_event` signal, since reports sit
below notifications and never import them.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the report-event receiver)
