"""Second-factor recovery: enrolment codes an administrator issues, and the user's backup codes.

Enrolment codes close the gap a lost phone opens: once an administrator has removed a user's
authenticator (in the admin) or issued a code for them, `User.enrolment_code_required` is set,
and a user who must use two-factor sign-in then enrols a new authenticator only after typing a
one-time code the administrator gave them, not with the password alone. A code is valid for
24 hours, kept only as a salted, keyed hash (HMAC-SHA256 under SECRET_KEY with a salt of its
own, compared in constant time), and spent by the enrolment it allowed; issuing a new code voids
the older ones. A slow password hasher is not needed for a random 59-bit code that lives a day,
and would cost a second of CPU per typed code (PBKDF2 with Django's million rounds, measured).
Typed codes are limited all the same (ENROLMENT_CODE_TRIES): after five refused in a quarter of
an hour, the form refuses every code, the right one included, until the quarter is over.

Backup codes are django-otp static tokens: ten, shown once at enrolment or when the user asks
for a new set (the old set is then void), each accepted once at the verification step instead
of a code from the app.
"""

import enum
import re
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tryggportal.lib.rate_limit import RateLimit

from .models import EnrolmentCode, User

ENROLMENT_CODE_VALIDITY = timedelta(hours=24)
# Capitals and digits that cannot be mistaken for one another when read out on the phone
# (no 0/O, 1/I/L): 12 of them make about 59 bits, far beyond guessing.
ENROLMENT_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ENROLMENT_CODE_LENGTH = 12
# A typed code is compared with the user's newest codes only (a wrong code is told apart from
# an expired or used one among these).
ENROLMENT_CODES_COMPARED = 10
HASH_PREFIX = "hmac-sha256"
# Refused codes (wrong, expired or used) a user may type in a quarter of an hour; then the form
# refuses every code until the quarter is over (counted per user: the user has signed in).
ENROLMENT_CODE_TRIES = RateLimit("enrolment-code", limit=5, window=15 * 60)
# The session remembers the accepted code between the code step and the QR code step.
ACCEPTED_CODE_KEY = "two_factor_enrolment_code"

BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "Backup codes"
# The fresh set of backup codes, kept in the session from the request that made them until the
# page that shows them once.
FRESH_BACKUP_CODES_KEY = "two_factor_fresh_backup_codes"


class CodeCheck(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    EXPIRED = "expired"
    USED = "used"


# --- Enrolment codes ---


def normalise_enrolment_code(text: str) -> str:
    return re.sub(r"[\s\-\u2010-\u2015]", "", text).upper()


def format_enrolment_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def hash_enrolment_code(code: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(16)
    digest = salted_hmac(f"accounts.EnrolmentCode.{salt}", code, algorithm="sha256").hexdigest()
    return f"{HASH_PREFIX}${salt}${digest}"


def enrolment_code_matches(typed: str, stored: str) -> bool:
    _prefix, _, rest = stored.partition("$")
    salt, _, _digest = rest.partition("$")
    return constant_time_compare(hash_enrolment_code(typed, salt), stored)


def authenticators(user: User) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True))


ISSUE_PERMISSION = "accounts.issue_enrolment_code"


def may_issue_enrolment_code(actor: User, user: User) -> bool:
    """A code lets its holder enrol an authenticator for `user`, so only superusers and holders
    of the named permission issue them (changing users is not enough), and only a superuser
    issues one for a superuser."""
    return actor.has_perm(ISSUE_PERMISSION) and (actor.is_superuser or not user.is_superuser)


