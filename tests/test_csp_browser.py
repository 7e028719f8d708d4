"""The main pages work under the Content Security Policy: no violation in the browser's console.

Pages come from the URL names that exist, with objects from the demo (`loaddemo`), so the test
covers each page as it is added.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from accounts.models import User
from conferences import access as conferences_access
from incidents import access as incidents_access
from measures import access as measures_access
from measures.models import CitizenPromise
from reports import access as reports_access

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    settings.DEBUG = False


def first_pk(queryset):
    obj = queryset.order_by("pk").first()
    return obj.pk if obj else None


def pages_for(username: str) -> list[str]:
    """The addresses of the main pages this user can open, as far as they exist yet."""
    user = User.objects.get(username=username)
    wanted = [
        ("home", {}),
        ("area_list", {}),
        ("area_detail", {"slug": "angered"}),
        ("report_list", {}),
        ("report_new", {}),
        ("incident_list", {}),
        ("incident_new", {}),
        ("measure_list", {}),
        ("agreement_list", {}),
        ("dashboard", {}),
        ("area_dashboard", {"slug": "angered"}),
        ("conference_list", {}),
        ("notification_list", {}),
        ("notifications", {}),
        ("audit_log", {}),
        ("two_factor_setup", {}),
        ("password_change", {}),
        ("place_list", {"slug": "angered"}),
        ("incident_import", {}),
        ("measure_new", {}),
        ("agreement_new", {}),
        ("conference_create", {}),
    ]
    finders = [
        ("report_detail", reports_access.reports_visible_to),
        ("incident_detail", incidents_access.incidents_visible_to),
        ("measure_detail", measures_access.measures_visible_to),
        ("agreement_detail", measures_access.agreements_visible_to),
    ]
    for name, finder in finders:
        if pk := first_pk(finder(user)):
            wanted.append((name, {"pk": pk}))
    conference = conferences_access.conferences_visible_to(user).order_by("-year").first()
    if conference:
        wanted.append(("conference_detail", {"year": conference.year}))
        wanted.append(("conference_follow_up", {"year": conference.year}))
    report = reports_access.reports_visible_to(user).order_by("-pk").first()
    if report is not None and report.period is not None:
        picture = {"slug": report.area.slug, "period_key": report.period.key}
        wanted.append(("joint_picture", picture))
    addresses = []
    for name, kwargs in wanted:
        try:
            addresses.append(reverse(name, kwargs=kwargs))
        except NoReverseMatch:
            continue
    return addresses


def visit_and_collect(page, addresses):
    """Open each address; return the CSP violations the console reported, with the page."""
    violations = []
    current = {"address": None}
    page.on(
        "console",
        lambda message: (
            violations.append(f"{current['address']}: {message.text}")
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    opened = []
    for address in addresses:
        current["address"] = address
        response = page.goto(address)
        page.wait_for_load_state("load")
        if response.status == 200:
            opened.append(address)
        else:
            assert response.status in (403, 404), f"{address}: {response.status}"
    return opened, violations


def test_public_pages_raise_no_csp_violation(page, demo):
    addresses = ["/accounts/login/", "/privacy/", "/accessibility/"]
    promise = CitizenPromise.objects.published().first()
    addresses += [f"/promises/{promise.slug}/"] if promise else []
    opened, violations = visit_and_collect(page, addresses)
    assert len(opened) == len(addresses)
    assert violations == []


@pytest.mark.parametrize(
    "username", ["samordnare-angered", "kommunpolis-nordost", "utvecklingsledare", "admin"]
)
def test_main_pages_raise_no_csp_violation(page, sign_in, demo, username):
    sign_in(username)
    addresses = pages_for(username)
    if username == "admin":
        addresses += ["/admin/", "/admin/accounts/user/", "/admin/accounts/auditevent/"]
    opened, violations = visit_and_collect(page, addresses)
    assert len(opened) >= 15, opened
    assert violations == []


def test_a_violation_would_be_seen(page, demo):
    """The listener works: an inline script injected into a page is reported as a violation."""
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto("/accounts/login/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in m for m in messages)
