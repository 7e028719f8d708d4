"""Behind a reverse proxy (TRUSTED_PROXIES): the client's address is read from X-Forwarded-For
only when the request comes from a trusted proxy, the rightmost address no trusted proxy
owns; the lock-out, the rate limits and the audit log all use it
(tryggportal/lib/client_address.py)."""

import datetime as dt
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from accounts.models import AuditAction, AuditEvent
from demo.users import DEMO_PASSWORD
from tryggportal.lib import rate_limit
from tryggportal.lib.client_address import client_address
from tryggportal.lib.rate_limit import RateLimit

LOGIN = "/accounts/login/"
PROXY = "10.0.0.5"
BASE = str(django_settings.BASE_DIR)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "fd00::/8"]
    return settings


def request_from(peer, forwarded=None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().post("/", **extra)
    request.user = AnonymousUser()
    return request


@pytest.mark.parametrize(
    "peer, forwarded, expected",
    [
        (PROXY, "203.0.113.7", "203.0.113.7"),
        (PROXY, "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # the client's own entry is ignored
        (PROXY, "203.0.113.7, 10.0.0.9", "203.0.113.7"),  # two trusted proxies in a row
        (PROXY, " 2001:db8::1 ", "2001:db8::1"),
        (PROXY, "::ffff:203.0.113.7", "203.0.113.7"),
        (PROXY, "not-an-address", PROXY),
        (PROXY, "", PROXY),
        (PROXY, None, PROXY),
        (PROXY, "10.0.0.7, 10.0.0.8", "10.0.0.7"),  # all trusted: the leftmost
        ("fd00::1", "198.51.100.2", "198.51.100.2"),
        ("198.51.100.20", "203.0.113.7", "198.51.100.20"),  # an untrusted peer: header ignored
        ("", "203.0.113.7", None),
    ],
)
def test_the_client_address_is_the_rightmost_untrusted(behind_proxy, peer, forwarded, expected):
    assert client_address(request_from(peer, forwarded)) == expected


def test_without_trusted_proxies_the_header_is_never_read(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("127.0.0.1", "203.0.113.7")) == "127.0.0.1"


def via_proxy(client_ip):
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)


def attempt(client, password, username="samordnare-angered"):
    return client.post(LOGIN, {"username": username, "password": password})


def test_five_wrong_passwords_lock_out_that_client_only(behind_proxy, coordinator):
    attacker = via_proxy("203.0.113.7")
    for _ in range(4):
        assert attempt(attacker, "wrong").status_code == 200
    assert attempt(attacker, "wrong").status_code == 429
    assert attempt(attacker, DEMO_PASSWORD).status_code == 429
    # The same user, from another address through the same proxy, signs in.
    assert attempt(via_proxy("198.51.100.20"), DEMO_PASSWORD).status_code == 302
    # The attacker cannot get round it by sending their own X-Forwarded-For.
    spoofing = via_proxy("198.51.100.99, 203.0.113.7")
    assert attempt(spoofing, DEMO_PASSWORD).status_code == 429
    failed = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED)
    assert set(failed.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_from_an_untrusted_address_the_header_is_ignored(behind_proxy, coordinator):
    # Someone reaching the portal directly cannot pick a fresh address for each attempt.
    for number in range(4):
        direct = Client(REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
        assert attempt(direct, "wrong").status_code == 200
    direct = Client(REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert attempt(direct, "wrong").status_code == 429
    failed = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED)
    assert set(failed.values_list("ip_address", flat=True)) == {"198.51.100.20"}
    assert attempt(via_proxy("192.0.2.1"), DEMO_PASSWORD).status_code == 302


def test_rate_limits_count_each_client_behind_the_proxy_apart(behind_proxy, monkeypatch):
    monkeypatch.setattr(rate_limit, "_now", lambda: dt.datetime(2026, 12, 2, 11).timestamp())
    limit = RateLimit(scope="proxy-test", limit=2, window=3600)
    for _ in range(2):
        limit.hit(request_from(PROXY, "203.0.113.7"))
    assert limit.blocked_until(request_from(PROXY, "203.0.113.7")) is not None
    assert limit.blocked_until(request_from(PROXY, "198.51.100.20")) is None
    # A direct sender's header is not believed: the count stays with its own address.
    for _ in range(2):
        limit.hit(request_from("198.51.100.50", "192.0.2.1"))
    assert limit.blocked_until(request_from("198.51.100.50", "192.0.2.2")) is not None


def test_the_proxy_ssl_header_is_believed_only_with_trusted_proxies():
    assert django_settings.TRUSTED_PROXIES == []
    assert django_settings.SECURE_PROXY_SSL_HEADER is None
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'tryggportal.settings';"
        "django.setup(); from django.conf import settings;"
        "print(settings.TRUSTED_PROXIES, settings.SECURE_PROXY_SSL_HEADER)"
    )
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "true", "TRUSTED_PROXIES": "172.28.0.10,fd00::/8"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=BASE, capture_output=True, text=True, check=True
    ).stdout
    assert "['172.28.0.10', 'fd00::/8'] ('HTTP_X_FORWARDED_PROTO', 'https')" in out
    env["TRUSTED_PROXIES"] = "not-a-network"
    failed = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=BASE, capture_output=True, text=True
    )
    assert failed.returncode != 0 and "TRUSTED_PROXIES" in failed.stderr
