"""The history demo in the browser: looking back across Göteborg's 2021 reorganisation."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.test_accessibility import WCAG, violations_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HISTORY_PAGES = [
    "/areas/stadsomrade-nordost/",
    "/areas/angered/?as_of=2020-06-01",
    "/dashboard/area/stadsomrade-nordost/",
]


@pytest.fixture
def history_demo(settings):
    settings.DEBUG = True
    call_command("loaddemo", "--history", stdout=io.StringIO())
    settings.DEBUG = False


def test_a_coordinator_looks_back_across_the_reorganisation(page, sign_in, history_demo):
    sign_in("samordnare-angered")
    page.goto("/areas/")
    assert page.get_by_role("link", name="Stadsområde Nordost").is_visible()
    assert page.get_by_role("link", name="Angered", exact=True).count() == 0
    page.get_by_label("Struktur per datum").fill("2020-06-01")
    page.get_by_role("button", name="Visa").click()
    page.get_by_role("link", name="Angered", exact=True).click()
    assert page.get_by_role("link", name="Stadsområde Nordost").first.is_visible()
    page.goto("/areas/stadsomrade-nordost/")
    history = page.get_by_role(
        "table", name="Delade lägesbilder per år, inklusive områdena som detta tog över efter"
    )
    assert history.get_by_role("cell", name="Östra Göteborg").first.is_visible()
    assert history.get_by_role("cell", name="2019").first.is_visible()
    for path in HISTORY_PAGES:
        response = page.goto(path)
        assert response.status == 200, path
        results = Axe().run(page, options=WCAG)
        assert results.violations_count == 0, f"{path}: {violations_text(results)}"
