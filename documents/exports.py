"""CSV and XLSX downloads of the report, incident and measure lists, as filtered on screen.

Each export applies the list page's own filter to the same scoped queryset
(the topics' access modules), so it holds exactly the rows the list shows across its pages, and
nothing the reader may not see: a city reader's incident export never holds a police-only
incident. Every cell goes through `tryggportal.lib.spreadsheet.cell` (CSV through its
writer), so a text typed as `=HYPERLINK(...)` opens as text and a control character never
breaks the file. Each download is an audit event
labelled with its filter.
"""

import datetime as dt
import decimal
import io
from collections.abc import Callable, Iterable

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from documents.models import SecrecyMarking
from incidents import access as incidents_access
from incidents.forms import IncidentFilterForm
from incidents.models import Incident
from measures import access as measures_access
from measures.models import Measure
from reports import access as reports_access
from reports.filters import ReportFilter
from reports.models import SituationReport
from tryggportal.lib import spreadsheet
from tryggportal.lib.pdf import download_name

# A download holds at most this many rows (newest first, as the list); the audit label says
# when it was cut. Ten years of Göteborg's reports are about 11,000 rows.
EXPORT_MAX_ROWS = 100_000
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

Column = tuple[str, Callable]


def _local(moment: dt.datetime | None):
    """A stored UTC time as Swedish wall-clock time without zone (what a spreadsheet shows)."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _number(value: decimal.Decimal | None):
    """200.0 as 200 and 4.5 as 4.5: a whole amount reads as a whole number in CSV too."""
    if value is None or value != value.to_integral_value():
        return value
    return int(value)


def report_columns() -> list[Column]:
    return [
        (_("Id"), lambda r: r.pk),
        (_("Area"), lambda r: r.area.name),
        (_("Period"), lambda r: str(r.period_label)),
        (_("Period start"), lambda r: r.period_start),
        (_("Period end"), lambda r: r.period_end),
        (_("Side"), lambda r: r.get_side_display()),
        (_("Status"), lambda r: r.get_status_display()),
        (_("Overall level"), lambda r: r.level),
        (_("Level"), lambda r: r.get_level_display()),
        (_("Trend"), lambda r: r.get_trend_display()),
        (_("Filed by"), lambda r: str(r.created_by)),
        (_("Shared"), lambda r: _local(r.shared_at)),
        (_("Summary"), lambda r: r.summary),
    ]


def incident_columns() -> list[Column]:
    return [
        (_("Id"), lambda i: i.pk),
        (_("When"), lambda i: _local(i.occurred_at)),
        (_("Area"), lambda i: i.area.name),
        (_("Place"), lambda i: i.place.name if i.place else ""),
        (_("Category"), lambda i: i.category.name),
        (_("Severity"), lambda i: i.get_severity_display()),
        (_("Reported by"), lambda i: i.get_reported_side_display()),
        (_("Visibility"), lambda i: i.get_visibility_display()),
        (_("Description"), lambda i: i.description),
    ]


def measure_columns() -> list[Column]:
    return [
        (_("Id"), lambda m: m.pk),
        (_("Measure"), lambda m: m.title),
        (_("Area"), lambda m: m.area.name),
        (_("Owner side"), lambda m: m.get_owner_side_display()),
        (_("Owner"), lambda m: str(m.owner_user) if m.owner_user else ""),
        (_("Categories"), lambda m: "; ".join(c.name for c in m.categories.all())),
        (_("Start"), lambda m: m.start_date),
        (_("Due"), lambda m: m.due_date),
        (_("Status"), lambda m: m.get_status_display()),
        (_("Target"), lambda m: _number(m.target)),
        (_("Achieved"), lambda m: _number(m.achieved) if m.target else None),
        (_("Unit"), lambda m: m.target_unit),
    ]


def filtered_reports(request: HttpRequest):
    """The report list's rows (`/reports/`) for this request's filter."""
    reports = reports_access.reports_visible_to(request.user).for_list()
    return ReportFilter(request.GET or None, queryset=reports, request=request).qs


def filtered_incidents(request: HttpRequest):
    """The incident list's rows (`/incidents/`) for this request's filter."""
    filters = IncidentFilterForm(request.GET or None, user=request.user)
    return filters.filter(incidents_access.incidents_visible_to(request.user)).for_list()


def filtered_measures(request: HttpRequest):
    """The measure list's rows (`/measures/`, `?status=open`)."""
    measures = measures_access.measures_visible_to(request.user).for_list()
    return measures.open() if request.GET.get("status") == "open" else measures