@transaction.atomic
def issue_enrolment_code(
    *, user: User, issued_by: User, remove_authenticator: bool = False
) -> tuple[EnrolmentCode, str]:
    """A new one-time enrolment code for `user`: the stored row and the plain code, which is
    shown once to the administrator and kept nowhere."""
    if not may_issue_enrolment_code(issued_by, user):
        raise PermissionDenied
    now = timezone.now()
    user.enrolment_codes.usable().update(expires_at=now)  # one valid code at a time
    if remove_authenticator:
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    plain = "".join(secrets.choice(ENROLMENT_CODE_ALPHABET) for _ in range(ENROLMENT_CODE_LENGTH))
    code = EnrolmentCode.objects.create(
        user=user,
        code_hash=hash_enrolment_code(plain),
        issued_by=issued_by,
        issued_at=now,
        expires_at=now + ENROLMENT_CODE_VALIDITY,
    )
    User.objects.filter(pk=user.pk).update(enrolment_code_required=True)
    user.enrolment_code_required = True
    return code, format_enrolment_code(plain)


def mark_authenticators_removed(devices: QuerySet[TOTPDevice]) -> None:
    """Called before an administrator deletes authenticators: from then on their users enrol a
    new one only with an enrolment code."""
    users = devices.filter(confirmed=True).values("user_id")
    User.objects.filter(pk__in=users).update(enrolment_code_required=True)


def check_enrolment_code(user: User, typed: str) -> tuple[CodeCheck, EnrolmentCode | None]:
    """Whether `typed` is one of the user's enrolment codes, and whether it may still be used."""
    typed = normalise_enrolment_code(typed)
    for code in user.enrolment_codes.order_by("-issued_at", "-pk")[:ENROLMENT_CODES_COMPARED]:
        if enrolment_code_matches(typed, code.code_hash):
            if code.is_used():
                return CodeCheck.USED, code
            if code.is_expired():
                return CodeCheck.EXPIRED, code
            return CodeCheck.ACCEPTED, code
    return CodeCheck.WRONG, None


def accept_enrolment_code(request: HttpRequest, code: EnrolmentCode) -> None:
    """Remember the accepted code for the next step. Any authenticator begun before it is
    dropped, so the secret shown next was never shown to whoever held only the password."""
    TOTPDevice.objects.filter(user=code.user, confirmed=False).delete()
    request.session[ACCEPTED_CODE_KEY] = code.pk


def accepted_enrolment_code(request: HttpRequest) -> EnrolmentCode | None:
    code_id = request.session.get(ACCEPTED_CODE_KEY)
    if code_id is None:
        return None
    return EnrolmentCode.objects.usable().filter(pk=code_id, user=request.user).first()


def claim_enrolment_code(request: HttpRequest, code: EnrolmentCode) -> bool:
    """Spend the code (once: a conditional update, so two sessions cannot both use it)."""
    request.session.pop(ACCEPTED_CODE_KEY, None)
    now = timezone.now()
    claimed = EnrolmentCode.objects.usable().filter(pk=code.pk).update(used_at=now)
    if claimed != 1:
        return False
    code.used_at = now
    User.objects.filter(pk=code.user_id).update(enrolment_code_required=False)
    code.user.enrolment_code_required = False
    return True


# --- Backup codes ---


def normalise_backup_code(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).lower()


def format_backup_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def backup_device(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def new_backup_codes(user: User) -> list[str]:
    """A new set of backup codes for the user; the old set stops working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes: set[str] = set()
    while len(codes) < BACKUP_CODE_COUNT:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return sorted(codes)


def remove_backup_codes(user: User) -> None:
    StaticDevice.objects.filter(user=user).delete()


def remaining_backup_codes(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def use_backup_code(device: StaticDevice, typed: str) -> bool:
    """Accept one of the device's backup codes once. The token is removed with a delete whose
    row count decides, so two sign-ins racing with the same code cannot both pass (django-otp's
    own `verify_token` deletes without looking at the count)."""
    token = normalise_backup_code(typed)
    match = device.token_set.filter(token=token).first()
    if match is not None and StaticToken.objects.filter(pk=match.pk).delete()[0] == 1:
        device.throttle_reset(commit=False)
        device.set_last_used_timestamp(commit=False)
        device.save()
        return True
    device.throttle_increment()
    return False
