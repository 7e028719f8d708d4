from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from districts import access as districts_access
from incidents import access
from tryggportal.lib.pagination import CappedPaginator

from . import importers, services
from .forms import IncidentFilterForm, IncidentForm, IncidentImportForm, PlaceForm
from .models import Incident, Visibility


def place_list(request: HttpRequest, slug: str) -> HttpResponse:
    area = districts_access.get_area_for_user(request.user, slug)
    places = access.places_visible_to(request.user).filter(area=area).for_list()
    context = {
        "area": area,
        "page": Paginator(places, 50).get_page(request.GET.get("page")),
        "can_manage": access.can_manage_places(request.user, area),
    }
    return render(request, "incidents/place_list.html", context)


def place_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    area = districts_access.get_area_for_user(request.user, slug)
    place = access.get_place_for_user(request.user, area, pk) if pk else None
    districts_access.require(access.can_manage_places(request.user, area))
    form = PlaceForm(request.POST or None, instance=place, area=area)
    if form.is_valid():
        saved = services.place_save(form=form, area=area)
        audit.record(request, "change" if pk else "create", saved)
        messages.success(request, _("The place was saved."))
        return redirect("place_list", slug=area.slug)
    return render(request, "incidents/place_form.html", {"area": area, "form": form})


def incident_list(request: HttpRequest) -> HttpResponse:
    filters = IncidentFilterForm(request.GET or None, user=request.user)
    incidents = filters.filter(access.incidents_visible_to(request.user)).for_list()
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": CappedPaginator(incidents, 50).get_page(request.GET.get("page")),
        "query": query.urlencode(),
        "can_log": access.logging_areas_for(request.user).exists(),
    }
    return render(request, "incidents/incident_list.html", context)


def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.get_incident_for_user(request.user, pk)
    audit.record(request, "view", incident)
    context = {"incident": incident, "can_edit": access.can_edit_incident(request.user, incident)}
    return render(request, "incidents/incident_detail.html", context)


def incident_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    incident = access.get_incident_for_user(request.user, pk) if pk else None
    if incident:
        districts_access.require(access.can_edit_incident(request.user, incident))
    else:
        districts_access.require(access.logging_areas_for(request.user).exists())
    # Defaults for a new incident only: `initial` would hide an edited incident's own values.
    initial = (
        {} if incident else {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)}
    )
    form = IncidentForm(request.POST or None, instance=incident, user=request.user, initial=initial)
    if form.is_valid():
        incident = services.incident_save(form=form, user=request.user)
        audit.record(request, "change" if pk else "create", incident)
        messages.success(request, _("The incident was saved."))
        return redirect("incident_detail", pk=incident.pk)
    return render(request, "incidents/incident_form.html", {"form": form, "incident": incident})


def incident_import(request: HttpRequest) -> HttpResponse:
    districts_access.require(access.logging_areas_for(request.user).exists())
    form = IncidentImportForm(request.POST or None, request.FILES or None, user=request.user)
    errors = []
    if form.is_valid():
        area = form.cleaned_data["area"]
        result = importers.parse(form.cleaned_data["file"].read(), area)
        errors = result.errors
        if not errors:
            imported, skipped = services.incidents_import(
                area=area,
                user=request.user,
                rows=result.rows,
                visibility=form.cleaned_data["visibility"],
            )
            police_only = form.cleaned_data["visibility"] == Visibility.POLICE_ONLY
            label = f"{area}: {imported} imported"
            audit.record(request, "create", Incident, label=label, police_only=police_only)
            messages.success(
                request,
                _("%(imported)s incidents imported, %(skipped)s already there.")
                % {"imported": imported, "skipped": skipped},
            )
            return redirect("incident_list")
    return render(request, "incidents/incident_import.html", {"form": form, "errors": errors})
