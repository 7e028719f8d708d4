"""The audit log's one writer: `audit.record(request, "view", report)` in every view that shows
a protected object, changes something or exports data.

Rows are append-only (see `AuditEvent`); the object is kept as its type, id and label at the
time, so the history survives the object itself.
"""

from urllib.parse import unquote_plus

from django.conf import settings
from django.db import models
from django.http import HttpRequest

from tryggportal.lib.client_address import client_address
from tryggportal.lib.identity import find_identity_numbers, mask_identity_numbers

from .models import AuditAction, AuditEvent


def client_ip(request: HttpRequest) -> str | None:
    # The rate limits' and django-axes' rule: REMOTE_ADDR, or behind a trusted proxy
    # (settings.TRUSTED_PROXIES) the client it names in X-Forwarded-For.
    return client_address(request)


def record(
    request: HttpRequest,
    action: str,
    obj: models.Model | type[models.Model] | None = None,
    *,
    label: str | None = None,
    police_only: bool | None = None,
) -> AuditEvent:
    """Append one event: `obj` is an instance, or a model class for exports and lists.

    `police_only` marks a row about police-only data; for an instance it defaults to the
    object's own `is_police_only` (incidents), so the log never tells a city reader of it.
    """
    event = _event(request, action, obj, label=label, police_only=police_only)
    event.save()
    return event


def record_many(
    request: HttpRequest, action: str, objects: list[models.Model], *, label: str | None = None
) -> list[AuditEvent]:
    """One event per object, as `record` writes them, in a single INSERT: a page that shows
    several protected objects at once (the joint picture shows both sides' reports)."""
    events = [_event(request, action, obj, label=label, police_only=None) for obj in objects]
    return AuditEvent.objects.bulk_create(events) if events else []


def _event(request, action, obj, *, label, police_only) -> AuditEvent:
    AuditAction(action)  # an unknown action is a programming error, refused loudly
    user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    object_type = object_id = ""
    if obj is not None:
        object_type = obj._meta.label_lower
        if isinstance(obj, models.Model):
            object_id = str(obj.pk)
            if label is None:
                label = str(obj)
            if police_only is None:
                police_only = bool(getattr(obj, "is_police_only", False))
    return AuditEvent(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=_storable(label or "")[:200],
        police_only=bool(police_only),
        ip_address=client_ip(request),
        path=_storable(request.get_full_path())[:500],
    )


def _storable(text: str) -> str:
    # What a visitor typed (a failed sign-in's username, a path) may hold NUL characters,
    # which PostgreSQL text cannot store; the log keeps the rest, with any identity number
    # masked.
    return masked(text.replace("\x00", ""))


def masked(text: str) -> str:
    """`text` with each personal identity or coordination number masked: a user name typed at
    a failed sign-in, a search term in an address or an export's filter. A term in an
    address's query is percent-encoded (`121212%E2%80%931212`): when the decoded text holds a
    number, the decoded text is kept, masked."""
    text = mask_identity_numbers(text)
    if "%" in text or "+" in text:
        decoded = unquote_plus(text)
        if find_identity_numbers(decoded):
            return mask_identity_numbers(decoded)
    return text


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """django-axes' name for a sign-in attempt (AXES_USERNAME_CALLABLE): the user name
    typed, with an identity number masked, so that its failed-attempt rows never keep one."""
    field = settings.AXES_USERNAME_FORM_FIELD
    username = credentials.get(field) if credentials else request.POST.get(field)
    return masked(str(username)) if username is not None else None


def history(obj: models.Model, limit: int = 50) -> list[AuditEvent]:
    """The latest events about one object, newest first."""
    return list(AuditEvent.objects.for_object(obj).for_listing()[:limit])
