"""The dashboards' computations: the current picture, exchange completeness and timeliness.

Every function takes querysets already scoped by `tryggportal.access`, so each figure comes only
from what the user may see, and runs a fixed number of queries whatever the data size: the
areas in one query (latest reports by correlated subqueries on an index), the rest in one query
per table, grouped in the database or, where Swedish holidays decide (due dates), in Python over
a window bounded by the dashboard's months, never by the history's length.
"""

import csv
import datetime as dt
import html
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from django.db import connections
from django.db.models import (
    Avg,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.models import Side
from districts import periods
from districts.models import CollaborationArea

WINDOWS = (3, 12, 36)  # months a dashboard looks back
DEFAULT_WINDOW = 12
SIDES = (Side.CITY, Side.POLICE)


def window_months(value) -> int:
    """The window asked for in `?months=`, or the default for anything else."""
    try:
        months = int(value)
    except (TypeError, ValueError):
        return DEFAULT_WINDOW
    return months if months in WINDOWS else DEFAULT_WINDOW


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day where it is shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


# --- Expected periods ------------------------------------------------------------------------


def expected_periods(
    area: CollaborationArea, *, start: dt.date, today: dt.date
) -> list[tuple[periods.Period, dt.date]]:
    """(period, due date) of every period the area owed a report for, oldest first.

    A period is expected when its due date lies in the window (on or after `start`) and has
    passed (before `today`), and the area existed on that due date: an area that did not exist
    yet, or no longer exists, expects nothing.
    """
    schedule = _schedule(area.cadence, area.due_weekday, area.due_day_of_month, start, today)
    return [(period, due) for period, due in schedule if area.is_valid_on(due)]


@lru_cache(maxsize=256)
def _schedule(
    cadence: str, due_weekday: int, due_day_of_month: int, start: dt.date, today: dt.date
) -> tuple[tuple[periods.Period, dt.date], ...]:
    """The periods due in [start, today) for one schedule. Areas mostly share a schedule, and
    due dates need Swedish holidays, so this is worked out once per schedule and day."""
    schedule = CollaborationArea(
        cadence=cadence, due_weekday=due_weekday, due_day_of_month=due_day_of_month
    )
    result = []
    period = schedule.period_containing(today)
    while period.end >= start - dt.timedelta(days=31):
        due = schedule.due_date(period)
        if start <= due < today:
            result.append((period, due))
        period = period.previous()
    return tuple(reversed(result))


def last_due_period(area: CollaborationArea, today: dt.date) -> tuple[periods.Period, dt.date]:
    """The latest period whose due date has passed, and that due date."""
    return _last_due(area.cadence, area.due_weekday, area.due_day_of_month, today)


@lru_cache(maxsize=256)
def _last_due(cadence: str, due_weekday: int, due_day_of_month: int, today: dt.date):
    schedule = CollaborationArea(
        cadence=cadence, due_weekday=due_weekday, due_day_of_month=due_day_of_month
    )
    period = schedule.period_containing(today)
    while schedule.due_date(period) >= today:
        period = period.previous()
    return period, schedule.due_date(period)


# --- Completeness and timeliness -------------------------------------------------------------


@dataclass
class Completeness:
    area: CollaborationArea
    side: str
    expected: int = 0
    shared: int = 0
    on_time: int = 0

    @property
    def side_label(self) -> str:
        return Side(self.side).label

    @property
    def missing(self) -> int:
        return self.expected - self.shared

    @property
    def late(self) -> int:
        return self.shared - self.on_time

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def shared_rate(self) -> float | None:
        """Per cent of the expected periods with a shared report (None when nothing expected)."""
        return self._rate(self.shared, self.expected)

    @property
    def on_time_rate(self) -> float | None:
        return self._rate(self.on_time, self.expected)


def shared_regular_reports(reports: QuerySet) -> QuerySet:
    return reports.shared().regular()


def completeness(
    areas: list[CollaborationArea], reports: QuerySet, *, today: dt.date, months: int
) -> list[Completeness]:
    """Per area and side: periods expected in the window, reports shared, shared on time.

    `reports` is the user's visible reports. Expected periods come from each area's schedule
    and validity, worked out in Python once per schedule (due dates need Swedish holidays); the
    database counts the reports in one grouped query (`_shared_counts`), so the work follows
    the window and the number of areas, never the length of the history. A report counts when
    its period was expected and on time when its shared_at's local date is on or before the
    due date.
    """
    start = months_before(today, months)
    expected = {area.pk: expected_periods(area, start=start, today=today) for area in areas}
    counts = _shared_counts(areas, reports, expected, start=start, today=today)
    return [
        Completeness(
            area=area,
            side=side,
            expected=len(expected[area.pk]),
            shared=counts.get((area.pk, side), (0, 0))[0],
            on_time=counts.get((area.pk, side), (0, 0))[1],
        )
        for area in areas
        for side in SIDES
    ]


def _shared_counts(areas, reports: QuerySet, expected: dict, *, start, today) -> dict:
    """{(area id, side): (shared, on time)} over the expected periods, counted by the database.

    The due dates reach the query as two small tables of literals (a CTE): each schedule's
    periods with the moment their due day ends (local midnight after it, in UTC, so that no
    row needs a time-zone conversion), and each area's schedule with the first and last period
    it owes (its validity). Raw SQL, because the ORM cannot join a list of values; the user's
    scoping stays in `reports`, compiled by the ORM as the inner query.
    """
    schedules, owed = {}, []  # schedule -> its number; (area id, schedule number, first, last)
    for area in areas:
        if not expected[area.pk]:
            continue
        key = _schedule(area.cadence, area.due_weekday, area.due_day_of_month, start, today)
        number = schedules.setdefault(key, len(schedules))
        owed.append(
            (area.pk, number, expected[area.pk][0][0].start, expected[area.pk][-1][0].start)
        )
    if not owed:
        return {}
    connection = connections[reports.db]
    postgresql = connection.vendor == "postgresql"

    def date(day: dt.date) -> str:
        return f"DATE '{day.isoformat()}'" if postgresql else f"'{day.isoformat()}'"

    def day_ends(day: dt.date) -> str:
        """The UTC moment the local day ends, as stored (SQLite keeps naive UTC text)."""
        end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
        utc = end.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
        return f"TIMESTAMPTZ '{utc}+00'" if postgresql else f"'{utc}'"

    due_rows = ", ".join(
        f"({number}, {date(period.start)}, {day_ends(due)})"
        for key, number in schedules.items()
        for period, due in key
    )
    owed_rows = ", ".join(
        f"({int(area_id)}, {number}, {date(first)}, {date(last)})"
        for area_id, number, first, last in owed
    )
    inner = (
        shared_regular_reports(reports)
        .filter(
            area__in=[area_id for area_id, *_rest in owed],
            period_start__gte=min(first for _a, _n, first, _l in owed),
            period_start__lte=max(last for _a, _n, _f, last in owed),
        )
        .order_by()
        .values("area_id", "side", "period_start", "shared_at")
    )
    inner_sql, params = inner.query.sql_with_params()
    # MATERIALIZED (PostgreSQL): the planner then sees the window's few thousand reports as
    # they are and joins by hashing, instead of one index probe per expected period.
    materialized = "MATERIALIZED" if connection.vendor == "postgresql" else ""
    sql = f"""
        WITH due (schedule, period_start, day_ends) AS (VALUES {due_rows}),
             owed (area_id, schedule, first_start, last_start) AS (VALUES {owed_rows}),
             r AS {materialized} ({inner_sql})
        SELECT r.area_id, r.side, COUNT(*),
               SUM(CASE WHEN r.shared_at < due.day_ends THEN 1 ELSE 0 END)
        FROM r
        JOIN owed ON owed.area_id = r.area_id
             AND r.period_start BETWEEN owed.first_start AND owed.last_start
        JOIN due ON due.schedule = owed.schedule AND due.period_start = r.period_start
        GROUP BY r.area_id, r.side
    """  # noqa: S608 - only integers, dates and times made here are put into the text
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(area_id, side): (shared, on_time) for area_id, side, shared, on_time in cursor}


