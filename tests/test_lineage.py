"""Succession both ways, and what it means for reach: a successor's people reach its history."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role, Side, User
from districts import access as districts_access
from districts.models import CollaborationArea, District
from reports import access as reports_access
from tests.reorganisation_fixtures import PLAN, reorganise, write_plan

pytestmark = pytest.mark.django_db

NORDOST_2025 = """
name: Nordost gets a new collaboration in 2025
effective: 2025-01-01
areas:
  - slug: nordost-2025
    name: Nordost 2025
    district: SO-NORDOST
    police_area: LPO-NORDOST
    predecessors: [stadsomrade-nordost]
"""


def area(slug: str) -> CollaborationArea:
    return CollaborationArea.objects.get(slug=slug)


def shared_report(area: CollaborationArea, side: str, start: dt.date, status="shared"):
    from reports.models import SituationReport

    author = area.members.filter(side=side).first() or User.objects.get(username="admin")
    return SituationReport.objects.create(
        area=area,
        side=side,
        period_kind=area.cadence,
        period_start=start,
        period_end=start + dt.timedelta(days=6),
        status=status,
        level=2,
        trend="unchanged",
        summary=f"Lägesbild för {area.name}.",
        created_by=author,
        updated_by=author,
    )


@pytest.fixture
def reorganised(users):
    reorganise(PLAN)


@pytest.fixture
def newcomer(reorganised):
    """A coordinator who joined Stadsområde Nordost after the change, never in Angered."""
    user = User.objects.create_user(
        "samordnare-nordost-ny", side=Side.CITY, role=Role.COORDINATOR, password="x"
    )
    user.areas.add(area("stadsomrade-nordost"))
    return user


def test_a_merge_is_queryable_both_ways(reorganised):
    nordost, angered, ostra = area("stadsomrade-nordost"), area("angered"), area("ostra-goteborg")
    assert set(nordost.all_predecessors()) == {angered, ostra}
    assert set(angered.all_successors()) == {nordost}
    assert set(angered.lineage()) == {angered, nordost}
    assert list(nordost.lineage()) == sorted(
        [angered, ostra, nordost], key=lambda a: (a.valid_from, a.name)
    )
    assert not nordost.all_successors().exists() and not angered.all_predecessors().exists()
    district = District.objects.get(code="SO-NORDOST")
    assert set(district.all_predecessors().values_list("code", flat=True)) == {
        "SDN-ANGERED",
        "SDN-OSTRA-GOTEBORG",
    }
    assert list(District.objects.get(code="SDN-ANGERED").all_successors()) == [district]


def test_lineage_spans_several_reorganisations(reorganised, tmp_path):
    reorganise(write_plan(tmp_path, NORDOST_2025))
    latest, nordost, angered = area("nordost-2025"), area("stadsomrade-nordost"), area("angered")
    assert set(latest.all_predecessors()) == {nordost, angered, area("ostra-goteborg")}
    assert set(angered.all_successors()) == {nordost, latest}
    assert set(latest.history()) == {latest, nordost, angered, area("ostra-goteborg")}
    assert nordost.valid_to == dt.date(2024, 12, 31)


def test_history_is_one_query_however_deep(reorganised, tmp_path):
    reorganise(write_plan(tmp_path, NORDOST_2025))
    with CaptureQueriesContext(connection) as queries:
        slugs = set(area("nordost-2025").history().values_list("slug", flat=True))
    assert slugs == {"nordost-2025", "stadsomrade-nordost", "angered", "ostra-goteborg"}
    assert len(queries) == 2  # the area itself, then its history


def test_a_successor_member_reaches_the_predecessors_shared_reports_not_their_drafts(newcomer):
    angered = area("angered")
    shared = shared_report(angered, Side.CITY, dt.date(2020, 6, 1))
    draft = shared_report(angered, Side.CITY, dt.date(2020, 6, 8), status="draft")
    assert angered in districts_access.areas_visible_to(newcomer)
    reports = reports_access.reports_visible_to(newcomer)
    assert shared in reports and draft not in reports
    assert shared in reports_access.shared_reports_visible_to(newcomer)


def test_a_member_of_a_predecessor_keeps_reaching_its_history(reorganised, coordinator, client):
    shared = shared_report(area("angered"), Side.POLICE, dt.date(2020, 6, 1))
    assert shared in reports_access.reports_visible_to(coordinator)
    client.force_login(coordinator)
    assert client.get("/areas/angered/").status_code == 200


def test_the_director_of_a_successor_district_reaches_the_predecessors(reorganised, client):
    director = User.objects.create_user(
        "direktor-nordost", side=Side.CITY, role=Role.DIRECTOR, password="x"
    )
    District.objects.get(code="SO-NORDOST").directors.add(director)
    client.force_login(director)
    assert client.get("/areas/ostra-goteborg/").status_code == 200
    assert client.get("/areas/centrum/").status_code == 404


def test_an_outsider_does_not_reach_another_lineage(reorganised, other_coordinator, client):
    client.force_login(other_coordinator)
    assert client.get("/areas/stadsomrade-centrum/").status_code == 200
    assert client.get("/areas/majorna-linne/").status_code == 200  # now her history too
    assert client.get("/areas/angered/").status_code == 404
    assert client.get("/areas/stadsomrade-nordost/").status_code == 404


def test_the_successor_area_page_shows_its_predecessors_history(newcomer, client):
    shared_report(area("angered"), Side.CITY, dt.date(2020, 6, 1))
    shared_report(area("ostra-goteborg"), Side.POLICE, dt.date(2019, 6, 3))
    shared_report(area("stadsomrade-nordost"), Side.CITY, dt.date(2021, 3, 1))
    shared_report(area("angered"), Side.POLICE, dt.date(2020, 6, 8), status="draft")
    client.force_login(newcomer)
    body = client.get("/areas/stadsomrade-nordost/").content.decode()
    assert "Tog över efter" in body  # "Took over from", in the default Swedish
    rows = [(2021, "Stadsområde Nordost"), (2020, "Angered"), (2019, "Östra Göteborg")]
    for year, name in rows:
        assert f'<td>{year}</td><td>{name}</td><td class="text-end">1</td>' in body


def test_the_predecessor_page_names_its_successor(reorganised, coordinator, client):
    client.force_login(coordinator)
    body = client.get("/areas/angered/").content.decode()
    assert 'href="/areas/stadsomrade-nordost/"' in body


def test_area_page_queries_do_not_grow_with_history(newcomer, client):
    client.force_login(newcomer)
    client.get("/areas/stadsomrade-nordost/")  # warm the session and caches

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/areas/stadsomrade-nordost/").status_code == 200
        return len(queries)

    shared_report(area("angered"), Side.CITY, dt.date(2020, 6, 1))
    shared_report(area("stadsomrade-nordost"), Side.CITY, dt.date(2021, 3, 1))
    few = count()
    for week in range(30):
        shared_report(
            area("ostra-goteborg"), Side.POLICE, dt.date(2019, 1, 7) + dt.timedelta(weeks=week)
        )
    assert count() == few


def test_completeness_expects_nothing_after_an_areas_end(reorganised):
    from dashboards.completeness import expected_periods

    expected = expected_periods(
        area("angered"), start=dt.date(2020, 11, 1), today=dt.date(2021, 3, 1)
    )
    assert expected and all(due <= dt.date(2020, 12, 31) for _period, due in expected)
    successor = expected_periods(
        area("stadsomrade-nordost"), start=dt.date(2020, 11, 1), today=dt.date(2021, 3, 1)
    )
    assert successor and all(due >= dt.date(2021, 1, 1) for _period, due in successor)
