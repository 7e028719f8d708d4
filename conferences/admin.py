from django.contrib import admin

from .models import Conference, Outcome, Priority, ProgrammeItem


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "theme", "date", "venue"]
    search_fields = ["title", "theme", "venue"]
    filter_horizontal = ["focus_categories"]
    inlines = [ProgrammeItemInline, OutcomeInline]


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "conference", "status", "decision_date", "owner_side"]
    list_filter = ["status", "owner_side", "conference"]
    search_fields = ["title", "description"]
    filter_horizontal = ["categories", "measures", "agreements"]
