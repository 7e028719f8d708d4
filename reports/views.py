import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts import audit
from reports import access
from tryggportal.lib.kept_forms import keeps_posted_form, pop_kept_form
from tryggportal.lib.pagination import CappedPaginator

from . import services
from .exchange import side_exchanges
from .filters import ReportFilter
from .forms import (
    AcknowledgeForm,
    EditReportForm,
    NewReportForm,
)
from .models import (
    AD_HOC,
    ASSESSMENT_DIFF_FIELDS,
    Category,
    CategoryAssessment,
    Level,
    ReportStatus,
    SituationReport,
    Trend,
    snapshot_changes,
)

REPORTS_PER_PAGE = 25


def restored_message(request: HttpRequest) -> None:
    messages.warning(
        request,
        _("You were signed out before your text was saved. It has been kept: review it and save."),
    )


def _show(field: str, value) -> str:
    """A stored value as the reader sees it: choices by their label, empty as a dash."""
    if value in (None, ""):
        return "–"
    if field == "level":
        return str(Level(value).label)
    if field == "trend":
        return str(Trend(value).label)
    return value


def _field_label(change: dict, categories: dict) -> str:
    if "category" in change:
        category = categories.get(change["category"])
        name = category.name if category else change["category"]
        verbose = CategoryAssessment._meta.get_field(change["field"]).verbose_name
        return f"{name}: {verbose}"
    return str(SituationReport._meta.get_field(change["field"]).verbose_name).capitalize()


def _describe(changes: list[dict], categories: dict) -> list[dict]:
    """Stored changes as rows for a page: label, before and after in the reader's language."""
    return [
        {
            "label": _field_label(c, categories),
            "before": _show(c["field"], c["before"]),
            "after": _show(c["field"], c["after"]),
        }
        for c in changes
    ]


def _since_previous(report: SituationReport, previous: SituationReport | None) -> list[dict]:
    """Level and trend now against the same side's previous report, overall and per category."""
    if previous is None:
        return []
    before, after = previous.snapshot(), report.snapshot()
    rows = [
        {
            "label": _("Overall"),
            "level_before": _show("level", before["fields"]["level"]),
            "level_after": _show("level", after["fields"]["level"]),
            "trend": _show("trend", after["fields"]["trend"]),
            "changed": before["fields"]["level"] != after["fields"]["level"],
        }
    ]
    empty = dict.fromkeys(ASSESSMENT_DIFF_FIELDS)
    for a in report.assessments.all():
        old = before["categories"].get(a.category.code, empty)
        rows.append(
            {
                "label": a.category.name,
                "level_before": _show("level", old["level"]),
                "level_after": _show("level", a.level),
                "trend": _show("trend", a.trend),
                "changed": old["level"] != a.level,
            }
        )
    return rows


def report_list(request: HttpRequest) -> HttpResponse:
    reports = access.reports_visible_to(request.user).for_list()
    filters = ReportFilter(request.GET or None, queryset=reports, request=request)
    page = CappedPaginator(filters.qs, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filters,
        "page": page,
        "query": query.urlencode(),
        "can_create": access.report_areas_for(request.user).exists(),
    }
    return render(request, "reports/report_list.html", context)


def _copy_values(previous: SituationReport | None) -> str:
    """The form values of the side's previous report ("copy from our previous report"):
    overall level and trend, and each category's level, trend and note, as JSON."""
    if previous is None:
        return ""
    values = {"level": str(previous.level or ""), "trend": previous.trend}
    for a in previous.assessments.all():
        prefix = f"cat-{a.category.code}-"
        values[prefix + "level"] = str(a.level or "")
        values[prefix + "trend"] = a.trend
        values[prefix + "note"] = a.note
    return json.dumps(values)


def _form_context(request, form, report, area, period_start) -> dict:
    previous = access.previous_own_report(request.user, area, period_start)
    return {
        "form": form,
        "report": report,
        "area": area,
        "previous": previous,
        "copy_values": _copy_values(previous),
        "autosave": report is None or report.is_draft,
        "autosave_seconds": settings.REPORT_AUTOSAVE_SECONDS,
    }


