"""The dashboards' cached bodies (dashboards/cache.py): a second view is served from the
cache, a save through any service is on the very next view, and no one ever reads the body of
another reach, another language or another day.

Each service test turns the safety net off (the dashboards app's post_save/post_delete
receivers): the service itself must bump the data version, as `update()` and `bulk_create()`
send no signal. The clock stands at Wednesday 2026-11-25 12:00 in Stockholm.
"""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test.utils import CaptureQueriesContext

from accounts.models import Role, Side, User
from conferences.models import Conference
from conferences.services import conference_save
from incidents import importers
from incidents.models import Incident, Place, Visibility
from incidents.services import incident_save, incidents_import, place_save
from measures.models import Measure, MeasureProgress, MeasureStatus
from measures.services import measure_progress_record, measure_save
from reports.models import Category, ReportStatus
from reports.services import (
    joint_picture_save_summary,
    joint_picture_sign,
    report_acknowledge,
    report_share,
)
from tests.conftest import TwoFactorClient
from tests.test_dashboard import NOW, report
from tryggportal.lib import data_version

pytestmark = pytest.mark.django_db
OVERVIEW = "/dashboard/"
AREA = "/dashboard/area/angered/"
LOCMEM = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "dashboard-cache-tests",
    }
}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def local_cache(settings):
    """Local memory, emptied before and after: nothing cached leaks into or out of a test."""
    settings.CACHES = LOCMEM
    settings.DASHBOARD_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client_for():
    """`client_for(user)`: a client of that user's own, signed in (one per user, so that two
    users can view in turn), its session stamped by a first request."""

    def sign_in(user):
        client = TwoFactorClient()
        client.force_login(user)
        client.get("/")
        return client

    return sign_in


@pytest.fixture
def no_safety_net():
    """Without the receivers that bump on any model save: only the services' own bumps."""
    from dashboards.apps import _bump_if_shown

    connected = []
    for name, signal in {"save": post_save, "delete": post_delete, "m2m": m2m_changed}.items():
        uid = f"dashboards-data-version-{name}"
        if signal.disconnect(_bump_if_shown, dispatch_uid=uid):
            connected.append((signal, uid))
    yield
    for signal, uid in connected:
        signal.connect(_bump_if_shown, dispatch_uid=uid)


class Form:
    """What a valid ModelForm hands a service: the instance to save, and its many-to-many."""

    def __init__(self, instance):
        self.instance = instance

    def save(self, commit=True):
        if commit:
            self.instance.save()
        return self.instance

    def save_m2m(self):
        pass


def view(client, url: str) -> tuple[str, int]:
    """(the page's HTML, the SQL queries it took)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def viewed_twice(client, url: str) -> str:
    """View the page twice; the second view is served from the cache."""
    html, cold = view(client, url)
    again, cached = view(client, url)
    assert again == html or _same_body(again, html)
    assert cached < cold
    return html


def _same_body(one: str, other: str) -> bool:
    # The header's sign-out form carries a fresh CSRF token on every view.
    return (
        one.split("<main", 1)[1].split("</main>")[0]
        == other.split("<main", 1)[1].split("</main>")[0]
    )


def main_of(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.fixture
def angered(users):
    from districts.models import CollaborationArea

    return CollaborationArea.objects.get(slug="angered")


@pytest.fixture
def square(angered):
    return Place.objects.create(area=angered, name="Hjällbo torg", kind="square", unsafe=True)


def incident(area, place, *, days_ago=2, police_only=False):
    side = Side.POLICE if police_only else Side.CITY
    return Incident.objects.create(
        area=area, place=place, occurred_at=NOW - dt.timedelta(days=days_ago),
        category=Category.objects.get(code="narcotics"), description="d", severity=1,
        reported_side=side,
        visibility=Visibility.POLICE_ONLY if police_only else Visibility.SHARED,
        created_by=User.objects.filter(side=side).order_by("pk").first(),
    )  # fmt: skip


# --- Served from the cache ------------------------------------------------------------------


@pytest.mark.parametrize("url", [OVERVIEW, AREA, f"{AREA}?months=36"])
def test_a_second_view_by_the_same_user_is_served_from_the_cache(client_for, director, url):
    client = client_for(director)
    html, cold = view(client, url)
    again, cached = view(client, url)
    assert main_of(again) == main_of(html)
    # The session, the user, the reach: the body's own queries are not run.
    assert cached <= 4 < cold, (cold, cached)


def test_the_header_is_the_viewers_own_and_only_the_body_is_shared(
    client_for, coordinator, director
):
    """Coordinator and director of Angered reach the same area and no police-only incident:
    one body serves both, with each one's own name and sign-out form in the header."""
    first = client_for(coordinator)
    html, cold = view(first, OVERVIEW)
    second = client_for(director)
    shared, cached = view(second, OVERVIEW)
    assert cached < cold
    assert main_of(shared) == main_of(html)
    assert director.get_full_name() in shared.split("<main", 1)[0]
    assert coordinator.get_full_name() not in shared.split("<main", 1)[0]
    assert "csrfmiddlewaretoken" in shared.split("<main", 1)[0]
    assert "csrfmiddlewaretoken" not in main_of(shared)


