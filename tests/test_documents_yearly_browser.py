"""In the browser, as the development lead: the yearly situation picture's draft opened from
the home page, a written section and an action-plan row edited and saved (a refused text
comes back as typed, with its error beside the field), the decided 2025 version read and its
PDF downloaded; a coordinator gets 404 on the draft's form. Every page fits a 390 px screen
without scrolling sideways."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from situation_pictures.models import SituationPicture
from tests.flow_budget import Flow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parent.parent / "test-results" / "yearly-picture"
ANALYSIS = "Den öppna handeln vid torgen håller i gång rekryteringen av unga."
OWNER = "Stadsområde Nordost och fastighetsägarna"
REFUSED = "Uppgiftslämnaren 19121212-1212 beskrev torget."
# Home → the draft's form (1), save (2), save again after the refusal (3); the decided
# version from the list (4, 5), its PDF (6).
MOUSE_CLICKS = 6


@pytest.fixture
def demo(settings, goteborg):
    """The demo's decided 2025 version and 2027 draft (`loaddemo`)."""
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    settings.DEBUG = False


def fits_a_phone(page, name: str) -> None:
    """Screenshots at 1366 and 390 px (test-results/yearly-picture/); at 390 px the page
    scrolls only downwards (a wide table scrolls in its own box)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{name}: {scroll} px wide on a {inner} px screen"
    page.set_viewport_size({"width": 1366, "height": 900})


def item(page, text: str):
    """The action plan's row (its fieldset) named by its measure."""
    return page.get_by_role("group", name=text)


def test_the_lead_writes_the_draft_reads_the_decided_version_and_its_pdf(page, sign_in, demo):
    draft = SituationPicture.objects.get(year=2027)
    decided = SituationPicture.objects.get(year=2025)
    sign_in("utvecklingsledare")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/")
    fits_a_phone(page, "home")
    flow = Flow(page)

    # The to-do opens the draft's form.
    todo = page.get_by_role("article", name="Kommunens lägesbild och åtgärdsplan")
    expect(todo).to_contain_text("Utkastet för 2027 är påbörjat.")
    flow.click(todo.get_by_role("link", name=re.compile("^Fortsätt på utkastet")))
    expect(page).to_have_url(re.compile(rf"/situation-pictures/{draft.pk}/edit/$"))
    fits_a_phone(page, "edit")

    # A refused text comes back as typed, its error beside the field; nothing is saved.
    flow.fill(page.get_by_label("Analys (orsaker)"), REFUSED)
    row = item(page, "Trygghetsvandringar vid Angereds centrum varje kvartal")
    flow.fill(row.get_by_label("Ägare"), OWNER)
    lighting = "Bättre belysning vid Hjällbo torg och gångtunnlarna"
    flow.fill(item(page, lighting).get_by_label("Ägare"), "")  # a required field left empty
    flow.click(page.get_by_role("button", name="Spara"))
    # At the top, what to correct, each a link to its field (the row's is far down): the
    # portal's error summary (issue 16), which takes the focus.
    summary = page.get_by_role("alert").filter(has_text="Det finns 2 fel i formuläret")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Analys (orsaker)")).to_have_attribute(
        "href", "#id_analysis"
    )
    expect(summary.get_by_role("link", name=f"{lighting}: Ägare")).to_have_count(1)
    expect(item(page, lighting)).to_contain_text("Detta fält måste fyllas i.")
    analysis = page.get_by_label("Analys (orsaker)")
    expect(analysis).to_have_value(REFUSED)
    expect(analysis).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_analysis_error")).to_contain_text("ser ut som ett personnummer")
    row = item(page, "Trygghetsvandringar vid Angereds centrum varje kvartal")
    expect(row.get_by_label("Ägare")).to_have_value(OWNER)  # the other edit is kept too
    draft.refresh_from_db()
    assert draft.analysis == "" and REFUSED not in draft.other_information
    fits_a_phone(page, "edit-refused")

    # Corrected and saved: the page shows the section and the row.
    flow.fill(analysis, ANALYSIS)
    flow.fill(item(page, lighting).get_by_label("Ägare"), "Fastighetsägarna och staden")
    flow.click(page.get_by_role("button", name="Spara"))
    expect(page).to_have_url(re.compile(rf"/situation-pictures/{draft.pk}/$"))
    expect(page.get_by_text("Lägesbilden sparades.")).to_be_visible()
    analysis_section = page.locator("section[aria-labelledby='section-analysis']")
    expect(analysis_section).to_contain_text(ANALYSIS)
    plan = page.locator("section[aria-labelledby='section-plan']")
    expect(plan.get_by_role("row").filter(has_text="Trygghetsvandringar")).to_contain_text(OWNER)
    flow.assert_no_error()
    fits_a_phone(page, "draft")
    draft.refresh_from_db()
    assert draft.analysis == ANALYSIS
    assert draft.action_items.get(order=1).owner == OWNER

    # The decided 2025 version, from the list: frozen, with its decision, no edit link.
    flow.click(page.get_by_role("link", name="Alla kommunens lägesbilder"))
    fits_a_phone(page, "list")
    flow.click(page.get_by_role("link", name="hela kommunen 2025"))
    expect(page).to_have_url(re.compile(rf"/situation-pictures/{decided.pk}/$"))
    expect(page.get_by_text("Beslutad den")).to_contain_text("Kommunstyrelsen (demo)")
    expect(page.get_by_role("link", name="Redigera utkastet")).to_have_count(0)
    expect(page.get_by_role("button", name="Besluta och frys")).to_have_count(0)
    fits_a_phone(page, "decided")

    with page.expect_download() as download:
        flow.click(page.get_by_role("link", name="Ladda ner som PDF"))
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(bytes(decided.frozen_pdf))  # the frozen bytes, then the stamp
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Kommunens lägesbild och åtgärdsplan 2025" in " ".join(text.split())
    assert download.value.suggested_filename.endswith(".pdf")

    print(f"\nyearly picture: {flow}")
    assert flow.clicks <= MOUSE_CLICKS, str(flow)


def test_a_coordinator_gets_404_on_the_drafts_form(page, sign_in, demo):
    draft = SituationPicture.objects.get(year=2027)
    sign_in("samordnare-angered")

    response = page.goto(f"/situation-pictures/{draft.pk}/edit/")

    assert response.status == 404
    home = page.goto("/")
    assert home.status == 200
    expect(page.get_by_role("article", name="Kommunens lägesbild och åtgärdsplan")).to_have_count(0)
