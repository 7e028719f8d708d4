from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from conferences import access
from districts import access as districts_access
from incidents import access as incidents_access
from measures import access as measures_access
from reports import access as reports_access

from . import follow_up, services
from .forms import ConferenceForm, OutcomeFormSet, PriorityForm, ProgrammeFormSet, measure_label


def edit_conferences_required(view: Callable) -> Callable:
    """Everyone signed in reads conferences; only development leads and admins change them."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not access.can_edit_conferences(request.user):
            raise PermissionDenied(
                _(
                    "Conferences and priorities are changed by the development lead and system "
                    "administrators; everyone signed in can read them."
                )
            )
        return view(request, *args, **kwargs)

    return wrapper


def _linked_visible(request: HttpRequest, conference) -> dict:
    """Which of the priorities' linked measures and agreements the user may see by name;
    progress counts them all, names show only what access.py lets the user reach."""
    user = request.user
    linked = {"priorities__conference": conference}
    return {
        "visible_measure_ids": set(
            measures_access.measures_visible_to(user).filter(**linked).values_list("pk", flat=True)
        ),
        "visible_agreement_ids": set(
            measures_access.agreements_visible_to(user)
            .filter(**linked)
            .values_list("pk", flat=True)
        ),
        "can_edit": access.can_edit_conferences(user),
        "today": timezone.localdate(),
    }


def conference_list(request: HttpRequest) -> HttpResponse:
    conferences = access.conferences_visible_to(request.user).for_list()
    page = Paginator(conferences, 20).get_page(request.GET.get("page"))
    context = {"page": page, "can_edit": access.can_edit_conferences(request.user)}
    return render(request, "conferences/conference_list.html", context)


def conference_detail(request: HttpRequest, year: int) -> HttpResponse:
    conferences = access.conferences_visible_to(request.user)
    conference = get_object_or_404(conferences.for_page(), year=year)
    today = timezone.localdate()
    context = {
        "conference": conference,
        "is_current": conference == conferences.current(today),
        "stale": [p for p in conference.priorities.all() if p.is_stale(today)],
        **_linked_visible(request, conference),
    }
    return render(request, "conferences/conference_detail.html", context)


@edit_conferences_required
def conference_create(request: HttpRequest) -> HttpResponse:
    form = ConferenceForm(request.POST or None)
    if form.is_valid():
        conference = services.conference_save(form=form)
        audit.record(request, "create", conference)
        messages.success(request, _("The conference was saved."))
        return redirect("conference_detail", conference.year)
    return render(request, "conferences/conference_form.html", {"form": form})


@edit_conferences_required
def conference_edit(request: HttpRequest, year: int) -> HttpResponse:
    conference = access.get_conference_for_user(request.user, year)
    form = ConferenceForm(request.POST or None, instance=conference)
    if form.is_valid():
        conference = services.conference_save(form=form)
        audit.record(request, "change", conference)
        messages.success(request, _("The conference was saved."))
        return redirect("conference_detail", conference.year)
    return render(
        request, "conferences/conference_form.html", {"form": form, "conference": conference}
    )


def _edit_parts(request: HttpRequest, year: int, formset_class, template: str) -> HttpResponse:
    conference = access.get_conference_for_user(request.user, year)
    formset = formset_class(request.POST or None, instance=conference)
    if request.method == "POST" and formset.is_valid():
        services.conference_parts_save(formset=formset)
        audit.record(request, "change", conference)
        messages.success(request, _("The conference was saved."))
        return redirect("conference_detail", conference.year)
    return render(request, template, {"formset": formset, "conference": conference})


@edit_conferences_required
def programme_edit(request: HttpRequest, year: int) -> HttpResponse:
    return _edit_parts(request, year, ProgrammeFormSet, "conferences/programme_form.html")


@edit_conferences_required
def outcomes_edit(request: HttpRequest, year: int) -> HttpResponse:
    return _edit_parts(request, year, OutcomeFormSet, "conferences/outcomes_form.html")


def _priority_form(request: HttpRequest, year: int, pk: int | None = None) -> HttpResponse:
    conference = access.get_conference_for_user(request.user, year)
    priority = access.get_priority_for_user(request.user, conference, pk) if pk else None
    form = PriorityForm(request.POST or None, instance=priority, user=request.user)
    if form.is_valid():
        saved = services.priority_save(form=form, conference=conference)
        audit.record(request, "change" if pk else "create", saved)
        messages.success(request, _("The priority was saved."))
        return redirect("conference_detail", conference.year)
    context = {"form": form, "conference": conference, "priority": priority}
    return render(request, "conferences/priority_form.html", context)


@edit_conferences_required
def priority_create(request: HttpRequest, year: int) -> HttpResponse:
    return _priority_form(request, year)


@edit_conferences_required
def priority_edit(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    return _priority_form(request, year, pk)


MEASURE_PAGE = 20


@edit_conferences_required
def priority_measure_search(request: HttpRequest) -> JsonResponse:
    """The priority form's measure picker: a page of the measures the editor may see whose
    title or area matches `?q=`, by area and title; one query whatever the number of measures
    (a page and one more row tell whether there is a next page)."""
    query = request.GET.get("q", "").strip()[:100]
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page = 1
    measures = measures_access.measures_visible_to(request.user).select_related("area")
    if query:
        measures = measures.filter(Q(title__icontains=query) | Q(area__name__icontains=query))
    start = (page - 1) * MEASURE_PAGE
    rows = list(
        measures.order_by("area__name", "title", "pk").only("pk", "title", "area__name")[
            start : start + MEASURE_PAGE + 1
        ]
    )
    return JsonResponse(
        {
            "results": [{"id": m.pk, "label": measure_label(m)} for m in rows[:MEASURE_PAGE]],
            "page": page,
            "more": len(rows) > MEASURE_PAGE,
        }
    )


def conference_follow_up(request: HttpRequest, year: int) -> HttpResponse:
    conference = access.get_conference_for_user(request.user, year)
    context = follow_up.theme_follow_up(
        conference=conference,
        areas=districts_access.areas_visible_to(request.user),
        reports=reports_access.shared_reports_visible_to(request.user),
        incidents=incidents_access.incidents_visible_to(request.user),
    )
    context["conference"] = conference
    context["priorities"] = conference.priorities.for_page()
    context.update(_linked_visible(request, conference))
    return render(request, "conferences/follow_up.html", context)
