"""The overview (`/dashboard/`): one row per area the user reaches with each side's current
level, the last exchange, overdue flags and measures; sortable, as HTML rows and as a table.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.models import Side
from dashboards.completeness import last_due_period
from dashboards.tables import Table, _esc
from dashboards.window import SIDES, shared_regular_reports
from districts import periods
from districts.models import CollaborationArea
from reports.models import Trend

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


def local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def latest_report_ids(areas: QuerySet, reports: QuerySet, today: dt.date) -> QuerySet:
    """Areas annotated with the id of each side's latest shared report and the last share time.

    A report of a period not yet begun (filed ahead) is never the current one.

    Correlated subqueries: each is one index lookup per area, so the cost follows the number of
    areas, not the number of reports."""
    shared = shared_regular_reports(reports).filter(area=OuterRef("pk"), period_start__lte=today)
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
    area_list = list(
        latest_report_ids(areas.select_related("district", "police_area"), reports, today)
    )
    wanted = [a.latest_city_id for a in area_list] + [a.latest_police_id for a in area_list]
    latest = (
        shared_regular_reports(reports)
        .only("area_id", "side", "period_kind", "period_start", "period_end", "level", "trend")
        .order_by()  # the default order joins each report's area to sort by its name
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
        owed = area.owes(period)
        overdue = {side: owed and (area.pk, side) not in shared_due for side in SIDES}
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
    # Translations outside the f-strings: xgettext does not look inside them.
    no_report_text, overdue_text = _esc(_("no shared report")), _esc(_("Overdue"))
    no_report = f'<span class="text-body-secondary">{no_report_text}</span>'
    side_names = {Side.CITY: _("City"), Side.POLICE: _("Police")}
    overdue_badge = f'<span class="badge text-bg-danger">{overdue_text}</span>'
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
