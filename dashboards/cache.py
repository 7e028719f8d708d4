"""The dashboards' bodies in the shared cache: computed once per data version and reach.

A dashboard's body (the part under the header, computed from data) is the same for everyone
who reaches the same areas with the same view of police-only incidents
(`districts_access.dashboard_reach`), on the same day, in the same language, at the same address. Its
key holds all of those and the data version (tryggportal/lib/data_version.py), which every
write through the services bumps: a save is never followed by an older page, and two users of
different reach never read each other's body. The header (the user's name, the sign-out form
with its CSRF token) is rendered afresh on every view; the body is rendered without a request,
so no form token can be in it, and a body that holds one anyway is not stored.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from districts import access as districts_access
from tryggportal.lib import data_version

CSRF_FIELD = "csrfmiddlewaretoken"


def body_key(request: HttpRequest) -> str:
    """The key of this request's body. Make it before the view reads any data: a body is then
    never older than the version it is stored under (a write committed meanwhile has bumped
    the version past it)."""
    areas, police_only = districts_access.dashboard_reach(request.user)
    parts = [
        data_version.current(),
        ",".join(map(str, areas)),
        ",".join(map(str, police_only)),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        request.get_full_path(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"dashboard-body:{digest}"


def cached_body(key: str, render: Callable[[], str]) -> SafeString:
    """The body kept under `key` (from `body_key`), or rendered by `render()` and kept for the
    next view."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if seconds <= 0:
        return mark_safe(render())
    body = cache.get(key)
    if body is None:
        body = render()
        if CSRF_FIELD not in body:
            cache.set(key, body, timeout=seconds)
    return mark_safe(body)
