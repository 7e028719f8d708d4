from django.contrib import admin

from .models import CollaborationArea, District, PoliceArea


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "valid_from", "valid_to")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("directors",)
    search_fields = ("name", "code")


@admin.register(PoliceArea)
class PoliceAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "valid_from", "valid_to")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("chiefs",)
    search_fields = ("name", "code")


@admin.register(CollaborationArea)
class CollaborationAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "district", "police_area", "cadence", "valid_from", "valid_to")
    list_filter = ("cadence", "police_area")
    list_select_related = ("district", "police_area")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("members",)
    search_fields = ("name",)
