"""/dashboard/: the areas a user reaches, their current levels, last exchange, overdue flags,
measures, completeness and timeliness; sortable; CSV; a fixed number of queries.

The clock stands at Wednesday 2026-11-25 12:00 in Stockholm: the last period past due is week
47 (due Friday 2026-11-20).
"""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.models import Side, User
from districts.models import CollaborationArea
from measures.models import Measure
from reports.models import ReportStatus, SituationReport

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 11, 25, 12, tzinfo=STOCKHOLM)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def week_start(week: int) -> dt.date:
    return dt.date.fromisocalendar(2026, week, 1)


def report(area, side, week, *, level=2, trend="unchanged", status=ReportStatus.SHARED, late=0):
    author = User.objects.filter(side=side).order_by("pk").first()
    start = week_start(week)
    shared_at = None
    if status != ReportStatus.DRAFT:
        shared_at = dt.datetime.combine(
            start + dt.timedelta(days=4 + late), dt.time(10), tzinfo=STOCKHOLM
        )
    return SituationReport.objects.create(
        area=area, side=side, period_kind="weekly", period_start=start,
        period_end=start + dt.timedelta(days=6), status=status, level=level, trend=trend,
        summary="s", created_by=author, updated_by=author, shared_at=shared_at,
    )  # fmt: skip


def measure(area, *, due, status="ongoing", author):
    return Measure.objects.create(
        area=area, title=f"Åtgärd {due}", owner_side=Side.CITY, start_date=dt.date(2026, 1, 1),
        due_date=due, status=status, created_by=author,
    )  # fmt: skip


@pytest.fixture
def angered(users):
    return CollaborationArea.objects.get(slug="angered")


def rows_of(response):
    return {row.area.slug: row for row in response.context["rows"]}


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("director", {"angered"}),
        ("chief", {"angered", "ostra-goteborg"}),
        ("coordinator", {"angered"}),
        ("other_coordinator", {"centrum"}),
        ("officer", {"angered", "ostra-goteborg"}),
    ],
)
def test_dashboard_shows_only_the_areas_the_user_reaches(
    request, client_for, persona, expected, angered
):
    response = client_for(request.getfixturevalue(persona)).get("/dashboard/")
    assert response.status_code == 200
    assert set(rows_of(response)) == expected


def test_citywide_roles_see_every_area(client_for, dev_lead):
    response = client_for(dev_lead).get("/dashboard/")
    assert set(rows_of(response)) == set(CollaborationArea.objects.values_list("slug", flat=True))


def test_current_level_is_each_sides_latest_shared_report(client_for, director, angered):
    report(angered, Side.CITY, 46, level=2)
    report(angered, Side.CITY, 47, level=3, trend="worse")
    report(angered, Side.CITY, 48, level=4, status=ReportStatus.DRAFT)  # drafts never count
    report(angered, Side.POLICE, 46, level=1, status=ReportStatus.ACKNOWLEDGED)
    response = client_for(director).get("/dashboard/")
    row = rows_of(response)["angered"]
    assert (row.city.level, row.city.trend, row.police.level) == (3, "worse", 1)
    assert row.last_exchange.astimezone(STOCKHOLM).date() == dt.date(2026, 11, 20)
    assert row.days_since == 5
    assert "v. 47 2026" in response.content.decode()


def test_overdue_when_the_last_period_past_due_has_no_shared_report(client_for, chief, angered):
    report(angered, Side.CITY, 47, late=2)  # shared late, but shared
    report(angered, Side.POLICE, 46)
    report(angered, Side.POLICE, 47, status=ReportStatus.DRAFT)
    rows = rows_of(client_for(chief).get("/dashboard/"))
    assert rows["angered"].overdue == {Side.CITY: False, Side.POLICE: True}
    assert rows["angered"].due_period.key == "2026-W47"
    assert rows["ostra-goteborg"].overdue == {Side.CITY: True, Side.POLICE: True}
    assert rows["ostra-goteborg"].city is None and rows["ostra-goteborg"].days_since is None


