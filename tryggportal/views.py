import redis
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.forms import BarrierReportForm
from accounts.models import BarrierReport
from tryggportal import access


def home(request: HttpRequest) -> HttpResponse:
    """What the signed-in user reaches: their areas, their districts' areas, or all; as they
    are today (an area ended by a reorganisation lives on in its successor's history)."""
    today = timezone.localdate()
    areas = access.areas_visible_to(request.user).valid_on(today).for_list()
    return render(request, "home.html", {"areas": areas, "today": today})


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while the database answers; Redis's state is reported when it is configured."""
    state = {"database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        state["database"] = "error"
    if settings.REDIS_URL:
        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1).ping()
            state["redis"] = "ok"
        except redis.RedisError:
            state["redis"] = "error"
    return JsonResponse(state, status=200 if state["database"] == "ok" else 503)


# --- Public pages: no sign-in ---


@login_not_required
def privacy(request: HttpRequest) -> HttpResponse:
    context = {"retention_days": settings.AUDIT_RETENTION_DAYS}
    return render(request, "public/privacy.html", context)


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    form = BarrierReportForm(request.POST or None)
    if form.is_valid():
        BarrierReport.objects.create(**form.cleaned_data)
        messages.success(
            request, _("Thank you. We have received your report and will look into it.")
        )
        return redirect("accessibility")
    return render(request, "public/accessibility.html", {"form": form})
