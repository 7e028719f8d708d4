"""The theme follow-up: how the conference's focus categories, and the categories its priorities
name, have developed since it was held: year by year, each side apart.

The caller passes what the user may see (from the topics' access modules), so this module never
widens anyone's reach. Everything is read in a fixed number of queries, whatever the data size.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from accounts.models import Side
from reports.models import CategoryAssessment

from .models import Conference, Priority


@dataclass
class SideTrend:
    """One side's assessments of one category in one area since the conference."""

    levels: list = field(default_factory=list)  # oldest report first

    @property
    def assessments(self) -> int:
        return len(self.levels)

    @property
    def first_level(self) -> int | None:
        return self.levels[0] if self.levels else None

    @property
    def latest_level(self) -> int | None:
        return self.levels[-1] if self.levels else None

    @property
    def mean_level(self) -> float | None:
        return round(sum(self.levels) / len(self.levels), 1) if self.levels else None

    @property
    def change(self) -> int | None:
        """Latest minus first level: negative is calmer, positive more serious."""
        return None if not self.levels else self.levels[-1] - self.levels[0]


@dataclass
class AreaTrend:
    """One area's development in one category since the conference: each side apart, and
    both sides together (first, latest and mean over every assessment in report order)."""

    area: object
    city: SideTrend = field(default_factory=SideTrend)
    police: SideTrend = field(default_factory=SideTrend)
    both: SideTrend = field(default_factory=SideTrend)
    incidents: int = 0

    @property
    def assessments(self) -> int:
        return self.both.assessments

    @property
    def first_level(self) -> int | None:
        return self.both.first_level

    @property
    def latest_level(self) -> int | None:
        return self.both.latest_level

    @property
    def mean_level(self) -> float | None:
        return self.both.mean_level

    @property
    def change(self) -> int | None:
        return self.both.change


@dataclass
class YearRow:
    """One calendar year since the conference in one category, over the areas shown."""

    year: int
    city: SideTrend = field(default_factory=SideTrend)
    police: SideTrend = field(default_factory=SideTrend)
    incidents: int = 0


def since_start(day: dt.date) -> dt.datetime:
    """The start of a Stockholm day, for comparing with stored UTC times."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def follow_up_categories(conference: Conference) -> list[dict]:
    """The theme's focus categories, then every other category a priority of the conference
    names; each with the titles of the priorities naming it (two queries)."""
    focus = list(conference.focus_categories.all())
    links = list(
        Priority.categories.through.objects.filter(priority__conference=conference)
        .select_related("category", "priority")
        .order_by("category__order", "category__code", "priority__order", "priority__pk")
    )
    by_category = {c.pk: {"category": c, "focus": True, "priorities": []} for c in focus}
    for link in links:
        entry = by_category.setdefault(
            link.category_id, {"category": link.category, "focus": False, "priorities": []}
        )
        entry["priorities"].append(link.priority.title)
    return list(by_category.values())


def theme_follow_up(
    *,
    conference: Conference,
    areas: QuerySet,
    reports: QuerySet,
    incidents: QuerySet,
    today: dt.date | None = None,
) -> dict:
    """Per category of the theme or of a priority, per area the user reaches: each side's
    levels in shared reports whose period began on or after the conference day (first,
    latest, mean), and the incidents of that category since that day; and per calendar year
    since the conference, each side's mean level and the incidents over those areas."""
    today = today or timezone.localdate()
    since = conference.date
    entries = follow_up_categories(conference)
    area_list = list(
        areas.filter(valid_from__lte=today).exclude(valid_to__lt=since).order_by("name")
    )
    area_ids = {a.pk for a in area_list}
    category_ids = [e["category"].pk for e in entries]
    years = list(range(since.year, today.year + 1))
    levels = defaultdict(lambda: defaultdict(list))  # (area, category) -> side -> levels
    yearly = defaultdict(lambda: defaultdict(list))  # (year, category) -> side -> levels
    rows = (
        CategoryAssessment.objects.filter(
            report__in=reports.filter(period_start__gte=since, period_start__lte=today),
            category_id__in=category_ids,
            level__isnull=False,
        )
        .order_by("report__period_start", "report__pk")
        .values_list(
            "report__area_id", "category_id", "report__side", "report__period_start", "level"
        )
    )
    for area_id, category_id, side, start, level in rows:
        levels[area_id, category_id][side].append(level)
        levels[area_id, category_id]["both"].append(level)
        if area_id in area_ids:
            yearly[start.year, category_id][side].append(level)
    counts = Counter()
    per_year = Counter()
    incident_rows = (
        incidents.filter(occurred_at__gte=since_start(since), category_id__in=category_ids)
        .annotate(year=ExtractYear("occurred_at"))
        .values("area_id", "category_id", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in incident_rows:
        counts[row["area_id"], row["category_id"]] += row["n"]
        if row["area_id"] in area_ids:
            per_year[row["year"], row["category_id"]] += row["n"]
    sections = []
    for entry in entries:
        category = entry["category"]
        trends = []
        for area in area_list:
            found = levels.get((area.pk, category.pk), {})
            trends.append(
                AreaTrend(
                    area=area,
                    city=SideTrend(found.get(Side.CITY, [])),
                    police=SideTrend(found.get(Side.POLICE, [])),
                    both=SideTrend(found.get("both", [])),
                    incidents=counts[area.pk, category.pk],
                )
            )
        year_rows = []
        for year in years:
            found = yearly.get((year, category.pk), {})
            year_rows.append(
                YearRow(
                    year=year,
                    city=SideTrend(found.get(Side.CITY, [])),
                    police=SideTrend(found.get(Side.POLICE, [])),
                    incidents=per_year[year, category.pk],
                )
            )
        sections.append(
            {
                "category": category,
                "focus": entry["focus"],
                "priorities": entry["priorities"],
                "trends": trends,
                "years": year_rows,
                "incidents_total": sum(t.incidents for t in trends),
            }
        )
    return {"sections": sections, "since": since}
