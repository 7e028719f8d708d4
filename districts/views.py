from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from districts import access
from districts.forms import AsOfForm


def area_list(request: HttpRequest) -> HttpResponse:
    """The areas the user reaches as the structure stood on `?as_of=` (today by default)."""
    form = AsOfForm(request.GET or None)
    day = form.day(timezone.localdate())
    areas = access.areas_visible_to(request.user).valid_on(day).for_list()
    page = Paginator(areas, 50).get_page(request.GET.get("page"))
    return render(request, "districts/area_list.html", {"page": page, "form": form, "day": day})


def area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, slug)
    today = timezone.localdate()
    period = area.next_due_period(today)
    context = {
        "area": area,
        "members": area.members.order_by("side", "last_name", "username"),
        "directors": area.district.directors.order_by("last_name", "username"),
        "chiefs": area.police_area.chiefs.order_by("last_name", "username"),
        "period": period,
        "due": area.due_date(period),
        **_lineage_context(request, area, today),
    }
    return render(request, "districts/area_detail.html", context)


def _lineage_context(request: HttpRequest, area, today) -> dict:
    """Reorganisations: the area's predecessors and successors the user reaches, and what of its
    lineage stood on `?as_of=` (its shared reports per year across its whole history are
    reports' `{% area_report_history area %}`, in the template)."""
    form = AsOfForm(request.GET or None)
    day = form.day(today)
    lineage = list(
        access.areas_visible_to(request.user)
        .filter(pk__in=area.lineage())
        .select_related("district", "police_area")
    )
    return {
        "as_of_form": form,
        "as_of": day,
        "predecessors": [a for a in lineage if a.valid_from < area.valid_from],
        "successors": [a for a in lineage if a.valid_from > area.valid_from],
        "valid_then": [a for a in lineage if a.is_valid_on(day)],
    }
