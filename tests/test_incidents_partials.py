"""The one-line partials for the report and joint picture pages: a city user never sees a
police-only incident there either, and the measures are the open or due ones."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from incidents.models import Visibility
from tests.report_factory import make_report
from tests.test_incidents import make_incident
from tests.test_measures import make_measure

pytestmark = pytest.mark.django_db

STOCKHOLM = timezone.get_default_timezone()


def render(user, source, **context):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load incident_tags measure_tags %}" + source)
    return template.render(Context({"request": request, **context}))


@pytest.fixture
def report_with_incidents(coordinator, officer):
    report = make_report(coordinator, status="shared")
    when = dt.datetime.combine(report.period_start, dt.time(20), STOCKHOLM)
    make_incident(coordinator, when=when, description="Klotter vid entrén")
    make_incident(
        officer, when=when, visibility=Visibility.POLICE_ONLY, description="Spaningsuppgift X"
    )
    return report


@pytest.mark.parametrize("persona", ["coordinator", "director", "dev_lead"])
def test_report_partial_hides_police_only_incidents_from_city_users(
    request, persona, report_with_incidents
):
    html = render(request.getfixturevalue(persona), "{% report_incidents report %}",
                  report=report_with_incidents)  # fmt: skip
    assert "Klotter vid entrén" in html
    assert "Spaningsuppgift X" not in html


@pytest.mark.parametrize("persona", ["officer", "chief"])
def test_report_partial_shows_police_only_incidents_to_the_areas_police(
    request, persona, report_with_incidents
):
    html = render(request.getfixturevalue(persona), "{% report_incidents report %}",
                  report=report_with_incidents)  # fmt: skip
    assert "Spaningsuppgift X" in html


def test_joint_picture_partials(coordinator, report_with_incidents):
    report = report_with_incidents
    make_measure(coordinator, title="Trygghetsvandring", target=4)
    make_measure(coordinator, status="done", due=-400, title="Avslutad för länge sedan")
    html = render(
        coordinator,
        "{% picture_incidents area period %}{% picture_measures area period %}",
        area=report.area,
        period=report.period,
    )
    assert "Klotter vid entrén" in html
    assert "Spaningsuppgift X" not in html
    assert "Trygghetsvandring" in html
    assert "Avslutad för länge sedan" not in html
    assert 'role="progressbar"' in html


def test_report_measures_partial_offers_proposing_to_members_only(
    coordinator, director, report_with_incidents
):
    source = "{% report_measures report %}"
    assert "?report=" in render(coordinator, source, report=report_with_incidents)
    assert "?report=" not in render(director, source, report=report_with_incidents)


@pytest.mark.parametrize("rows", [2, 30])
def test_partials_query_count_does_not_grow(coordinator, django_assert_num_queries, rows):
    report = make_report(coordinator, status="shared")
    when = dt.datetime.combine(report.period_start, dt.time(20), STOCKHOLM)
    for n in range(rows):
        make_incident(coordinator, when=when, description=f"Händelse {n}")
        make_measure(coordinator, target=10, title=f"Åtgärd {n}", proposed_in=report)
    source = (
        "{% report_incidents report %}{% report_measures report %}"
        "{% picture_incidents area period %}{% picture_measures area period %}"
    )
    # area 1, incidents 2, measures 2 + categories 2, proposing 1, each table's markings 4
    with django_assert_num_queries(12):
        render(coordinator, source, report=report, area=report.area, period=report.period)


@pytest.mark.parametrize(
    ("persona", "sees_police_only"), [("coordinator", False), ("officer", True)]
)
def test_report_and_joint_picture_pages_list_the_periods_incidents(
    request, client_for, persona, sees_police_only, report_with_incidents
):
    client = client_for(request.getfixturevalue(persona))
    report = report_with_incidents
    for url in (f"/reports/{report.pk}/", f"/areas/angered/picture/{report.period.key}/"):
        page = client.get(url).content.decode()
        assert "Klotter vid entrén" in page, url
        assert ("Spaningsuppgift X" in page) is sees_police_only, url
