"""The secrecy marking's pages: set, change or remove it on a report, joint picture, incident
or measure (POST), by whoever may change that object; shown to whoever may see it.

Every change is an audit event on the object and a `SecrecyMarkingRevision`.
"""

from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import audit
from districts import access as districts_access
from incidents import access as incidents_access
from incidents.models import Incident
from measures import access as measures_access
from measures.models import Measure
from reports import access as reports_access
from reports.models import JointPicture, SituationReport

from . import services
from .forms import SecrecyMarkingForm

REJECTED = "secrecy_marking_rejected"  # session key: a refused form's address and input


def can_mark(user, obj: models.Model) -> bool:
    """Whoever may change the object marks it: the report's author side, the joint picture's
    members, the incident's reporting side, the measure's area members."""
    if isinstance(obj, SituationReport):
        return reports_access.can_edit_report(user, obj)
    if isinstance(obj, JointPicture):
        return reports_access.can_work_on_joint_picture(user, obj.area)
    if isinstance(obj, Incident):
        return incidents_access.can_edit_incident(user, obj)
    if isinstance(obj, Measure):
        return measures_access.can_edit_measure(user, obj)
    raise TypeError(obj)


def marking_url(obj: models.Model) -> str:
    """Where the marking form of a report, incident or measure posts (a joint picture's is
    addressed by area and period: `picture_secrecy`)."""
    names = {
        SituationReport: "report_secrecy",
        Incident: "incident_secrecy",
        Measure: "measure_secrecy",
    }
    return reverse(names[type(obj)], args=[obj.pk])


def _apply(request: HttpRequest, obj: models.Model, page: str) -> HttpResponse:
    districts_access.require(can_mark(request.user, obj))
    form = SecrecyMarkingForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        # The page shows the form again with what was typed (`secrecy_marking` tag).
        request.session[REJECTED] = {"url": request.path, "data": request.POST.dict()}
        return redirect(page)
    provision = form.cleaned_data["provision"].strip()
    if provision:
        marking = services.marking_set(obj=obj, provision=provision, actor=request.user)
        audit.record(request, "change", obj, label=f"{obj}: secrecy marking {marking.provision}")
        messages.success(request, _("The secrecy marking is saved."))
    elif services.marking_remove(obj=obj, actor=request.user):
        audit.record(request, "change", obj, label=f"{obj}: secrecy marking removed")
        messages.success(request, _("The secrecy marking is removed."))
    return redirect(page)


@require_POST
def report_secrecy(request: HttpRequest, pk: int) -> HttpResponse:
    report = reports_access.get_report_for_user(request.user, pk)
    return _apply(request, report, report.get_absolute_url())


@require_POST
def incident_secrecy(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incidents_access.get_incident_for_user(request.user, pk)
    return _apply(request, incident, reverse("incident_detail", args=[pk]))


@require_POST
def measure_secrecy(request: HttpRequest, pk: int) -> HttpResponse:
    measure = measures_access.get_measure_for_user(request.user, pk)
    return _apply(request, measure, reverse("measure_detail", args=[pk]))


@require_POST
def picture_secrecy(request: HttpRequest, slug: str, period_key: str) -> HttpResponse:
    area, period = reports_access.get_joint_picture_period_for_user(request.user, slug, period_key)
    districts_access.require(reports_access.can_work_on_joint_picture(request.user, area))
    picture = services.joint_picture_for_marking(area=area, period=period)
    return _apply(request, picture, reverse("joint_picture", args=[slug, period_key]))
