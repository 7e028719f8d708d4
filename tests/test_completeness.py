"""Completeness and timeliness of the exchange, on hand-built areas with exact expected numbers.

Today is Wednesday 2026-11-25 unless a test says otherwise. A three-month window starts on
2026-08-25, so a weekly area due on Fridays owes the thirteen periods due on the Fridays
2026-08-28 … 2026-11-20 (weeks 35–47); the Friday 2026-11-27 is not yet due.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from accounts.models import Role, Side, User
from dashboards.completeness import completeness, completeness_totals
from dashboards.window import window_months
from districts.models import CollaborationArea, District, PoliceArea
from reports.models import AD_HOC, ReportStatus, SituationReport

TODAY = dt.date(2026, 11, 25)
UTC = dt.UTC
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def author(db):
    return User.objects.create(username="author", side=Side.CITY, role=Role.COORDINATOR)


def make_area(
    slug, *, cadence="weekly", valid_from=dt.date(2015, 1, 1), valid_to=None,
    exchange_started_on=None,
):  # fmt: skip
    district, _ = District.objects.get_or_create(
        code="D", defaults={"name": "D", "slug": "d", "valid_from": dt.date(2011, 1, 1)}
    )
    police, _ = PoliceArea.objects.get_or_create(
        code="P", defaults={"name": "P", "slug": "p", "valid_from": dt.date(2015, 1, 1)}
    )
    return CollaborationArea.objects.create(
        name=slug.title(), slug=slug, district=district, police_area=police, cadence=cadence,
        due_weekday=4, due_day_of_month=25, valid_from=valid_from, valid_to=valid_to,
        exchange_started_on=exchange_started_on or valid_from,
    )  # fmt: skip


def share(area, author, *, side=Side.CITY, week=None, month=None, shared_at, status=None):
    if week:
        start = dt.date.fromisocalendar(2026, week, 1)
        end, kind = start + dt.timedelta(days=6), "weekly"
    else:
        start = dt.date(2026, month, 1)
        end, kind = area.period_containing(start).end, "monthly"
    return SituationReport.objects.create(
        area=area, side=side, period_kind=kind, period_start=start, period_end=end,
        status=status or ReportStatus.SHARED, level=2, trend="unchanged", summary="s",
        created_by=author, updated_by=author, shared_at=shared_at,
    )  # fmt: skip


def friday(week: int, hour: int = 12, tz=STOCKHOLM) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisocalendar(2026, week, 5), dt.time(hour), tzinfo=tz)


def figures(areas, *, today=TODAY, months=3):
    items = completeness(areas, SituationReport.objects.all(), today=today, months=months)
    return {
        (item.area.slug, item.side): (item.expected, item.shared, item.on_time, item.missing)
        for item in items
    }


def test_weekly_area_counts_missing_and_late_reports(author):
    area = make_area("weekly")
    for week in range(35, 48):
        if week == 40:
            continue  # missing
        shared_at = friday(week)
        if week == 45:
            shared_at = friday(week) + dt.timedelta(days=3)  # the Monday after: late
        share(area, author, week=week, shared_at=shared_at)
    result = figures([area])
    assert result[("weekly", Side.CITY)] == (13, 12, 11, 1)
    assert result[("weekly", Side.POLICE)] == (13, 0, 0, 13)


def test_on_time_is_decided_by_the_local_date_of_sharing(author):
    area = make_area("weekly")
    # 22:30 in Stockholm on the due Friday (21:30 UTC) is on time; 00:30 the next day is late.
    share(area, author, week=46, shared_at=dt.datetime(2026, 11, 13, 21, 30, tzinfo=UTC))
    share(area, author, week=47, shared_at=dt.datetime(2026, 11, 20, 23, 30, tzinfo=UTC))
    item = completeness([area], SituationReport.objects.all(), today=TODAY, months=3)[0]
    assert (item.expected, item.shared, item.on_time, item.late) == (13, 2, 1, 1)
    assert item.missing == 11


def test_drafts_ad_hoc_reports_and_reports_before_the_window_do_not_count(author):
    area = make_area("weekly")
    share(area, author, week=40, shared_at=None, status=ReportStatus.DRAFT)
    share(area, author, week=30, shared_at=friday(30))  # due before the window
    SituationReport.objects.create(
        area=area, side=Side.CITY, period_kind=AD_HOC, period_start=dt.date(2026, 10, 7),
        period_end=dt.date(2026, 10, 7), status=ReportStatus.SHARED, level=3, trend="worse",
        summary="s", created_by=author, updated_by=author, shared_at=friday(41),
    )  # fmt: skip
    assert figures([area])[("weekly", Side.CITY)] == (13, 0, 0, 13)


def test_an_acknowledged_report_counts_as_shared(author):
    area = make_area("weekly")
    share(area, author, week=47, shared_at=friday(47), status=ReportStatus.ACKNOWLEDGED)
    assert figures([area])[("weekly", Side.CITY)] == (13, 1, 1, 12)


def test_an_area_that_did_not_exist_yet_expects_nothing_before_its_start(author):
    # Begins Thursday 2026-10-01: owes the eight periods due on Fridays 2026-10-02 … 11-20.
    area = make_area("new", valid_from=dt.date(2026, 10, 1))
    share(area, author, week=44, shared_at=friday(44))
    assert figures([area])[("new", Side.CITY)] == (8, 1, 1, 7)
    # A week due before its start is neither expected nor counted, even if a report exists.
    share(area, author, week=38, shared_at=friday(38))
    assert figures([area])[("new", Side.CITY)] == (8, 1, 1, 7)


def test_a_closed_area_expects_nothing_after_its_end(author):
    # Ends Wednesday 2026-09-30: owes the five periods due on Fridays 2026-08-28 … 09-25.
    area = make_area("closed", valid_to=dt.date(2026, 9, 30))
    for week in (35, 36, 37):
        share(area, author, week=week, shared_at=friday(week))
    share(area, author, week=39, shared_at=friday(39) + dt.timedelta(days=1))  # late
    assert figures([area])[("closed", Side.CITY)] == (5, 4, 3, 1)
    assert figures([area])[("closed", Side.POLICE)] == (5, 0, 0, 5)


def test_an_area_outside_its_whole_window_expects_nothing(author):
    area = make_area("gone", valid_to=dt.date(2020, 12, 31))
    item = completeness([area], SituationReport.objects.all(), today=TODAY, months=3)[0]
    assert (item.expected, item.shared, item.shared_rate, item.on_time_rate) == (0, 0, None, None)


def test_a_due_date_on_midsummer_eve_moves_to_thursday(author):
    # Week 25 of 2026 is due on Friday 19 June, midsommarafton: the due date is Thursday 18 June.
    area = make_area("summer")
    share(area, author, week=25, shared_at=friday(25))  # Friday: a day late
    share(area, author, week=24, shared_at=friday(24) - dt.timedelta(days=1))
    item = completeness(
        [area], SituationReport.objects.all(), today=dt.date(2026, 6, 24), months=3
    )[0]
    # Due dates 2026-03-27 … 2026-06-18: thirteen Fridays (Good Friday moves to Thursday).
    assert (item.expected, item.shared, item.on_time) == (13, 2, 1)


def test_monthly_area_with_rates(author):
    # Due on the 25th: August (Tue 25th), September (Fri 25th), October (Sun 25th → Fri 23rd);
    # November is due today, so not yet expected.
    area = make_area("monthly", cadence="monthly")
    share(area, author, month=8, shared_at=dt.datetime(2026, 8, 25, 9, tzinfo=STOCKHOLM))
    share(area, author, month=10, shared_at=dt.datetime(2026, 10, 24, 9, tzinfo=STOCKHOLM))
    share(area, author, month=11, shared_at=dt.datetime(2026, 11, 20, 9, tzinfo=STOCKHOLM))
    item = completeness([area], SituationReport.objects.all(), today=TODAY, months=3)[0]
    assert (item.expected, item.shared, item.on_time, item.late, item.missing) == (3, 2, 1, 1, 1)
    assert (item.shared_rate, item.on_time_rate) == (66.7, 33.3)


def test_windows_of_twelve_and_thirty_six_months(author):
    area = make_area("weekly", valid_from=dt.date(2024, 1, 1))
    # 52 Fridays from 2025-11-28 to 2026-11-20; the area began 2024-01-01, so 36 months
    # (from 2023-11-25) counts its whole life: the Fridays 2024-01-05 … 2026-11-20 = 151.
    result12 = figures([area], months=12)
    result36 = figures([area], months=36)
    assert result12[("weekly", Side.CITY)][0] == 52
    assert result36[("weekly", Side.CITY)][0] == 151


def test_totals_add_up_over_areas(author):
    first, second = make_area("first"), make_area("second", valid_from=dt.date(2026, 10, 1))
    share(first, author, week=47, shared_at=friday(47))
    share(second, author, week=47, shared_at=friday(47) + dt.timedelta(days=4))
    items = completeness([first, second], SituationReport.objects.all(), today=TODAY, months=3)
    totals = completeness_totals(items)
    city = totals[Side.CITY]
    assert (city.expected, city.shared, city.on_time, city.late, city.missing) == (21, 2, 1, 1, 19)


def test_areas_of_different_schedules_and_starts_count_together_as_alone(author):
    """One query counts every class of areas (schedule, periods owed): each area's figures are
    the same whether it is counted with the others or on its own."""
    weekly, later = make_area("weekly"), make_area("later", valid_from=dt.date(2026, 10, 1))
    monthly = make_area("monthly", cadence="monthly")
    for week in (38, 44, 47):
        share(weekly, author, week=week, shared_at=friday(week))
        share(later, author, week=week, shared_at=friday(week) + dt.timedelta(days=3))
    share(weekly, author, side=Side.POLICE, week=44, shared_at=friday(44))
    share(monthly, author, month=9, shared_at=dt.datetime(2026, 9, 25, 9, tzinfo=STOCKHOLM))
    together = figures([weekly, later, monthly])
    alone = figures([weekly]) | figures([later]) | figures([monthly])
    assert together == alone
    assert together[("weekly", Side.CITY)] == (13, 3, 3, 10)
    assert together[("weekly", Side.POLICE)] == (13, 1, 1, 12)
    assert together[("later", Side.CITY)] == (8, 2, 0, 6)  # week 38 was before it began
    assert together[("monthly", Side.CITY)] == (3, 1, 1, 2)


def test_window_months_accepts_only_the_offered_windows():
    assert [window_months(v) for v in ("3", "12", "36", "7", None, "x")] == [
        3, 12, 36, 12, 12, 12,
    ]  # fmt: skip
