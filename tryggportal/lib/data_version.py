"""The version of the data that cached pages show: every write bumps it.

The dashboards keep their rendered bodies in the shared cache under the current version
(dashboards/cache.py); a write makes a new version, so the next view computes afresh and no
one reads a page older than a save. Every service that writes what a dashboard shows calls
`bump()` (reports, joint pictures, incidents and their import, places, measures, agreements
and promises, conferences, reorganisations, the demo loaders); the dashboards app also bumps
on any model save or delete of those apps (admin edits), see `DashboardsConfig.ready`.
`QuerySet.update()` and `bulk_create()` send no signals, which is why the services call it.

The version is a random token, not a counter: were the cache to lose the key (eviction, a
restart of Redis), a counter starting again could meet bodies stored under its old value.

`bump()` makes a new version at once and again when the transaction commits. The first
serves a view later in the same transaction (and tests, whose transactions never commit);
the second matters: a view that ran while the write was uncommitted read the old rows and
may have stored them under the version it found, which the commit leaves behind.

The cache is Redis in production (shared by every web process) and local memory by default
(one process, as `make run` is); see `CACHES` in settings.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction


def _key() -> str:
    return settings.DATA_VERSION_KEY


def current() -> str:
    """The current version; a first one is made when the cache holds none."""
    version = cache.get(_key())
    if version is None:
        first = uuid.uuid4().hex
        cache.add(_key(), first, timeout=None)
        # Another process may have added its own first: use whichever the cache kept.
        version = cache.get(_key()) or first
    return version


def _new_version() -> None:
    cache.set(_key(), uuid.uuid4().hex, timeout=None)


def bump() -> None:
    """Data changed: cached pages of the old version are no longer served."""
    _new_version()
    transaction.on_commit(_new_version)
