"""The theme follow-up: how the conference's focus categories have developed since it was held.

The caller passes what the user may see (from `tryggportal.access`), so this module never
widens anyone's reach. Everything is read in a fixed number of queries, whatever the data size.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from reports.models import CategoryAssessment

from .models import Conference


@dataclass
class AreaTrend:
    """One area's development in one focus category since the conference."""

    area: object
    assessments: int = 0
    first_level: int | None = None
    latest_level: int | None = None
    mean_level: float | None = None
    incidents: int = 0

    @property
    def change(self) -> int | None:
        """Latest minus first level: negative is calmer, positive more serious."""
        if self.first_level is None:
            return None
        return self.latest_level - self.first_level


def since_start(day: dt.date) -> dt.datetime:
    """The start of a Stockholm day, for comparing with stored UTC times."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def theme_follow_up(
    *, conference: Conference, areas: QuerySet, reports: QuerySet, incidents: QuerySet
) -> dict:
    """Per focus category, per area the user reaches: the levels in shared reports whose
    period began on or after the conference day (first, latest, mean), and the incidents
    of that category since that day."""
    since = conference.date
    categories = list(conference.focus_categories.all())
    area_list = list(
        areas.filter(valid_from__lte=timezone.localdate())
        .exclude(valid_to__lt=since)
        .order_by("name")
    )
    category_ids = [c.pk for c in categories]
    levels = defaultdict(list)  # (area id, category id) -> levels, oldest report first
    rows = (
        CategoryAssessment.objects.filter(
            report__in=reports.filter(period_start__gte=since),
            category_id__in=category_ids,
            level__isnull=False,
        )
        .order_by("report__period_start", "report__pk")
        .values_list("report__area_id", "category_id", "level")
    )
    for area_id, category_id, level in rows:
        levels[area_id, category_id].append(level)
    counts = Counter(
        {
            (row["area_id"], row["category_id"]): row["n"]
            for row in incidents.filter(
                occurred_at__gte=since_start(since), category_id__in=category_ids
            )
            .values("area_id", "category_id")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    sections = []
    for category in categories:
        trends = []
        for area in area_list:
            found = levels.get((area.pk, category.pk), [])
            trends.append(
                AreaTrend(
                    area=area,
                    assessments=len(found),
                    first_level=found[0] if found else None,
                    latest_level=found[-1] if found else None,
                    mean_level=round(sum(found) / len(found), 1) if found else None,
                    incidents=counts[area.pk, category.pk],
                )
            )
        sections.append(
            {
                "category": category,
                "trends": trends,
                "incidents_total": sum(t.incidents for t in trends),
            }
        )
    return {"sections": sections, "since": since}