def test_the_cache_off_computes_every_view(client_for, director, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    client = client_for(director)
    _html, first = view(client, OVERVIEW)
    _html, second = view(client, OVERVIEW)
    assert first == second


# --- Never another reach ----------------------------------------------------------------------


def test_coordinators_of_different_areas_never_get_each_others_body(
    client_for, coordinator, other_coordinator
):
    angered_html = viewed_twice(client_for(coordinator), OVERVIEW)
    centrum_html, _queries = view(client_for(other_coordinator), OVERVIEW)
    assert 'id="card-angered"' in angered_html
    assert 'id="card-angered"' not in centrum_html
    assert 'id="card-centrum"' in centrum_html
    again, _queries = view(client_for(coordinator), OVERVIEW)
    assert 'id="card-centrum"' not in again


@pytest.mark.parametrize("city_first", [True, False])
def test_a_police_only_incident_never_reaches_a_city_user_through_the_cache(
    client_for, coordinator, officer, angered, square, city_first
):
    incident(angered, square)
    incident(angered, square, police_only=True)
    order = [coordinator, officer] if city_first else [officer, coordinator]
    pages = {}
    for user in order:
        client = client_for(user)
        pages[user.side] = viewed_twice(client, OVERVIEW) + viewed_twice(client, AREA)
    assert "Hjällbo torg (1)" in pages[Side.CITY]
    assert "Hjällbo torg (2)" not in pages[Side.CITY]
    assert "Hjällbo torg (2)" in pages[Side.POLICE]


def test_the_same_areas_with_police_only_incidents_are_another_reach(
    client_for, coordinator, angered, square
):
    """An officer of Angered alone reaches the very areas the city's coordinator does, and
    the police-only incidents besides: never one body for both."""
    officer = User.objects.create_user(
        "kommunpolis-angered", password="x", role=Role.COMMUNITY_OFFICER, side=Side.POLICE
    )
    officer.areas.add(angered)
    incident(angered, square)
    incident(angered, square, police_only=True)
    city = viewed_twice(client_for(coordinator), OVERVIEW) + viewed_twice(
        client_for(coordinator), AREA
    )
    police = view(client_for(officer), OVERVIEW)[0] + view(client_for(officer), AREA)[0]
    assert "Hjällbo torg (1)" in city
    assert "Hjällbo torg (2)" in police
    assert '<th scope="row">Hjällbo torg</th><td>2</td>' in police
    assert '<th scope="row">Hjällbo torg</th><td>1</td>' in city


def test_a_city_wide_user_never_gets_a_chiefs_body(client_for, dev_lead, chief, angered, square):
    incident(angered, square, police_only=True)
    police = viewed_twice(client_for(chief), AREA)
    city = viewed_twice(client_for(dev_lead), AREA)
    assert "Hjällbo torg" in police
    assert "Hjällbo torg" not in city


# --- Another language, another day, another address -------------------------------------------


def test_switching_language_gives_the_other_language(client_for, coordinator):
    client = client_for(coordinator)
    swedish = viewed_twice(client, OVERVIEW)
    assert "Samverkansområden" in main_of(swedish)
    client.post("/accounts/language/", {"language": "en", "next": OVERVIEW})
    english, _queries = view(client, OVERVIEW)
    assert "Collaboration areas" in main_of(english)
    assert "Samverkansområden" not in main_of(english)
    client.post("/accounts/language/", {"language": "sv", "next": OVERVIEW})
    back, cached = view(client, OVERVIEW)
    assert main_of(back) == main_of(swedish)


def test_the_next_day_is_computed_afresh(client_for, director):
    client = client_for(director)
    today = viewed_twice(client, OVERVIEW)
    assert "25 november 2026" in today
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        tomorrow, _queries = view(client_for(director), OVERVIEW)  # signed in again
    assert "26 november 2026" in tomorrow


def test_each_window_and_sort_is_its_own_body(client_for, director):
    client = client_for(director)
    viewed_twice(client, OVERVIEW)
    three, _queries = view(client, f"{OVERVIEW}?months=3")
    assert '<option value="3" selected>' in three
    twelve, _queries = view(client, f"{OVERVIEW}?months=12")
    assert '<option value="12" selected>' in twelve


# --- A save through the services is on the next view ------------------------------------------


def test_sharing_a_report_is_on_the_next_view(
    client_for, coordinator, director, angered, no_safety_net
):
    draft = report(angered, Side.CITY, 47, level=4, status=ReportStatus.DRAFT)
    client = client_for(director)
    assert "level-badge level-4" not in viewed_twice(client, OVERVIEW)
    assert "level-badge level-4" not in viewed_twice(client, AREA)
    report_share(report=draft, actor=coordinator)
    assert "level-badge level-4" in view(client, OVERVIEW)[0]
    assert "level-4" in view(client, AREA)[0]


def test_acknowledging_a_report_computes_the_next_view_afresh(
    client_for, officer, director, angered, no_safety_net
):
    """The dashboards show no acknowledgement, but they read what it writes (the report's
    status): the next view is computed, not served from before."""
    shared = report(angered, Side.CITY, 47, level=3)
    client = client_for(director)
    html, cold = view(client, OVERVIEW)
    version = data_version.current()
    report_acknowledge(report=shared, actor=officer, comment="Vi ser samma.", view_differs=False)
    assert data_version.current() != version
    again, queries = view(client, OVERVIEW)
    assert queries == cold
    assert "level-badge level-3" in again


def test_logging_an_incident_is_on_the_next_view(
    client_for, coordinator, director, angered, square, no_safety_net
):
    incident(angered, square)
    client = client_for(director)
    assert "Hjällbo torg (1)" in viewed_twice(client, OVERVIEW)
    viewed_twice(client, AREA)
    new = Incident(
        area=angered, place=square, occurred_at=NOW - dt.timedelta(days=1),
        category=Category.objects.get(code="narcotics"), description="Ny", severity=2,
        visibility=Visibility.SHARED,
    )  # fmt: skip
    incident_save(form=Form(new), user=coordinator)
    assert "Hjällbo torg (2)" in view(client, OVERVIEW)[0]
    assert '<th scope="row">Hjällbo torg</th><td>2</td>' in view(client, AREA)[0]


def test_an_import_is_on_the_next_view(
    client_for, coordinator, director, angered, square, no_safety_net
):
    incident(angered, square)
    client = client_for(director)
    assert "Hjällbo torg (1)" in viewed_twice(client, OVERVIEW)
    rows = [
        importers.Row(
            line=line,
            occurred_at=NOW - dt.timedelta(days=line),
            place=square,
            category=Category.objects.get(code="violence"),
            description=f"Importerad {line}",
            severity=1,
            fingerprint=f"import-{line}",
        )  # fmt: skip
        for line in (2, 3)
    ]
    assert incidents_import(
        area=angered, user=coordinator, rows=rows, visibility=Visibility.SHARED
    ) == (2, 0)
    assert "Hjällbo torg (3)" in view(client, OVERVIEW)[0]


def test_a_police_only_import_changes_the_police_view_and_not_the_citys(
    client_for, officer, director, chief, angered, square, no_safety_net
):
    incident(angered, square)
    city, police = client_for(director), None
    assert "Hjällbo torg (1)" in viewed_twice(city, OVERVIEW)
    row = importers.Row(
        line=2, occurred_at=NOW - dt.timedelta(days=1), place=square,
        category=Category.objects.get(code="violence"), description="Polisens",
        severity=1, fingerprint="police-import",
    )  # fmt: skip
    incidents_import(area=angered, user=officer, rows=[row], visibility=Visibility.POLICE_ONLY)
    assert "Hjällbo torg (1)" in view(city, OVERVIEW)[0]
    police = client_for(chief)
    assert "Hjällbo torg (2)" in view(police, OVERVIEW)[0]


def test_renaming_a_place_is_on_the_next_view(client_for, director, angered, square, no_safety_net):
    incident(angered, square)
    client = client_for(director)
    assert "Hjällbo torg (1)" in viewed_twice(client, OVERVIEW)
    square.name = "Hjällbo centrum"
    place_save(form=Form(square), area=angered)
    assert "Hjällbo centrum (1)" in view(client, OVERVIEW)[0]


def test_a_measure_done_and_its_progress_are_on_the_next_view(
    client_for, coordinator, director, angered, no_safety_net
):
    late = Measure.objects.create(
        area=angered, title="Belysning i gångtunneln", owner_side=Side.CITY,
        start_date=dt.date(2026, 1, 1), due_date=dt.date(2026, 11, 1),
        status=MeasureStatus.PLANNED, created_by=coordinator,
    )  # fmt: skip
    client = client_for(director)
    assert "Belysning i gångtunneln" in viewed_twice(client, AREA)
    assert "planerad" in main_of(view(client, AREA)[0])
    entry = MeasureProgress(date=dt.date(2026, 11, 20), amount=1, note="Lampor beställda")
    measure_progress_record(measure=late, form=Form(entry), user=coordinator)
    after_progress = main_of(view(client, AREA)[0])
    assert "pågående" in after_progress
    assert "planerad" not in after_progress
    overview = viewed_twice(client, OVERVIEW)
    late.status = MeasureStatus.DONE
    measure_save(form=Form(late), user=coordinator)
    assert "Belysning i gångtunneln" not in view(client, AREA)[0]
    assert view(client, OVERVIEW)[0] != overview


def test_the_joint_summary_and_its_signature_are_on_the_next_view(
    client_for, coordinator, officer, director, angered, no_safety_net
):
    report(angered, Side.CITY, 47, level=2)
    period = angered.period_from_key("2026-W47")
    client = client_for(director)
    assert "Oro vid torget" not in viewed_twice(client, AREA)
    picture = joint_picture_save_summary(
        area=angered, period=period, actor=coordinator, summary="Oro vid torget.",
        expected_version=1,
    )  # fmt: skip
    html = view(client, AREA)[0]
    assert "Oro vid torget." in html
    assert main_of(view(client, AREA)[0]) == main_of(html)  # from the cache
    joint_picture_sign(area=angered, period=period, actor=officer, expected_version=picture.version)
    assert view(client, AREA)[0] != html


def test_a_conference_theme_is_on_the_next_view(client_for, director, no_safety_net):
    client = client_for(director)
    assert "focus-category" not in viewed_twice(client, AREA)
    conference = Conference(
        year=2026, date=dt.date(2026, 3, 1), venue="Eriksbergshallen",
        title="Trygghetskonferens 2026", theme="Narkotika",
    )  # fmt: skip
    conference.save()  # the form's save; its focus categories are the form's many-to-many
    conference.focus_categories.set([Category.objects.get(code="narcotics")])
    conference_save(form=Form(conference))
    assert "focus-category" in view(client, AREA)[0]


# --- The version --------------------------------------------------------------------------------


def test_an_edit_outside_the_services_bumps_the_version_too(client_for, director, angered):
    """The safety net: an admin's edit (a plain save) is on the next view as well."""
    client = client_for(director)
    viewed_twice(client, OVERVIEW)
    angered.name = "Angered med omnejd"
    angered.save()
    assert "Angered med omnejd" in view(client, OVERVIEW)[0]


def test_the_version_is_bumped_again_once_the_write_commits(
    django_capture_on_commit_callbacks,
):
    """A view that ran while the write was uncommitted may have stored the old rows under the
    version it found: the commit leaves that version behind."""
    before = data_version.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        data_version.bump()
        during = data_version.current()
        assert during != before
    assert callbacks
    assert data_version.current() not in {before, during}


def test_a_lost_version_starts_afresh_and_never_meets_old_bodies(settings):
    first = data_version.current()
    cache.delete(settings.DATA_VERSION_KEY)
    assert data_version.current() != first
