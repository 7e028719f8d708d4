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


def test_acknowledgement_posted_while_signed_out_is_restored(client, coordinator, officer):
    report = make_report(coordinator, status="shared")
    anonymous = client  # signs in with the one-time code given (tests/conftest.py)
    url = f"/reports/{report.pk}/acknowledge/"

    response = anonymous.post(url, {"comment": "Vi håller med om bilden."})

    assert response["Location"] == f"/accounts/login/?next={url}"
    anonymous.force_login(officer)
    page = anonymous.get(f"/reports/{report.pk}/").content.decode()
    assert "Vi håller med om bilden." in page
    report.refresh_from_db()
    assert report.status == "shared"


def test_other_signed_out_posts_are_not_kept(coordinator):
    client = Client()
    response = client.post("/accounts/password/", {"old_password": "x"})
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
