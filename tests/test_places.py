"""Places of an area: members manage them, whoever reaches the area reads them."""

import pytest

from districts.models import CollaborationArea
from incidents.models import Place

pytestmark = pytest.mark.django_db

DATA = {"name": "Hjällbo torg", "kind": "square", "latitude": "57.7704", "longitude": "12.0229"}


def test_member_adds_a_place_with_coordinates(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/areas/angered/places/new/", DATA | {"unsafe": "on"})
    assert response.status_code == 302
    place = Place.objects.get()
    assert (place.area.slug, place.unsafe, str(place.latitude)) == ("angered", True, "57.770400")
    assert "Hjällbo torg" in client.get("/areas/angered/places/").content.decode()


def test_coordinates_out_of_range_are_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/areas/angered/places/new/", DATA | {"latitude": "97"})
    assert "latitude" in response.context["form"].errors
    assert not Place.objects.exists()


def test_half_a_coordinate_is_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/areas/angered/places/new/", DATA | {"longitude": ""})
    assert response.context["form"].non_field_errors()


def test_identity_number_in_the_name_is_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/areas/angered/places/new/", DATA | {"name": "Hos 121212-1212"})
    assert "name" in response.context["form"].errors


def test_member_edits_a_place(client, officer):
    place = Place.objects.create(
        area=CollaborationArea.objects.get(slug="angered"), name="Hjällbo torg", kind="square"
    )
    client.force_login(officer)
    client.post(f"/areas/angered/places/{place.pk}/edit/", DATA | {"name": "Hjällbo centrum"})
    place.refresh_from_db()
    assert place.name == "Hjällbo centrum"


@pytest.mark.parametrize("persona", ["director", "chief", "dev_lead"])
def test_readers_see_places_but_get_403_on_changes(request, client, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/areas/angered/places/").status_code == 200
    assert client.post("/areas/angered/places/new/", DATA).status_code == 403


def test_outsiders_get_404(client, other_coordinator):
    place = Place.objects.create(
        area=CollaborationArea.objects.get(slug="angered"), name="Hjällbo torg", kind="square"
    )
    client.force_login(other_coordinator)
    assert client.get("/areas/angered/places/").status_code == 404
    assert client.post("/areas/angered/places/new/", DATA).status_code == 404
    assert client.get(f"/areas/centrum/places/{place.pk}/edit/").status_code == 404


@pytest.mark.parametrize("rows", [2, 30])
def test_place_list_query_count_does_not_grow(client, coordinator, django_assert_num_queries, rows):
    area = CollaborationArea.objects.get(slug="angered")
    Place.objects.bulk_create(Place(area=area, name=f"Plats {n}", kind="park") for n in range(rows))
    client.force_login(coordinator)
    with django_assert_num_queries(6):
        assert client.get("/areas/angered/places/").status_code == 200
