from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tryggportal import access


def area_list(request: HttpRequest) -> HttpResponse:
    areas = access.areas_visible_to(request.user).for_list()
    page = Paginator(areas, 50).get_page(request.GET.get("page"))
    return render(request, "districts/area_list.html", {"page": page})


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
    }
    return render(request, "districts/area_detail.html", context)
