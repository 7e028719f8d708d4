from django.contrib import admin

from tryggportal.lib.admin import ScopedAdmin, ScopedMixin

from .models import Conference, Outcome, Priority, ProgrammeItem


class ProgrammeItemInline(ScopedMixin, admin.TabularInline):
    model = ProgrammeItem
    extra = 0


class OutcomeInline(ScopedMixin, admin.TabularInline):
    model = Outcome
    extra = 0


@admin.register(Conference)
class ConferenceAdmin(ScopedAdmin):
    list_display = ["year", "title", "theme", "date", "venue"]
    search_fields = ["title", "theme", "venue"]
    filter_horizontal = ["focus_categories"]
    inlines = [ProgrammeItemInline, OutcomeInline]


@admin.register(Priority)
class PriorityAdmin(ScopedAdmin):
    list_display = ["title", "conference", "status", "decision_date", "owner_side"]
    list_filter = ["status", "owner_side", "conference"]
    search_fields = ["title", "description"]
    filter_horizontal = ["categories", "measures", "agreements"]
