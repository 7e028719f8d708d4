"""Every sign-in and failed sign-in is audited once, whichever page it came through (the
portal's sign-in page, /admin/login/, or anything else that calls Django's `login`).

A login made outside an HTTP request (a script, the test client's `force_login`, whose
request has no method) is not someone signing in, and is not recorded."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from tryggportal.lib.kept_forms import claim_kept_forms

from . import audit
from .models import AuditAction


@receiver(user_logged_in, dispatch_uid="accounts.audit_sign_in")
def audit_sign_in(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is not None and request.method:
        audit.record(request, AuditAction.SIGN_IN, user)


@receiver(user_login_failed, dispatch_uid="accounts.audit_sign_in_failed")
def audit_sign_in_failed(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    if request is not None and request.method:
        username = str(credentials.get("username", ""))
        audit.record(request, AuditAction.SIGN_IN_FAILED, label=username)


@receiver(user_logged_in, dispatch_uid="accounts.claim_kept_forms")
def keep_only_own_forms(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """A form kept while signed out goes back to its owner only (tryggportal/lib/kept_forms.py)."""
    if request is not None and hasattr(request, "session"):
        claim_kept_forms(request, user)
