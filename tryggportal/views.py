import datetime as dt
import functools

import redis
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from accounts.forms import BarrierReportForm
from accounts.models import BarrierReport, Role
from dashboards.home import reader_home
from districts.access import areas_visible_to
from districts.periods import Period
from measures.access import overdue_measures_for
from reports.access import (
    joint_pictures_awaiting_signature,
    own_side_reports,
    report_areas_for,
    reports_awaiting_acknowledgement,
)
from reports.exchange import side_exchanges
from situation_pictures.access import keeps_situation_pictures, situation_pictures_visible_to
from situation_pictures.todo import picture_todo
from tryggportal.lib.rate_limit import RateLimit

# Those who lead an area's side rather than file its reports: their home is the headline of
# their reach, what changed since they last signed in and what awaits them.
LEADER_ROLES = {Role.DIRECTOR, Role.POLICE_CHIEF}


def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's to-do and the areas they reach (their areas, their districts'
    areas, or all), as they are today; an ended area lives on in its successor's history.

    Coordinators and community officers see, per area, their side's report of this period
    with the one button that continues it, the periods overdue, the other side's reports to
    acknowledge, joint summaries to sign and their overdue measures, in a fixed number of
    queries. The development lead sees the yearly situation picture's draft to continue, or
    the next version once it is due soon (one query more). Directors and police chiefs see
    their reach's headline cards, what changed since they last signed in and what awaits
    them (dashboards/home.py)."""
    user, today = request.user, timezone.localdate()
    areas = list(areas_visible_to(user).valid_on(today).for_list())
    context = {"areas": areas, "today": today, "todo": None}
    if user.is_author:
        report_areas = list(report_areas_for(user))
        context["todo"] = {
            "areas": side_exchanges(report_areas, own_side_reports(user), today),
            "to_acknowledge": list(reports_awaiting_acknowledgement(user)),
            "to_sign": [_to_sign(p) for p in joint_pictures_awaiting_signature(user)],
            "measures": list(overdue_measures_for(user, today)),
        }
    if user.role in LEADER_ROLES:
        context["leader"] = reader_home(user, today, timezone.now())
    if keeps_situation_pictures(user):
        pictures = situation_pictures_visible_to(user).for_todo()
        context["yearly"] = picture_todo(pictures, today)
    return render(request, "home.html", context)


def _to_sign(picture) -> dict:
    period = Period(picture.period_kind, picture.period_start, picture.period_end)
    return {"picture": picture, "period": period}


@functools.cache
def _redis(url: str) -> redis.Redis:
    """One client per process: its pool keeps the connection (a new one cost 1.5-2 ms)."""
    return redis.Redis.from_url(url, socket_timeout=1)


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
            _redis(settings.REDIS_URL).ping()
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


# The accessibility statement's known problems (DOS law: "content that is not accessible"),
# each with the day it was recorded. Remove one only when it is fixed; add what a review finds.
KNOWN_PROBLEMS = [
    {
        "title": gettext_lazy("Charts on the dashboards"),
        "text": gettext_lazy(
            "A chart is a picture: a screen reader reads its title and a one-line summary, "
            "not its values. The values are in the data table below each chart (open “Data "
            "table”) and in its CSV file."
        ),
        "since": dt.date(2026, 12, 2),
    },
    {
        "title": gettext_lazy("PDF documents"),
        "text": gettext_lazy(
            "The PDFs of situation reports, joint pictures and the yearly situation picture are "
            "tagged (PDF/UA-1) with their language and title, and text written in Swedish is "
            "marked as Swedish also when the interface is English; our tests check that the "
            "tags are there, but we have not yet checked them with a PDF accessibility checker "
            "such as PAC, nor with a screen reader. The footer of each page (who printed it, "
            "when, and the page number) is not marked as an artefact: the PDF library we use "
            "(WeasyPrint) cannot mark it so in PDF/UA-1, and a checker may report it as content "
            "without tags. The same text is at the top of the first page."
        ),
        "since": dt.date(2026, 12, 2),
    },
    {
        "title": gettext_lazy("Signing out after a while without activity"),
        "text": gettext_lazy(
            "You are signed out after %(minutes)s minutes without activity, with no warning "
            "before and no way to ask for more time (WCAG 2.2.1). Drafts of situation reports "
            "save themselves while you type, and a situation report, acknowledgement or joint "
            "summary sent after you were signed out is kept and shown again once you sign in; "
            "other forms are not kept."
        ),
        "since": dt.date(2026, 12, 2),
    },
    {
        "title": gettext_lazy("The administration pages"),
        "text": gettext_lazy(
            "The pages for system administrators (/admin/) are Django's built-in "
            "administration. They are not part of our automated checks and we have not "
            "reviewed them."
        ),
        "since": dt.date(2026, 12, 2),
    },
    {
        "title": gettext_lazy("The language of text that users write"),
        "text": gettext_lazy(
            "When the interface is in English, text written in the portal is marked as Swedish "
            "on the pages that show it in full and in the incident, measure and agreement "
            "lists, but not yet in the dashboards' tables and the CSV and Excel exports. Text "
            "that someone writes in another language is not marked with its language."
        ),
        "since": dt.date(2026, 12, 2),
    },
]


def _known_problems() -> list[dict]:
    minutes = settings.SESSION_IDLE_SECONDS // 60
    return [
        {**problem, "text": str(problem["text"]) % {"minutes": minutes}}
        for problem in KNOWN_PROBLEMS
    ]


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
    context = {
        "form": form,
        "known_problems": _known_problems(),
        "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        "contact_phone": settings.ACCESSIBILITY_CONTACT_PHONE,
        "reviewed": settings.ACCESSIBILITY_STATEMENT_REVIEWED,
    }
    return render(request, "public/accessibility.html", context)


# --- Error pages (400, 403, 404 and 500 are Django's handlers with templates/<status>.html) ---


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check (settings.CSRF_FAILURE_VIEW): in the layout, saying
    that nothing was saved and what to do; a missing cookie is told apart from a stale form."""
    context = {"cookies_missing": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)