def _open_existing(request: HttpRequest, area, key: str | None, today) -> HttpResponse | str:
    """`report_new` opened for an area (and maybe a period): the side's existing report of
    that period if there is one (a redirect to it), else the period key to preselect: the
    one asked for if the area owes it, else the current period (or the earliest overdue one
    once the current is shared); an extraordinary event when the area owes no period yet."""
    user = request.user
    exchange = side_exchanges([area], access.own_side_reports(user), today)[0]
    state = exchange.default
    if key:
        try:
            period = area.period_from_key(key)
        except ValueError:
            period = None
        if period is not None and area.owes(period):  # a period not owed is never offered
            state = exchange.state_of(period)
            if state is None:  # outside the window the home page follows: its report, if any
                report = access.own_side_reports(user).regular()
                report = report.filter(area=area, period_start=period.start).first()
                if report is None:
                    return key
                return redirect("report_edit" if report.is_draft else "report_detail", report.pk)
    if state is None:
        return AD_HOC
    if state.report is None:
        return state.period.key
    messages.info(
        request,
        _("Your side already has a report for %(period)s: here it is.")
        % {"period": state.period.label},
    )
    return redirect(state.link)


@keeps_posted_form
def report_new(request: HttpRequest) -> HttpResponse:
    areas = access.report_areas_for(request.user)
    if not areas:
        raise PermissionDenied(
            _(
                "Situation reports are written by the safety coordinators and community police "
                "officers of an area, and you have no area to write for."
            )
        )
    kept = None if request.method == "POST" else pop_kept_form(request, request.path)
    data = request.POST if request.method == "POST" else kept
    draft = _draft_of_page(request)
    if draft is not None:  # the page's autosave created the draft just before this save
        return _edit(request, draft, _based_on(request))
    today = timezone.localdate()
    area = next((a for a in areas if a.slug == request.GET.get("area")), areas[0])
    key = request.GET.get("period")
    if key != AD_HOC and data is None:
        opened = _open_existing(request, area, key, today)
        if isinstance(opened, HttpResponse):
            return opened
        key = opened
    form = NewReportForm(
        data,
        user=request.user,
        areas=areas,
        today=today,
        categories=Category.objects.active(),
        sharing=_sharing(request),
        initial={"area": area, "period": key, "event_date": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = _create(request, form)
        except ValidationError as error:
            form.add_error("period", error)
        else:
            messages.success(request, _("The draft is saved. Only your side sees it until shared."))
            if request.POST.get("then") == "share":
                return redirect("report_share", report.pk)
            return redirect(report)
    elif kept is not None:
        restored_message(request)
    context = _form_context(request, form, None, area, today)
    return render(request, "reports/report_form.html", context)


def _create(request: HttpRequest, form: NewReportForm) -> SituationReport:
    report = services.report_create(
        area=form.cleaned_data["area"],
        actor=request.user,
        period=form.resolved_period,
        event_date=form.cleaned_data["event_date"],
        fields=form.report_fields(),
        assessments=form.assessment_values(),
    )
    audit.record(request, "create", report)
    _remember_draft(request, form.cleaned_data["draft_key"], report)
    return report


def _sharing(request: HttpRequest) -> bool:
    """Pressed "Save and share…": the form then needs what sharing needs."""
    return request.method == "POST" and request.POST.get("then") == "share"


# The session's map from a new-report page's key (NewReportForm.draft_key) to the draft that
# page's first save created, and that draft's version then. A later save from the same page
# that still posts to the new-report address (an autosave under way, the page closing) goes
# into that draft: a page never makes a second report.
PAGE_DRAFTS = "report_page_drafts"
PAGE_DRAFTS_KEPT = 20


def _remember_draft(request: HttpRequest, key: str, report: SituationReport) -> None:
    if not key:
        return
    drafts = request.session.get(PAGE_DRAFTS, {})
    drafts.pop(key, None)
    drafts[key] = [report.pk, report.version]
    request.session[PAGE_DRAFTS] = dict(list(drafts.items())[-PAGE_DRAFTS_KEPT:])


def _draft_of_page(request: HttpRequest) -> SituationReport | None:
    if request.method != "POST":
        return None
    pk, _version = request.session.get(PAGE_DRAFTS, {}).get(request.POST.get("draft_key"), (0, 0))
    return access.own_side_reports(request.user).filter(pk=pk, status=ReportStatus.DRAFT).first()


def _based_on(request: HttpRequest):
    """The posted new-report form as an edit of the draft its page created: based on the
    version that page last saved, so a change by someone else in between is a conflict."""
    data = request.POST.copy()
    data["version"] = request.session[PAGE_DRAFTS][data["draft_key"]][1]
    return data


def _autosaved(report: SituationReport) -> JsonResponse:
    saved_at = formats.time_format(timezone.localtime(report.updated_at), "H:i")
    return JsonResponse(
        {
            "saved": True,
            "version": report.version,
            "message": _("Saved %(time)s") % {"time": saved_at},
            "action": reverse("report_edit", args=[report.pk]),
            "autosave": reverse("report_autosave", args=[report.pk]),
        }
    )


def _not_autosaved(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"saved": False, "message": message, **extra}, status=status)


NOT_SAVED_INVALID = gettext_lazy(
    "Not saved: a field is not valid. Press Save to see what needs changing."
)


@require_POST
def report_autosave_new(request: HttpRequest) -> JsonResponse:
    """The new-report form saving itself from the first keystroke: the first autosave creates
    the draft (level, trend and summary may still be empty), and the page goes on saving into
    it; a save that still comes from this address updates the same draft."""
    areas = access.report_areas_for(request.user)
    if not areas:
        raise PermissionDenied
    draft = _draft_of_page(request)
    if draft is not None:
        return _autosave_into(request, draft, _based_on(request))
    form = NewReportForm(
        request.POST,
        user=request.user,
        areas=areas,
        today=timezone.localdate(),
        categories=Category.objects.active(),
    )
    if not form.is_valid():
        return _not_autosaved(str(NOT_SAVED_INVALID), 400)
    try:
        report = _create(request, form)
    except ValidationError:
        return _not_autosaved(str(NOT_SAVED_INVALID), 400)
    return _autosaved(report)


@require_POST
def report_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """A draft saving itself while its author types. A newer version on the server is never
    overwritten: the answer is 409 and the page asks the user to save, which shows the
    conflict page. Shared reports do not save themselves (each save would be a revision)."""
    report = access.get_report_for_user(request.user, pk)
    if not (access.can_edit_report(request.user, report) and report.is_draft):
        raise PermissionDenied
    return _autosave_into(request, report, request.POST)


def _autosave_into(request: HttpRequest, report: SituationReport, data) -> JsonResponse:
    form = EditReportForm(data, instance=report, categories=Category.objects.active())
    if not form.is_valid():
        return _not_autosaved(str(NOT_SAVED_INVALID), 400)
    try:
        report = _update(request, report, form)
    except services.ReportConflict:
        message = _(
            "Not saved: someone saved a newer version. Press Save to compare the two texts."
        )
        return _not_autosaved(message, 409, conflict=True)
    audit.record(request, "change", report, label=f"{report} (autosaved)")
    return _autosaved(report)


def _detail_context(request: HttpRequest, report: SituationReport, ack_form=None) -> dict:
    user = request.user
    can_acknowledge = access.can_acknowledge_report(user, report)
    if can_acknowledge and ack_form is None:
        kept = pop_kept_form(request, reverse("report_acknowledge", args=[report.pk]))
        if kept is not None:
            restored_message(request)
        ack_form = AcknowledgeForm(kept)
    categories = {a.category.code: a.category for a in report.assessments.all()}
    revisions = [
        {"revision": r, "changes": _describe(r.changes, categories)} for r in report.revisions.all()
    ]
    previous = access.previous_report_for(user, report)
    in_cadence = report.period is not None and report.period_kind == report.area.cadence
    # A report filed ahead of its period has no joint picture yet (the picture opens with it).
    has_picture = in_cadence and report.area.is_exchange_period(report.period, timezone.localdate())
    return {
        "report": report,
        "can_edit": access.can_edit_report(user, report),
        "can_share": access.can_share_report(user, report),
        "ack_form": ack_form if can_acknowledge else None,
        "revisions": revisions,
        "previous": previous,
        "since_previous": _since_previous(report, previous),
        "picture_key": report.period.key if has_picture else None,
    }


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk)
    audit.record(request, "view", report)
    return render(request, "reports/report_detail.html", _detail_context(request, report))


