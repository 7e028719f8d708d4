from django.contrib import admin

from tryggportal.lib.admin import ScopedAdmin

from .access import (
    assessments_visible_to,
    joint_pictures_visible_to,
    reports_visible_to,
    revisions_visible_to,
)
from .models import (
    Category,
    CategoryAssessment,
    JointPicture,
    LevelDefinition,
    ReportRevision,
    SituationReport,
)


@admin.register(Category)
class CategoryAdmin(ScopedAdmin):
    list_display = ("code", "name_sv", "name_en", "order", "active")
    list_editable = ("order", "active")


@admin.register(SituationReport)
class SituationReportAdmin(ScopedAdmin):
    scope = staticmethod(reports_visible_to)
    other_scopes = {
        CategoryAssessment: assessments_visible_to,
        ReportRevision: revisions_visible_to,
    }
    list_display = ("area", "period_start", "side", "status", "level")
    list_filter = ("status", "side", "area")
    list_select_related = ("area",)
    date_hierarchy = "period_start"


@admin.register(LevelDefinition)
class LevelDefinitionAdmin(ScopedAdmin):
    list_display = ("level", "text_sv", "text_en")


# No admin of its own; its rows are counted when an area's delete reaches them.
admin.site.add_scope(JointPicture, joint_pictures_visible_to)