def completeness_totals(items: list[Completeness]) -> dict[str, Completeness]:
    """The window's totals per side, over every area shown."""
    totals = {side: Completeness(area=None, side=side) for side in SIDES}
    for item in items:
        total = totals[item.side]
        total.expected += item.expected
        total.shared += item.shared
        total.on_time += item.on_time
    return totals


# --- The overview: one row per area ------------------------------------------------------------


SORTS = {
    "name": _("Area"),
    "district": _("District"),
    "city_level": _("City level"),
    "police_level": _("Police level"),
    "last_exchange": _("Last exchange"),
    "days_since": _("Days since"),
    "overdue": _("Overdue"),
    "open_measures": _("Open measures"),
    "overdue_measures": _("Overdue measures"),
}


@dataclass
class AreaRow:
    area: CollaborationArea
    latest: dict  # side -> the latest shared regular report, or None
    last_exchange: dt.datetime | None
    days_since: int | None
    due_period: periods.Period
    due_date: dt.date
    overdue: dict  # side -> bool: the last period past due has no shared report of that side
    open_measures: int | None = None
    overdue_measures: int | None = None

    @property
    def city(self):
        return self.latest.get(Side.CITY)

    @property
    def police(self):
        return self.latest.get(Side.POLICE)

    @property
    def city_overdue(self) -> bool:
        return self.overdue[Side.CITY]

    @property
    def police_overdue(self) -> bool:
        return self.overdue[Side.POLICE]

    @property
    def overdue_count(self) -> int:
        return sum(self.overdue.values())

    def sort_value(self, key: str):
        """A value that sorts missing figures last whichever the direction."""
        values = {
            "name": self.area.name,
            "district": self.area.district.name,
            "city_level": self.city.level if self.city else None,
            "police_level": self.police.level if self.police else None,
            "last_exchange": self.last_exchange,
            "days_since": self.days_since,
            "overdue": self.overdue_count,
            "open_measures": self.open_measures,
            "overdue_measures": self.overdue_measures,
        }
        return values[key]


