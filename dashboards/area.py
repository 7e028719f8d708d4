"""One area's dashboard (`/dashboard/area/<slug>/`): levels per period and category, incidents
per month, top places, open measures, citizen promises, the level strip, and for a successor
its predecessors' history across the reorganisation.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Avg, Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import Side
from dashboards.completeness import completeness, completeness_table
from dashboards.tables import Table, _esc
from dashboards.window import SIDES, months_before, shared_regular_reports, window_start
from districts.models import CollaborationArea
from reports.models import Category, CategoryAssessment


def level_history(
    area: CollaborationArea, reports: QuerySet, *, today: dt.date, months: int
) -> Table:
    """Each period of the window (week by week for weekly areas) with each side's level,
    from the first period with a level: the periods before it are left out, so the strip and
    the chart start at the data rather than with rows of blanks."""
    start = months_before(today, months)
    rows = (
        shared_regular_reports(reports)
        .filter(area=area, period_start__gte=start, period_start__lte=today)
        .values_list("side", "period_start", "level")
    )
    levels = {(side, start_): level for side, start_, level in rows}
    table_rows = []
    period = area.period_containing(today)
    while period.start >= start:
        table_rows.append(
            [
                period.label,
                levels.get((Side.CITY, period.start)),
                levels.get((Side.POLICE, period.start)),
            ]
        )
        period = period.previous()
    table_rows.reverse()
    while table_rows and table_rows[0][1] is None and table_rows[0][2] is None:
        table_rows.pop(0)
    table = Table("levels", _("Level per period"), [_("Period"), _("City"), _("Police")], [])
    table.rows = table_rows
    shown = [row for row in table_rows if row[1] is not None or row[2] is not None]
    if shown:
        last = shown[-1]
        table.summary = ngettext(
            "%(count)s of %(total)s period has a level; latest (%(period)s): city %(city)s, "
            "police %(police)s.",
            "%(count)s of %(total)s periods have a level; latest (%(period)s): city %(city)s, "
            "police %(police)s.",
            len(table_rows),
        ) % {
            "count": len(shown),
            "total": len(table_rows),
            "period": last[0],
            "city": last[1] if last[1] is not None else "–",
            "police": last[2] if last[2] is not None else "–",
        }
    else:
        table.summary = _("No shared report in this window.")
    return table


def category_levels(
    area: CollaborationArea,
    reports: QuerySet,
    categories: list,
    *,
    today: dt.date,
    months: int,
) -> Table:
    """Each category's average level per month (both sides' assessments), grouped in SQL;
    categories never assessed in the window are left out (their rows would be all blanks)."""
    start = months_before(today, months)
    report_ids = shared_regular_reports(reports).filter(
        area=area, period_start__gte=start, period_start__lte=today
    )
    rows = (
        CategoryAssessment.objects.filter(report__in=report_ids.values("pk"), level__isnull=False)
        .annotate(month=TruncMonth("report__period_start"))
        .values("month", "category_id")
        .annotate(average=Avg("level"))
        .values_list("month", "category_id", "average")
    )
    averages = defaultdict(dict)
    for month, category_id, average in rows:
        month = month.date() if isinstance(month, dt.datetime) else month
        averages[month][category_id] = round(average, 1)
    categories = [c for c in categories if any(c.pk in month for month in averages.values())]
    headers = [_("Month")] + [category.name for category in categories]
    table_rows = [
        [f"{month:%Y-%m}"] + [averages[month].get(category.pk) for category in categories]
        for month in sorted(averages)
    ]
    table = Table("categories", _("Category levels per month"), headers, table_rows)
    if table_rows:
        last = table_rows[-1]
        assessed = [(v, name) for v, name in zip(last[1:], headers[1:], strict=True) if v]
        top = max((v for v, _name in assessed), default=None)
        leaders = [name for v, name in assessed if v == top]
        if top is None:
            table.summary = _("No category was assessed in %(month)s.") % {"month": last[0]}
        elif len(leaders) == 1:  # a category is named only when it alone is highest
            table.summary = _(
                "In %(month)s the highest average level was %(level)s (%(category)s)."
            ) % {
                "month": last[0],
                "level": formats.number_format(top, 1),
                "category": leaders[0],
            }
        else:
            table.summary = _(
                "In %(month)s the highest average level was %(level)s, in %(count)s categories."
            ) % {"month": last[0], "level": formats.number_format(top, 1), "count": len(leaders)}
    else:
        table.summary = _("No category assessments in this window.")
    return table


def area_tables(
    area: CollaborationArea,
    reports: QuerySet,
    *,
    today: dt.date,
    months: int,
    incidents: QuerySet | None = None,
    measures: QuerySet | None = None,
    promises: QuerySet | None = None,
    focus: set[int] = frozenset(),
) -> dict:
    """Everything the area dashboard shows, each table also a chart's data and a CSV.

    Each queryset is already what the user may see (the topics' access modules): a city user's
    incident counts never include police-only incidents."""
    categories = list(Category.objects.active())
    levels = level_history(area, reports, today=today, months=months)
    tables = {
        "levels": levels,
        "categories": category_levels(area, reports, categories, today=today, months=months),
    }
    charts = {
        "levels": levels.chart("line", y_max=4),
        "categories": tables["categories"].chart("line", y_max=4),
    }
    if incidents is not None:
        tables["incidents"] = incidents_per_month(
            area, incidents, categories, today=today, months=months
        )
        charts["incidents"] = tables["incidents"].chart("bar", stacked=True)
        tables["places"] = top_places(area, incidents, today=today, months=months)
    if measures is not None:
        tables["measures"] = open_measures(area, measures, today=today)
    if promises is not None:
        tables["promises"] = promise_progress(area, promises)
    tables["completeness"] = completeness_table(
        completeness([area], reports, today=today, months=months)
    )
    return {
        "tables": tables,
        "strip": level_strip(levels),
        "charts": charts,
        "focus_categories": [category for category in categories if category.pk in focus],
    }


def incidents_per_month(
    area: CollaborationArea,
    incidents: QuerySet,
    categories: list,
    *,
    today: dt.date,
    months: int,
) -> Table:
    """Incidents per category and month (local time), counted by the database."""
    rows = (
        incidents.filter(area=area, occurred_at__gte=window_start(today, months))
        .annotate(month=TruncMonth("occurred_at"))
        .order_by()
        .values("month", "category_id")
        .annotate(count=Count("*"))
        .values_list("month", "category_id", "count")
    )
    counts = defaultdict(dict)
    for month, category_id, count in rows:
        counts[f"{month:%Y-%m}"][category_id] = count
    shown = [c for c in categories if any(c.pk in month for month in counts.values())]
    headers = [_("Month")] + [category.name for category in shown]
    table_rows = [
        [month] + [counts[month].get(category.pk, 0) for category in shown]
        for month in sorted(counts)
    ]
    table = Table("incidents", _("Incidents per category and month"), headers, table_rows)
    totals = {
        category.name: sum(m.get(category.pk, 0) for m in counts.values()) for category in shown
    }
    if totals:
        total = sum(totals.values())
        # "the most in" only when one category leads; a tie names none of them.
        ranked = sorted(totals.values(), reverse=True)
        leads = len(ranked) == 1 or ranked[0] > ranked[1]
        top = max(totals, key=totals.get)
        incidents_text = _("%(incidents)s in %(months)s") % {
            "incidents": ngettext("%(count)s incident", "%(count)s incidents", total)
            % {"count": total},
            "months": ngettext("%(count)s month", "%(count)s months", len(counts))
            % {"count": len(counts)},
        }
        if leads:
            table.summary = _("%(incidents)s; the most in %(category)s (%(count)s).") % {
                "incidents": incidents_text,
                "category": top,
                "count": totals[top],
            }
        else:
            table.summary = _("%(incidents)s; no single category leads.") % {
                "incidents": incidents_text
            }
    else:
        table.summary = _("No incidents in this window.")
    return table


TOP_PLACES = 10


def top_places(
    area: CollaborationArea, incidents: QuerySet, *, today: dt.date, months: int
) -> Table:
    """The places with the most incidents in the window."""
    rows = (
        incidents.filter(
            area=area, occurred_at__gte=window_start(today, months), place__isnull=False
        )
        .order_by()
        .values("place__name", "place__unsafe")
        .annotate(count=Count("*"))
        .order_by("-count", "place__name")[:TOP_PLACES]
    )
    table = Table(
        "places",
        _("Top places"),
        [_("Place"), _("Incidents"), _("Unsafe place")],
        [
            [row["place__name"], row["count"], _("yes") if row["place__unsafe"] else _("no")]
            for row in rows
        ],
    )
    table.summary = (
        _("%(place)s had the most incidents (%(count)s).")
        % {"place": table.rows[0][0], "count": table.rows[0][1]}
        if table.rows
        else _("No incidents at registered places in this window.")
    )
    return table


MEASURES_SHOWN = 50


def open_measures(area: CollaborationArea, measures: QuerySet, *, today: dt.date) -> Table:
    """The area's open measures, overdue ones first (the earliest due date first)."""
    rows = list(
        measures.open()
        .filter(area=area)
        .with_progress()
        .select_related("owner_user")
        .order_by("due_date", "pk")[:MEASURES_SHOWN]
    )
    table = Table(
        "measures",
        _("Open and overdue measures"),
        [
            _("Measure"),
            _("Owner side"),
            _("Status"),
            _("Due date"),
            _("Overdue"),
            _("Progress (%)"),
        ],
        [
            [
                measure.title,
                measure.get_owner_side_display(),
                measure.get_status_display(),
                measure.due_date,
                _("yes") if measure.is_overdue(today) else _("no"),
                measure.percent,
            ]  # fmt: skip
            for measure in rows
        ],
    )
    overdue = sum(1 for measure in rows if measure.is_overdue(today))
    table.summary = ngettext(
        "%(open)s open measure, %(overdue)s of them overdue.",
        "%(open)s open measures, %(overdue)s of them overdue.",
        len(rows),
    ) % {"open": len(rows), "overdue": overdue}
    return table


def _plain(number):
    """A decimal as the plain number people write: 200 rather than 200.0."""
    if number is None:
        return None
    return int(number) if number == int(number) else float(number)


def promise_progress(area: CollaborationArea, promises: QuerySet) -> Table:
    """Citizen promises (of the agreements covering the area), with progress from their measures."""
    rows = list(
        promises.select_related("agreement").with_measures().order_by("agreement__title", "slug")
    )
    table_rows = []
    for promise in rows:
        progress = promise.progress()
        table_rows.append(
            [
                promise.text,
                promise.agreement.title,
                _plain(progress["achieved"]),
                _plain(progress["target"]) or None,
                progress["unit"],
                progress["percent"],
            ]
        )
    table = Table(
        "promises",
        _("Citizen promises"),
        [_("Promise"), _("Agreement"), _("Achieved"), _("Target"), _("Unit"), _("Progress (%)")],
        table_rows,
    )
    table.summary = (
        ngettext(
            "%(count)s citizen promise for this area.",
            "%(count)s citizen promises for this area.",
            len(table_rows),
        )
        % {"count": len(table_rows)}
        if table_rows
        else _("No citizen promise covers this area.")
    )
    return table


def level_strip(levels: Table) -> dict:
    """Per side, the list items of the week-by-week strip: one per period, coloured by level,
    its period named for screen readers (built in Python for speed, as `Table.as_html`)."""

    def cells(column: int) -> str:
        items = []
        for row in levels.rows:
            label, level = _esc(row[0]), row[column]
            shown = int(level) if level else "–"
            items.append(
                f'<li class="level-{level or "none"}" title="{label}: {shown}">'
                f'<span class="visually-hidden">{label}: </span>{shown}</li>'
            )
        return mark_safe("".join(items))  # noqa: S308 - escaped above

    return {Side.CITY.label: cells(1), Side.POLICE.label: cells(2)}


# --- Reorganisations ---
# A successor's dashboard spans the change: its predecessors' reports, each labelled with the
# predecessor's name, beside its own.

HISTORY_YEARS = 2  # by default, this many years either side of the area's first day


def history_range(area: CollaborationArea, today: dt.date) -> tuple[dt.date, dt.date]:
    """The default span of the history table: two years before and after the change."""
    start = area.valid_from.replace(year=area.valid_from.year - HISTORY_YEARS)
    end = area.valid_from.replace(year=area.valid_from.year + HISTORY_YEARS)
    return start, min(today, end - dt.timedelta(days=1))


def lineage_levels(
    area: CollaborationArea, reports: QuerySet, *, start: dt.date, end: dt.date
) -> Table:
    """Each month in [start, end] with each side's average level in the area and in every
    area it took over from, one column per area and side: two queries, whatever the history."""
    areas = list(area.history().order_by("valid_from", "name"))
    rows = (
        shared_regular_reports(reports)
        .filter(area__in=[a.pk for a in areas], period_start__gte=start, period_start__lte=end)
        .annotate(month=TruncMonth("period_start"))
        .values("month", "area_id", "side")
        .annotate(average=Avg("level"))
        .values_list("month", "area_id", "side", "average")
    )
    averages = {}
    for month, area_id, side, average in rows:
        month = month.date() if isinstance(month, dt.datetime) else month
        averages[(month, area_id, side)] = round(average, 1)
    labels = {Side.CITY: _("city"), Side.POLICE: _("police")}
    headers = [_("Month")] + [f"{a.name} – {labels[side]}" for a in areas for side in SIDES]
    table_rows = []
    month = start.replace(day=1)
    while month <= end:
        values = [averages.get((month, a.pk, side)) for a in areas for side in SIDES]
        table_rows.append([f"{month:%Y-%m}", *values])
        month = (month + dt.timedelta(days=32)).replace(day=1)
    table = Table("history", _("Level per month across the reorganisation"), headers, table_rows)
    table.summary = _(
        "Average level per month from %(start)s to %(end)s in %(areas)s: the areas this one took "
        "over from until %(last)s, then this area."
    ) % {
        "start": f"{start:%Y-%m}",
        "end": f"{end:%Y-%m}",
        "areas": ", ".join(a.name for a in areas),
        "last": (area.valid_from - dt.timedelta(days=1)).isoformat(),
    }
    return table
