"""Incidents: logging, editing, filters, and who sees what (police-only never reaches the city)."""

import datetime as dt

import pytest
from django.utils import timezone

from districts.models import CollaborationArea
from incidents import access as incidents_access
from incidents.models import Incident, Place, Visibility
from reports.models import Category
from tests.report_factory import make_report

pytestmark = pytest.mark.django_db

STOCKHOLM = timezone.get_default_timezone()


def make_incident(author, *, area="angered", visibility=Visibility.SHARED, when=None, **extra):
    return Incident.objects.create(
        area=CollaborationArea.objects.get(slug=area),
        occurred_at=when or timezone.now() - dt.timedelta(hours=2),
        category=Category.objects.get(code=extra.pop("category", "narcotics")),
        description=extra.pop("description", "Öppen försäljning vid torget."),
        severity=extra.pop("severity", 2),
        reported_side=author.side,
        visibility=visibility,
        created_by=author,
        **extra,
    )


def form_data(**overrides):
    data = {
        "area": str(CollaborationArea.objects.get(slug="angered").pk),
        "place": "",
        "occurred_at": "2026-11-20T21:30",
        "category": str(Category.objects.get(code="narcotics").pk),
        "severity": "2",
        "visibility": "shared",
        "description": "Öppen försäljning vid torget under kvällen.",
    }
    return data | overrides


@pytest.fixture
def secret(officer):
    return make_incident(
        officer, visibility=Visibility.POLICE_ONLY, description="Spaningsuppgift X"
    )


@pytest.fixture
def shared(coordinator):
    return make_incident(coordinator, description="Klotter vid entrén")


# --- Who sees what ---


