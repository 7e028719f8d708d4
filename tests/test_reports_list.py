"""The report list: filters, search, pagination, newest first, and a fixed number of queries."""

import pytest
from django.db import connection

from reports.models import Category
from tests.report_factory import make_report


def listed(client, query=""):
    page = client.get(f"/reports/{query}").content.decode()
    return page


@pytest.fixture
def reports(coordinator, officer, other_coordinator):
    return {
        "old_city": make_report(coordinator, status="acknowledged", acknowledger=officer,
                                weeks_back=3, level=2, summary="Klotter vid skolan."),
        "police": make_report(officer, status="shared", weeks_back=1, level=4,
                              summary="Skjutningar i området har ökat."),
        "city_draft": make_report(coordinator, level=3, summary="Utkast om mopeder.",
                                  assessments={"mopeds-traffic": {"level": 3, "trend": "worse", "note": "Mopedåkning på gångbanor."}}),
        "centrum": make_report(other_coordinator, area="centrum", status="shared",
                               summary="Centrum är lugnt."),
    }  # fmt: skip


def ids(page, reports):
    return [name for name, r in reports.items() if f'href="/reports/{r.pk}/"' in page]


def test_list_is_newest_first(client_for, dev_lead, reports):
    page = listed(client_for(dev_lead))
    positions = {name: page.find(f'href="/reports/{r.pk}/"') for name, r in reports.items()}
    assert positions["city_draft"] == -1  # a draft is not for the development lead
    assert positions["police"] < positions["old_city"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?side=police", ["police"]),
        ("?status=draft", ["city_draft"]),
        ("?status=acknowledged", ["old_city"]),
        ("?level=4", ["police"]),
        ("?period_from=2026-11-16", ["city_draft"]),
        ("?period_to=2026-11-01", ["old_city"]),
        ("?q=mopedåkning", ["city_draft"]),
        ("?q=klotter", ["old_city"]),
    ],
)
def test_filters(client_for, coordinator, reports, query, expected):
    assert ids(listed(client_for(coordinator), query), reports) == expected


def test_filter_by_area_and_category(client_for, dev_lead, coordinator, reports):
    centrum = reports["centrum"].area
    assert ids(listed(client_for(dev_lead), f"?area={centrum.pk}"), reports) == ["centrum"]
    mopeds = Category.objects.get(code="mopeds-traffic")
    assert ids(listed(client_for(coordinator), f"?category={mopeds.pk}"), reports) == ["city_draft"]


def test_area_filter_offers_only_areas_the_user_reaches(client_for, coordinator, reports):
    page = listed(client_for(coordinator))
    assert ">Angered</option>" in page
    assert ">Centrum</option>" not in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Swedish stemming needs PostgreSQL")
def test_postgresql_search_uses_swedish_stemming(client_for, coordinator, reports):
    # "skjutning" finds "Skjutningar" only through the Swedish configuration's stemming.
    assert ids(listed(client_for(coordinator), "?q=skjutning"), reports) == ["police"]


def test_pagination_keeps_the_filters(client_for, coordinator):
    for weeks_back in range(27):
        make_report(coordinator, weeks_back=weeks_back, status="shared")
    page = listed(client_for(coordinator), "?side=city")
    assert "Sida 1 av 2" in page
    assert 'href="?side=city&amp;page=2"' in page


@pytest.mark.parametrize("count", [2, 30])
def test_list_query_count_does_not_grow(
    client_for, coordinator, officer, count, django_assert_num_queries
):
    for weeks_back in range(count):
        author = coordinator if weeks_back % 2 else officer
        make_report(author, weeks_back=weeks_back, status="shared")
    client = client_for(coordinator)
    with django_assert_num_queries(QUERIES["list"]):
        client.get("/reports/?side=city&q=torget")
    with django_assert_num_queries(QUERIES["list"]):
        client.get("/reports/")


@pytest.mark.parametrize("count", [2, 30])
def test_detail_query_count_does_not_grow(
    client_for, coordinator, officer, count, django_assert_num_queries
):
    for weeks_back in range(count, 0, -1):
        make_report(officer, weeks_back=weeks_back, status="shared")
    report = make_report(officer, status="shared")
    for n in range(count):
        report.refresh_from_db()
        from reports import services

        services.report_update(
            report=report, actor=officer, expected_version=report.version,
            fields={"summary": f"Version {n}."}, assessments={},
        )  # fmt: skip
    client = client_for(coordinator)
    with django_assert_num_queries(QUERIES["detail"]):
        assert client.get(f"/reports/{report.pk}/").status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_joint_picture_query_count_does_not_grow(
    client_for, coordinator, officer, count, django_assert_num_queries
):
    for weeks_back in range(count):
        make_report(coordinator, weeks_back=weeks_back, status="shared")
        make_report(officer, weeks_back=weeks_back, status="shared")
    key = make_report(coordinator, weeks_back=-1).period.previous().key  # both sides shared
    client = client_for(officer)
    with django_assert_num_queries(QUERIES["picture"]):
        assert client.get(f"/areas/angered/picture/{key}/").status_code == 200


QUERIES = {
    "list": 8,  # with the listed reports' secrecy markings
    "detail": 13,
    "picture": 11,  # with both reports' secrecy markings
}  # detail and picture: audit rows, history, incidents, measures, secrecy marking
