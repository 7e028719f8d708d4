from django.contrib import admin

from tryggportal.lib.admin import ScopedAdmin, ScopedMixin

from .access import (
    agreements_visible_to,
    measures_visible_to,
    progress_visible_to,
    promises_visible_to,
)
from .models import Agreement, CitizenPromise, Measure, MeasureProgress


class MeasureProgressInline(ScopedMixin, admin.TabularInline):
    model = MeasureProgress
    scope = staticmethod(progress_visible_to)
    extra = 0
    raw_id_fields = ("recorded_by",)


@admin.register(Measure)
class MeasureAdmin(ScopedAdmin):
    scope = staticmethod(measures_visible_to)
    list_display = ("title", "area", "owner_side", "status", "due_date", "target")
    list_filter = ("status", "owner_side", "area")
    list_select_related = ("area",)
    filter_horizontal = ("categories", "places")
    raw_id_fields = ("owner_user", "proposed_in", "created_by")
    inlines = [MeasureProgressInline]


class CitizenPromiseInline(ScopedMixin, admin.StackedInline):
    model = CitizenPromise
    scope = staticmethod(promises_visible_to)
    extra = 0
    filter_horizontal = ("measures",)


@admin.register(Agreement)
class AgreementAdmin(ScopedAdmin):
    scope = staticmethod(agreements_visible_to)
    list_display = ("title", "whole_city", "valid_from", "valid_to", "signed_on")
    filter_horizontal = ("areas", "categories")
    raw_id_fields = ("created_by",)
    inlines = [CitizenPromiseInline]
