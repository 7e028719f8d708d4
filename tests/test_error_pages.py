"""With DEBUG off, every error page is the portal's: inside the layout, in the user's language
(Swedish by default), with the right status, saying what to do next."""

import re

import pytest
from django.test import Client

from tests.conftest import TwoFactorClient

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.error_urls")]


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def in_layout(text: str) -> bool:
    """The portal's frame: the skip link, the header with the brand, the footer's links."""
    return all(
        part in text for part in ('href="#main"', 'class="navbar-brand"', 'href="/accessibility/"')
    )


def same_but_values(a: str, b: str) -> bool:
    return re.sub(r'value="[^"]*"', "", a) == re.sub(r'value="[^"]*"', "", b)


def test_404_in_swedish_in_the_layout_for_a_signed_in_user(client_for, coordinator):
    response = client_for(coordinator).get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert in_layout(text)
    assert '<html lang="sv">' in text
    assert "Sidan hittades inte" in text
    assert "Gå till din startsida" in text
    assert "Page not found" not in text


def test_404_says_the_same_for_a_missing_report_and_one_outside_reach(
    client_for, other_coordinator, coordinator
):
    """Centrum's coordinator asks for Angered's draft and for a report that does not exist."""
    from tests.report_factory import make_report

    draft = make_report(coordinator)
    client = client_for(other_coordinator)
    outside = client.get(f"/reports/{draft.pk}/")
    missing = client.get(f"/reports/{draft.pk + 1000}/")
    assert outside.status_code == missing.status_code == 404
    # The same page, but for the form tokens and the address in the language switch.
    assert same_but_values(outside.content.decode(), missing.content.decode())
    assert "Sidan finns inte, eller så är den inte öppen för dig" in outside.content.decode()


@pytest.mark.parametrize("persona", ["coordinator", "director", "dev_lead", "admin_user"])
def test_404_for_a_police_only_incident_is_the_same_as_for_none(request, client_for, persona):
    """City users, city-wide roles and a city admin included, learn nothing from the page."""
    from incidents.models import Visibility
    from tests.test_incidents import make_incident

    secret = make_incident(
        request.getfixturevalue("officer"),
        visibility=Visibility.POLICE_ONLY,
        description="Spaningsuppgift X",
    )
    client = client_for(request.getfixturevalue(persona))
    hidden = client.get(f"/incidents/{secret.pk}/")
    missing = client.get(f"/incidents/{secret.pk + 1000}/")
    assert hidden.status_code == missing.status_code == 404
    assert same_but_values(hidden.content.decode(), missing.content.decode())
    assert "Spaningsuppgift" not in hidden.content.decode()


def test_the_police_see_the_police_only_incident(client_for, officer):
    from incidents.models import Visibility
    from tests.test_incidents import make_incident

    secret = make_incident(officer, visibility=Visibility.POLICE_ONLY, description="Spaning")
    assert client_for(officer).get(f"/incidents/{secret.pk}/").status_code == 200


def test_404_for_someone_signed_out_offers_the_sign_in_page():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert in_layout(text)
    assert "Sidan hittades inte" in text
    assert "Gå till inloggningen" in text


def test_404_in_english_for_a_user_who_chose_english(client_for, coordinator, settings):
    client = client_for(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()
    assert "Page not found" in response.content.decode()


def test_403_for_the_audit_log_names_the_user_and_whom_it_is_for(client_for, coordinator):
    response = client_for(coordinator).get("/audit/")
    assert response.status_code == 403
    text = response.content.decode()
    assert in_layout(text)
    assert "Sidan är inte öppen för dig" in text
    assert f"Du är inloggad som {coordinator} (Trygghetssamordnare)." in text
    assert "Granskningsloggen är till för systemförvaltare och utvecklingsledaren." in text
    assert "Gå till din startsida" in text
    assert "Logga ut och logga in som någon annan" in text
    assert 'action="/accounts/logout/"' in text


def test_403_on_a_new_report_for_a_director_says_who_writes_them(client_for, director):
    """A director files no reports: the page says who does."""
    response = client_for(director).get("/reports/new/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "Lägesbilder skrivs av trygghetssamordnarna och kommunpoliserna" in text


def test_403_on_a_new_conference_for_a_coordinator(client_for, coordinator):
    response = client_for(coordinator).get("/conferences/new/")
    assert response.status_code == 403
    assert (
        "Konferenser och prioriteringar ändras av utvecklingsledaren" in response.content.decode()
    )


def test_400_in_swedish_in_the_layout():
    response = Client().get("/test-errors/400/")
    assert response.status_code == 400
    text = response.content.decode()
    assert in_layout(text)
    assert "Begäran kunde inte läsas" in text
    assert "Gå tillbaka i webbläsaren och försök igen." in text


def test_500_in_swedish_in_the_layout(client_for, coordinator):
    client = client_for(coordinator)
    client.raise_request_exception = False
    response = client.get("/test-errors/500/")
    assert response.status_code == 500
    text = response.content.decode()
    assert in_layout(text)
    assert "Något gick fel i portalen" in text
    assert "Felet är vårt, inte ditt." in text
    assert "Gå till startsidan" in text
    # Rendered without the request: nothing of the user's, no menu that could fail.
    assert str(coordinator) not in text
    assert "Logga ut" not in text


def test_500_renders_even_when_a_context_processor_fails(client_for, coordinator, monkeypatch):
    """The broken thing may be the database or the cache the header reads from."""
    import notifications.context_processors

    def broken(request):
        raise RuntimeError("the cache is down")

    monkeypatch.setattr(notifications.context_processors, "unread_notifications", broken)
    client = client_for(coordinator)
    client.raise_request_exception = False
    response = client.get("/test-errors/500/")
    assert response.status_code == 500
    assert "Något gick fel i portalen" in response.content.decode()


def test_500_in_english_for_a_user_who_chose_english(client_for, coordinator, settings):
    client = client_for(coordinator)
    client.raise_request_exception = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/test-errors/500/")
    assert response.status_code == 500
    assert "Something went wrong in the portal" in response.content.decode()


def test_csrf_failure_in_swedish_says_nothing_was_saved(coordinator):
    client = TwoFactorClient(enforce_csrf_checks=True)
    client.force_login(coordinator)
    client.get("/")  # the CSRF cookie is set; the form's token is missing
    response = client.post("/measures/new/", {"title": "Ny åtgärd"})
    assert response.status_code == 403
    text = response.content.decode()
    assert in_layout(text)
    assert "Formuläret kunde inte skickas" in text
    assert "Inget har sparats." in text
    assert "Formuläret var troligen öppet för länge" in text


def test_csrf_failure_without_the_cookie_says_cookies_are_needed():
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    text = response.content.decode()
    assert in_layout(text)
    assert "Formuläret kunde inte skickas" in text
    assert "Portalen behöver kakor" in text
