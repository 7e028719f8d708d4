from django.contrib import admin

from tryggportal import access

from .models import (
    Agreement,
    Category,
    CitizenPromise,
    Incident,
    Measure,
    MeasureProgress,
    Notification,
    Place,
    SituationReport,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_sv", "name_en", "order", "active")
    list_editable = ("order", "active")


@admin.register(SituationReport)
class SituationReportAdmin(admin.ModelAdmin):
    list_display = ("area", "period_start", "side", "status", "level")
    list_filter = ("status", "side", "area")
    list_select_related = ("area",)
    date_hierarchy = "period_start"


# --- Places, incidents and measures ---


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "area", "kind", "unsafe")
    list_filter = ("area", "kind", "unsafe")
    list_select_related = ("area",)
    search_fields = ("name",)


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "area", "category", "severity", "reported_side", "visibility")
    list_filter = ("visibility", "reported_side", "area")
    list_select_related = ("area", "category")
    date_hierarchy = "occurred_at"
    raw_id_fields = ("place", "created_by")

    def get_queryset(self, request):
        # Police-only incidents stay police-only here too: a city administrator never sees them.
        return super().get_queryset(request) & access.incidents_visible_to(request.user)


class MeasureProgressInline(admin.TabularInline):
    model = MeasureProgress
    extra = 0
    raw_id_fields = ("recorded_by",)


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("title", "area", "owner_side", "status", "due_date", "target")
    list_filter = ("status", "owner_side", "area")
    list_select_related = ("area",)
    filter_horizontal = ("categories", "places")
    raw_id_fields = ("owner_user", "proposed_in", "created_by")
    inlines = [MeasureProgressInline]


class CitizenPromiseInline(admin.StackedInline):
    model = CitizenPromise
    extra = 0
    filter_horizontal = ("measures",)


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("title", "whole_city", "valid_from", "valid_to", "signed_on")
    filter_horizontal = ("areas", "categories")
    raw_id_fields = ("created_by",)
    inlines = [CitizenPromiseInline]


# --- Reminders and notifications ---


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: rows are the claims that keep each mail to one; editing them could resend."""

    list_display = ("kind", "area", "period_start", "side", "recipient", "created_at", "sent_at")
    list_filter = ("kind", "side", "area")
    list_select_related = ("area", "recipient")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
