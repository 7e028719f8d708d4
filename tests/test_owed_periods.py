"""One rule for what an area owes (districts/owed.py), asked alike by the to-do home, the
new-report form's periods and default, the reminders, completeness and the overview.

Today is Wednesday 2026-12-09 (week 50; weekly areas are due on Fridays). The table lists,
per area, the periods it owes that were due from Tuesday 2026-09-01 to yesterday: areas that
started exchanging mid-year (on a weekday, on a Saturday after the due day, on the due day of a
month moved back from a Sunday), that were reorganised (the change on a Monday or mid-week),
weekly, fortnightly and monthly.
"""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.core.management import call_command

from accounts.models import Side
from dashboards.completeness import expected_periods
from dashboards.overview import area_overview
from districts import owed
from districts.models import CollaborationArea, District, PoliceArea
from notifications import reminders
from reports.exchange import PERIODS_BACK, side_exchanges
from reports.models import SituationReport
from tests.reorganisation_fixtures import write_plan
from tests.report_factory import form_data

TODAY = dt.date(2026, 12, 9)
WINDOW = dt.date(2026, 9, 1)
ALWAYS = dt.date(2015, 1, 1)


@pytest.fixture(autouse=True)
def _wednesday_week_50():
    with time_machine.travel(dt.datetime(2026, 12, 9, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def weeks(first: int, last: int, step: int = 1) -> list[str]:
    return [f"2026-W{week:02d}" for week in range(first, last + 1, step)]


def make_area(slug, *, cadence="weekly", valid_from=ALWAYS, valid_to=None, started=None, dom=25):
    district, _ = District.objects.get_or_create(
        code="OWED-D", defaults={"name": "D", "slug": "owed-d", "valid_from": ALWAYS}
    )
    police, _ = PoliceArea.objects.get_or_create(
        code="OWED-P", defaults={"name": "P", "slug": "owed-p", "valid_from": ALWAYS}
    )
    return CollaborationArea.objects.create(
        name=slug.title(), slug=slug, district=district, police_area=police, cadence=cadence,
        due_weekday=4, due_day_of_month=dom, valid_from=valid_from, valid_to=valid_to,
        exchange_started_on=started or valid_from,
    )  # fmt: skip


# (id, areas to make: [(slug, options)], predecessors: {successor: [predecessors]},
#  {slug: the keys of the periods it owes, due 2026-09-01 … 2026-12-08})
TABLE = [
    ("weekly-always", [("a", {})], {}, {"a": weeks(36, 49)}),
    (
        "weekly-started-on-a-thursday",  # Thursday 1 October: week 40 is due the next day
        [("a", {"started": dt.date(2026, 10, 1)})],
        {},
        {"a": weeks(40, 49)},
    ),
    (
        "weekly-started-on-a-saturday",  # the day after week 46 was due: week 47 is the first
        [("a", {"started": dt.date(2026, 11, 14)})],
        {},
        {"a": weeks(47, 49)},
    ),
    (
        "weekly-started-after-week-49-was-due",  # the area: weeks 46–49 never owed
        [("a", {"started": dt.date(2026, 12, 5)})],
        {},
        {"a": []},
    ),
    (
        "weekly-begun-this-autumn",
        [("a", {"valid_from": dt.date(2026, 11, 4)})],
        {},
        {"a": weeks(45, 49)},
    ),  # fmt: skip
    (
        "fortnightly-started-mid-year",  # fortnights 41–42 … 47–48, due on the even week's Friday
        [("a", {"cadence": "fortnightly", "started": dt.date(2026, 10, 5)})],
        {},
        {"a": weeks(41, 47, 2)},
    ),
    (
        "fortnightly-always",
        [("a", {"cadence": "fortnightly"})],
        {},
        {"a": weeks(35, 47, 2)},
    ),
    (
        "monthly-started-mid-year",  # September was due on the 25th, before the start
        [("a", {"cadence": "monthly", "started": dt.date(2026, 9, 26)})],
        {},
        {"a": ["2026-10", "2026-11"]},
    ),
    (
        "monthly-started-on-a-saturday-the-24th",  # 25 October is a Sunday: due Friday the 23rd
        [("a", {"cadence": "monthly", "started": dt.date(2026, 10, 24)})],
        {},
        {"a": ["2026-11"]},
    ),
    (
        "monthly-due-on-the-last-day",  # 30 September, Friday 30 October, 30 November
        [("a", {"cadence": "monthly", "dom": 31})],
        {},
        {"a": ["2026-09", "2026-10", "2026-11"]},
    ),
    (
        "reorganised-on-a-monday",  # the old area ends on Sunday 4 October
        [
            ("old", {"valid_to": dt.date(2026, 10, 4)}),
            ("new", {"valid_from": dt.date(2026, 10, 5), "started": ALWAYS}),
        ],
        {"new": ["old"]},
        {"old": weeks(36, 40), "new": weeks(41, 49)},
    ),  # fmt: skip
    (
        "reorganised-mid-week",  # week 41 is due on Friday 9 October: the successor's
        [
            ("old", {"valid_to": dt.date(2026, 10, 7)}),
            ("new", {"valid_from": dt.date(2026, 10, 8), "started": ALWAYS}),
        ],
        {"new": ["old"]},
        {"old": weeks(36, 40), "new": weeks(41, 49)},
    ),  # fmt: skip
    (
        "reorganised-after-a-late-start-monthly",  # the old area started exchanging in November
        [
            (
                "old",
                {
                    "cadence": "monthly",
                    "started": dt.date(2026, 11, 1),
                    "valid_to": dt.date(2026, 11, 30),
                },
            ),
            (
                "new",
                {
                    "cadence": "monthly",
                    "valid_from": dt.date(2026, 12, 1),
                    "started": dt.date(2026, 11, 1),
                },
            ),
        ],
        {"new": ["old"]},
        {"old": ["2026-11"], "new": []},
    ),  # fmt: skip
    (
        "merged-from-two-with-different-starts",
        [
            ("a", {"started": dt.date(2026, 9, 10), "valid_to": dt.date(2026, 11, 1)}),
            ("b", {"started": dt.date(2026, 10, 20), "valid_to": dt.date(2026, 11, 1)}),
            ("ab", {"valid_from": dt.date(2026, 11, 2), "started": dt.date(2026, 9, 10)}),
        ],
        {"ab": ["a", "b"]},
        {"a": weeks(37, 44), "b": weeks(43, 44), "ab": weeks(45, 49)},
    ),  # fmt: skip
]


table = pytest.mark.parametrize(
    ("made", "links", "owes"), [row[1:] for row in TABLE], ids=[row[0] for row in TABLE]
)


def build(made, links) -> dict[str, CollaborationArea]:
    areas = {slug: make_area(slug, **options) for slug, options in made}
    for successor, predecessors in links.items():
        areas[successor].predecessors.set([areas[p] for p in predecessors])
    return areas


def keys(found) -> list[str]:
    return [period.key for period, _due in found]


def owed_keys(area) -> list[str]:
    """Every period the area owes, of any time, up to this month's (the table checks the
    rule against hand-written periods; the other tests check that the rest follows it)."""
    return keys(owed.owed_periods(area, dt.date(2000, 1, 1), TODAY + dt.timedelta(days=40)))


@pytest.mark.django_db
@table
def test_the_periods_each_area_owes(made, links, owes):
    areas = build(made, links)
    yesterday = TODAY - dt.timedelta(days=1)
    for slug, area in areas.items():
        found = owed.owed_periods(area, WINDOW, yesterday)
        assert keys(found) == owes[slug], slug
        # Completeness expects exactly those periods.
        assert keys(expected_periods(area, start=WINDOW, today=TODAY)) == owes[slug], slug
        # Each owed period, and no other of the schedule, answers area.owes().
        for period, _due in owed.schedule(area, WINDOW, yesterday):
            assert area.owes(period) == (period.key in owes[slug]), (slug, period.key)


@pytest.mark.django_db
@table
def test_the_to_do_reminders_and_overview_follow_the_same_rule(made, links, owes):
    areas = build(made, links)
    current = {slug: area.period_containing(TODAY) for slug, area in areas.items()}
    exchanges = side_exchanges(list(areas.values()), SituationReport.objects.all(), TODAY)
    for exchange in exchanges:
        slug = exchange.area.slug
        owed_now = owed_keys(exchange.area)
        named = [state.period.key for state in exchange.states]
        assert set(named) <= set(owed_now), slug
        # The window: the owed ones of this period and PERIODS_BACK before it, none left out.
        window = [current[slug]]
        for _step in range(PERIODS_BACK):
            window.insert(0, window[0].previous())
        assert named == [p.key for p in window if p.key in owed_now], slug
        assert [s.period.key for s in exchange.overdue] == [
            k for k in named if k != current[slug].key
        ]
        if exchange.default is not None:
            assert exchange.default.period.key in owed_now, slug
        # Reminders: the latest period past due and the one filed now, only when owed.
        for deadline in reminders._scheduled_deadlines(exchange.area, TODAY):
            period = exchange.area.period_containing(deadline.start)
            assert exchange.area.owes(period), (slug, period.key)
    rows = area_overview(
        CollaborationArea.objects.filter(pk__in=[a.pk for a in areas.values()]),
        SituationReport.objects.all(),
        today=TODAY,
    )
    for row in rows:  # nothing shared: overdue exactly when the last period due was owed
        expected = row.due_period.key in owes[row.area.slug]
        assert row.overdue == {Side.CITY: expected, Side.POLICE: expected}, row.area.slug


@pytest.mark.django_db
@table
def test_no_period_of_a_lineage_is_owed_twice_nor_dropped(made, links, owes):
    areas = build(made, links)
    if not links:
        return  # no reorganisation in this row
    for successor, predecessors in links.items():
        after = areas[successor]
        before = [areas[slug] for slug in predecessors]
        lineage = set(CollaborationArea.objects.filter(pk=after.pk).with_predecessors())
        assert lineage == {after, *before}
        start = min(a.exchange_started_on for a in before)
        # From the lineage's start, each period is owed by the successor or by its
        # predecessors (several before a merge), never by both, never by none.
        for period, _due in owed.schedule(after, start, TODAY):
            by_before = [a.slug for a in before if a.owes(period)]
            assert after.owes(period) != bool(by_before), (period.key, by_before)


CARRY = """
name: Merge in 2026
effective: 2026-10-08
areas:
  - slug: merged
    name: Merged
    district: OWED-D
    police_area: OWED-P
    predecessors: [old-a, old-b]
    schedule_from: old-b
"""


def test_a_reorganisation_applied_mid_week_hands_the_week_to_the_successor(db, tmp_path):
    make_area("old-a", started=dt.date(2026, 1, 1))
    make_area("old-b", started=dt.date(2026, 9, 1))
    call_command("reorganise", write_plan(tmp_path, CARRY), stdout=io.StringIO())
    old_b = CollaborationArea.objects.get(slug="old-b")
    merged = CollaborationArea.objects.get(slug="merged")
    assert old_b.valid_to == dt.date(2026, 10, 7)
    yesterday = TODAY - dt.timedelta(days=1)
    assert keys(owed.owed_periods(old_b, WINDOW, yesterday)) == weeks(36, 40)
    assert keys(owed.owed_periods(merged, WINDOW, yesterday)) == weeks(41, 49)


# --- What a coordinator sees: no to-do item nor default period the area did not owe ---------


def to_do(page: str) -> str:
    return page.split('id="todo-heading"')[1].split('id="todo-ack"')[0]


def selected_period(page: str) -> str:
    return re.search(r'<option value="([^"]+)" selected>', page.split('name="period"')[1])[1]


def offered_periods(page: str) -> list[str]:
    select = page.split('name="period"')[1].split("</select>")[0]
    return re.findall(r'<option value="([^"]+)"', select)


@table
def test_no_to_do_item_nor_default_period_names_a_period_not_owed(
    client_for, coordinator, made, links, owes
):
    areas = build(made, links)
    client = client_for(coordinator)
    for slug, area in areas.items():
        if not area.is_valid_on(TODAY):
            continue  # an ended area is nobody's to-do: its successor is
        coordinator.areas.set([area])
        now = area.period_containing(TODAY)
        owed_now = set(owed_keys(area))
        window = [now]
        for _step in range(PERIODS_BACK + 4):
            window.append(window[-1].previous())
        page = to_do(client.get("/").content.decode())
        for key in re.findall(rf"area={slug}&amp;period=([\w-]+)", page):
            assert key in owed_now, (slug, key)
        for period in window:
            if period.key not in owed_now:
                assert f"{period.label}<" not in page and f"{period.label}," not in page, (
                    slug,
                    period.label,
                )
        form = client.get(f"/reports/new/?area={slug}").content.decode()
        default = selected_period(form)
        assert default in owed_now | {"ad_hoc"}, (slug, default)
        if area.owes(now):
            assert default == now.key, slug  # the current period, never an older one
        assert set(offered_periods(form)) - {"ad_hoc"} <= owed_now, slug


def test_an_area_whose_exchange_started_later_shows_no_week_before_it(client_for, coordinator):
    """The issue: weeks 46–49 were overdue on the to-do and week 46 was preselected, for an
    area whose exchange in the portal started on Saturday 5 December."""
    angered = CollaborationArea.objects.get(slug="angered")
    angered.exchange_started_on = dt.date(2026, 12, 5)
    angered.save()
    client = client_for(coordinator)

    page = client.get("/").content.decode()
    todo = to_do(page)
    assert "Angered · v. 50 2026" in todo
    assert "/reports/new/?area=angered&amp;period=2026-W50" in todo
    assert "Försenad" not in todo and "försenad" not in todo
    for week in range(46, 50):
        assert f"v. {week} 2026" not in todo

    form = client.get("/reports/new/").content.decode()
    assert selected_period(form) == "2026-W50"
    assert offered_periods(form) == ["2026-W50", "ad_hoc"]

    response = client.post("/reports/new/", form_data(area=angered.pk, period="2026-W47"))
    assert response.status_code == 200
    assert not SituationReport.objects.exists()
    # A reminder's or an old bookmark's link to a week never owed opens this week instead.
    form = client.get("/reports/new/?area=angered&period=2026-W46").content.decode()
    assert selected_period(form) == "2026-W50"
    # Reminders: this week's upcoming one, no overdue one for a week before the start.
    due = [r for r in reminders.due_reminders(TODAY) if r.area.pk == angered.pk]
    assert due and {(r.kind, r.period_start) for r in due} == {("upcoming", dt.date(2026, 12, 7))}


def test_before_the_first_owed_week_begins_the_to_do_names_it_and_files_nothing(
    client_for, coordinator
):
    angered = CollaborationArea.objects.get(slug="angered")
    angered.exchange_started_on = dt.date(2026, 12, 12)  # the Saturday after week 50 is due
    angered.save()
    client = client_for(coordinator)

    todo = to_do(client.get("/").content.decode())
    assert "Ingen lägesbild ska lämnas den här perioden." in todo
    assert "v. 51 2026" in todo and "v. 50 2026" not in todo
    assert "period=" not in todo

    form = client.get("/reports/new/").content.decode()
    assert selected_period(form) == "ad_hoc"
    assert offered_periods(form) == ["ad_hoc"]
