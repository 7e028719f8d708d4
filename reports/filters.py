"""The report list's filters (django-filter)."""

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Side
from districts import access as districts_access

from .models import Category, CategoryAssessment, Level, ReportStatus

SEARCH_MAX = 200


def search_reports(queryset: QuerySet, text: str) -> QuerySet:
    """Reports whose summary, places, theme notes or category notes match the text.

    PostgreSQL: full-text search with the Swedish configuration, so "skjutning" finds
    "skjutningar". Elsewhere (SQLite, `make run`): a plain case-insensitive contains-match.
    """
    text = text.strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config="swedish", search_type="websearch")
        notes = (
            CategoryAssessment.objects.annotate(document=SearchVector("note", config="swedish"))
            .filter(document=query)
            .values("report")
        )
        document = SearchVector("summary", "places_text", "theme_notes", config="swedish")
        return queryset.annotate(document=document).filter(Q(document=query) | Q(pk__in=notes))
    notes = CategoryAssessment.objects.filter(note__icontains=text).values("report")
    return queryset.filter(
        Q(summary__icontains=text)
        | Q(places_text__icontains=text)
        | Q(theme_notes__icontains=text)
        | Q(pk__in=notes)
    )


def _visible_areas(request):
    return districts_access.areas_visible_to(request.user).for_list()


class ReportFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=SEARCH_MAX,
        help_text=_("Words in the summary or the notes."),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Collaboration area"),
        queryset=_visible_areas,
        empty_label=_("All areas"),
        method="in_history",
    )
    period_from = django_filters.DateFilter(
        label=_("Periods from"),
        field_name="period_end",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    period_to = django_filters.DateFilter(
        label=_("Periods until"),
        field_name="period_start",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    side = django_filters.ChoiceFilter(label=_("Side"), choices=Side.choices, empty_label=_("Both"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ReportStatus.choices, empty_label=_("Any")
    )
    level = django_filters.ChoiceFilter(
        label=_("Overall level"), choices=Level.choices, empty_label=_("Any")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Assessed category"),
        queryset=Category.objects.active(),
        method="assessed_in",
        empty_label=_("Any"),
    )

    def search(self, queryset, name, value):
        return search_reports(queryset, value)

    def in_history(self, queryset, name, area):
        """The area's reports and its predecessors' (reorganisations): one history."""
        return queryset.filter(area__in=area.history())

    def assessed_in(self, queryset, name, category):
        """Reports that give the category a level or a note."""
        assessed = CategoryAssessment.objects.filter(category=category).filter(
            Q(level__isnull=False) | ~Q(note="")
        )
        return queryset.filter(pk__in=assessed.values("report"))
