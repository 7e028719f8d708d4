"""The area dashboard starts at the data: the level strip and charts begin at the first period
with a level in the window, categories never assessed fold away, the period's joint summary is
on top, and the summaries read as a person would write them, in the reader's language.

The clock stands at Wednesday 2026-11-25 12:00 in Stockholm (week 48).
"""

import datetime as dt

import pytest
from django.utils import translation

from accounts.models import Side
from dashboards.area import category_levels, incidents_per_month, level_history
from reports.models import Category, JointPicture, SituationReport
from tests.test_dashboard_area import NOW, angered, clock, incident, report  # noqa: F401

pytestmark = pytest.mark.django_db
URL = "/dashboard/area/angered/"


def test_the_level_table_starts_at_the_first_period_with_a_level(angered):  # noqa: F811
    report(angered, Side.CITY, 45, level=2)
    report(angered, Side.POLICE, 47, level=3)
    table = level_history(angered, SituationReport.objects.all(), today=NOW.date(), months=12)
    with translation.override("sv"):
        assert [str(row[0]) for row in table.rows] == [
            "v. 45 2026", "v. 46 2026", "v. 47 2026", "v. 48 2026",
        ]  # fmt: skip
        assert table.rows[0][1:] == [2, None]
        assert table.rows[2][1:] == [None, 3]
        assert str(table.summary).startswith("2 av 4 perioder har en nivå")


def test_the_strip_is_not_a_row_of_blanks_before_the_data(client_for, director, angered):  # noqa: F811
    report(angered, Side.CITY, 47, level=2)
    html = client_for(director).get(URL).content.decode()
    assert html.count('class="level-none"') == 3  # week 48 for the city, 47–48 for the police
    assert "v. 46 2026" not in html


def test_without_data_the_strip_and_chart_are_empty_and_say_so(client_for, director):
    html = client_for(director).get(URL).content.decode()
    assert 'class="level-none"' not in html
    assert "Ingen delad lägesbild under den här tiden." in html
    assert "Ingen part har delat en lägesbild för området ännu." in html


def test_categories_without_an_assessment_fold_away(angered):  # noqa: F811
    report(angered, Side.CITY, 46, categories=[("narcotics", 3)])
    report(angered, Side.POLICE, 46, categories=[("youth", 2)])
    categories = list(Category.objects.active())
    assert len(categories) > 2
    table = category_levels(
        angered, SituationReport.objects.all(), categories, today=NOW.date(), months=12
    )
    with translation.override("sv"):
        names = [Category.objects.get(code=code).name_sv for code in ("narcotics", "youth")]
        assert [str(h) for h in table.headers] == ["Månad", *names]


def test_the_highest_category_is_named_only_when_it_alone_is_highest(angered):  # noqa: F811
    report(angered, Side.CITY, 47, categories=[("narcotics", 3), ("youth", 3), ("violence", 1)])
    categories = list(Category.objects.active())

    def summary():
        table = category_levels(
            angered, SituationReport.objects.all(), categories, today=NOW.date(), months=12
        )
        return str(table.summary)

    with translation.override("sv"):
        assert summary() == "I 2026-11 var den högsta medelnivån 3,0, i 2 kategorier."
        report(angered, Side.POLICE, 47, categories=[("youth", 4)])
        youth = Category.objects.get(code="youth").name_sv
        assert summary() == f"I 2026-11 var den högsta medelnivån 3,5 ({youth})."


def test_the_periods_joint_summary_is_on_top(client_for, director, angered):  # noqa: F811
    report(angered, Side.CITY, 46)
    report(angered, Side.POLICE, 47)
    start = dt.date.fromisocalendar(2026, 47, 1)
    JointPicture.objects.create(
        area=angered, period_kind="weekly", period_start=start,
        period_end=start + dt.timedelta(days=6), summary="Gemensamt: oro vid torget.",
        city_signed_at=NOW, police_signed_at=NOW,
    )  # fmt: skip
    html = client_for(director).get(URL).content.decode()
    top = html.index("Gemensam lägesbild v. 47 2026")
    assert top < html.index('id="strip-heading"')
    assert "Gemensamt: oro vid torget." in html
    assert "Överenskommen: undertecknad av båda parter" in html
    assert 'href="/areas/angered/picture/2026-W47/"' in html


def test_most_in_only_when_one_category_leads(angered):  # noqa: F811
    when = NOW - dt.timedelta(days=2)
    for code in ("narcotics", "violence", "youth"):
        incident(angered, when=when, code=code)
    categories = list(Category.objects.active())
    from incidents.models import Incident

    def summary():
        table = incidents_per_month(
            angered, Incident.objects.all(), categories, today=NOW.date(), months=12
        )
        return str(table.summary)

    youth = Category.objects.get(code="youth")
    with translation.override("sv"):
        assert summary() == "3 händelser under 1 månad; ingen enskild kategori dominerar."
        incident(angered, when=when, code="youth")
        assert summary() == f"4 händelser under 1 månad; flest inom {youth.name_sv} (2)."
    with translation.override("en"):
        assert summary() == f"4 incidents in 1 month; the most in {youth.name_en} (2)."


def test_completeness_rate_uses_the_readers_decimal_comma(client_for, director, angered):  # noqa: F811
    report(angered, Side.CITY, 47)
    html = client_for(director).get("/dashboard/?months=12").content.decode()
    # Angered has exchanged since the areas began: 52 periods due in the window, one shared.
    assert "1 av 52 förväntade lägesbilder delade (1,9 %)" in html
    assert "1.9 %" not in html


def test_the_area_dashboard_runs_a_fixed_number_of_queries(
    client_for,
    chief,
    angered,  # noqa: F811
    django_assert_num_queries,
):
    client = client_for(chief)
    client.get(URL)  # the session's first request stamps it
    report(angered, Side.CITY, 47, categories=[("narcotics", 2)])
    with django_assert_num_queries(16):  # 15, and the reach its body is cached under
        assert client.get(URL).status_code == 200
    for week in range(10, 47):
        report(angered, Side.CITY, week, categories=[("narcotics", 3), ("youth", 2)])
        report(angered, Side.POLICE, week, categories=[("violence", 1)])
        incident(angered, when=NOW - dt.timedelta(days=week), code="youth")
        start = dt.date.fromisocalendar(2026, week, 1)
        JointPicture.objects.create(
            area=angered, period_kind="weekly", period_start=start,
            period_end=start + dt.timedelta(days=6), summary=f"Vecka {week}",
        )  # fmt: skip
    with django_assert_num_queries(16):  # 15, and the reach its body is cached under
        assert client.get(URL).status_code == 200
