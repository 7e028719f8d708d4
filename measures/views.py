from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from districts import access as districts_access
from incidents import access as incidents_access
from measures import access
from reports import access as reports_access

from . import services
from .forms import AgreementForm, CitizenPromiseForm, MeasureForm, MeasureProgressForm
from .models import MeasureStatus


def measure_list(request: HttpRequest) -> HttpResponse:
    measures = access.measures_visible_to(request.user).for_list()
    status = request.GET.get("status")
    if status == "open":
        measures = measures.open()
    context = {
        "page": Paginator(measures, 50).get_page(request.GET.get("page")),
        "status": status,
        "query": "status=open" if status == "open" else "",
        "today": timezone.localdate(),
        "can_create": incidents_access.logging_areas_for(request.user).exists(),
    }
    return render(request, "measures/measure_list.html", context)


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = access.get_measure_for_user(request.user, pk)
    can_edit = access.can_edit_measure(request.user, measure)
    form = MeasureProgressForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST":
        districts_access.require(can_edit)
        if form.is_valid():
            services.measure_progress_record(measure=measure, form=form, user=request.user)
            audit.record(request, "change", measure)
            messages.success(request, _("The progress was recorded."))
            return redirect("measure_detail", pk=measure.pk)
    measure = access.measures_visible_to(request.user).with_progress().get(pk=measure.pk)
    audit.record(request, "view", measure)
    context = {
        "measure": measure,
        "entries": measure.progress_entries.select_related("recorded_by"),
        "form": form if can_edit else None,
        "can_edit": can_edit,
        "today": timezone.localdate(),
    }
    return render(request, "measures/measure_detail.html", context)


def measure_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    measure = access.get_measure_for_user(request.user, pk) if pk else None
    if measure:
        districts_access.require(access.can_edit_measure(request.user, measure))
    else:
        districts_access.require(incidents_access.logging_areas_for(request.user).exists())
    report = None
    if not measure and request.GET.get("report", "").isdigit():
        report = reports_access.get_report_for_user(request.user, int(request.GET["report"]))
    initial = {}  # defaults for a new measure only, as for incidents
    if not measure:
        initial = {"owner_side": request.user.side, "start_date": timezone.localdate()}
        initial |= {"area": report.area_id} if report else {}
    form = MeasureForm(
        request.POST or None,
        instance=measure,
        user=request.user,
        initial=initial,
        proposed_in=report,
    )
    if form.is_valid():
        measure = services.measure_save(form=form, user=request.user, proposed_in=report)
        audit.record(request, "change" if pk else "create", measure)
        messages.success(request, _("The measure was saved."))
        return redirect("measure_detail", pk=measure.pk)
    context = {"form": form, "measure": measure, "report": report}
    return render(request, "measures/measure_form.html", context)


def agreement_list(request: HttpRequest) -> HttpResponse:
    agreements = access.agreements_visible_to(request.user).for_list()
    context = {
        "page": Paginator(agreements, 20).get_page(request.GET.get("page")),
        "can_manage": access.can_manage_agreements(request.user),
    }
    return render(request, "measures/agreement_list.html", context)


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_user(request.user, pk)
    context = {
        "agreement": agreement,
        "promises": access.promises_for_agreement(request.user, agreement),
        "can_manage": access.can_manage_agreements(request.user),
    }
    return render(request, "measures/agreement_detail.html", context)


def agreement_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    agreement = access.get_agreement_for_user(request.user, pk) if pk else None
    districts_access.require(access.can_manage_agreements(request.user))
    form = AgreementForm(request.POST or None, instance=agreement, user=request.user)
    if form.is_valid():
        agreement = services.agreement_save(form=form, user=request.user)
        audit.record(request, "change" if pk else "create", agreement)
        messages.success(request, _("The agreement was saved."))
        return redirect("agreement_detail", pk=agreement.pk)
    context = {"form": form, "agreement": agreement}
    return render(request, "measures/agreement_form.html", context)


def promise_form(request: HttpRequest, agreement_pk: int, pk: int | None = None) -> HttpResponse:
    agreement = access.get_agreement_for_user(request.user, agreement_pk)
    promise = access.get_promise_for_user(request.user, agreement, pk) if pk else None
    districts_access.require(access.can_manage_agreements(request.user))
    form = CitizenPromiseForm(
        request.POST or None, instance=promise, user=request.user, agreement=agreement
    )
    if form.is_valid():
        promise = services.promise_save(form=form)
        audit.record(request, "change" if pk else "create", promise)
        messages.success(request, _("The citizen promise was saved."))
        return redirect("agreement_detail", pk=agreement.pk)
    context = {"form": form, "agreement": agreement, "promise": promise}
    return render(request, "measures/agreement_promise_form.html", context)


@login_not_required
def promise_public(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page of a published citizen promise: what is promised, by whom, where and
    for how long, how far it has come, what is being done and when it last moved."""
    promise = access.get_published_promise(slug)
    return render(request, "measures/promise_public.html", public_promise_context(promise))


def public_promise_context(promise) -> dict:
    """Only what the public may read: the template gets no model object, so no owner,
    description, progress note, agreement text or measure that is not marked public."""
    agreement = promise.agreement
    areas = list(agreement.areas.all())
    measures = list(promise.measures.all())
    shown = [m for m in measures if m.public]
    dates = [agreement.updated_at.date()] + [m.updated_at.date() for m in shown]
    dates += [m.last_progress for m in measures if m.last_progress]
    return {
        "text": promise.text,
        "whole_city": agreement.whole_city,
        "areas": [area.name for area in areas],
        "districts": sorted({area.district.name for area in areas}),
        "police_areas": sorted({area.police_area.name for area in areas}),
        "signed_on": agreement.signed_on,
        "valid_from": agreement.valid_from,
        "valid_to": agreement.valid_to,
        "progress": promise.progress(),
        "measures": [
            {
                "title": m.title,
                "status": m.get_status_display(),
                "done": m.status == MeasureStatus.DONE,
                "due_date": m.due_date,
                "achieved": m.achieved if m.target else None,
                "target": m.target,
                "unit": m.target_unit,
                "percent": m.percent,
            }
            for m in shown
        ],
        "done": sum(m.status == MeasureStatus.DONE for m in shown),
        "updated_on": max(dates),
    }
