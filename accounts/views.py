from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from tryggportal.lib.no_store import no_store

from . import audit, recovery, two_factor
from .forms import EnrolmentCodeForm, OneTimeCodeForm, SignInCodeForm
from .middleware import two_factor_exempt
from .models import AuditAction


def _remember_language(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    """Django's sign-in page; on success the user's saved language becomes the session's, and
    the session learns whether a one-time code is still owed (see `two_factor`)."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        two_factor.start_session(self.request, user)
        return _remember_language(response, user.language)

    def form_invalid(self, form):
        # A wrong password is audited by accounts/receivers.py (Django's user_login_failed);
        # a form refused before any password was checked (a NUL in the name) is audited here.
        if form.has_error("username") or form.has_error("password"):
            username = str(form.data.get("username", ""))
            audit.record(self.request, AuditAction.SIGN_IN_FAILED, label=username)
        return super().form_invalid(form)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def _with_next(request: HttpRequest, url_name: str) -> HttpResponse:
    return redirect(f"{reverse(url_name)}?{urlencode({'next': _safe_next(request)})}")


@two_factor_exempt
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of sign-in: the code from the user's authenticator app, or a backup code."""
    if two_factor.confirmed_device(request.user) is None:
        return redirect("two_factor_setup")
    if not request.session.get(two_factor.PENDING_KEY, True):
        return redirect(_safe_next(request))
    form = SignInCodeForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        device = two_factor.device_for_code(request.user, code)
        refusal = two_factor.verify(request, device, code)
        if refusal is None:
            return redirect(_safe_next(request))
        form.add_error("code", refusal)
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request)}
    )


ENROLMENT_CODE_REFUSALS = {
    recovery.CodeCheck.WRONG: gettext_lazy(
        "The enrolment code is wrong. Check it and try again, or ask your system administrator "
        "for a new one."
    ),
    recovery.CodeCheck.EXPIRED: gettext_lazy(
        "The enrolment code is no longer valid: it was valid for 24 hours, or a newer code "
        "replaced it. Ask your system administrator for a new one."
    ),
    recovery.CodeCheck.USED: gettext_lazy(
        "The enrolment code has already been used. Ask your system administrator for a new one."
    ),
}


@two_factor_exempt
@no_store
def two_factor_enrolment_code(request: HttpRequest) -> HttpResponse:
    """Before a new authenticator, when an administrator removed the old one: the one-time
    enrolment code the administrator issued (see `recovery`)."""
    user = request.user
    if not user.needs_enrolment_code or two_factor.confirmed_device(user) is not None:
        return _with_next(request, "two_factor_setup")
    form = EnrolmentCodeForm(request.POST or None)
    status = 200
    if form.is_valid() and (retry_at := recovery.ENROLMENT_CODE_TRIES.blocked_until(request)):
        at = time_format(timezone.localtime(retry_at), "H:i")
        form.add_error("code", _("Too many wrong codes. Try again at %(time)s.") % {"time": at})
        status = 429
    elif form.is_valid():
        result, code = recovery.check_enrolment_code(user, form.cleaned_data["code"])
        if result is recovery.CodeCheck.ACCEPTED:
            recovery.accept_enrolment_code(request, code)
            return _with_next(request, "two_factor_setup")
        recovery.ENROLMENT_CODE_TRIES.hit(request)
        form.add_error("code", ENROLMENT_CODE_REFUSALS[result])
    context = {"form": form, "next": _safe_next(request)}
    return render(request, "accounts/two_factor_enrolment_code.html", context, status=status)


@two_factor_exempt
@no_store
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: a QR code (and the secret) made on the server, then a code."""
    user = request.user
    device = two_factor.confirmed_device(user)
    if device is not None:
        if request.session.get(two_factor.PENDING_KEY, True):
            return redirect("two_factor_verify")
        context = {"device": device, "backup_codes": recovery.remaining_backup_codes(user)}
        return render(request, "accounts/two_factor_status.html", context)
    enrolment_code = None
    if user.needs_enrolment_code:
        enrolment_code = recovery.accepted_enrolment_code(request)
        if enrolment_code is None:
            if request.session.pop(recovery.ACCEPTED_CODE_KEY, None) is not None:
                messages.error(request, ENROLMENT_CODE_REFUSALS[recovery.CodeCheck.EXPIRED])
            return _with_next(request, "two_factor_enrolment_code")
    # Each visit shows a new secret of this session's own; a code answers the one shown last.
    form = OneTimeCodeForm(request.POST or None)
    device = two_factor.pending_device(request) if request.method == "POST" else None
    if device is None:
        device = two_factor.new_pending_device(request)
        if request.method == "POST":
            form.add_error(None, _("The QR code has changed. Scan the new one and try again."))
    elif form.is_valid():
        code = form.cleaned_data["code"]
        try:
            refusal = two_factor.enrol(request, device, code, enrolment_code=enrolment_code)
        except two_factor.EnrolmentCodeSpent:
            messages.error(request, ENROLMENT_CODE_REFUSALS[recovery.CodeCheck.USED])
            return _with_next(request, "two_factor_enrolment_code")
        except two_factor.AlreadyEnrolled:
            messages.error(
                request,
                _(
                    "Two-factor sign-in was turned on for your account in another session. "
                    "Enter a code from the authenticator app set up there."
                ),
            )
            return _with_next(request, "two_factor_verify")
        if refusal is None:
            messages.success(request, _("Two-factor sign-in is on for your account."))
            return _with_next(request, "two_factor_backup_codes")
        form.add_error("code", refusal)
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret(device),
        "required": user.requires_two_factor,
        "next": _safe_next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@no_store
@require_http_methods(["GET", "POST"])
def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    """Backup codes: a fresh set is shown once (after enrolment, or when asked for here, which
    voids the old set); otherwise how many are left."""
    user = request.user
    if two_factor.confirmed_device(user) is None:
        return redirect("two_factor_setup")
    if request.method == "POST":
        request.session[recovery.FRESH_BACKUP_CODES_KEY] = recovery.new_backup_codes(user)
        audit.record(
            request, AuditAction.CREATE, recovery.backup_device(user), label=_("Backup codes")
        )
        return _with_next(request, "two_factor_backup_codes")
    fresh = request.session.pop(recovery.FRESH_BACKUP_CODES_KEY, None) or []
    context = {
        "codes": [recovery.format_backup_code(code) for code in fresh],
        "remaining": recovery.remaining_backup_codes(user),
        "next": _safe_next(request),
    }
    return render(request, "accounts/two_factor_backup_codes.html", context)


@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    """Users for whom it is optional may turn two-factor sign-in off again."""
    if request.user.requires_two_factor:
        raise PermissionDenied
    device = two_factor.confirmed_device(request.user)
    if device is not None:
        audit.record(request, AuditAction.DELETE, device, label=_("Two-factor sign-in"))
        device.delete()
        recovery.remove_backup_codes(request.user)
    messages.success(request, _("Two-factor sign-in is off for your account."))
    return redirect("two_factor_setup")


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The header's language switch; a signed-in user's choice is also saved on the user."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in: a clear page, status 429."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "accounts/locked_out.html", context, status=429)