def latest_report_ids(areas: QuerySet, reports: QuerySet) -> QuerySet:
    """Areas annotated with the id of each side's latest shared report and the last share time.

    Correlated subqueries: each is one index lookup per area, so the cost follows the number of
    areas, not the number of reports."""
    shared = shared_regular_reports(reports).filter(area=OuterRef("pk"))
    return areas.annotate(
        latest_city_id=Subquery(
            shared.filter(side=Side.CITY).order_by("-period_start").values("pk")[:1]
        ),
        latest_police_id=Subquery(
            shared.filter(side=Side.POLICE).order_by("-period_start").values("pk")[:1]
        ),
        last_shared_at=Subquery(
            shared.filter(shared_at__isnull=False).order_by("-shared_at").values("shared_at")[:1]
        ),
    )


def area_overview(
    areas: QuerySet,
    reports: QuerySet,
    *,
    today: dt.date,
    measures: QuerySet | None = None,
    sort: str = "name",
) -> list[AreaRow]:
    """One row per visible area: current levels, last exchange, overdue flags, measures.

    Three queries whatever the data size (areas with subqueries, the latest reports, the
    last due periods' reports), plus one for measures when there are measures to count."""
    area_list = list(latest_report_ids(areas.select_related("district", "police_area"), reports))
    wanted = [a.latest_city_id for a in area_list] + [a.latest_police_id for a in area_list]
    latest = (
        shared_regular_reports(reports)
        .only("area_id", "side", "period_kind", "period_start", "period_end", "level", "trend")
        .in_bulk([pk for pk in wanted if pk])
    )
    due = {area.pk: last_due_period(area, today) for area in area_list}
    shared_due = set()
    if area_list:
        by_start = defaultdict(list)  # areas mostly share their last due period: few terms
        for area in area_list:
            by_start[due[area.pk][0].start].append(area.pk)
        condition = Q()
        for start, area_ids in by_start.items():
            condition |= Q(area__in=area_ids, period_start=start)
        shared_due = set(
            shared_regular_reports(reports)
            .filter(condition)
            .order_by()
            .values_list("area_id", "side")
        )
    counts = (
        measure_counts(measures, [a.pk for a in area_list], today) if measures is not None else {}
    )
    rows = []
    for area in area_list:
        period, due_date = due[area.pk]
        last = area.last_shared_at
        days_since = (today - local_date(last)).days if last else None
        overdue = {}
        for side in SIDES:
            owed = area.is_valid_on(due_date)
            overdue[side] = owed and (area.pk, side) not in shared_due
        if area.max_days_between and days_since is not None:
            # Areas that exchange as often as needed are overdue only past their longest gap.
            late = days_since > area.max_days_between
            overdue = dict.fromkeys(SIDES, late)
        open_count, overdue_count = (
            counts.get(area.pk, (0, 0)) if measures is not None else (None, None)
        )
        rows.append(
            AreaRow(
                area=area,
                latest={
                    Side.CITY: latest.get(area.latest_city_id),
                    Side.POLICE: latest.get(area.latest_police_id),
                },
                last_exchange=last,
                days_since=days_since,
                due_period=period,
                due_date=due_date,
                overdue=overdue,
                open_measures=open_count,
                overdue_measures=overdue_count,
            )
        )
    return sort_rows(rows, sort)


