"""Two-factor sign-in with time-based one-time codes (django-otp's TOTP devices).

After the password, the session is "pending" until a code is given: `TwoFactorMiddleware` sends
a pending user to the verification page, or to enrolment when they have no authenticator yet.
Police users and admins are always pending after sign-in; others only once they have enrolled.
"""

import base64
import time

import django_otp
import qrcode
import qrcode.image.svg
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

# Session keys: whether a code is still owed, and when the session started and was last used.
PENDING_KEY = "two_factor_pending"
STARTED_KEY = "session_started"
SEEN_KEY = "session_seen"


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def unconfirmed_device(user: User) -> TOTPDevice:
    """The device being enrolled: one per user until confirmed with a first code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


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


def mark_verified(request: HttpRequest, device: TOTPDevice) -> None:
    django_otp.login(request, device)
    request.session[PENDING_KEY] = False


def verify(request: HttpRequest, device: TOTPDevice, code: str) -> bool:
    """Check a code (throttled by django-otp after failures); on success the session is verified."""
    allowed, _details = device.verify_is_allowed()
    if not allowed or not device.verify_token(code.strip()):
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    mark_verified(request, device)
    return True
