"""`?as_of=YYYY-MM-DD` on the area list and the area page: the structure valid on that day."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districts.models import CollaborationArea
from tests.reorganisation_fixtures import PLAN, reorganise

pytestmark = pytest.mark.django_db

OLD = ["Angered", "Östra Göteborg", "Centrum", "Lundby"]
NEW = ["Stadsområde Nordost", "Stadsområde Centrum", "Stadsområde Sydväst", "Stadsområde Hisingen"]


@pytest.fixture
def reorganised(users):
    reorganise(PLAN)


def listed(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def test_the_area_list_shows_todays_structure_by_default(reorganised, dev_lead, client):
    client.force_login(dev_lead)
    body = listed(client, "/areas/")
    assert all(f">{name}</a>" in body for name in NEW)
    assert not any(f">{name}</a>" in body for name in OLD)


def test_the_area_list_as_of_a_day_before_the_change_shows_the_old_districts(
    reorganised, dev_lead, client
):
    client.force_login(dev_lead)
    body = listed(client, "/areas/?as_of=2020-12-31")
    assert all(f">{name}</a>" in body for name in OLD)
    assert not any(f">{name}</a>" in body for name in NEW)
    assert 'value="2020-12-31"' in body
    body = listed(client, "/areas/?as_of=2021-01-01")
    assert all(f">{name}</a>" in body for name in NEW)


def test_the_area_list_as_of_a_day_shows_only_what_the_user_reaches(
    reorganised, coordinator, client
):
    client.force_login(coordinator)
    body = listed(client, "/areas/?as_of=2020-06-01")
    assert ">Angered</a>" in body and ">Centrum</a>" not in body
    body = listed(client, "/areas/")
    assert ">Stadsområde Nordost</a>" in body and ">Angered</a>" not in body


def test_an_invalid_day_is_said_and_todays_structure_shown(reorganised, dev_lead, client):
    client.force_login(dev_lead)
    body = listed(client, "/areas/?as_of=2020-13-45")
    assert "2020-13-45" in body  # what was typed stays
    assert "is-invalid" in body
    assert ">Stadsområde Nordost</a>" in body


def test_without_a_reorganisation_every_area_is_listed(goteborg, dev_lead, client):
    client.force_login(dev_lead)
    body = listed(client, "/areas/")
    assert all(f">{name}</a>" in body for name in OLD)


def test_the_area_page_as_of_a_day_shows_its_lineage_then(reorganised, dev_lead, client):
    client.force_login(dev_lead)
    body = listed(client, "/areas/stadsomrade-nordost/?as_of=2020-06-01")
    section = body.split('id="structure-heading"')[1].split("</section>")[0]
    assert ">Angered</a>" in section and ">Östra Göteborg</a>" in section
    assert "Stadsområde Nordost</a>" not in section
    body = listed(client, "/areas/angered/?as_of=2022-06-01")
    section = body.split('id="structure-heading"')[1].split("</section>")[0]
    assert ">Stadsområde Nordost</a>" in section and ">Angered</a>" not in section


def test_area_list_queries_do_not_grow_with_the_number_of_areas(reorganised, dev_lead, client):
    client.force_login(dev_lead)
    listed(client, "/areas/?as_of=2020-06-01")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            listed(client, "/areas/?as_of=2020-06-01")
        return len(queries)

    few = count()
    angered = CollaborationArea.objects.get(slug="angered")
    for number in range(30):
        CollaborationArea.objects.create(
            name=f"Extra {number}",
            slug=f"extra-{number}",
            district=angered.district,
            police_area=angered.police_area,
            valid_from=angered.valid_from,
        )
    assert count() == few
