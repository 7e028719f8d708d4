import io
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from districts.models import CollaborationArea, District, PoliceArea

pytestmark = pytest.mark.django_db


def test_login_page_is_swedish_by_default_even_for_an_english_browser(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert "Logga in" in response.content.decode()
    assert '<html lang="sv">' in response.content.decode()


def test_language_switch_turns_the_page_english_and_is_saved_on_the_user(client, coordinator):
    client.force_login(coordinator)
    client.post("/accounts/language/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert "Sign out" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.language == "en"


def test_signing_in_uses_the_users_saved_language(client, coordinator):
    coordinator.language = "en"
    coordinator.save()
    response = client.post(
        "/accounts/login/",
        {"username": "samordnare-angered", "password": "trygg-demo"},
        follow=True,
    )
    assert "Sign out" in response.content.decode()


def test_everything_but_login_and_health_needs_sign_in(client, goteborg):
    for url in ["/", "/areas/", "/areas/angered/", "/accounts/password/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/")
    assert client.get("/healthz").status_code == 200


def test_sign_in_and_sign_out(client, coordinator):
    response = client.post(
        "/accounts/login/", {"username": "samordnare-angered", "password": "trygg-demo"}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_wrong_password_shows_a_swedish_error_and_keeps_the_username(client, coordinator):
    response = client.post("/accounts/login/", {"username": "samordnare-angered", "password": "x"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "korrekt användarnamn och lösenord" in body
    assert 'value="samordnare-angered"' in body


def test_password_change(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "trygg-demo",
            "new_password1": "ett-nytt-langt-losen-42",
            "new_password2": "ett-nytt-langt-losen-42",
        },
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("ett-nytt-langt-losen-42")


def area_slugs(response) -> set[str]:
    return {a.slug for a in response.context["page"].object_list}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("coordinator", {"angered"}),
        ("other_coordinator", {"centrum"}),
        ("officer", {"angered", "ostra-goteborg"}),
        ("director", {"angered"}),
        ("chief", {"angered", "ostra-goteborg"}),
    ],
)
def test_area_list_shows_only_the_areas_a_role_reaches(request, client, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert area_slugs(client.get("/areas/")) == expected


@pytest.mark.parametrize("persona", ["dev_lead", "admin_user"])
def test_citywide_roles_reach_every_area(request, client, persona):
    client.force_login(request.getfixturevalue(persona))
    assert len(area_slugs(client.get("/areas/"))) == 10


def test_area_outside_reach_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/areas/centrum/").status_code == 404
    assert client.get("/areas/no-such-area/").status_code == 404


def test_area_page_shows_partner_police_area_members_and_cadence(client, coordinator):
    client.force_login(coordinator)
    body = client.get("/areas/angered/").content.decode()
    assert "Nordost" in body
    assert "Kommunpolis Nordost" in body
    assert "Samordnare Angered" in body
    assert "Varje vecka" in body


def test_home_lists_the_users_areas(client, officer):
    client.force_login(officer)
    body = client.get("/").content.decode()
    assert "Angered" in body and "Östra Göteborg" in body
    assert "Centrum" not in body


def test_area_list_query_count_does_not_grow(client, dev_lead, django_assert_num_queries):
    client.force_login(dev_lead)
    client.get("/areas/")
    with django_assert_num_queries(4):
        client.get("/areas/")
    district = District.objects.first()
    police_area = PoliceArea.objects.first()
    for n in range(30):
        CollaborationArea.objects.create(
            name=f"Extra {n}",
            slug=f"extra-{n}",
            district=district,
            police_area=police_area,
            valid_from="2020-01-01",
        )
    with django_assert_num_queries(4):
        client.get("/areas/")


def test_seed_goteborg_is_idempotent_and_real(goteborg):
    call_command("seed_goteborg", stdout=io.StringIO())
    assert District.objects.count() == 10
    assert PoliceArea.objects.count() == 5
    assert CollaborationArea.objects.count() == 10
    assert CollaborationArea.objects.get(slug="lundby").police_area.name == "Hisingen"
    assert (
        CollaborationArea.objects.get(slug="majorna-linne").police_area.name == "Storgöteborg City"
    )
    assert str(District.objects.get(slug="angered").valid_to) == "2020-12-31"


def test_loaddemo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("loaddemo", stdout=io.StringIO())


@override_settings(DEBUG=True)
def test_loaddemo_creates_the_demo_users_with_the_given_password():
    out = io.StringIO()
    call_command("loaddemo", "--password", "annat-losen", stdout=out)
    call_command("loaddemo", "--password", "annat-losen", stdout=out)
    assert "annat-losen" in out.getvalue()
    from accounts.models import User

    assert User.objects.get(username="kommunpolis-nordost").check_password("annat-losen")
    assert User.objects.get(username="admin").is_superuser


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_is_503_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import DatabaseError

    from tryggportal import views

    class Broken:
        def cursor(self):
            raise DatabaseError("down")

    monkeypatch.setattr(views, "connection", Broken())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_healthz_reports_redis_and_when_it_is_down(client, settings):
    if os.environ.get("REDIS_URL"):  # CI: the real Redis
        settings.REDIS_URL = os.environ["REDIS_URL"]
        assert client.get("/healthz").json()["redis"] == "ok"
        assert client.get("/healthz").json()["redis"] == "ok"  # the kept connection
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["redis"] == "error"
