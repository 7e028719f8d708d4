from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, BarrierReport, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "side", "role", "is_active")
    list_filter = ("side", "role", "is_active", "is_staff")
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Tryggportal"), {"fields": ("side", "role", "language")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Tryggportal"), {"fields": ("side", "role", "language")}),
    )


# --- Audit log and public pages ---


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, also for administrators."""

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


@admin.register(BarrierReport)
class BarrierReportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "page", "email", "handled")
    list_filter = ("handled",)
    readonly_fields = ("created_at", "page", "description", "email")
