"""The dashboard pages and their CSV downloads: read the window from the address, scope every
queryset through the topics' access modules, hand plain data to the template."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import audit
from conferences.models import focus_category_ids
from dashboards.area import area_tables, history_range, lineage_levels
from dashboards.cache import body_key, cached_body
from dashboards.cards import area_cards, cards_html, current_picture
from dashboards.completeness import (
    completeness,
    completeness_chart,
    completeness_summary,
    completeness_table,
    completeness_totals,
)
from dashboards.forms import HistoryRangeForm
from dashboards.overview import area_overview, overview_rows_html, overview_table, sort_links
from dashboards.tables import csv_response
from dashboards.window import WINDOWS, months_before, window_months
from districts import access as districts_access
from incidents import access as incidents_access
from measures import access as measures_access
from reports import access as reports_access


def _dashboard_context(request: HttpRequest) -> dict:
    """What both dashboard pages read from the address: the window and today."""
    return {
        "today": timezone.localdate(),
        "months": window_months(request.GET.get("months")),
        "windows": WINDOWS,
    }


def _overview(request: HttpRequest, context: dict, sort: str = "name") -> list:
    """Rows of every area that existed in the window (see Reorganisations below)."""
    start = months_before(context["today"], context["months"])
    return area_overview(
        districts_access.areas_visible_to(request.user).valid_between(start, context["today"]),
        reports_access.shared_reports_visible_to(request.user),
        measures=measures_access.measures_visible_to(request.user),
        today=context["today"],
        sort=sort,
    )


def _completeness(request: HttpRequest, context: dict, areas: list) -> list:
    return completeness(
        areas,
        reports_access.shared_reports_visible_to(request.user),
        today=context["today"],
        months=context["months"],
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    """The current picture of every area the user reaches, and how well the exchange runs.
    The body comes from the cache while no write has changed the data (dashboards/cache.py)."""
    body = cached_body(
        body_key(request),
        lambda: render_to_string("dashboards/dashboard_body.html", _dashboard_body(request)),
    )
    return render(request, "dashboards/dashboard.html", {"body": body})


def _dashboard_body(request: HttpRequest) -> dict:
    context = _dashboard_context(request)
    sort = request.GET.get("sort", "name")
    rows = _overview(request, context, sort)
    items = _completeness(request, context, [row.area for row in rows])
    rows = _current(rows, context["today"])
    totals = completeness_totals(items)
    cards = area_cards(
        rows,
        pictures=reports_access.joint_pictures_visible_to(request.user),
        incidents=incidents_access.incidents_visible_to(request.user),
        today=context["today"],
    )
    context |= {
        "cards": cards,
        "cards_html": cards_html(cards, context["months"]),
        "rows": rows,
        "rows_html": overview_rows_html(rows, context["months"]),
        "sort": sort,
        "sort_links": sort_links(sort, context["months"]),
        "completeness": items,
        "totals": totals,
        "completeness_table": completeness_table(items, totals=totals),
        "completeness_chart": completeness_chart(items),
        "completeness_summary": completeness_summary(totals, context["months"]),
    }
    return context


def dashboard_csv(request: HttpRequest, table: str) -> HttpResponse:
    """CSV of the overview (`areas`) or of completeness and timeliness (`completeness`)."""
    context = _dashboard_context(request)
    rows = _overview(request, context, request.GET.get("sort", "name"))
    if table == "areas":
        data = overview_table(_current(rows, context["today"]))
    elif table == "completeness":
        items = _completeness(request, context, [row.area for row in rows])
        data = completeness_table(items, totals=completeness_totals(items))
    else:
        raise Http404
    audit.record(request, "export", label=f"dashboard {table}.csv")
    return csv_response(data, f"dashboard-{table}-{context['today']}.csv")


def _area_tables(request: HttpRequest, area, context: dict) -> dict:
    user = request.user
    result = area_tables(
        area,
        reports_access.shared_reports_visible_to(user),
        incidents=incidents_access.incidents_visible_to(user),
        measures=measures_access.measures_visible_to(user),
        promises=measures_access.area_promises_visible_to(user, area),
        focus=focus_category_ids(context["today"]),
        today=context["today"],
        months=context["months"],
    )
    _add_history(request, area, context, result)  # see Reorganisations below
    result["picture"] = current_picture(
        area,
        reports_access.shared_reports_visible_to(user),
        pictures=reports_access.joint_pictures_visible_to(user),
        today=context["today"],
    )
    return result


def area_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """One area over time: levels per side and category, incidents, places, measures."""
    key = body_key(request)  # before the area is read: see dashboards/cache.py
    area = districts_access.get_area_for_user(request.user, slug)

    def body() -> str:
        context = _dashboard_context(request)
        context |= {"area": area, **_area_tables(request, area, context)}
        return render_to_string("dashboards/dashboard_area_body.html", context)

    context = {"area": area, "body": cached_body(key, body)}
    return render(request, "dashboards/dashboard_area.html", context)


def area_dashboard_csv(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    area = districts_access.get_area_for_user(request.user, slug)
    context = _dashboard_context(request)
    tables = _area_tables(request, area, context)["tables"]
    if table not in tables:
        raise Http404
    audit.record(request, "export", area, label=f"{area}: {table}.csv")
    return csv_response(tables[table], f"{area.slug}-{table}-{context['today']}.csv")


# --- Reorganisations ---


def _current(rows: list, today) -> list:
    """The overview's current picture is of areas that exist today; an area ended within the
    window still counts in completeness, under its own name, for the periods it owed."""
    return [row for row in rows if row.area.is_valid_on(today)]


def _add_history(request: HttpRequest, area, context: dict, result: dict) -> None:
    """A successor's dashboard also shows its predecessors' history, labelled by name, over
    `?start=&end=` (two years either side of the change by default)."""
    if not area.predecessors.exists():
        return
    default = history_range(area, context["today"])
    initial = {"start": default[0], "end": default[1]}
    form = HistoryRangeForm(request.GET or None, initial=initial)
    start, end = form.span(default)
    table = lineage_levels(
        area, reports_access.shared_reports_visible_to(request.user), start=start, end=end
    )
    result["tables"]["history"] = table
    result["charts"]["history"] = table.chart("line", y_max=4)
    result["history_form"] = form
