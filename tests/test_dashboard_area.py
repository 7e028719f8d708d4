"""/dashboard/area/<slug>/: levels per side and category over time, incidents per category and
month, top places, open measures, citizen promises; only what the user may see; CSV; a fixed
number of queries. The clock stands at Wednesday 2026-11-25 12:00 in Stockholm."""

import csv
import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.models import Side, User
from districts.models import CollaborationArea
from incidents.models import Incident, Place
from measures.models import Agreement, CitizenPromise, Measure, MeasureProgress
from reports.models import Category, CategoryAssessment, ReportStatus, SituationReport

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 11, 25, 12, tzinfo=STOCKHOLM)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def angered(users):
    return CollaborationArea.objects.get(slug="angered")


def author(side=Side.CITY):
    return User.objects.filter(side=side).order_by("pk").first()


def report(area, side, week, *, level=2, categories=(), status=ReportStatus.SHARED):
    start = dt.date.fromisocalendar(2026, week, 1)
    created = SituationReport.objects.create(
        area=area, side=side, period_kind="weekly", period_start=start,
        period_end=start + dt.timedelta(days=6), status=status, level=level, trend="unchanged",
        summary="s", created_by=author(side), updated_by=author(side),
        shared_at=None if status == ReportStatus.DRAFT else NOW - dt.timedelta(days=3),
    )  # fmt: skip
    for code, category_level in categories:
        CategoryAssessment.objects.create(
            report=created, category=Category.objects.get(code=code), level=category_level
        )
    return created


def incident(area, *, when, code="narcotics", place=None, police_only=False):
    return Incident.objects.create(
        area=area, place=place, occurred_at=when, category=Category.objects.get(code=code),
        description="d", severity=1, reported_side=Side.POLICE if police_only else Side.CITY,
        visibility="police_only" if police_only else "shared",
        created_by=author(Side.POLICE if police_only else Side.CITY),
    )  # fmt: skip


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_outsiders_get_404_on_the_page_and_its_csv(client_for, other_coordinator):
    client = client_for(other_coordinator)
    assert client.get("/dashboard/area/angered/").status_code == 404
    assert client.get("/dashboard/area/angered/levels.csv").status_code == 404
    assert client.get("/dashboard/area/no-such-area/").status_code == 404


def test_unknown_table_csv_is_404(client_for, director):
    assert client_for(director).get("/dashboard/area/angered/nonsense.csv").status_code == 404


def test_level_history_week_by_week_for_each_side(client_for, director, angered):
    report(angered, Side.CITY, 46, level=2)
    report(angered, Side.CITY, 47, level=3)
    report(angered, Side.POLICE, 47, level=4)
    report(angered, Side.POLICE, 48, level=1, status=ReportStatus.DRAFT)
    response = client_for(director).get("/dashboard/area/angered/?months=3")
    assert response.status_code == 200
    rows = response.context["tables"]["levels"].rows
    assert rows[-1] == ["v. 48 2026", None, None]
    assert rows[-2] == ["v. 47 2026", 3, 4]
    assert rows[-3] == ["v. 46 2026", 2, None]
    html = response.content.decode()
    assert 'class="level-strip"' in html and 'data-chart="chart-levels"' in html
    levels_csv = read_csv(client_for(director).get("/dashboard/area/angered/levels.csv?months=3"))
    assert levels_csv[0] == ["Period", "Staden", "Polisen"]
    assert ["v. 47 2026", "3", "4"] in levels_csv


def test_category_levels_average_both_sides_per_month(client_for, director, angered):
    report(angered, Side.CITY, 46, categories=[("narcotics", 4), ("youth", 2)])
    report(angered, Side.POLICE, 46, categories=[("narcotics", 3)])
    report(angered, Side.CITY, 41, categories=[("narcotics", 1)])  # October
    table = client_for(director).get("/dashboard/area/angered/").context["tables"]["categories"]
    narcotics = table.headers.index(Category.objects.get(code="narcotics").name)
    youth = table.headers.index(Category.objects.get(code="youth").name)
    by_month = {row[0]: row for row in table.rows}
    assert by_month["2026-11"][narcotics] == 3.5
    assert by_month["2026-11"][youth] == 2.0
    assert by_month["2026-10"][narcotics] == 1.0


def test_city_users_never_count_police_only_incidents(client_for, dev_lead, chief, angered):
    square = Place.objects.create(area=angered, name="Hjällbo torg", kind="square", unsafe=True)
    for day in (2, 3, 4):
        incident(angered, when=NOW - dt.timedelta(days=day), place=square)
    incident(angered, when=NOW - dt.timedelta(days=40), code="violence")
    for day in (2, 5):
        incident(angered, when=NOW - dt.timedelta(days=day), place=square, police_only=True)

    def figures(user):
        tables = client_for(user).get("/dashboard/area/angered/").context["tables"]
        incidents = sum(sum(row[1:]) for row in tables["incidents"].rows)
        return incidents, tables["places"].rows

    assert figures(dev_lead) == (4, [["Hjällbo torg", 3, "ja"]])
    assert figures(chief) == (6, [["Hjällbo torg", 5, "ja"]])
    rows = read_csv(client_for(dev_lead).get("/dashboard/area/angered/incidents.csv"))
    narcotics = rows[0].index(Category.objects.get(code="narcotics").name)
    assert [row[narcotics] for row in rows[1:]] == ["0", "3"]  # October, November