def table(model, columns: list[Column], objects: list) -> Iterable[list]:
    """Each object's cells, and its secrecy marking last (one query for all rows)."""
    markings = SecrecyMarking.objects.for_model(model)
    for obj in objects:
        marking = markings.get(obj.pk)
        yield [value(obj) for _heading, value in columns] + [marking.text if marking else ""]


def csv_bytes(headings: list[str], rows: Iterable[list]) -> bytes:
    buffer = io.StringIO()
    writer = spreadsheet.writer(buffer, delimiter=";")
    writer.writerow(headings)
    writer.writerows(rows)
    # A byte-order mark, so Excel opens the Swedish letters as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# How the spreadsheet shows a date and a time (Swedish dates; a time to the minute, as on
# the pages), and the bounds of a column's width in characters: a date column is wide enough
# not to show "########", a long text column stops at MAX_WIDTH.
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MIN_WIDTH, MAX_WIDTH = 6, 60


def _shown_width(value) -> int:
    """About how many characters a cell shows."""
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return len(DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return len(DATE_FORMAT)
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(headings: list[str], rows: list[list]) -> list[float]:
    widths = [_shown_width(h) for h in headings]
    for row in rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], _shown_width(value))
    return [min(MAX_WIDTH, max(MIN_WIDTH, width)) + 2 for width in widths]


def xlsx_bytes(title: str, headings: list[str], rows: Iterable[list]) -> bytes:
    """A workbook of one sheet: dates and times as date cells with a number format, numbers
    as numbers, each column as wide as its longest value (up to MAX_WIDTH), the heading row
    bold and kept in view."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rows = list(rows)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for i, width in enumerate(column_widths(headings, rows), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"

    def cell(value, **style):
        value = spreadsheet.cell(value)
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, dt.datetime):
            written.number_format = DATETIME_FORMAT
        elif isinstance(value, dt.date):
            written.number_format = DATE_FORMAT
        for name, setting in style.items():
            setattr(written, name, setting)
        return written

    bold = Font(bold=True)
    sheet.append([cell(h, font=bold) for h in headings])
    for row in rows:
        sheet.append([cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _export(request, fmt: str, *, model, objects, columns, title: str, police_only=False):
    if fmt not in FORMATS:
        raise Http404
    rows = list(objects[: EXPORT_MAX_ROWS + 1])
    capped = len(rows) > EXPORT_MAX_ROWS
    rows = rows[:EXPORT_MAX_ROWS]
    headings = [heading for heading, _value in columns] + [_("Secrecy marking")]
    if fmt == "csv":
        content = csv_bytes(headings, table(model, columns, rows))
    else:
        content = xlsx_bytes(title, headings, table(model, columns, rows))
    query = request.GET.urlencode()
    label = f"{model._meta.verbose_name_plural} {fmt.upper()}: {len(rows)} rows"
    label += f" (cut at {EXPORT_MAX_ROWS})" if capped else ""
    label += f", filter {query}" if query else ", no filter"
    audit.record(request, "export", model, label=label, police_only=police_only)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    name = download_name(title, timezone.localdate().isoformat())
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return _export(
        request,
        fmt,
        model=SituationReport,
        objects=filtered_reports(request),
        columns=report_columns(),
        title=_("Situation reports"),
    )


def incident_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return _export(
        request,
        fmt,
        model=Incident,
        objects=filtered_incidents(request),
        columns=incident_columns(),
        title=_("Incidents"),
        # A police reader's export may hold police-only incidents: the row never reaches a
        # city reader of the audit log.
        police_only=request.user.is_police,
    )


def measure_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return _export(
        request,
        fmt,
        model=Measure,
        objects=filtered_measures(request),
        columns=measure_columns(),
        title=_("Measures"),
    )
