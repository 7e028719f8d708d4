"""CSV import of incidents: all rows checked first, nothing saved on any error, no duplicates."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from districts.models import CollaborationArea
from incidents.models import Incident, Place
from reports.models import Category

pytestmark = pytest.mark.django_db

GOOD = (
    "date,time,place,category,description,severity\n"
    "2026-11-20,21:30,Hjällbo torg,narcotics,Öppen försäljning vid torget,2\n"
    "2026-11-21,19:05,,Ungdomsgrupperingar och rekrytering av unga till kriminalitet,"
    "Grupp unga vid centrumet,1\n"
    '2026-11-22,08:00,hjällbo torg,vandalism,"Klotter, krossat glas",3\n'
)


@pytest.fixture
def angered(goteborg):
    area = CollaborationArea.objects.get(slug="angered")
    Place.objects.create(area=area, name="Hjällbo torg", kind="square")
    return area


def upload(client, text, area, *, visibility="shared", name="incidents.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(
        "/incidents/import/", {"area": area.pk, "file": file, "visibility": visibility}
    )


def test_a_clean_file_is_imported(client, coordinator, angered):
    client.force_login(coordinator)
    response = upload(client, GOOD, angered)
    assert response.status_code == 302
    incidents = Incident.objects.order_by("occurred_at")
    assert [i.severity for i in incidents] == [2, 1, 3]
    assert incidents[0].place.name == "Hjällbo torg"
    assert incidents[1].category.code == "youth"
    assert incidents[2].description == "Klotter, krossat glas"
    assert {i.reported_side for i in incidents} == {"city"}


def test_reimporting_the_same_file_creates_no_duplicates(client, coordinator, angered):
    client.force_login(coordinator)
    upload(client, GOOD, angered)
    response = upload(client, GOOD, angered)
    assert Incident.objects.count() == 3
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("0" in m and "3" in m for m in messages)


def test_an_overlapping_file_adds_only_the_new_rows(client, coordinator, angered):
    client.force_login(coordinator)
    upload(client, GOOD, angered)
    upload(client, GOOD + "2026-11-23,12:00,,disorder,Berusade vid torget,1\n", angered)
    assert Incident.objects.count() == 4


def test_one_bad_row_imports_nothing_and_names_the_row(client, coordinator, angered):
    bad = GOOD + "2026-11-31,25:00,Okänd plats,no-such,Text,7\n"
    client.force_login(coordinator)
    response = upload(client, bad, angered)
    assert response.status_code == 200
    assert Incident.objects.count() == 0
    errors = {(e.line, e.column) for e in response.context["errors"]}
    assert errors == {(5, "date"), (5, "time"), (5, "place"), (5, "category"), (5, "severity")}
    body = response.content.decode()
    assert "Inget importerades" in body or "Nothing was imported" in body


def test_identity_number_in_a_description_is_refused(client, coordinator, angered):
    text = GOOD + "2026-11-23,12:00,,disorder,Berusad person 121212-1212 vid torget,1\n"
    client.force_login(coordinator)
    response = upload(client, text, angered)
    assert [(e.line, e.column) for e in response.context["errors"]] == [(5, "description")]
    assert Incident.objects.count() == 0


def test_semicolons_and_a_byte_order_mark_are_understood(client, coordinator, angered):
    text = "\ufeff" + GOOD.replace(",", ";").replace('"Klotter; krossat glas"', "Klotter")
    client.force_login(coordinator)
    upload(client, text, angered)
    assert Incident.objects.count() == 3


def test_missing_columns_are_named(client, coordinator, angered):
    client.force_login(coordinator)
    response = upload(client, "date,time,description\n2026-11-20,21:30,Text\n", angered)
    assert "place, category, severity" in response.content.decode()
    assert Incident.objects.count() == 0


def test_only_police_may_import_as_police_only(client, coordinator, officer, angered):
    client.force_login(coordinator)
    response = upload(client, GOOD, angered, visibility="police_only")
    assert "visibility" in response.context["form"].errors
    client.force_login(officer)
    upload(client, GOOD, angered, visibility="police_only")
    assert set(Incident.objects.values_list("visibility", flat=True)) == {"police_only"}


def test_import_into_an_area_the_user_is_not_a_member_of_is_refused(
    client, other_coordinator, angered
):
    client.force_login(other_coordinator)
    response = upload(client, GOOD, angered)
    assert "area" in response.context["form"].errors
    assert Incident.objects.count() == 0


@pytest.mark.parametrize("persona", ["director", "chief", "dev_lead"])
def test_read_only_roles_get_403(request, client, persona, angered):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/incidents/import/").status_code == 403


# --- Fingerprints per visibility (issue 26): never across the police-only line ---


def import_message(response) -> str:
    """The message the import just gave (earlier ones wait unread in the same session)."""
    return str(list(response.wsgi_request._messages)[-1])


def test_a_city_import_keeps_its_rows_beside_the_polices_police_only_ones(
    client_for, coordinator, officer, angered
):
    upload(client_for(officer), GOOD, angered, visibility="police_only")
    assert Incident.objects.filter(visibility="police_only").count() == 3

    response = upload(client_for(coordinator), GOOD, angered)
    # The city's rows are its own, and the answer is the one an empty area would give.
    assert import_message(response) == "3 händelser importerades, 0 fanns redan."
    shared = Incident.objects.filter(visibility="shared")
    assert shared.count() == 3 and {i.reported_side for i in shared} == {"city"}
    listing = client_for(coordinator).get("/incidents/").content.decode()
    assert listing.count("Öppen försäljning vid torget") == 1
    # Importing the same file again finds only the city's rows.
    again = upload(client_for(coordinator), GOOD, angered)
    assert import_message(again) == "0 händelser importerades, 3 fanns redan."
    assert Incident.objects.count() == 6


def test_a_police_only_import_stands_apart_from_shared_rows(
    client_for, coordinator, officer, angered
):
    upload(client_for(coordinator), GOOD, angered)
    response = upload(client_for(officer), GOOD, angered, visibility="police_only")
    assert import_message(response) == "3 händelser importerades, 0 fanns redan."
    assert Incident.objects.filter(visibility="police_only", reported_side="police").count() == 3
    again = upload(client_for(officer), GOOD, angered, visibility="police_only")
    assert import_message(again) == "0 händelser importerades, 3 fanns redan."
    # Shared rows are shared whoever imported them: both sides see them, so they match.
    shared = upload(client_for(officer), GOOD, angered)
    assert import_message(shared) == "0 händelser importerades, 3 fanns redan."
    assert Incident.objects.count() == 6


def test_an_imported_row_shared_later_beside_its_twin_is_saved(
    client_for, coordinator, officer, angered
):
    upload(client_for(coordinator), GOOD, angered)
    upload(client_for(officer), GOOD, angered, visibility="police_only")
    twin = Incident.objects.get(visibility="police_only", description="Klotter, krossat glas")
    data = {
        "area": str(angered.pk),
        "place": str(twin.place_id),
        "occurred_at": "2026-11-22T08:00",
        "category": str(twin.category_id),
        "severity": "3",
        "visibility": "shared",
        "description": twin.description,
    }
    response = client_for(officer).post(f"/incidents/{twin.pk}/edit/", data)
    assert response.status_code == 302
    twin.refresh_from_db()
    assert twin.visibility == "shared" and twin.fingerprint == ""
    # The file's row is still known as imported: a new import adds nothing.
    again = upload(client_for(coordinator), GOOD, angered)
    assert import_message(again) == "0 händelser importerades, 3 fanns redan."


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_imported_rows_and_parts_fingerprints_by_visibility(
    coordinator, officer, angered
):
    from django.db import IntegrityError, connection, transaction
    from django.db.migrations.executor import MigrationExecutor

    before = [("incidents", "0004_incident_city_places")]
    after = [("incidents", "0005_incident_fingerprint_per_visibility")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps.get_model("incidents", "Incident")
        common = {
            "area_id": angered.pk,
            "occurred_at": "2026-11-20T20:30:00Z",
            "category_id": Category.objects.get(code="narcotics").pk,
            "description": "Importerad",
            "severity": 2,
        }
        old.objects.create(
            **common, reported_side="police", visibility="police_only", fingerprint="a" * 64,
            created_by_id=officer.pk,
        )  # fmt: skip
        old.objects.create(
            **common, reported_side="city", visibility="shared", fingerprint="b" * 64,
            created_by_id=coordinator.pk,
        )  # fmt: skip
        with pytest.raises(IntegrityError), transaction.atomic():  # the old rule: per area
            old.objects.create(
                **common, reported_side="city", visibility="shared", fingerprint="a" * 64,
                created_by_id=coordinator.pk,
            )  # fmt: skip
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        assert Incident.objects.filter(fingerprint__in=["a" * 64, "b" * 64]).count() == 2
        twin = {**common, "reported_side": "city", "created_by_id": coordinator.pk}
        Incident.objects.create(**twin, visibility="shared", fingerprint="a" * 64)
        with pytest.raises(IntegrityError), transaction.atomic():  # per area and visibility
            Incident.objects.create(**twin, visibility="shared", fingerprint="b" * 64)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
