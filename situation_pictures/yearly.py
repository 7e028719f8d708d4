"""The prefilled part of the yearly situation picture: what the portal knows of a window.

`picture_facts(picture)` gathers, for the picture's areas (one city area's, or every area of
the municipality) and window, in a fixed number of queries whatever the data size:
- the shared levels per area and category, averaged per quarter, with each row's trend;
- city-visible incidents per category and month, and the places with the most incidents;
- measures started in the window, and those done and due within it: per area how many were
  started, completed and are ongoing, and their average progress; listed one by one (with
  progress) only the action plan's chosen ones, and in a city area's picture up to
  `MEASURES_LISTED` of the rest (the full list is the measures export's);
- the conferences held in the window and the latest before it: themes and priorities.

The result is plain JSON (numbers, ISO dates, status codes, and each name in every language
of the portal), so a decided version keeps it as its frozen snapshot and renders the same page
and PDF from it ever after. It is built from `access`'s municipality-document querysets: a
police-only incident is never counted, whoever asks.

`facts_for_display(facts)` gives the templates each name, date, month and quarter in the
active language (the page follows the reader's; the PDF is always Swedish). A category's name
is frozen with the facts in each language, as it read when gathered; months, quarters and
dates are formatted from their ISO values, and codes (trend, status) labelled, when shown.
A snapshot decided before the facts carried their languages (no `version`) holds its texts in
Swedish as shown then, and is shown exactly so.
"""

import copy
import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Avg, Count, Prefetch, Q
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import formats, translation
from django.utils.translation import gettext, pgettext

from conferences import access as conferences_access
from conferences.models import OwnerSide, Priority, PriorityStatus
from districts.models import CollaborationArea
from incidents import access as incidents_access
from measures import access as measures_access
from measures.models import Measure, MeasureStatus
from reports import access as reports_access
from reports.models import Category, CategoryAssessment, Trend

from . import markings as secrecy
from .models import SituationPicture

# 2: names in every language, months, quarters and dates as ISO values (see the docstring).
# 3: measures summarised per area; listed only the action plan's and, in a city area's
#    picture, a bounded number (`measure_summary`, `measures_more`).
FACTS_VERSION = 3
# A city area's picture lists at most this many measures (the action plan's chosen first).
MEASURES_LISTED = 40
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


def _in_each_language(text) -> dict:
    """{language code: text} for every language of the portal; `text` is a function called
    with that language active (a gettext call), or a category."""
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names[code] = text() if callable(text) else text.name
    return names


