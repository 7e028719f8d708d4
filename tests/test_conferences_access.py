"""Every signed-in user reads conferences; only development leads and admins edit them."""

import datetime as dt

import pytest

from conferences.models import Conference, Priority

pytestmark = pytest.mark.django_db

READERS = ["coordinator", "other_coordinator", "officer", "director", "chief"]
EDITORS = ["dev_lead", "admin_user"]


@pytest.fixture
def conference(goteborg):
    conference = Conference.objects.create(
        year=2025, date=dt.date(2025, 11, 13), venue="Angered", title="Årskonferens", theme="Unga"
    )
    Priority.objects.create(conference=conference, title="Fritid för unga", owner_side="city")
    return conference


def edit_pages(conference) -> list[str]:
    priority = conference.priorities.get()
    return [
        "/conferences/new/",
        f"/conferences/{conference.year}/edit/",
        f"/conferences/{conference.year}/programme/",
        f"/conferences/{conference.year}/outcomes/",
        f"/conferences/{conference.year}/priorities/new/",
        f"/conferences/{conference.year}/priorities/{priority.pk}/",
    ]


@pytest.mark.parametrize("persona", READERS + EDITORS)
def test_every_signed_in_role_reads_conference_pages(request, client, conference, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in ["/conferences/", "/conferences/2025/", "/conferences/2025/follow-up/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Unga" in response.content.decode()


@pytest.mark.parametrize("persona", READERS)
def test_read_only_roles_get_403_on_every_edit_page_and_post(request, client, conference, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in edit_pages(conference):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Ändrad", "year": 2025}).status_code == 403, url
    conference.refresh_from_db()
    assert conference.title == "Årskonferens"
    assert conference.priorities.get().title == "Fritid för unga"


@pytest.mark.parametrize("persona", EDITORS)
def test_development_lead_and_admin_open_every_edit_page(request, client, conference, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in edit_pages(conference):
        assert client.get(url).status_code == 200, url


def test_edit_links_show_only_for_editors(client, conference, coordinator, dev_lead):
    client.force_login(coordinator)
    assert "/conferences/2025/edit/" not in client.get("/conferences/2025/").content.decode()
    assert "/conferences/new/" not in client.get("/conferences/").content.decode()
    client.force_login(dev_lead)
    assert "/conferences/2025/edit/" in client.get("/conferences/2025/").content.decode()
    assert "/conferences/new/" in client.get("/conferences/").content.decode()


def test_unknown_year_is_404(client, conference, coordinator, dev_lead):
    client.force_login(coordinator)
    assert client.get("/conferences/2031/").status_code == 404
    assert client.get("/conferences/2031/follow-up/").status_code == 404
    client.force_login(dev_lead)
    assert client.get("/conferences/2031/edit/").status_code == 404


def test_priority_of_another_conference_is_404(client, conference, dev_lead):
    other = Conference.objects.create(
        year=2024, date=dt.date(2024, 11, 14), venue="Biskopsgården", title="T", theme="T"
    )
    client.force_login(dev_lead)
    priority = conference.priorities.get()
    assert client.get(f"/conferences/{other.year}/priorities/{priority.pk}/").status_code == 404


def test_conference_pages_need_sign_in(client, conference):
    response = client.get("/conferences/2025/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_nav_links_to_conferences(client, conference, coordinator):
    client.force_login(coordinator)
    assert 'href="/conferences/"' in client.get("/").content.decode()
