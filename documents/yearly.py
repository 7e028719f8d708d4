"""The prefilled part of the yearly situation picture: what the portal knows of a window.

`picture_facts(picture)` gathers, for the picture's areas (one city area's, or every area of
the municipality) and window, in a fixed number of queries whatever the data size:
- the shared levels per area and category, averaged per quarter, with each row's trend;
- city-visible incidents per category and month, and the places with the most incidents;
- measures started in the window, and those done and due within it, with their progress;
- the conferences held in the window and the latest before it: themes and priorities.

The result is plain JSON (names, numbers, ISO dates, status codes), so a decided version
keeps it as its frozen snapshot and renders the same page and PDF from it ever after. It is
built from `access`'s municipality-document querysets: a police-only incident is never
counted, whoever asks. Names are written in Swedish, the document's language.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Avg, Count, Prefetch, Q
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import translation

from conferences.models import OwnerSide, Priority, PriorityStatus
from districts.models import CollaborationArea
from measures.models import Measure, MeasureStatus
from reports.models import Category, CategoryAssessment, Trend
from tryggportal import access

from .models import SituationPicture

TOP_PLACES = 10
# A change of at least this much in a row's quarterly average level is a trend.
TREND_STEP = 0.5


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _quarters(start: dt.date, end: dt.date) -> list[dt.date]:
    first = dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    quarters = []
    while first <= end:
        quarters.append(first)
        month = first.month + 3
        first = dt.date(first.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return quarters


def _quarter_label(day: dt.date) -> str:
    return f"{day.year}\u00a0K{(day.month - 1) // 3 + 1}"  # no break inside a table head


def _trend(values: list) -> str:
    """Higher levels are worse: the first and last quarter with a level compared."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return ""
    change = known[-1] - known[0]
    if change >= TREND_STEP:
        return Trend.WORSE
    if change <= -TREND_STEP:
        return Trend.BETTER
    return Trend.UNCHANGED


def picture_areas(picture: SituationPicture) -> list[CollaborationArea]:
    areas = CollaborationArea.objects.valid_between(picture.window_start, picture.window_end)
    if picture.district_id:
        areas = areas.filter(district=picture.district_id)
    return list(areas.order_by("name"))


def _levels(areas, categories, start, end) -> tuple[list[str], list[dict]]:
    quarters = _quarters(start, end)
    area_ids = [a.pk for a in areas]
    reports = access.shared_reports_for_municipality_documents().filter(
        area__in=area_ids, period_start__gte=start, period_start__lte=end
    )
    averages = defaultdict(dict)  # (area, category or None) -> {quarter: average}
    overall = (
        reports.annotate(quarter=TruncQuarter("period_start"))
        .order_by()
        .values_list("area_id", "quarter")
        .annotate(average=Avg("level"))
    )
    for area_id, quarter, average in overall:
        averages[(area_id, None)][_day(quarter)] = round(average, 1)
    assessed = (
        CategoryAssessment.objects.filter(report__in=reports.values("pk"), level__isnull=False)
        .annotate(quarter=TruncQuarter("report__period_start"))
        .order_by()
        .values_list("report__area_id", "category_id", "quarter")
        .annotate(average=Avg("level"))
    )
    for area_id, category_id, quarter, average in assessed:
        averages[(area_id, category_id)][_day(quarter)] = round(average, 1)
    result = []
    for area in areas:
        rows = []
        for category in [None, *categories]:
            values = averages.get((area.pk, category.pk if category else None))
            if not values:
                continue
            series = [values.get(q) for q in quarters]
            name = category.name_sv if category else "Samlad nivå"
            rows.append({"category": name, "values": series, "trend": _trend(series)})
        if rows:
            result.append({"area": area.name, "rows": rows})
    return [_quarter_label(q) for q in quarters], result


def _incidents(areas, categories, start, end) -> dict:
    incidents = (
        access.incidents_for_municipality_documents()
        .filter(area__in=[a.pk for a in areas])
        .in_period(start, end)
    )
    counts = defaultdict(dict)
    rows = (
        incidents.annotate(month=TruncMonth("occurred_at"))
        .order_by()
        .values_list("month", "category_id")
        .annotate(count=Count("pk"))
    )
    for month, category_id, count in rows:
        counts[f"{month:%Y-%m}"][category_id] = count
    shown = [c for c in categories if any(c.pk in m for m in counts.values())]
    places = (
        incidents.filter(place__isnull=False)
        .order_by()
        .values("place__name", "place__area__name", "place__unsafe")
        .annotate(count=Count("pk"))
        .order_by("-count", "place__name")[:TOP_PLACES]
    )
    return {
        "categories": [c.name_sv for c in shown],
        "months": [
            {"month": month, "counts": [counts[month].get(c.pk, 0) for c in shown]}
            for month in sorted(counts)
        ],
        "totals": [sum(m.get(c.pk, 0) for m in counts.values()) for c in shown],
        "total": sum(sum(m.values()) for m in counts.values()),
        "top_places": [
            {
                "place": p["place__name"],
                "area": p["place__area__name"],
                "unsafe": p["place__unsafe"],
                "count": p["count"],
            }
            for p in places
        ],
    }


