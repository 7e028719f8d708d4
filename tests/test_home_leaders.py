"""Directors' and police chiefs' home (issue 25): the headline of their reach (the overview's
cards, whose red or yellow badge says whose level it shows), what changed since they last
signed in, and what awaits them; nothing outside their reach, no police-only incident for a
city reader; a fixed number of queries.

Today is Wednesday 2026-11-18 (week 47): week 46 was due on Friday the 13th.
"""

import datetime as dt

import pytest
import time_machine

from accounts.models import AuditAction, AuditEvent, Role, Side, User
from dashboards.home import CHANGES_SHOWN
from districts.models import CollaborationArea
from incidents.models import Incident, Place, Visibility
from measures.models import Measure
from reports import services
from reports.models import Category
from tests.report_factory import make_report

NOW = dt.datetime(2026, 11, 18, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _wednesday_week_47():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def centrum_director(users):
    user = User.objects.create(
        username="direktor-centrum", first_name="Direktör", last_name="Centrum",
        side=Side.CITY, role=Role.DIRECTOR,
    )  # fmt: skip
    CollaborationArea.objects.get(slug="centrum").district.directors.add(user)
    return user


def home(client_for, user) -> str:
    response = client_for(user).get("/")
    assert response.status_code == 200
    return response.content.decode()


def signed_in(user, *moments):
    for moment in moments:
        AuditEvent.objects.create(
            user=user, username=user.username, action=AuditAction.SIGN_IN, at=moment
        )


def shared_at(moment, author, **kwargs):
    with time_machine.travel(moment, tick=False):
        return make_report(author, status="shared", **kwargs)


def test_the_director_sees_the_headline_of_angered_with_whose_level_the_badge_shows(
    client_for, director, coordinator, officer
):
    make_report(coordinator, status="shared", level=2)
    make_report(officer, status="shared", level=3)

    page = home(client_for, director)

    assert "Dina områden nu" in page
    assert 'id="card-angered"' in page
    assert "Förhöjt: högsta av båda: polisen 3, staden 2" in page
    assert "Att göra" not in page  # nothing to file


def test_a_badge_from_one_side_names_that_side(client_for, chief, officer):
    make_report(officer, status="shared", level=4)

    page = home(client_for, chief)

    assert "Allvarligt: polisens nivå 4" in page


def test_when_both_sides_agree_the_badge_says_so(client_for, director, coordinator, officer):
    make_report(coordinator, status="shared", level=3)
    make_report(officer, status="shared", level=3)

    assert "Förhöjt: båda sidornas nivå 3" in home(client_for, director)


def test_the_dashboard_cards_say_whose_level_too(client_for, director, coordinator):
    make_report(coordinator, status="shared", level=3)

    page = client_for(director).get("/dashboard/").content.decode()

    assert "Förhöjt: stadens nivå 3" in page


def test_what_changed_since_the_previous_sign_in(client_for, director, coordinator, officer):
    signed_in(director, NOW - dt.timedelta(days=8), NOW - dt.timedelta(hours=1))
    old = shared_at(NOW - dt.timedelta(days=10), coordinator, weeks_back=2)  # before: not news
    city = shared_at(NOW - dt.timedelta(days=2), coordinator, weeks_back=1)
    police = make_report(officer, status="shared", summary="Polisens bild.")
    services.report_acknowledge(report=police, actor=coordinator, comment="", view_differs=False)
    services.report_update(
        report=city, actor=coordinator, expected_version=city.version,
        fields={"level": 3, "trend": "worse", "summary": "Skärpt läge.", "places_text": "",
                "theme_notes": ""},
        assessments={},
    )  # fmt: skip

    page = home(client_for, director)

    assert "Sedan du senast loggade in, 10 november" in page
    assert page.count(f'href="/reports/{city.pk}/"') == 2
    assert "stadens lägesbild delades" in page and "stadens lägesbild ändrades" in page
    assert "polisens lägesbild delades" in page
    assert "polisens lägesbild kvitterades av staden" in page
    assert f'href="/reports/{old.pk}/"' not in page


def test_without_an_earlier_sign_in_the_last_week_is_shown(client_for, chief, officer):
    report = shared_at(NOW - dt.timedelta(days=3), officer, weeks_back=1)

    page = home(client_for, chief)

    assert "De senaste sju dagarna." in page
    assert f'href="/reports/{report.pk}/"' in page


def test_the_sides_overdue_report_awaits_its_leader_until_shared(
    client_for, director, chief, coordinator
):
    page = home(client_for, director)
    assert "Väntar på dig" in page
    assert "din sidas lägesbild för v. 46 2026 (senast 13 november) har inte delats." in page

    make_report(coordinator, status="shared", weeks_back=1)
    assert "din sidas lägesbild för v. 46 2026" not in home(client_for, director)
    # The police have not shared theirs: the chief is still waited on.
    assert 'href="/areas/angered/">Angered</a>: din sidas lägesbild för v. 46 2026' in home(
        client_for, chief
    )


def test_an_overdue_measure_the_director_owns_awaits_them(client_for, director):
    Measure.objects.create(
        area=CollaborationArea.objects.get(slug="angered"), title="Belysning i parken",
        owner_side=Side.CITY, owner_user=director, start_date=dt.date(2026, 10, 1),
        due_date=dt.date(2026, 11, 10), status="ongoing", created_by=director,
    )  # fmt: skip

    assert "Belysning i parken" in home(client_for, director)


def test_another_districts_director_sees_none_of_angereds_items(
    client_for, centrum_director, coordinator, officer
):
    city = make_report(coordinator, status="shared", level=4)
    police = make_report(officer, status="shared", level=3)
    place = Place.objects.create(
        area=CollaborationArea.objects.get(slug="angered"), name="Angeredstorget",
        kind="square", latitude=57.79, longitude=12.05,
    )  # fmt: skip
    incident(place, Visibility.SHARED)

    page = home(client_for, centrum_director)

    assert 'id="card-centrum"' in page
    assert 'id="card-angered"' not in page and "Angered" not in page
    assert f"/reports/{city.pk}/" not in page and f"/reports/{police.pk}/" not in page
    assert "Angeredstorget" not in page


def incident(place, visibility):
    officer = User.objects.get(username="kommunpolis-nordost")
    return Incident.objects.create(
        area=place.area, place=place, category=Category.objects.first(), description="Händelse.",
        occurred_at=NOW - dt.timedelta(days=2), severity=2, reported_side=Side.POLICE,
        visibility=visibility, created_by=officer,
    )  # fmt: skip


def test_a_police_only_incident_never_reaches_a_city_directors_home(client_for, director, chief):
    angered = CollaborationArea.objects.get(slug="angered")
    secret = Place.objects.create(
        area=angered, name="Hemliga källaren", kind="other", latitude=57.79, longitude=12.05
    )
    for _ in range(3):
        incident(secret, Visibility.POLICE_ONLY)

    assert "Hemliga källaren" in home(client_for, chief)  # the police see their own
    page = home(client_for, director)
    assert "Hemliga källaren" not in page
    assert 'id="card-angered"' in page


def test_a_coordinators_home_has_no_leaders_part(client_for, coordinator):
    page = home(client_for, coordinator)

    assert "Dina områden nu" not in page and "Väntar på dig" not in page


def _load(coordinator, officer, rows: int) -> None:
    for weeks_back in range(rows):
        report = make_report(coordinator, status="shared", weeks_back=weeks_back)
        make_report(officer, status="shared", weeks_back=weeks_back, summary="Polisen.")
        services.report_acknowledge(report=report, actor=officer, comment="", view_differs=False)


@pytest.mark.parametrize("rows", [1, 4])
@pytest.mark.parametrize("persona", ["director", "chief"])
def test_the_leaders_home_runs_a_fixed_number_of_queries(
    request, client_for, coordinator, officer, django_assert_num_queries, rows, persona
):
    leader = request.getfixturevalue(persona)
    _load(coordinator, officer, rows)
    signed_in(leader, NOW - dt.timedelta(days=30), NOW)
    client = client_for(leader)
    client.get("/")

    with django_assert_num_queries(LEADER_HOME_QUERIES):
        page = client.get("/").content.decode()
    shown = page.count("lägesbild delades") + page.count("lägesbild kvitterades")
    assert shown == min(3 * rows, CHANGES_SHOWN)  # the newest ten, then a link to the rest
    assert ("Fler ändringar" in page) == (3 * rows > CHANGES_SHOWN)


# Session, user, areas (the list below), the overview (areas with subqueries, latest reports,
# last due periods' reports, measures), the cards (pictures, places, place names), the
# previous sign-in, reports shared or acknowledged, revisions, overdue measures.
LEADER_HOME_QUERIES = 14
