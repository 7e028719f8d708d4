import datetime as dt

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
from tryggportal.lib.rate_limit import RateLimit


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


# Reports from one address (or one signed-in user) per hour: enough for a person, not a robot.
BARRIER_REPORTS = RateLimit("barrier-report", limit=5, window=60 * 60)


def too_many_posts(request: HttpRequest, retry_at: dt.datetime) -> HttpResponse:
    """429 in the portal's layout, saying when to try again."""
    response = render(request, "public/too_many_posts.html", {"retry_at": retry_at}, status=429)
    response["Retry-After"] = str(max(1, int((retry_at - timezone.now()).total_seconds())))
    return response


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and (retry_at := BARRIER_REPORTS.blocked_until(request)):
        return too_many_posts(request, retry_at)
    form = BarrierReportForm(request.POST or None)
    if form.is_valid():
        BARRIER_REPORTS.hit(request)
        if not form.filled_in_by_a_robot:  # a robot is thanked too, and learns nothing
            BarrierReport.objects.create(**form.barrier_fields())
        messages.success(
            request, _("Thank you. We have received your report and will look into it.")
        )
        return redirect("accessibility")
    return render(request, "public/accessibility.html", {"form": form})