def _quarter_label(day: dt.date) -> str:
    label = pgettext("quarter of a year", "%(year)s Q%(quarter)s") % {
        "year": day.year,
        "quarter": (day.month - 1) // 3 + 1,
    }
    return label.replace(" ", "\u00a0")  # no break inside a table head


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
    reports = reports_access.shared_reports_for_municipality_documents().filter(
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
            name = _in_each_language(category or (lambda: gettext("Overall level")))
            rows.append({"category": name, "values": series, "trend": _trend(series)})
        if rows:
            result.append({"area": area.name, "rows": rows})
    return [q.isoformat() for q in quarters], result


def _incidents(areas, categories, start, end) -> dict:
    incidents = (
        incidents_access.incidents_for_municipality_documents()
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
        "categories": [_in_each_language(c) for c in shown],
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


def _measures(areas, start, end, chosen: set[int], whole: bool) -> dict:
    """The window's measures per area (started, completed, ongoing, average progress), and
    the ones listed: the action plan's chosen, then, in a city area's picture, the others up
    to `MEASURES_LISTED`. One query, whatever the number."""
    started = Q(start_date__gte=start, start_date__lte=end)
    completed = Q(status=MeasureStatus.DONE, due_date__gte=start, due_date__lte=end)
    measures = (
        measures_access.measures_for_municipality_documents()
        .filter(started | completed, area__in=[a.pk for a in areas])
        .with_progress()
        .select_related("area")
        .order_by("area__name", "start_date", "pk")
    )
    measures = list(measures)
    # A listed measure shows its secrecy marking: its provision, frozen with the facts.
    markings = secrecy.provisions(measures)
    rows, per_area = [], {}
    for m in measures:
        row = {
            "title": m.title,
            "area": m.area.name,
            "status": m.status,
            "start": m.start_date.isoformat(),
            "due": m.due_date.isoformat(),
            "percent": 100 if m.status == MeasureStatus.DONE else m.percent,
            "started": start <= m.start_date <= end,
            "completed": m.status == MeasureStatus.DONE and start <= m.due_date <= end,
            "marking": markings.get(m.pk, ""),
        }
        rows.append((m.pk in chosen, row))
        per_area.setdefault(m.area.name, []).append(row)

    def summary(name, measures):
        known = [m["percent"] for m in measures if m["percent"] is not None]
        return {
            "area": name,
            "started": sum(m["started"] for m in measures),
            "completed": sum(m["completed"] for m in measures),
            "ongoing": sum(m["status"] == MeasureStatus.ONGOING for m in measures),
            "progress": round(sum(known) / len(known)) if known else None,
        }

    listed = [row for is_chosen, row in rows if is_chosen]
    if not whole:
        others = [row for is_chosen, row in rows if not is_chosen]
        listed += others[: max(0, MEASURES_LISTED - len(listed))]
    return {
        "measure_summary": [summary(name, ms) for name, ms in per_area.items()],
        "measure_total": summary("", [row for _chosen, row in rows]),
        "measures": listed,
        "measures_more": len(rows) - len(listed),
    }


def _conferences(user, start, end) -> list[dict]:
    """The conferences held in the window, and the latest one before it: its theme and
    priorities guided the window's work. One conference a year, so all up to the window's end
    are few."""
    # Only what `Priority.progress()` reads: each linked measure with its progress.
    priorities = Priority.objects.prefetch_related(
        Prefetch("measures", queryset=Measure.objects.with_progress())
    )
    held = (
        conferences_access.conferences_visible_to(user)
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
    areas = picture_areas(picture)
    categories = list(Category.objects.order_by("order", "code"))
    quarters, levels = _levels(areas, categories, start, end)
    items = _action_items(picture)
    chosen = {item.measure_id for item in items if item.measure_id}
    return {
        "version": FACTS_VERSION,
        "scope": picture.district.name
        if picture.district_id
        else _in_each_language(lambda: gettext("the whole municipality")),
        "window_start": start.isoformat(),
        "window_end": end.isoformat(),
        "areas": [a.name for a in areas],
        "quarters": quarters,
        "levels": levels,
        "incidents": _incidents(areas, categories, start, end),
        **_measures(areas, start, end, chosen, whole=not picture.district_id),
        "conferences": _conferences(user, start, end),
        "action_plan": action_plan(picture, items),
    }


def _action_items(picture: SituationPicture) -> list:
    return list(picture.action_items.select_related("priority__conference", "measure__area"))


def action_plan(picture: SituationPicture, items=None) -> list[dict]:
    """The action plan's rows as plain text, for the document (frozen with the facts)."""
    items = _action_items(picture) if items is None else items
    markings = secrecy.provisions([i.measure for i in items if i.measure])
    return [
        {
            "text": item.text,
            "priority": f"{item.priority.title} ({item.priority.conference.year})"
            if item.priority
            else "",
            "measure": f"{item.measure.title}, {item.measure.area.name}" if item.measure else "",
            "measure_marking": markings.get(item.measure_id, ""),
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


def _in_language(name):
    """A name of the facts in the active language (Swedish when it has none in it)."""
    if not isinstance(name, dict):
        return name  # a place's or an area's name: data, the same in every language
    return name.get(translation.get_language() or "sv") or name.get("sv", "")


def _date(value: str) -> str:
    return formats.date_format(dt.date.fromisoformat(value), "j F Y")


def _month(value: str) -> str:
    return formats.date_format(dt.date.fromisoformat(f"{value}-01"), "YEAR_MONTH_FORMAT")


def facts_for_display(facts: dict) -> dict:
    """A copy of the facts for the templates, in the active language: each name, date, month
    and quarter, and each code's label."""
    facts = copy.deepcopy(facts)
    for area in facts["levels"]:
        for row in area["rows"]:
            row["trend_label"] = STATUS_LABELS["trend"].get(row["trend"], "")
    for measure in facts["measures"]:
        measure["status_label"] = STATUS_LABELS["measure"].get(measure["status"], "")
    for conference in facts["conferences"]:
        for priority in conference["priorities"]:
            priority["status_label"] = STATUS_LABELS["priority"].get(priority["status"], "")
            priority["owner_label"] = STATUS_LABELS["owner"].get(priority["owner"], "")
    if facts.get("version", 1) < 2:
        facts["level_matrix"] = level_matrix(facts)
        return facts  # decided before names had languages: shown as it was (Swedish)
    facts["scope"] = _in_language(facts["scope"])
    facts["window_start"], facts["window_end"] = (
        _date(facts["window_start"]),
        _date(facts["window_end"]),
    )
    facts["quarters"] = [_quarter_label(dt.date.fromisoformat(q)) for q in facts["quarters"]]
    for area in facts["levels"]:
        for row in area["rows"]:
            row["category"] = _in_language(row["category"])
    incidents = facts["incidents"]
    incidents["categories"] = [_in_language(name) for name in incidents["categories"]]
    for row in incidents["months"]:
        row["month"] = _month(row["month"])
    for measure in facts["measures"]:
        measure["start"], measure["due"] = _date(measure["start"]), _date(measure["due"])
    for item in facts["action_plan"]:
        item["due"] = _date(item["due"])
    facts["level_matrix"] = level_matrix(facts)
    return facts


# Higher levels are worse: the arrow points the way the level went.
TREND_ARROWS = {Trend.WORSE: "↑", Trend.BETTER: "↓", Trend.UNCHANGED: "→"}


def level_matrix(facts: dict) -> dict:
    """The levels as one table for the PDF: an area a row, a category a column, each cell
    the level of the latest quarter with one and the trend's arrow (the series are the
    page's)."""
    columns = []  # each area's rows are in the categories' order: merged, kept so
    for area in facts["levels"]:
        at = 0
        for row in area["rows"]:
            if row["category"] in columns:
                at = columns.index(row["category"]) + 1
            else:
                columns.insert(at, row["category"])
                at += 1
    rows = []
    for area in facts["levels"]:
        by_name = {row["category"]: row for row in area["rows"]}
        cells = []
        for name in columns:
            row = by_name.get(name)
            known = [v for v in row["values"] if v is not None] if row else []
            cells.append(
                {
                    "level": known[-1] if known else None,
                    "arrow": TREND_ARROWS.get(row["trend"], "") if row else "",
                }
            )
        rows.append({"area": area["area"], "cells": cells})
    return {"columns": columns, "rows": rows}
