"""How many posts one address may make in a while, counted in the cache.

The cache is Redis in production (shared by every web process) and local memory by default
(one process, as `make run` is). A fixed window: `limit.hit(request)` counts one post in the
current window (say this hour), `limit.blocked_until(request)` tells, once the limit is used
up, when the next window begins. Counts expire with their window, so nothing needs cleaning.

Signed-out visitors are counted per address (`client_address`: behind a trusted proxy the
client's, not the proxy's; an IPv6 address per /64 network, which one household or server
gets whole); signed-in users per user, so colleagues behind the city's shared address do not
use up each other's posts.
"""

import datetime as dt
import hashlib
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from .client_address import client_address


def _now() -> float:
    return time.time()


def _who(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    # The audit log's and django-axes' rule: REMOTE_ADDR, or behind a trusted proxy
    # (settings.TRUSTED_PROXIES) the client it names in X-Forwarded-For.
    address = client_address(request)
    if address is None:
        return "address:unknown"
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        if ip.ipv4_mapped:
            return f"address:{ip.ipv4_mapped}"
        return f"address:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"address:{ip}"


@dataclass(frozen=True)
class RateLimit:
    scope: str  # what is counted, e.g. "barrier-report"
    limit: int  # posts allowed per window
    window: int  # seconds

    def _key(self, request: HttpRequest, now: float) -> tuple[str, int]:
        start = int(now // self.window) * self.window
        who = hashlib.sha256(_who(request).encode()).hexdigest()[:32]  # no address in the cache
        return f"{settings.RATE_LIMIT_KEY_PREFIX}:{self.scope}:{who}:{start}", start

    def blocked_until(self, request: HttpRequest) -> dt.datetime | None:
        """When the sender may post again, if they have used up this window; else None."""
        key, start = self._key(request, _now())
        if cache.get(key, 0) < self.limit:
            return None
        return dt.datetime.fromtimestamp(start + self.window, tz=dt.UTC)

    def hit(self, request: HttpRequest) -> None:
        """Count one post from the sender in the current window."""
        now = _now()
        key, start = self._key(request, now)
        timeout = int(start + self.window - now) + 1
        cache.add(key, 0, timeout=timeout)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: the new window's first post
            cache.set(key, 1, timeout=timeout)