def overview_rows_html(rows: list[AreaRow], months: int) -> str:
    """The overview table's body rows, built in Python for speed (see `Table.as_html`)."""
    from incidents.models import Trend

    no_report = f'<span class="text-body-secondary">{_esc(_("no shared report"))}</span>'
    side_names = {Side.CITY: _("City"), Side.POLICE: _("Police")}
    overdue_badge = f'<span class="badge text-bg-danger">{_esc(_("Overdue"))}</span>'
    trends = dict(Trend.choices)

    def report_cell(report) -> str:
        if report is None:
            return no_report
        return (
            f'<span class="level-badge level-{int(report.level)}">{int(report.level)}</span> '
            f"{_esc(trends.get(report.trend, report.trend))}<br>"
            f'<span class="small text-body-secondary">{_esc(report.period_label)}</span>'
        )

    def overdue_cell(row: AreaRow) -> str:
        if not row.overdue_count:
            return _esc(_("no"))
        sides = ", ".join(str(side_names[side]) for side in SIDES if row.overdue[side])
        return (
            f"{overdue_badge} {_esc(sides)} "
            f'<span class="small d-block">{_esc(row.due_period.label)}</span>'
        )

    def measure_cells(row: AreaRow) -> str:
        if row.open_measures is None:
            return ""
        overdue = (
            f'<span class="badge text-bg-danger">{int(row.overdue_measures)}</span>'
            if row.overdue_measures
            else "0"
        )
        return f"<td>{int(row.open_measures)}</td><td>{overdue}</td>"

    base = reverse("area_dashboard", args=["-"])[: -len("-/")]
    return mark_safe(  # noqa: S308 - every value is escaped by _esc or is a number
        "\n".join(
            f'<tr><th scope="row"><a href="{_esc(base + row.area.slug)}/?months={int(months)}">'
            f"{_esc(row.area.name)}</a></th><td>{_esc(row.area.district.name)}</td>"
            f"<td>{report_cell(row.city)}</td><td>{report_cell(row.police)}</td>"
            f"<td>{local_date(row.last_exchange) or '–'}</td>"
            f"<td>{'–' if row.days_since is None else int(row.days_since)}</td>"
            f"<td>{overdue_cell(row)}</td>{measure_cells(row)}</tr>"
            for row in rows
        )
    )


def sort_rows(rows: list[AreaRow], sort: str) -> list[AreaRow]:
    key = sort.lstrip("-")
    if key not in SORTS:
        key, sort = "name", "name"
    descending = sort.startswith("-")
    present = [row for row in rows if row.sort_value(key) is not None]
    absent = [row for row in rows if row.sort_value(key) is None]
    present.sort(key=lambda row: (row.sort_value(key), row.area.name), reverse=descending)
    return present + sorted(absent, key=lambda row: row.area.name)