@keeps_posted_form(exists=access.report_exists)
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk)
    if not access.can_edit_report(request.user, report):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else pop_kept_form(request, request.path)
    return _edit(request, report, data)


def _edit(request: HttpRequest, report: SituationReport, data) -> HttpResponse:
    form = EditReportForm(
        data, instance=report, categories=Category.objects.active(), sharing=_sharing(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = _update(request, report, form)
        except services.ReportConflict as conflict:
            return _report_conflict(request, form, conflict.current.pk)
        audit.record(request, "change", report)
        messages.success(request, _("Your changes are saved."))
        if _sharing(request) and report.is_draft:
            return redirect("report_share", report.pk)
        return redirect(report)
    if data is not None and request.method == "GET":
        restored_message(request)
    context = _form_context(request, form, report, report.area, report.period_start)
    return render(request, "reports/report_form.html", context)


def _update(request: HttpRequest, report: SituationReport, form: EditReportForm):
    report = services.report_update(
        report=report,
        actor=request.user,
        expected_version=form.cleaned_data["version"],
        fields=form.report_fields(),
        assessments=form.assessment_values(),
    )
    key = request.POST.get("draft_key")
    if key in request.session.get(PAGE_DRAFTS, {}):
        _remember_draft(request, key, report)
    return report


def _report_conflict(request: HttpRequest, form, pk: int) -> HttpResponse:
    """Someone saved in between: nothing is written. The page lists where the user's text and
    the current text differ, and the form keeps what the user typed, now based on the current
    version, so saving again is a deliberate choice."""
    current = access.get_report_for_user(request.user, pk)
    mine = {"fields": form.report_fields(), "categories": form.assessment_values()}
    categories = {c.code: c for c in form.categories}
    differences = _describe(snapshot_changes(current.snapshot(), mine), categories)
    data = request.POST.copy()
    data["version"] = current.version
    form = EditReportForm(data, instance=current, categories=form.categories)
    context = _form_context(request, form, current, current.area, current.period_start)
    context["differences"] = differences
    context["autosave"] = False  # the user decides here, nothing saves itself
    return render(request, "reports/report_conflict.html", context, status=409)


@require_http_methods(["GET", "POST"])
def report_share(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the report as the other side will see it, and a button to share it; POST: share."""
    report = access.get_report_for_user(request.user, pk)
    if not access.can_share_report(request.user, report):
        raise PermissionDenied
    missing = report.missing_for_sharing()
    if request.method == "GET" or missing:
        context = {"report": report, "missing": missing}
        status = 400 if missing and request.method == "POST" else 200
        return render(request, "reports/report_share.html", context, status=status)
    services.report_share(report=report, actor=request.user)
    audit.record(request, "change", report, label=f"{report} (shared)")
    messages.success(request, _("The report is shared with the other side."))
    return redirect(report)


@keeps_posted_form(exists=access.report_exists)
@require_POST
def report_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk)
    if not access.can_acknowledge_report(request.user, report):
        raise PermissionDenied
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, report, ack_form=form)
        return render(request, "reports/report_detail.html", context, status=400)
    services.report_acknowledge(
        report=report,
        actor=request.user,
        comment=form.cleaned_data["comment"],
        view_differs=form.cleaned_data["view_differs"],
    )
    audit.record(request, "change", report, label=f"{report} (acknowledged)")
    messages.success(request, _("The report is acknowledged."))
    return redirect(report)
