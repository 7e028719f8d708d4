from django.contrib import admin

from tryggportal.lib.admin import ScopedAdmin

from .access import areas_visible_to
from .models import CollaborationArea, District, PoliceArea, Reorganisation


@admin.register(District)
class DistrictAdmin(ScopedAdmin):
    list_display = ("name", "code", "valid_from", "valid_to")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("directors", "predecessors")
    search_fields = ("name", "code")


@admin.register(PoliceArea)
class PoliceAreaAdmin(ScopedAdmin):
    list_display = ("name", "code", "valid_from", "valid_to")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("chiefs",)
    search_fields = ("name", "code")


@admin.register(CollaborationArea)
class CollaborationAreaAdmin(ScopedAdmin):
    scope = staticmethod(areas_visible_to)
    list_display = (
        "name", "district", "police_area", "cadence", "valid_from", "valid_to",
        "exchange_started_on",
    )  # fmt: skip
    list_filter = ("cadence", "police_area")
    list_select_related = ("district", "police_area")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("members", "predecessors")
    search_fields = ("name",)


@admin.register(Reorganisation)
class ReorganisationAdmin(ScopedAdmin):
    """A record of what `manage.py reorganise` applied; plans are applied only through it."""

    list_display = ("name", "effective_on", "applied_at")
    readonly_fields = ("name", "effective_on", "plan_text", "plan_hash", "summary", "applied_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
