"""After Göteborg's 2021 plan on demo data: a successor's pages span the change."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Side
from districts.models import CollaborationArea
from tests.reorganisation_fixtures import PLAN, load_demo_2020, reorganise

pytestmark = pytest.mark.django_db


@pytest.fixture
def reorganised_demo(settings, users):
    load_demo_2020(settings)
    nordost_history(dt.date(2019, 1, 7), weeks=8)
    reorganise(PLAN)
    nordost = CollaborationArea.objects.get(slug="stadsomrade-nordost")
    make_reports(nordost, dt.date(2021, 1, 4), weeks=10, level=3)
    return nordost


def signed_in(client_for, username: str):
    """The demo reloads users (new password hashes), so sign in with a fresh copy."""
    from accounts.models import User

    return client_for(User.objects.get(username=username))


def make_reports(area, first: dt.date, *, weeks: int, level: int = 2, side=Side.CITY):
    from reports.models import SituationReport

    author = area.members.filter(side=side).first()
    SituationReport.objects.bulk_create(
        SituationReport(
            area=area,
            side=side,
            period_kind="weekly",
            period_start=first + dt.timedelta(weeks=week),
            period_end=first + dt.timedelta(weeks=week, days=6),
            status="shared",
            level=level,
            trend="unchanged",
            summary="Lägesbild.",
            created_by=author,
            updated_by=author,
        )
        for week in range(weeks)
    )


def nordost_history(first: dt.date, weeks: int):
    make_reports(CollaborationArea.objects.get(slug="ostra-goteborg"), first, weeks=weeks, level=4)


def test_nordost_dashboard_2019_to_2022_shows_its_predecessors_by_name(
    reorganised_demo, client_for
):
    client = signed_in(client_for, "polischef-nordost")
    response = client.get(
        "/dashboard/area/stadsomrade-nordost/?start=2019-01-01&end=2022-12-31",
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 200
    table = response.context["tables"]["history"]
    headers = [str(h) for h in table.headers]
    assert "Angered – stad" in headers and "Östra Göteborg – stad" in headers
    assert "Stadsområde Nordost – stad" in headers
    rows = {row[0]: dict(zip(headers, row, strict=True)) for row in table.rows}
    assert rows["2019-01"]["Östra Göteborg – stad"] == 4
    assert rows["2020-10"]["Angered – stad"] is not None  # from the demo's autumn 2020
    assert rows["2020-10"]["Stadsområde Nordost – stad"] is None
    assert rows["2021-02"]["Stadsområde Nordost – stad"] == 3
    assert rows["2021-02"]["Angered – stad"] is None
    assert list(rows)[0] == "2019-01" and list(rows)[-1] == "2022-12"
    body = response.content.decode()
    assert 'href="/areas/angered/"' in body and "Historik över omorganisationen" in body


def test_the_history_table_defaults_to_two_years_either_side_and_has_a_csv(
    reorganised_demo, client_for
):
    client = signed_in(client_for, "polischef-nordost")
    response = client.get("/dashboard/area/stadsomrade-nordost/")
    rows = response.context["tables"]["history"].rows
    assert rows[0][0] == "2019-01" and rows[-1][0] == "2022-12"
    csv = client.get("/dashboard/area/stadsomrade-nordost/history.csv").content.decode()
    assert "Östra Göteborg" in csv and "2019-01" in csv


def test_an_area_without_predecessors_has_no_history_table(reorganised_demo, client_for):
    response = signed_in(client_for, "samordnare-angered").get("/dashboard/area/angered/")
    assert response.status_code == 200
    assert "history" not in response.context["tables"]


def test_dashboard_queries_do_not_grow_with_the_history(reorganised_demo, client_for):
    client = signed_in(client_for, "polischef-nordost")
    address = "/dashboard/area/stadsomrade-nordost/?start=2019-01-01&end=2022-12-31"
    client.get(address)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    few = count()
    nordost_history(dt.date(2019, 6, 3), weeks=30)
    assert count() == few


def test_nordost_report_list_includes_its_predecessors_reports(reorganised_demo, client_for):
    nordost = reorganised_demo
    response = signed_in(client_for, "polischef-nordost").get(f"/reports/?area={nordost.pk}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<td>Angered</td>" in body and "<td>Östra Göteborg</td>" in body
    assert "<td>Stadsområde Nordost</td>" in body
    assert "<td>Centrum</td>" not in body


def test_a_successor_member_sees_the_predecessors_history_in_lists(reorganised_demo, client_for):
    from accounts.models import Role, User

    newcomer = User.objects.create_user(
        "kommunpolis-nordost-ny", side=Side.POLICE, role=Role.COMMUNITY_OFFICER, password="x"
    )
    newcomer.areas.add(reorganised_demo)
    client = client_for(newcomer)
    body = client.get(f"/reports/?area={reorganised_demo.pk}").content.decode()
    assert "<td>Angered</td>" in body
    assert client.get("/areas/ostra-goteborg/").status_code == 200
    assert client.get("/areas/centrum/").status_code == 404


def test_overview_dashboard_soon_after_the_change_counts_predecessors_by_name(
    goteborg, chief, client_for
):
    import time_machine

    reorganise(PLAN)
    angered = CollaborationArea.objects.get(slug="angered")
    nordost = CollaborationArea.objects.get(slug="stadsomrade-nordost")
    angered.members.add(chief)  # an author for the reports below; chief reaches them anyway
    nordost.members.add(chief)
    make_reports(angered, dt.date(2020, 10, 5), weeks=13, side=Side.POLICE)  # to 2020-12-28
    make_reports(nordost, dt.date(2021, 1, 4), weeks=8, side=Side.POLICE)  # to 2021-02-22
    with time_machine.travel(dt.datetime(2021, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        response = client_for(chief).get("/dashboard/?months=3")
    assert response.status_code == 200
    assert [row.area.slug for row in response.context["rows"]] == ["stadsomrade-nordost"]
    police = {
        item.area.name: item for item in response.context["completeness"] if item.side == "police"
    }
    assert set(police) == {"Angered", "Östra Göteborg", "Stadsområde Nordost"}
    assert police["Angered"].expected and police["Angered"].shared == police["Angered"].expected
    assert police["Östra Göteborg"].shared == 0
    assert police["Stadsområde Nordost"].shared == police["Stadsområde Nordost"].expected


def test_a_moved_measure_keeps_its_places_and_a_successor_member_can_edit_it(
    goteborg, users, client_for
):
    from accounts.models import Role, User
    from incidents.models import Place
    from measures.models import Measure

    angered = CollaborationArea.objects.get(slug="angered")
    place = Place.objects.create(
        area=angered, name="Hjällbo torg", kind="square", latitude=57.77, longitude=12.02
    )
    author = users["samordnare-angered"]
    measure = Measure.objects.create(
        area=angered,
        title="Trygghetsvandringar",
        owner_side=Side.CITY,
        owner_user=author,
        start_date=dt.date(2020, 9, 1),
        due_date=dt.date(2021, 6, 30),
        status="ongoing",
        created_by=author,
    )
    measure.places.add(place)
    reorganise(PLAN)
    nordost = CollaborationArea.objects.get(slug="stadsomrade-nordost")
    newcomer = User.objects.create_user(
        "samordnare-nordost-ny", side=Side.CITY, role=Role.COORDINATOR, password="x"
    )
    newcomer.areas.add(nordost)
    client = client_for(newcomer)
    form = client.get(f"/measures/{measure.pk}/edit/")
    assert form.status_code == 200 and "Hjällbo torg (Angered)" in form.content.decode()
    response = client.post(
        f"/measures/{measure.pk}/edit/",
        {
            "area": nordost.pk,
            "title": "Trygghetsvandringar varje månad",
            "description": "",
            "owner_side": Side.CITY,
            "owner_user": author.pk,
            "places": [place.pk],
            "start_date": "2020-09-01",
            "due_date": "2021-06-30",
            "status": "ongoing",
            "target": "",
            "target_unit": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    measure.refresh_from_db()
    assert measure.area == nordost and list(measure.places.all()) == [place]
    assert place.area == angered  # places stay where they were