def test_open_and_overdue_measures_per_area(client_for, director, coordinator, angered):
    measure(angered, due=dt.date(2026, 11, 1), author=coordinator)  # overdue
    measure(angered, due=dt.date(2026, 12, 1), status="planned", author=coordinator)
    measure(angered, due=dt.date(2026, 10, 1), status="done", author=coordinator)
    row = rows_of(client_for(director).get("/dashboard/"))["angered"]
    assert (row.open_measures, row.overdue_measures) == (2, 1)


def test_sorting_by_a_column_and_back(client_for, dev_lead, angered):
    centrum = CollaborationArea.objects.get(slug="centrum")
    report(angered, Side.CITY, 47, level=2)
    report(centrum, Side.CITY, 47, level=4)
    client = client_for(dev_lead)
    response = client.get("/dashboard/?sort=-city_level")
    slugs = [row.area.slug for row in response.context["rows"]]
    assert slugs[:2] == ["centrum", "angered"]  # areas without a report come last
    html = response.content.decode()
    assert 'aria-sort="descending"><a href="?sort=city_level&amp;months=12"' in html
    ascending = [row.area.slug for row in client.get("/dashboard/?sort=city_level").context["rows"]]
    assert ascending[:2] == ["angered", "centrum"]
    by_name = [row.area.name for row in client.get("/dashboard/?sort=bogus").context["rows"]]
    assert by_name == sorted(by_name)


def test_completeness_section_counts_the_window(client_for, director, angered):
    report(angered, Side.CITY, 46)
    report(angered, Side.CITY, 47, late=3)
    response = client_for(director).get("/dashboard/?months=3")
    items = {(i.area.slug, i.side): i for i in response.context["completeness"]}
    city = items[("angered", Side.CITY)]
    assert (city.expected, city.shared, city.on_time, city.late) == (13, 2, 1, 1)
    assert response.context["months"] == 3
    assert "Staden: 2 av 13" in response.content.decode() or "2 of 13" in response.content.decode()


def test_areas_csv_has_one_row_per_area(client_for, director, angered):
    report(angered, Side.CITY, 47, level=3, trend="worse")
    response = client_for(director).get("/dashboard/areas.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row[rows[0][0]] == "Angered"
    assert rows[1][3:6] == ["3", "sämre", "v. 47 2026"]
    assert rows[1][9:11] == ["2026-11-20", "5"]


def test_completeness_csv_has_exact_numbers_and_totals(client_for, director, angered):
    report(angered, Side.CITY, 46)
    report(angered, Side.CITY, 47, late=3)
    rows = read_csv(client_for(director).get("/dashboard/completeness.csv?months=3"))
    assert rows[1][0] == "Angered" and rows[1][2:9] == ["13", "2", "1", "1", "11", "15.4", "7.7"]
    assert rows[2][2:7] == ["13", "0", "0", "0", "13"]
    assert len(rows) == 1 + 2 + 2  # header, two sides, a total per side


def test_an_unknown_csv_table_is_404(client_for, director):
    assert client_for(director).get("/dashboard/nonsense.csv").status_code == 404


def test_dashboard_runs_a_fixed_number_of_queries(
    client_for, dev_lead, coordinator, angered, django_assert_num_queries
):
    client = client_for(dev_lead)
    client.get("/dashboard/")  # the session's first request stamps it

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/dashboard/").status_code == 200
        return len(queries)

    report(angered, Side.CITY, 47)
    measure(angered, due=dt.date(2026, 11, 1), author=coordinator)
    small = count()
    for area in CollaborationArea.objects.all():
        for week in range(20, 47):
            report(area, Side.CITY, week)
            report(area, Side.POLICE, week, level=3)
        measure(area, due=dt.date(2026, 11, 2), author=coordinator)
        measure(area, due=dt.date(2027, 1, 2), author=coordinator)
    with django_assert_num_queries(small):
        client.get("/dashboard/")


def test_names_and_texts_are_escaped_in_the_tables(client_for, director, angered):
    angered.name = "Angered <script>alert(1)</script>"
    angered.save()
    report(angered, Side.CITY, 47)
    html = client_for(director).get("/dashboard/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Angered &lt;script&gt;alert(1)&lt;/script&gt;" in html
    area_html = client_for(director).get("/dashboard/area/angered/?months=3").content.decode()
    assert "<script>alert(1)</script>" not in area_html