def _measures(areas, start, end) -> list[dict]:
    started = Q(start_date__gte=start, start_date__lte=end)
    completed = Q(status=MeasureStatus.DONE, due_date__gte=start, due_date__lte=end)
    measures = (
        access.measures_for_municipality_documents()
        .filter(started | completed, area__in=[a.pk for a in areas])
        .with_progress()
        .select_related("area")
        .order_by("area__name", "start_date", "pk")
    )
    return [
        {
            "title": m.title,
            "area": m.area.name,
            "status": m.status,
            "start": m.start_date.isoformat(),
            "due": m.due_date.isoformat(),
            "percent": 100 if m.status == MeasureStatus.DONE else m.percent,
            "started": start <= m.start_date <= end,
            "completed": m.status == MeasureStatus.DONE and start <= m.due_date <= end,
        }
        for m in measures
    ]


def _conferences(user, start, end) -> list[dict]:
    """The conferences held in the window, and the latest one before it: its theme and
    priorities guided the window's work. One conference a year, so all up to the window's end
    are few."""
    # Only what `Priority.progress()` reads: each linked measure with its progress.
    priorities = Priority.objects.prefetch_related(
        Prefetch("measures", queryset=Measure.objects.with_progress())
    )
    held = (
        access.conferences_visible_to(user)
        .filter(date__lte=end)
        .order_by("-date")
        .prefetch_related(Prefetch("priorities", queryset=priorities))
    )
    within = [c for c in held if c.date >= start]
    before = next((c for c in held if c.date < start), None)
    chosen = ([before] if before else []) + within[::-1]
    return [
        {
            "year": c.year,
            "title": c.title,
            "theme": c.theme,
            "in_window": c.date >= start,
            "priorities": [
                {
                    "title": p.title,
                    "status": p.status,
                    "owner": p.owner_side,
                    "progress": p.progress(),
                }
                for p in c.priorities.all()
            ],
        }
        for c in chosen
    ]


def picture_facts(picture: SituationPicture, user) -> dict:
    """The prefilled facts of the picture's scope and window (see the module's docstring)."""
    start, end = picture.window_start, picture.window_end
    with translation.override("sv"):
        areas = picture_areas(picture)
        categories = list(Category.objects.order_by("order", "code"))
        quarters, levels = _levels(areas, categories, start, end)
        return {
            "scope": picture.scope_name,
            "window_start": start.isoformat(),
            "window_end": end.isoformat(),
            "areas": [a.name for a in areas],
            "quarters": quarters,
            "levels": levels,
            "incidents": _incidents(areas, categories, start, end),
            "measures": _measures(areas, start, end),
            "conferences": _conferences(user, start, end),
            "action_plan": action_plan(picture),
        }


def action_plan(picture: SituationPicture) -> list[dict]:
    """The action plan's rows as plain text, for the document (frozen with the facts)."""
    items = picture.action_items.select_related("priority__conference", "measure__area")
    return [
        {
            "text": item.text,
            "priority": f"{item.priority.title} ({item.priority.conference.year})"
            if item.priority
            else "",
            "measure": f"{item.measure.title}, {item.measure.area.name}" if item.measure else "",
            "owner": item.owner,
            "due": item.due_date.isoformat(),
        }
        for item in items
    ]


STATUS_LABELS = {
    "trend": dict(Trend.choices),
    "measure": dict(MeasureStatus.choices),
    "priority": dict(PriorityStatus.choices),
    "owner": dict(OwnerSide.choices),
}


def facts_for_display(facts: dict) -> dict:
    """The facts with each code's label in the active language, for the templates."""
    for area in facts["levels"]:
        for row in area["rows"]:
            row["trend_label"] = STATUS_LABELS["trend"].get(row["trend"], "")
    for measure in facts["measures"]:
        measure["status_label"] = STATUS_LABELS["measure"].get(measure["status"], "")
    for conference in facts["conferences"]:
        for priority in conference["priorities"]:
            priority["status_label"] = STATUS_LABELS["priority"].get(priority["status"], "")
            priority["owner_label"] = STATUS_LABELS["owner"].get(priority["owner"], "")
    return facts
