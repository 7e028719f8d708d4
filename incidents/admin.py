from django.contrib import admin

from tryggportal import access

from .models import Incident, Place


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
