"""The admin of what needs every topic: the audit log, whose rows are scoped by the rules of
what they record (tryggportal/audit_log.py). Imported when the admin starts
(tryggportal/apps.py); the scoped admin's base classes are tryggportal/lib/admin.py."""

from django.contrib import admin

from accounts.models import AuditEvent
from tryggportal.lib.admin import ScopedAdmin

from .audit_log import audit_events_visible_to


@admin.register(AuditEvent)
class AuditEventAdmin(ScopedAdmin):
    """Read-only: the audit log is append-only, also for administrators. Its rows are those
    of /audit/ (`audit_events_visible_to`, through ScopedAdmin)."""

    scope = staticmethod(audit_events_visible_to)

    list_display = (
        "at",
        "username",
        "action",
        "object_type",
        "object_id",
        "object_label",
        "ip_address",
    )
    list_filter = ("action", "object_type")
    search_fields = ("username", "object_label", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
