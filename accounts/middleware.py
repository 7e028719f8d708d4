import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tryggportal.lib import kept_forms

from . import two_factor
from .two_factor import SEEN_KEY, STARTED_KEY


def swedish_by_default(get_response):
    """Make Swedish the default whatever the browser asks for.

    LocaleMiddleware would otherwise follow Accept-Language; users choose English with the
    language switch (a cookie, and their saved preference), not through browser settings.
    """

    def middleware(request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return get_response(request)

    return middleware


class SessionTimeoutMiddleware:
    """End a signed-in session after SESSION_IDLE_SECONDS without requests, and in any case
    SESSION_COOKIE_AGE after sign-in. The new signed-out session remembers whose session ended,
    so that a form posted from a page left open is kept for that user only (see kept_forms).

    The last-seen stamp is written at most once a minute, so ordinary requests do not each
    save the session (and run no extra query).
    """

    REFRESH_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):

        session = request.session
        if SESSION_KEY in session:
            now = int(time.time())
            seen = session.get(SEEN_KEY)
            started = session.get(STARTED_KEY)
            if (seen is not None and now - seen > settings.SESSION_IDLE_SECONDS) or (
                started is not None and now - started > settings.SESSION_COOKIE_AGE
            ):
                user_id = request.user.pk
                logout(request)
                kept_forms.remember_owner(request, user_id)
                messages.info(request, _("You were signed out after a while without activity."))
            elif seen is None or now - seen >= self.REFRESH_SECONDS:
                session[SEEN_KEY] = now
                session.setdefault(STARTED_KEY, now)
        return self.get_response(request)


def two_factor_exempt(view_func):
    """Mark a view reachable before the one-time code is given (verification, enrolment, sign-out)."""
    view_func.two_factor_exempt = True
    return view_func


class TwoFactorMiddleware:
    """Send a signed-in user who still owes a one-time code to verification (or enrolment).

    Public pages (`login_not_required`) and views marked `two_factor_exempt` stay reachable.
    The answer is kept in the session, so a verified session costs no query per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):

        if not getattr(view_func, "login_required", True):
            return None
        if getattr(view_func, "two_factor_exempt", False):
            return None
        if not request.user.is_authenticated:
            return None
        pending = request.session.get(two_factor.PENDING_KEY)
        if pending is None:
            pending = request.session[two_factor.PENDING_KEY] = two_factor.is_pending(request.user)
        if not pending:
            return None
        has_device = two_factor.confirmed_device(request.user) is not None
        target = reverse("two_factor_verify" if has_device else "two_factor_setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


def permissions_policy(get_response):
    """Deny powerful browser features the portal never uses."""

    def middleware(request):

        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