@pytest.mark.parametrize("persona", ["coordinator", "director", "dev_lead", "admin_user"])
def test_city_users_never_see_a_police_only_incident_in_the_list(
    request, client, persona, secret, shared
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/incidents/")
    body = response.content.decode()
    assert "Klotter vid entrén" in body
    assert "Spaningsuppgift X" not in body
    assert response.context["page"].paginator.count == 1


@pytest.mark.parametrize("persona", ["coordinator", "director", "dev_lead", "admin_user"])
def test_police_only_incident_detail_is_404_for_city_users(request, client, persona, secret):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/incidents/{secret.pk}/").status_code == 404
    assert client.get(f"/incidents/{secret.pk}/edit/").status_code == 404


@pytest.mark.parametrize("persona", ["coordinator", "director", "dev_lead", "admin_user"])
def test_police_only_incidents_do_not_count_for_city_users(request, persona, secret, shared):
    user = request.getfixturevalue(persona)
    assert incidents_access.incidents_visible_to(user).count() == 1


@pytest.mark.parametrize("persona", ["officer", "chief"])
def test_police_of_the_area_see_police_only_incidents(request, client, persona, secret, shared):
    client.force_login(request.getfixturevalue(persona))
    body = client.get("/incidents/").content.decode()
    assert "Spaningsuppgift X" in body
    assert client.get(f"/incidents/{secret.pk}/").status_code == 200


def test_police_from_another_area_do_not_see_police_only_incidents(officer, secret):
    officer.areas.set(CollaborationArea.objects.filter(slug="centrum"))
    assert not incidents_access.incidents_visible_to(officer).filter(pk=secret.pk).exists()


def test_a_report_links_only_the_incidents_its_reader_may_see(coordinator, officer, secret):
    report = make_report(coordinator, status="shared")
    inside = make_incident(
        coordinator,
        when=dt.datetime.combine(report.period_start, dt.time(0, 30), STOCKHOLM),
        description="Inom perioden",
    )
    make_incident(
        coordinator,
        when=dt.datetime.combine(
            report.period_end + dt.timedelta(days=1), dt.time(0, 5), STOCKHOLM
        ),
        description="Efter perioden",
    )
    secret.occurred_at = dt.datetime.combine(report.period_end, dt.time(23, 55), STOCKHOLM)
    secret.save()
    assert list(incidents_access.incidents_for_report(coordinator, report)) == [inside]
    assert set(incidents_access.incidents_for_report(officer, report)) == {inside, secret}


def test_other_area_incidents_are_404(client, other_coordinator, shared):
    client.force_login(other_coordinator)
    assert client.get(f"/incidents/{shared.pk}/").status_code == 404
    assert "Klotter vid entrén" not in client.get("/incidents/").content.decode()


# --- Logging and editing ---


def test_coordinator_logs_an_incident_shown_in_stockholm_time(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/incidents/new/", form_data())
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert incident.reported_side == "city"
    assert incident.created_by == coordinator
    assert incident.occurred_at == dt.datetime(2026, 11, 20, 20, 30, tzinfo=dt.UTC)
    body = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert "21:30" in body


def test_city_user_cannot_choose_police_only(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/incidents/new/", form_data(visibility="police_only"))
    assert response.status_code == 200
    assert "visibility" in response.context["form"].errors
    assert not Incident.objects.exists()


def test_officer_logs_a_police_only_incident(client, officer):
    client.force_login(officer)
    client.post("/incidents/new/", form_data(visibility="police_only"))
    assert Incident.objects.get().visibility == "police_only"


def test_identity_number_in_the_description_is_refused_and_the_text_kept(client, coordinator):
    client.force_login(coordinator)
    text = "Person med 19121212-1212 sågs vid torget"
    response = client.post("/incidents/new/", form_data(description=text))
    assert "personal identity number" in str(response.context["form"].errors) or (
        "personnummer" in response.content.decode()
    )
    assert text in response.content.decode()
    assert not Incident.objects.exists()


def test_place_must_belong_to_the_incidents_area(client, officer):
    place = Place.objects.create(
        area=CollaborationArea.objects.get(slug="ostra-goteborg"),
        name="Bergsjöns centrum",
        kind="square",
    )
    client.force_login(officer)
    response = client.post("/incidents/new/", form_data(place=str(place.pk)))
    assert "place" in response.context["form"].errors


@pytest.mark.parametrize("persona", ["director", "chief", "dev_lead"])
def test_read_only_roles_get_403_on_new_and_edit(request, client, persona, shared):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/incidents/new/").status_code == 403
    assert client.post(f"/incidents/{shared.pk}/edit/", form_data()).status_code == 403


def test_other_side_may_read_but_not_edit(client, officer, shared):
    client.force_login(officer)
    assert client.get(f"/incidents/{shared.pk}/").status_code == 200
    assert client.post(f"/incidents/{shared.pk}/edit/", form_data()).status_code == 403


def test_reporting_side_edits_the_incident(client, coordinator, shared):
    client.force_login(coordinator)
    client.post(f"/incidents/{shared.pk}/edit/", form_data(severity="3"))
    shared.refresh_from_db()
    assert shared.severity == 3


# --- The list ---


def test_list_filters_by_category_severity_and_date(client, coordinator):
    make_incident(coordinator, category="vandalism", severity=1, description="Klotter")
    make_incident(
        coordinator,
        severity=3,
        description="Gammal händelse",
        when=dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC),
    )
    client.force_login(coordinator)
    vandalism = Category.objects.get(code="vandalism").pk
    assert client.get(f"/incidents/?category={vandalism}").context["page"].paginator.count == 1
    assert client.get("/incidents/?severity=3").context["page"].paginator.count == 1
    response = client.get("/incidents/?date_from=2026-01-01&date_to=2026-01-31")
    assert [i.description for i in response.context["page"].object_list] == ["Gammal händelse"]


def test_city_user_has_no_visibility_filter_to_probe_with(client, coordinator, secret):
    client.force_login(coordinator)
    response = client.get("/incidents/?visibility=police_only")
    assert response.context["page"].paginator.count == 0
    assert "visibility" not in response.context["filters"].fields


@pytest.mark.parametrize("rows", [2, 30])
def test_incident_list_query_count_does_not_grow(
    client, coordinator, django_assert_num_queries, rows
):
    place = Place.objects.create(
        area=CollaborationArea.objects.get(slug="angered"), name="Hjällbo torg", kind="square"
    )
    for n in range(rows):
        make_incident(coordinator, place=place, description=f"Händelse {n}")
    client.force_login(coordinator)
    with django_assert_num_queries(8):  # + the rows' secrecy markings
        response = client.get("/incidents/?severity=2")
    assert response.status_code == 200


def test_edit_form_shows_the_incidents_own_time_and_new_form_costs_fixed_queries(
    client, coordinator, shared, django_assert_max_num_queries
):
    area = CollaborationArea.objects.get(slug="angered")
    Place.objects.bulk_create(Place(area=area, name=f"Plats {n}", kind="park") for n in range(20))
    shared.occurred_at = dt.datetime(2026, 3, 1, 12, 45, tzinfo=dt.UTC)
    shared.save()
    client.force_login(coordinator)
    assert (
        'value="2026-03-01T13:45"' in client.get(f"/incidents/{shared.pk}/edit/").content.decode()
    )
    with django_assert_max_num_queries(12):
        assert client.get("/incidents/new/").status_code == 200
