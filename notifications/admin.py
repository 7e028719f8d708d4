from django.contrib import admin

from tryggportal.lib.admin import ScopedAdmin

from .access import notifications_about_visible_reports
from .models import Notification


@admin.register(Notification)
class NotificationAdmin(ScopedAdmin):
    """Read-only: rows are the claims that keep each mail to one; editing them could resend."""

    scope = staticmethod(notifications_about_visible_reports)

    list_display = ("kind", "area", "period_start", "side", "recipient", "created_at", "sent_at")
    list_filter = ("kind", "side", "area")
    list_select_related = ("area", "recipient")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
