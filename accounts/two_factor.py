"""Two-factor sign-in with time-based one-time codes (django-otp's TOTP devices).

After the password, the session is "pending" until a code is given: `TwoFactorMiddleware` sends
a pending user to the verification page, or to enrolment when they have no authenticator yet.
Police users and admins are always pending after sign-in; others only once they have enrolled.
At the verification step a backup code (see `recovery`) may stand in for the app's code.

Enrolment shows a secret that belongs to one session only: each visit of the setup page makes a
new pending authenticator for the session (the one it showed before is void), and a code is
checked against that session's own. Whoever else holds the password and opens the page sees a
secret of their own, which stops working when any session confirms its authenticator.
"""

import base64
import datetime as dt
import math
import re
import time

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, recovery
from .models import AuditAction, EnrolmentCode, User

# Session keys: whether a code is still owed, and when the session started and was last used.
PENDING_KEY = "two_factor_pending"
STARTED_KEY = "session_started"
SEEN_KEY = "session_seen"
# The authenticator this session is enrolling (its id): the only secret it may confirm.
PENDING_DEVICE_KEY = "two_factor_pending_device"


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def new_pending_device(request: HttpRequest) -> TOTPDevice:
    """A new secret for this session's enrolment (each visit of the setup page): the one the
    session was shown before is void. Pending authenticators of sessions long gone go too."""
    user = request.user
    stale = timezone.now() - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    previous = request.session.get(PENDING_DEVICE_KEY)
    TOTPDevice.objects.filter(user=user, confirmed=False).filter(
        Q(pk=previous) | Q(created_at__lt=stale)
    ).delete()
    device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    request.session[PENDING_DEVICE_KEY] = device.pk
    return device


def pending_device(request: HttpRequest) -> TOTPDevice | None:
    """The authenticator this session is enrolling, if it still may be confirmed."""
    device_id = request.session.get(PENDING_DEVICE_KEY)
    if device_id is None:
        return None
    return TOTPDevice.objects.filter(pk=device_id, user=request.user, confirmed=False).first()


def secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode()


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG, made here: the secret never leaves the server."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


def is_pending(user: User) -> bool:
    return user.requires_two_factor or confirmed_device(user) is not None


def start_session(request: HttpRequest, user: User, *, verified_device=None) -> None:
    """Called right after a password sign-in: stamp the session and decide whether a code is owed."""
    now = int(time.time())
    request.session[STARTED_KEY] = request.session[SEEN_KEY] = now
    if verified_device is not None:
        mark_verified(request, verified_device)
    else:
        request.session[PENDING_KEY] = is_pending(user)


def mark_verified(request: HttpRequest, device: Device) -> None:
    django_otp.login(request, device)
    request.session[PENDING_KEY] = False


def device_for_code(user: User, code: str) -> Device | None:
    """Six digits are for the authenticator app; anything else may be one of the backup codes."""
    if re.fullmatch(r"\s*\d{6}\s*", code):
        return confirmed_device(user)
    return recovery.backup_device(user)


def wait_seconds(device: Device) -> int | None:
    """How long django-otp still refuses codes after wrong ones: None when a code may be tried."""
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (details or {}).get("locked_until")
    if locked_until is None:
        return 1
    return max(1, math.ceil((locked_until - timezone.now()).total_seconds()))


def check(device: Device | None, code: str) -> str | None:
    """Check a code against a device: None when it is right, else what to tell the user.

    After a wrong code django-otp makes the next try wait (1, 2, 4, … seconds); a try inside
    that wait is refused without being checked, and the user is told how long to wait.
    """
    if device is not None:
        seconds = wait_seconds(device)
        if seconds is not None:
            return ngettext(
                "Too many wrong codes. Wait %(seconds)d second and try again.",
                "Too many wrong codes. Wait %(seconds)d seconds and try again.",
                seconds,
            ) % {"seconds": seconds}
        if isinstance(device, StaticDevice):
            accepted = recovery.use_backup_code(device, code)
        else:
            accepted = device.verify_token(code.strip())
        if accepted:
            return None
    return _("The code is wrong or too old. Wait for a new code and try again.")


def confirm(request: HttpRequest, device: Device) -> None:
    """The code was right: an authenticator being enrolled is now the user's, the session verified."""
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    mark_verified(request, device)


def verify(request: HttpRequest, device: Device | None, code: str) -> str | None:
    """Check a code; when it is right the session is verified and None returned, else the
    message to show (see `check`)."""
    refusal = check(device, code)
    if refusal is None:
        confirm(request, device)
    return refusal


class EnrolmentCodeSpent(Exception):
    """The enrolment code was used (by another session) or expired while the QR code was shown."""


class AlreadyEnrolled(Exception):
    """Another session confirmed an authenticator first: this session's secret is void."""


def _make_only_authenticator(device: TOTPDevice) -> None:
    """Confirm the session's new authenticator as the user's only one, unless another session
    confirmed one first; every other pending secret (other sessions') stops working. The user
    row is locked so that two sessions confirming at once cannot both succeed."""
    User.objects.select_for_update().filter(pk=device.user_id).first()
    devices = TOTPDevice.objects.filter(user_id=device.user_id)
    if devices.filter(confirmed=True).exists():
        raise AlreadyEnrolled
    devices.filter(confirmed=False).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def enrol(
    request: HttpRequest, device: TOTPDevice, code: str, *, enrolment_code: EnrolmentCode | None
) -> str | None:
    """Confirm the session's new authenticator with its first code: None when done (the session
    verified, a fresh set of backup codes waiting in the session), else what to tell the user.
    The enrolment code, when one was needed, is spent only when the app's code is right.
    Raises AlreadyEnrolled when another session confirmed an authenticator first."""
    refusal = check(device, code)
    if refusal is not None:
        return refusal
    with transaction.atomic():  # an enrolment code is spent only with the authenticator made
        _make_only_authenticator(device)
        if enrolment_code is not None:
            if not recovery.claim_enrolment_code(request, enrolment_code):
                raise EnrolmentCodeSpent
            audit.record(request, AuditAction.USE, enrolment_code)
    request.session.pop(PENDING_DEVICE_KEY, None)
    confirm(request, device)
    audit.record(request, AuditAction.CREATE, device, label=_("Two-factor sign-in"))
    request.session[recovery.FRESH_BACKUP_CODES_KEY] = recovery.new_backup_codes(device.user)
    return None
