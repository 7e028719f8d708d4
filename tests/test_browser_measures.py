"""In the browser: log an incident, create a measure with a target, record progress, see the
bar move; and axe over the detail pages whose addresses depend on the demo's ids."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from incidents.models import Incident
from measures.models import Agreement, Measure
from tests.test_accessibility import WCAG, violations_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_incident_create_measure_record_progress(page, sign_in, users):
    sign_in("kommunpolis-nordost")

    page.goto("/incidents/new/")
    page.get_by_label("Samverkansområde").select_option(label="Angered")
    page.get_by_label("När").fill("2026-11-20T21:30")
    page.get_by_label("Kategori").select_option(
        label="Narkotika – öppen försäljning och användning"
    )
    page.get_by_label("Allvarlighetsgrad").select_option("2")
    page.get_by_label("Beskrivning").fill("Öppen försäljning vid torget under kvällen.")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Händelsen sparades.").wait_for()
    assert Incident.objects.get().description.startswith("Öppen försäljning")

    page.goto("/measures/new/")
    page.get_by_label("Samverkansområde").select_option(label="Angered")
    page.get_by_label("Rubrik").fill("Polispatruller vid Hjällbo centrum")
    page.get_by_label("Ägarens sida").select_option("police")
    page.get_by_label("Start").fill("2026-01-01")
    page.get_by_label("Slutdatum").fill("2026-12-31")
    page.get_by_label("Mål", exact=True).fill("200")
    page.get_by_label("Enhet").fill("patruller")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Åtgärden sparades.").wait_for()
    measure = Measure.objects.get()

    bar = page.get_by_role("progressbar")
    assert bar.get_attribute("aria-valuenow") == "0"
    page.get_by_label("Mängd").fill("50")
    page.get_by_role("button", name="Registrera").click()
    page.get_by_text("Framstegen registrerades.").wait_for()
    bar = page.get_by_role("progressbar")
    assert bar.get_attribute("aria-valuenow") == "50"
    assert "pct-25" in bar.locator(".progress-bar").get_attribute("class")
    width = bar.locator(".progress-bar").bounding_box()["width"]
    assert 0.2 < width / bar.bounding_box()["width"] < 0.3
    measure.refresh_from_db()
    assert measure.status == "ongoing"


@pytest.fixture
def demo_content(settings):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    settings.DEBUG = False


@pytest.mark.parametrize("username", ["samordnare-angered", "kommunpolis-nordost"])
def test_detail_pages_have_no_axe_violations(page, sign_in, demo_content, username):
    sign_in(username)
    measure = Measure.objects.get(title="Polispatruller vid Hjällbo centrum")
    incident = Incident.objects.filter(visibility="shared").first()
    agreement = Agreement.objects.get()
    for path in [
        f"/measures/{measure.pk}/",
        f"/measures/{measure.pk}/edit/",
        f"/incidents/{incident.pk}/",
        f"/agreements/{agreement.pk}/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        results = Axe().run(page, options=WCAG)
        assert results.violations_count == 0, f"{path}: {violations_text(results)}"
