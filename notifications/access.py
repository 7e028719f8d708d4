"""Everyone sees only their own notifications; another user's is a 404, like anything
unreachable."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from notifications.models import Notification
from reports.access import reports_visible_to


def notifications_visible_to(user: User) -> QuerySet:
    return Notification.objects.filter(recipient=user)


def get_notification_for_user(user: User, pk: int):
    return get_object_or_404(notifications_visible_to(user), pk=pk)


def notifications_about_visible_reports(user: User) -> QuerySet:
    """Everyone's notifications as far as the user may see what they name (the admin's scope):
    a notification names its area and, for report events, the report (a draft's reminder names
    the draft), so it is shown where the report is."""
    return Notification.objects.filter(
        Q(report__isnull=True) | Q(report__in=reports_visible_to(user).values("pk"))
    )
