from django.contrib import admin

from tryggportal.admin import ScopedAdmin

from .models import Category, LevelDefinition, SituationReport


@admin.register(Category)
class CategoryAdmin(ScopedAdmin):
    list_display = ("code", "name_sv", "name_en", "order", "active")
    list_editable = ("order", "active")


@admin.register(SituationReport)
class SituationReportAdmin(ScopedAdmin):
    list_display = ("area", "period_start", "side", "status", "level")
    list_filter = ("status", "side", "area")
    list_select_related = ("area",)
    date_hierarchy = "period_start"


@admin.register(LevelDefinition)
class LevelDefinitionAdmin(ScopedAdmin):
    list_display = ("level", "text_sv", "text_en")
