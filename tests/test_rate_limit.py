"""The rate-limit helper (tryggportal/lib/rate_limit.py): posts counted per sender and window."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from tryggportal.lib import rate_limit
from tryggportal.lib.rate_limit import RateLimit

HOUR = 60 * 60
NOON = dt.datetime(2026, 12, 2, 11, 0, tzinfo=dt.UTC).timestamp()  # 12:00 in Stockholm


@pytest.fixture
def clock(monkeypatch):
    now = {"t": NOON + 20 * 60}  # 12:20

    def set_time(seconds):
        now["t"] = seconds

    monkeypatch.setattr(rate_limit, "_now", lambda: now["t"])
    return set_time


def post_from(address, user=None):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    request.user = user or AnonymousUser()
    return request


def test_the_sixth_post_in_an_hour_is_blocked_until_the_next_hour(clock):
    limit = RateLimit("test", limit=5, window=HOUR)
    for _ in range(5):
        assert limit.blocked_until(post_from("203.0.113.7")) is None
        limit.hit(post_from("203.0.113.7"))
    assert limit.blocked_until(post_from("203.0.113.7")) == dt.datetime.fromtimestamp(
        NOON + HOUR, tz=dt.UTC
    )
    clock(NOON + HOUR)  # 13:00: a new window
    assert limit.blocked_until(post_from("203.0.113.7")) is None


def test_addresses_are_counted_apart_but_one_ipv6_network_together(clock):
    limit = RateLimit("test", limit=1, window=HOUR)
    limit.hit(post_from("203.0.113.7"))
    limit.hit(post_from("2001:db8:1:2::1"))
    assert limit.blocked_until(post_from("203.0.113.8")) is None
    assert limit.blocked_until(post_from("2001:db8:1:2::ffff")) is not None  # same /64
    assert limit.blocked_until(post_from("2001:db8:1:3::1")) is None


def test_signed_in_users_behind_one_address_are_counted_apart(clock, coordinator, officer):
    limit = RateLimit("test", limit=1, window=HOUR)
    limit.hit(post_from("198.51.100.1", coordinator))
    assert limit.blocked_until(post_from("198.51.100.1", coordinator)) is not None
    assert limit.blocked_until(post_from("198.51.100.1", officer)) is None
    assert limit.blocked_until(post_from("198.51.100.1")) is None


def test_scopes_are_counted_apart(clock):
    RateLimit("one", limit=1, window=HOUR).hit(post_from("203.0.113.7"))
    assert RateLimit("other", limit=1, window=HOUR).blocked_until(post_from("203.0.113.7")) is None