def measure_counts(measures: QuerySet, area_ids: list[int], today: dt.date) -> dict:
    """{area id: (open measures, overdue measures)} in one grouped query."""
    rows = (
        measures.open()
        .filter(area__in=area_ids)
        .order_by()
        .values("area_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    )
    return {row["area_id"]: (row["open"], row["overdue"]) for row in rows}


# --- Tables and charts -------------------------------------------------------------------------


@dataclass
class Table:
    """One dashboard table: shown on the page, offered as CSV, and the data behind a chart."""

    name: str  # its address: /dashboard/area/<slug>/<name>.csv
    title: str
    headers: list
    rows: list  # lists of plain values, in the headers' order
    summary: str = ""  # one line of text telling what the chart shows

    @property
    def chart_id(self) -> str:
        return f"chart-{self.name}"

    def chart(self, kind: str = "line", *, y_max: int | None = None, stacked: bool = False) -> dict:
        """Chart.js data: the first column labels the x axis, each further column a dataset."""
        return {
            "type": kind,
            "labels": [str(row[0]) for row in self.rows],
            "datasets": [
                {"label": str(header), "data": [row[i] for row in self.rows]}
                for i, header in enumerate(self.headers[1:], start=1)
            ],
            "yMax": y_max,
            "stacked": stacked,
        }

    def as_html(self) -> str:
        """The table as accessible HTML (caption, column and row headers).

        Built here rather than in a template, with the standard library's escaping: a
        dashboard table can hold a thousand cells, and Django's template engine (or
        format_html per cell) spends tens of milliseconds on that many."""
        decimal = formats.get_format("DECIMAL_SEPARATOR")

        def cell(value) -> str:
            if value is None:
                return "–"
            if isinstance(value, float):
                return str(value).replace(".", decimal)
            if isinstance(value, dt.date):
                return value.isoformat()
            return _esc(value)

        head = "".join(f'<th scope="col">{_esc(h)}</th>' for h in self.headers)
        body = "\n".join(
            f'<tr><th scope="row">{cell(row[0])}</th>'
            + "".join(f"<td>{cell(v)}</td>" for v in row[1:])
            + "</tr>"
            for row in self.rows
        ) or (
            f'<tr><td colspan="{len(self.headers)}">{_esc(_("No data in this window."))}</td></tr>'
        )
        return mark_safe(  # noqa: S308 - every value above is escaped by _esc or is a number
            '<table class="table table-sm table-striped dashboard-table">'
            f"<caption>{_esc(self.title)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>\n{body}\n</tbody></table>"
        )


def _esc(value) -> str:
    """HTML-escaped text of any value (lazy translations included)."""
    return html.escape(str(value))


def completeness_table(items: list[Completeness], *, totals: dict | None = None) -> Table:
    """Per area and side; with `totals`, a closing row per side over all areas."""
    headers = [
        _("Area"), _("Side"), _("Expected"), _("Shared"), _("On time"), _("Late"), _("Missing"),
        _("Shared (%)"), _("On time (%)"),
    ]  # fmt: skip
    closing = list(totals.values()) if totals else []
    rows = [
        [
            item.area.name if item.area else _("All areas"),
            item.side_label,
            item.expected,
            item.shared,
            item.on_time,
            item.late,
            item.missing,
            item.shared_rate,
            item.on_time_rate,
        ]  # fmt: skip
        for item in [*items, *closing]
    ]
    return Table("completeness", _("Completeness and timeliness"), headers, rows)


def overview_table(rows: list[AreaRow]) -> Table:
    headers = [
        _("Area"), _("District"), _("Police area"), _("City level"), _("City trend"),
        _("City period"), _("Police level"), _("Police trend"), _("Police period"),
        _("Last exchange"), _("Days since"), _("City overdue"), _("Police overdue"),
        _("Open measures"), _("Overdue measures"),
    ]  # fmt: skip

    def report_cells(report):
        if report is None:
            return ["", "", ""]
        return [report.level, report.get_trend_display(), report.period_label]

    table_rows = [
        [row.area.name, row.area.district.name, row.area.police_area.name]
        + report_cells(row.city)
        + report_cells(row.police)
        + [
            local_date(row.last_exchange) or "",
            "" if row.days_since is None else row.days_since,
            _("yes") if row.city_overdue else _("no"),
            _("yes") if row.police_overdue else _("no"),
            "" if row.open_measures is None else row.open_measures,
            "" if row.overdue_measures is None else row.overdue_measures,
        ]
        for row in rows
    ]
    return Table("areas", _("Collaboration areas"), headers, table_rows)


def level_history(
    area: CollaborationArea, reports: QuerySet, *, today: dt.date, months: int
) -> Table:
    """Each period of the window (week by week for weekly areas) with each side's level."""
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
    table = Table("levels", _("Level per period"), [_("Period"), _("City"), _("Police")], [])
    table.rows = table_rows
    shown = [row for row in table_rows if row[1] is not None or row[2] is not None]
    if shown:
        last = shown[-1]
        table.summary = _(
            "%(count)s of %(total)s periods have a level; latest (%(period)s): city %(city)s, "
            "police %(police)s."
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
    """Each category's average level per month (both sides' assessments), grouped in SQL."""
    from incidents.models import CategoryAssessment

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
    headers = [_("Month")] + [category.name for category in categories]
    table_rows = [
        [f"{month:%Y-%m}"] + [averages[month].get(category.pk) for category in categories]
        for month in sorted(averages)
    ]
    table = Table("categories", _("Category levels per month"), headers, table_rows)
    if table_rows:
        last = table_rows[-1]
        highest = max(
            ((value, name) for value, name in zip(last[1:], headers[1:], strict=True) if value),
            default=None,
        )
        table.summary = (
            _("In %(month)s the highest average level was %(level)s (%(category)s).")
            % {
                "month": last[0],
                "level": formats.number_format(highest[0], 1),
                "category": highest[1],
            }
            if highest
            else _("No category was assessed in %(month)s.") % {"month": last[0]}
        )
    else:
        table.summary = _("No category assessments in this window.")
    return table


def sort_links(sort: str, months: int) -> dict:
    """Per sortable column: the address that sorts by it (the other way when already sorted
    by it) and its aria-sort state."""
    current = sort.lstrip("-") if sort.lstrip("-") in SORTS else "name"
    descending = sort.startswith("-") and current != "name" or sort == "-name"
    links = {}
    for key, label in SORTS.items():
        if key == current:
            state = "descending" if descending else "ascending"
            target = key if descending else f"-{key}"
        else:
            state = "none"
            target = key
        links[key] = {"href": f"?sort={target}&months={months}", "state": state, "label": label}
    return links


def csv_response(table: Table, filename: str) -> HttpResponse:
    """The table as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read å, ä, ö)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(header) for header in table.headers])
    for row in table.rows:
        writer.writerow(["" if value is None else str(value) for value in row])
    return response


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

    Each queryset is already what the user may see (`tryggportal.access`): a city user's
    incident counts never include police-only incidents."""
    from incidents.models import Category

    categories = list(Category.objects.filter(active=True))
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


def window_start(today: dt.date, months: int) -> dt.datetime:
    """The window's first moment: local midnight `months` before today."""
    return timezone.make_aware(dt.datetime.combine(months_before(today, months), dt.time.min))


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
        .annotate(count=Count("pk"))
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
        top = max(totals, key=totals.get)
        table.summary = _(
            "%(total)s incidents in %(months)s months; the most in %(category)s (%(count)s)."
        ) % {
            "total": sum(totals.values()),
            "months": len(counts),
            "category": top,
            "count": totals[top],
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
        .annotate(count=Count("pk"))
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
    table.summary = _("%(open)s open measures, %(overdue)s of them overdue.") % {
        "open": len(rows),
        "overdue": overdue,
    }
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
        _("%(count)s citizen promises for this area.") % {"count": len(table_rows)}
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


def completeness_chart(items: list[Completeness]) -> dict:
    """Bars per area: each side's shared and on-time rates."""
    areas = list(dict.fromkeys(item.area.name for item in items))
    rates = {(item.area.name, item.side): item for item in items}
    datasets = []
    for side in SIDES:
        for label, attribute in (
            (_("shared (%)"), "shared_rate"),
            (_("on time (%)"), "on_time_rate"),
        ):
            datasets.append(
                {
                    "label": f"{Side(side).label} {label}",
                    "data": [getattr(rates[(name, side)], attribute) for name in areas],
                }
            )
    return {"type": "bar", "labels": areas, "datasets": datasets, "yMax": 100}


def completeness_summary(totals: dict[str, Completeness], months: int) -> str:
    parts = []
    for side, total in totals.items():
        parts.append(
            _(
                "%(side)s: %(shared)s of %(expected)s expected reports shared "
                "(%(rate)s %%), %(on_time)s on time"
            )
            % {
                "side": Side(side).label,
                "shared": total.shared,
                "expected": total.expected,
                "rate": "–" if total.shared_rate is None else total.shared_rate,
                "on_time": total.on_time,
            }
        )
    return _("Last %(months)s months. ") % {"months": months} + "; ".join(parts) + "."


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
