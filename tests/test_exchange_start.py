"""Fair completeness: an area owes reports from the day its exchange started in the portal, not
from its legal start; periods not yet due or not yet begun never count.

Today is Wednesday 2026-11-25. A three-month window starts on 2026-08-25: a weekly area due on
Fridays owes at most the thirteen periods due on the Fridays 2026-08-28 … 2026-11-20.
"""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command

from accounts.models import Side
from dashboards.overview import area_overview
from districts.models import CollaborationArea
from reports.models import ReportStatus, SituationReport
from tests.reorganisation_fixtures import write_plan
from tests.test_completeness import TODAY, author, figures, friday, make_area, share  # noqa: F401

pytestmark = pytest.mark.django_db


def test_an_area_started_mid_window_owes_only_the_periods_due_since(author):  # noqa: F811
    # Legally since 2015, exchanging in the portal since Thursday 2026-10-01: the Friday of
    # week 40 (2026-10-02) is its first due day, so weeks 40–47 are owed: eight periods.
    area = make_area("late", exchange_started_on=dt.date(2026, 10, 1))
    for week in range(36, 48):  # reports from before the start do not count either
        share(area, author, week=week, shared_at=friday(week))
    assert figures([area])[("late", Side.CITY)] == (8, 8, 8, 0)
    assert figures([area])[("late", Side.POLICE)] == (8, 0, 0, 8)


def test_an_area_starting_on_a_due_day_owes_that_period(author):  # noqa: F811
    area = make_area("on-due", exchange_started_on=dt.date(2026, 11, 20))  # a Friday
    assert figures([area])[("on-due", Side.CITY)] == (1, 0, 0, 1)


def test_an_area_that_starts_today_owes_nothing_yet(author):  # noqa: F811
    area = make_area("fresh", exchange_started_on=TODAY)
    assert figures([area])[("fresh", Side.CITY)] == (0, 0, 0, 0)


def test_a_new_area_starts_its_exchange_on_the_day_it_is_created(author):  # noqa: F811
    template = make_area("template")
    with time_machine.travel(dt.datetime(2026, 9, 14, 9, tzinfo=dt.UTC), tick=False):
        area = CollaborationArea.objects.create(
            name="Created", slug="created", district=template.district,
            police_area=template.police_area, valid_from=dt.date(2015, 1, 1),
        )  # fmt: skip
    assert area.exchange_started_on == dt.date(2026, 9, 14)
    # Weeks 38–47 are due on or after Monday 2026-09-14: ten periods, not thirteen.
    assert figures([area])[("created", Side.CITY)][0] == 10


def test_seeding_on_launch_day_expects_nothing_before_it(db):
    with time_machine.travel(dt.datetime(2026, 11, 2, 8, tzinfo=dt.UTC), tick=False):
        call_command("seed_goteborg", stdout=io.StringIO())
    angered = CollaborationArea.objects.get(slug="angered")
    assert angered.valid_from.year < 2026  # the collaboration itself is older
    assert angered.exchange_started_on == dt.date(2026, 11, 2)
    items = figures([angered], months=36)
    # Due Fridays from launch: 2026-11-06, -13, -20 (not 2026-11-27, which is not yet due).
    assert items[("angered", Side.CITY)] == (3, 0, 0, 3)


CARRY = """
name: Merge in 2026
effective: 2026-10-05
areas:
  - slug: merged
    name: Merged
    district: D
    police_area: P
    predecessors: [old-a, old-b]
    schedule_from: old-b
"""


def test_a_successor_carries_the_start_through_a_reorganisation(
    author,  # noqa: F811
    tmp_path,
):
    from districts.models import District, PoliceArea

    old_a = make_area("old-a", exchange_started_on=dt.date(2026, 1, 1))
    old_b = make_area("old-b", exchange_started_on=dt.date(2026, 9, 1))
    District.objects.filter(code="D").update(valid_to=None)
    PoliceArea.objects.filter(code="P").update(valid_to=None)
    old_a.members.add(author)
    old_b.members.add(author)
    # Applied weeks after it took effect: the day it was applied is not when the exchange began.
    call_command("reorganise", write_plan(tmp_path, CARRY), stdout=io.StringIO())
    merged = CollaborationArea.objects.get(slug="merged")
    assert merged.exchange_started_on == dt.date(2026, 9, 1)  # the schedule's area's start
    old_b.refresh_from_db()
    assert old_b.valid_to == dt.date(2026, 10, 4)
    result = figures([old_b, merged])
    # old-b: due Fridays 2026-09-04 … 2026-10-02 (weeks 36–40), then it ended: five periods.
    assert result[("old-b", Side.CITY)][0] == 5
    # merged: from its first day, 2026-10-05: weeks 41–47, seven periods.
    assert result[("merged", Side.CITY)][0] == 7


def test_the_overview_flags_no_overdue_report_before_the_exchange_started(author):  # noqa: F811
    started = make_area("started", exchange_started_on=dt.date(2026, 1, 1))
    fresh = make_area("fresh", exchange_started_on=TODAY)
    rows = area_overview(
        CollaborationArea.objects.filter(pk__in=[started.pk, fresh.pk]),
        SituationReport.objects.all(),
        today=TODAY,
    )
    overdue = {row.area.slug: row.overdue_count for row in rows}
    assert overdue == {"started": 2, "fresh": 0}


def test_a_report_of_a_period_not_yet_begun_is_not_the_current_one(author):  # noqa: F811
    area = make_area("ahead")
    share(area, author, week=47, shared_at=friday(47))
    ahead = share(area, author, week=49, shared_at=friday(47))  # filed for a future week
    SituationReport.objects.filter(pk=ahead.pk).update(level=4, status=ReportStatus.SHARED)
    (row,) = area_overview(
        CollaborationArea.objects.filter(pk=area.pk), SituationReport.objects.all(), today=TODAY
    )
    assert row.city.period_start == dt.date(2026, 11, 16)
    assert row.city.level == 2
