"""The accessibility sweep: every page (each new page joins PAGES), opened once at 1366 px and
checked with axe-core (WCAG 2.0/2.1 A and AA), then by pressing Tab through it (a visible focus
on every element) and at 320 and 390 px (reflow): tests/a11y_checks.py."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.a11y_checks import assert_reflows, assert_visible_focus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


# --- Situation reports: addresses holding the demo's ids or today's period, found at run time ---
def _angered_report(side: str, status: str) -> str:
    from reports.models import SituationReport

    return SituationReport.objects.get(area__slug="angered", side=side, status=status).pk


def angered_city_report() -> str:
    return f"/reports/{_angered_report('city', 'acknowledged')}/"


def angered_police_report() -> str:
    return f"/reports/{_angered_report('police', 'acknowledged')}/"


def angered_city_draft_edit() -> str:
    return f"/reports/{_angered_report('city', 'draft')}/edit/"


def angered_joint_picture() -> str:
    from django.utils import timezone

    from districts.models import CollaborationArea

    area = CollaborationArea.objects.get(slug="angered")
    return f"/areas/angered/picture/{area.period_containing(timezone.localdate()).previous().key}/"


# --- The yearly situation picture: the demo's decided 2025 version and 2027 draft ---
def _situation_picture(year: int) -> str:
    from situation_pictures.models import SituationPicture

    return f"/situation-pictures/{SituationPicture.objects.get(year=year).pk}/"


def decided_situation_picture() -> str:
    return _situation_picture(2025)


def draft_situation_picture() -> str:
    return _situation_picture(2027)


def draft_situation_picture_edit() -> str:
    return _situation_picture(2027) + "edit/"


# (address, or a function returning it, the demo user to sign in as, or None for a public page)
PAGES = [
    ("/accounts/login/", None),
    ("/", "samordnare-angered"),
    ("/", "utvecklingsledare"),
    ("/", "direktor-angered"),
    ("/", "polischef-nordost"),
    ("/areas/", "utvecklingsledare"),
    ("/areas/angered/", "samordnare-angered"),
    # Reorganisations: the structure as of a date (history demo: test_reorganisation_browser.py)
    ("/areas/?as_of=2020-06-01", "utvecklingsledare"),
    ("/areas/angered/?as_of=2020-06-01", "samordnare-angered"),
    ("/accounts/password/", "samordnare-angered"),
    # Dashboards
    ("/dashboard/", "direktor-angered"),
    ("/dashboard/?sort=-city_level&months=36", "polischef-nordost"),
    ("/dashboard/area/angered/", "direktor-angered"),
    ("/dashboard/area/angered/?months=3", "kommunpolis-nordost"),
    # Security, audit and public pages
    ("/privacy/", None),
    ("/accessibility/", None),
    ("/audit/", "utvecklingsledare"),
    ("/accounts/two-factor/", "samordnare-angered"),
    ("/accounts/two-factor/", "kommunpolis-nordost"),
    ("/accounts/two-factor/backup-codes/", "kommunpolis-nordost"),
    # The enrolment code page needs an admin's reset first: tests/test_two_factor_recovery_browser.py
    # Places, incidents and measures (detail pages: tests/test_browser_measures.py)
    ("/areas/angered/places/", "samordnare-angered"),
    ("/areas/angered/places/new/", "samordnare-angered"),
    ("/incidents/", "kommunpolis-nordost"),
    ("/incidents/new/", "samordnare-angered"),
    ("/incidents/import/", "samordnare-angered"),
    ("/measures/", "samordnare-angered"),
    ("/measures/new/", "kommunpolis-nordost"),
    ("/agreements/", "utvecklingsledare"),
    ("/agreements/new/", "utvecklingsledare"),
    ("/promises/hjallbo-200-patruller/", None),
    # Conferences
    ("/conferences/", "samordnare-angered"),
    ("/conferences/2019/", "utvecklingsledare"),
    ("/conferences/2019/follow-up/", "direktor-angered"),
    ("/conferences/new/", "utvecklingsledare"),
    ("/conferences/2019/edit/", "utvecklingsledare"),
    ("/conferences/2019/programme/", "utvecklingsledare"),
    ("/conferences/2019/outcomes/", "utvecklingsledare"),
    ("/conferences/2019/priorities/new/", "utvecklingsledare"),
    # Situation reports
    ("/reports/", "samordnare-angered"),
    ("/reports/?side=police&q=narkotika", "direktor-angered"),
    # A blank new report (the demo's week has a draft: "/reports/new/" opens that draft).
    ("/reports/new/?period=ad_hoc", "samordnare-angered"),
    (angered_city_report, "samordnare-angered"),
    (angered_city_report, "kommunpolis-nordost"),
    (angered_police_report, "direktor-angered"),
    (angered_city_draft_edit, "samordnare-angered"),
    (angered_joint_picture, "kommunpolis-nordost"),
    # The yearly situation picture and action plan
    ("/situation-pictures/", "utvecklingsledare"),
    ("/situation-pictures/new/", "utvecklingsledare"),
    (decided_situation_picture, "samordnare-angered"),
    (draft_situation_picture, "utvecklingsledare"),
    (draft_situation_picture_edit, "utvecklingsledare"),
    # Reminders and notifications
    ("/notifications/", "samordnare-angered"),
    ("/notifications/", "kommunpolis-nordost"),
]


@pytest.fixture
def demo_content(settings, goteborg):
    """The whole demo (`loaddemo`), so every page is checked with real content on it."""
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    settings.DEBUG = False


def violations_text(results) -> str:
    return "\n".join(
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
    )


@pytest.mark.parametrize(("path", "username"), PAGES)
def test_page_is_accessible(page, sign_in, demo_content, path, username):
    page.set_viewport_size({"width": 1366, "height": 900})
    if username:
        sign_in(username)
    response = page.goto(path() if callable(path) else path)
    assert response.status == 200
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, violations_text(results)
    assert_visible_focus(page)
    assert_reflows(page)
