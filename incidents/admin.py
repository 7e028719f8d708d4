from django.contrib import admin

from tryggportal.lib.admin import ScopedAdmin

from .access import incidents_visible_to, places_visible_to
from .models import Incident, Place


@admin.register(Place)
class PlaceAdmin(ScopedAdmin):
    scope = staticmethod(places_visible_to)
    list_display = ("name", "area", "kind", "unsafe")
    list_filter = ("area", "kind", "unsafe")
    list_select_related = ("area",)
    search_fields = ("name",)


@admin.register(Incident)
class IncidentAdmin(ScopedAdmin):
    scope = staticmethod(incidents_visible_to)
    list_display = ("occurred_at", "area", "category", "severity", "reported_side", "visibility")
    list_filter = ("visibility", "reported_side", "area")
    list_select_related = ("area", "category")
    date_hierarchy = "occurred_at"
    # Police-only incidents stay police-only here too (ScopedAdmin): a city administrator
    # never sees them.
    raw_id_fields = ("place", "created_by")