def test_open_measures_and_citizen_promise_progress(client_for, director, angered):
    overdue = Measure.objects.create(
        area=angered, title="Belysning i gångtunneln", owner_side=Side.CITY,
        start_date=dt.date(2026, 9, 1), due_date=dt.date(2026, 11, 1), status="ongoing",
        created_by=author(),
    )  # fmt: skip
    patrols = Measure.objects.create(
        area=angered, title="Patruller vid Hjällbo centrum", owner_side=Side.POLICE,
        start_date=dt.date(2026, 1, 1), due_date=dt.date(2026, 12, 31), status="ongoing",
        target=Decimal(200), target_unit="patruller", created_by=author(Side.POLICE),
    )  # fmt: skip
    Measure.objects.create(
        area=angered, title="Klar", owner_side=Side.CITY, start_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 2, 1), status="done", created_by=author(),
    )  # fmt: skip
    MeasureProgress.objects.create(
        measure=patrols, date=dt.date(2026, 6, 1), amount=Decimal(50), recorded_by=author()
    )
    agreement = Agreement.objects.create(
        title="Överenskommelse Nordost", valid_from=dt.date(2026, 1, 1), signatories="x",
        signed_on=dt.date(2026, 1, 1), text="t", created_by=author(),
    )  # fmt: skip
    agreement.areas.add(angered)
    promise = CitizenPromise.objects.create(
        agreement=agreement, slug="hjallbo", text="Minst 200 patruller vid Hjällbo centrum"
    )
    promise.measures.add(patrols)
    response = client_for(director).get("/dashboard/area/angered/")
    measures = response.context["tables"]["measures"]
    assert [row[0] for row in measures.rows] == [overdue.title, patrols.title]
    assert [row[4] for row in measures.rows] == ["ja", "nej"]
    assert measures.rows[1][5] == 25
    promises = response.context["tables"]["promises"]
    assert promises.rows == [[promise.text, agreement.title, 50, 200, "patruller", 25]]
    rows = read_csv(client_for(director).get("/dashboard/area/angered/promises.csv"))
    assert rows[1][2:] == ["50", "200", "patruller", "25"]


def test_completeness_of_the_area(client_for, director, angered):
    report(angered, Side.CITY, 47)  # shared on Sunday the 22nd: two days late
    rows = read_csv(client_for(director).get("/dashboard/area/angered/completeness.csv?months=3"))
    assert rows[1][:7] == ["Angered", "Staden", "13", "1", "0", "1", "12"]


def test_area_dashboard_runs_a_fixed_number_of_queries(
    client_for, chief, angered, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(chief)
    client.get("/dashboard/area/angered/")
    square = Place.objects.create(area=angered, name="Torget", kind="square")
    report(angered, Side.CITY, 47, categories=[("narcotics", 2)])
    incident(angered, when=NOW - dt.timedelta(days=1), place=square)
    with CaptureQueriesContext(connection) as small:
        client.get("/dashboard/area/angered/")
    places = [
        Place.objects.create(area=angered, name=f"Plats {n}", kind="other") for n in range(12)
    ]
    for week in range(10, 47):
        report(angered, Side.CITY, week, categories=[("narcotics", 3), ("youth", 2)])
        report(angered, Side.POLICE, week, categories=[("violence", 1)])
        for n, place in enumerate(places):
            incident(angered, when=NOW - dt.timedelta(days=week + n), place=place, code="youth")
        Measure.objects.create(
            area=angered, title=f"M{week}", owner_side=Side.CITY, start_date=dt.date(2026, 1, 1),
            due_date=dt.date(2026, 12, 1), created_by=author(),
        )  # fmt: skip
    with django_assert_num_queries(len(small)):
        assert client.get("/dashboard/area/angered/").status_code == 200


def test_focus_categories_of_the_current_conference_are_highlighted(client_for, director):
    from conferences.models import Conference

    url = "/dashboard/area/angered/"
    assert "Fokuskategorier" not in client_for(director).get(url).content.decode()
    conference = Conference.objects.create(
        year=2026, date=dt.date(2026, 5, 20), venue="Gårdsten", title="Konferens",
        theme="Organiserad brottslighet ur ett narkotikaperspektiv",
    )  # fmt: skip
    conference.focus_categories.add(Category.objects.get(code="narcotics"))
    response = client_for(director).get(url)
    assert [c.code for c in response.context["focus_categories"]] == ["narcotics"]
    assert 'class="focus-category">Narkotika' in response.content.decode()
