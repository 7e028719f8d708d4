"""A report form posted after the session expired keeps what was typed through signing in."""

import time

from django.test import Client

from accounts.two_factor import SEEN_KEY
from demo.users import DEMO_PASSWORD
from districts.models import CollaborationArea
from tests.report_factory import form_data, make_report
from tryggportal.lib.kept_forms import SESSION_KEY


def signed_in(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def expire(client: Client) -> None:
    """Make the session idle for two hours, as if the user left the form open."""
    session = client.session
    session[SEEN_KEY] = int(time.time()) - 2 * 60 * 60
    session.save()


def test_edit_posted_after_expiry_is_restored_after_signing_in(coordinator):
    report = make_report(coordinator)
    client = signed_in("samordnare-angered")
    expire(client)
    url = f"/reports/{report.pk}/edit/"

    response = client.post(url, form_data(report, summary="Lång text skriven\nunder en timme."))

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"
    kept = client.session[SESSION_KEY][url]
    assert "csrfmiddlewaretoken" not in kept
    report.refresh_from_db()
    assert report.summary == "Lugnt vid torget."  # nothing saved while signed out

    login = client.post(
        f"/accounts/login/?next={url}",
        {"username": "samordnare-angered", "password": DEMO_PASSWORD, "next": url},
    )
    assert login["Location"] == url
    page = client.get(url).content.decode()
    assert "Lång text skriven\nunder en timme." in page
    assert "Du loggades ut innan texten sparades. Den har behållits: granska den och spara." in page
    # Shown once: the next visit shows the stored report again.
    assert "Lång text skriven" not in client.get(url).content.decode()


def test_new_report_posted_after_expiry_is_restored(coordinator):
    area = CollaborationArea.objects.get(slug="angered")
    client = signed_in("samordnare-angered")
    expire(client)
    data = form_data(area=area.pk, period="2026-W47", summary="Nytt utkast som inte får försvinna.")

    assert client.post("/reports/new/", data).status_code == 302
    client.post("/accounts/login/", {"username": "samordnare-angered", "password": DEMO_PASSWORD})

    page = client.get("/reports/new/").content.decode()
    assert "Nytt utkast som inte får försvinna." in page
    assert not area.reports.exists()


def test_acknowledgement_posted_after_expiry_is_restored(client, coordinator, officer):
    report = make_report(coordinator, status="shared")
    client.force_login(officer)  # signs in with the one-time code given (tests/conftest.py)
    expire(client)
    url = f"/reports/{report.pk}/acknowledge/"

    response = client.post(url, {"comment": "Vi håller med om bilden."})

    assert response["Location"] == f"/accounts/login/?next={url}"
    client.force_login(officer)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Vi håller med om bilden." in page
    report.refresh_from_db()
    assert report.status == "shared"


# --- Shared computers: a kept form goes back to the user who typed it, never to another ---


def test_a_kept_form_never_reaches_the_next_user_of_the_same_browser(
    coordinator, other_coordinator
):
    """A's session ends with a new report typed; B signs in next in the same browser and opens
    the same form: B sees an empty form, and A's text is gone from the session."""
    area = CollaborationArea.objects.get(slug="angered")
    browser = signed_in("samordnare-angered")
    expire(browser)
    data = form_data(area=area.pk, period="2026-W47", summary="Anteckning som bara A får se.")
    assert browser.post("/reports/new/", data).status_code == 302
    assert SESSION_KEY in browser.session

    login = browser.post(
        "/accounts/login/?next=/reports/new/",
        {"username": "samordnare-centrum", "password": DEMO_PASSWORD, "next": "/reports/new/"},
    )
    assert login["Location"] == "/reports/new/"

    page = browser.get("/reports/new/").content.decode()
    assert page.count("Anteckning som bara A får se.") == 0
    assert "Den har behållits" not in page
    assert SESSION_KEY not in browser.session
    # A signing in afterwards gets nothing back either: B's sign-in dropped it.
    browser.post("/accounts/logout/")
    browser.post("/accounts/login/", {"username": "samordnare-angered", "password": DEMO_PASSWORD})
    assert "Anteckning som bara A får se." not in browser.get("/reports/new/").content.decode()


def test_any_sign_in_of_another_user_drops_the_kept_form(coordinator, other_coordinator):
    area = CollaborationArea.objects.get(slug="angered")
    browser = signed_in("samordnare-angered")
    expire(browser)
    data = form_data(area=area.pk, period="2026-W47", summary="A:s text.")
    browser.post("/reports/new/", data)

    browser.force_login(other_coordinator)  # any sign-in, whatever the page

    assert SESSION_KEY not in browser.session
    assert "A:s text." not in browser.get("/reports/new/").content.decode()


def test_a_form_posted_with_no_signed_in_session_before_is_dropped_at_sign_in(
    client, coordinator, officer
):
    """Nobody's session ended in this browser (or it ended some other way): the form belongs to
    no one, so whoever signs in next does not get it."""
    report = make_report(coordinator, status="shared")
    browser = client  # signs in with the one-time code given (tests/conftest.py)
    url = f"/reports/{report.pk}/acknowledge/"
    assert browser.post(url, {"comment": "Skrivet av vem som helst."}).status_code == 302

    browser.force_login(officer)

    assert "Skrivet av vem som helst." not in browser.get(f"/reports/{report.pk}/").content.decode()
    assert SESSION_KEY not in browser.session


def test_a_kept_form_is_not_given_to_another_user_even_without_the_sign_in_signal(
    rf, coordinator, other_coordinator
):
    """Defence in depth: reading a kept form checks its owner as well."""
    from django.contrib.sessions.backends.db import SessionStore

    from tryggportal.lib.kept_forms import OWNER_KEY, pop_kept_form

    request = rf.get("/reports/new/")
    request.session = SessionStore()
    request.session[SESSION_KEY] = {"/reports/new/": {"summary": ["A:s text."]}}
    request.session[OWNER_KEY] = coordinator.pk
    request.user = other_coordinator
    assert pop_kept_form(request, "/reports/new/") is None
    assert SESSION_KEY not in request.session


def test_other_signed_out_posts_are_not_kept(coordinator):
    client = Client()
    response = client.post("/accounts/password/", {"old_password": "x"})
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
