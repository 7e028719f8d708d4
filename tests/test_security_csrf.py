"""Every address refuses a POST without a CSRF token, whoever sends it (routes from the URLconf)."""

import re

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Sample values for the URLconf's converters; the CSRF check runs before the view looks them up.
SAMPLES = {
    "int": "1",
    "slug": "angered",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def routes(resolver=None, prefix=""):
    """Every concrete address of the URLconf, converters filled with sample values."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry, pattern)
        elif isinstance(entry, URLPattern):
            yield pattern


def concrete(pattern: str) -> str | None:
    if pattern.startswith("^") or "(?P" in pattern:
        # The admin's regex routes: fill named groups with a digit-or-word sample.
        address = re.sub(r"\(\?P<\w+>[^)]*\)", "1", pattern)
        address = address.lstrip("^").rstrip("$").replace("\\", "")
        return None if re.search(r"[()\[\]*+?|]", address) else "/" + address
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES[m.group(1) or "str"], pattern)


ADDRESSES = sorted({a for a in (concrete(p) for p in routes()) if a is not None})


def test_the_urlconf_has_the_post_routes_we_expect():
    assert "/accounts/login/" in ADDRESSES
    assert "/accessibility/" in ADDRESSES
    assert len(ADDRESSES) > 20


def test_post_without_csrf_token_is_refused_everywhere(users):
    client = Client(enforce_csrf_checks=True)
    accepted = [a for a in ADDRESSES if client.post(a, {"x": "1"}).status_code != 403]
    assert accepted == [], "accepted a POST without a CSRF token while signed out"
    client.force_login(users["utvecklingsledare"])
    accepted = [a for a in ADDRESSES if client.post(a, {"x": "1"}).status_code != 403]
    assert accepted == [], "accepted a POST without a CSRF token while signed in"


def test_the_same_post_with_a_token_passes_the_check(client, coordinator):
    """The refusals above are the CSRF check's, not the view's: with a token the view answers."""
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.get("/accounts/login/")
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(
        "/accounts/login/",
        {"username": "samordnare-angered", "password": "trygg-demo", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
