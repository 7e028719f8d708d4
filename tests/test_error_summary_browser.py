"""After a failed save the error summary takes the focus and each of its links takes the focus
to its field, which says it is invalid and what is wrong (issue 16, item 3; WCAG 3.3.1).

A keyboard or screen reader user lands on the summary, hears how many problems there are, and
follows a link (click or Enter) to the field; nothing typed is lost. tests/test_error_summary.py
checks the summary on every form without a browser.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.test_accessibility import WCAG, violations_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page: Page) -> None:
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, violations_text(results)


def follow_every_link(page: Page, expected: int) -> list[str]:
    """Click or press Enter on each link of the summary in turn; each must focus its field,
    show it clear of the sticky save bar, and the field must point at its message."""
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text(f"Det finns {expected} fel i formuläret")
    links = summary.get_by_role("link")
    targets = []
    for i in range(links.count()):
        link = links.nth(i)
        text = link.inner_text()
        target = link.get_attribute("href").removeprefix("#")
        if i % 2:
            link.focus()
            page.keyboard.press("Enter")
        else:
            link.click()
        field = page.locator(f"[id='{target}']")
        expect(field).to_be_focused()
        expect(field).to_be_in_viewport()
        assert field.evaluate(
            """el => {
                const bar = document.querySelector('.form-actions-sticky');
                return !bar || el.getBoundingClientRect().bottom <= bar.getBoundingClientRect().top;
            }"""
        ), f"{target} is under the save bar"
        expect(field).to_have_attribute("aria-invalid", "true")
        described = (field.get_attribute("aria-describedby") or "").split()
        messages = [page.locator(f"[id='{i}']").inner_text().strip() for i in described]
        message = text.split(": ", 1)[-1] if ": " in text else text
        assert any(message in m or m in text for m in messages if m), (target, text, messages)
        targets.append(target)
    return targets


@pytest.fixture(autouse=True)
def _no_smooth_scrolling(page):
    page.emulate_media(reduced_motion="reduce")  # Bootstrap's smooth scrolling: none to wait for


def test_report_form(page, sign_in, coordinator):
    sign_in("samordnare-angered")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/reports/new/")
    page.get_by_label("Platser av betydelse").fill("Torget vid Hjällbo.")
    page.locator("#id_cat-narcotics-note").fill("Säljs av 19811218-9876")
    # A draft saves without level, trend and summary; sharing needs them.
    page.get_by_role("button", name="Spara och dela …").click()

    assert_accessible(page)  # the failed form too: the summary's links keep their contrast
    targets = follow_every_link(page, 4)
    assert targets == ["id_level", "id_trend", "id_summary", "id_cat-narcotics-note"]
    # Nothing typed is lost.
    expect(page.get_by_label("Platser av betydelse")).to_have_value("Torget vid Hjällbo.")
    expect(page.locator("#id_cat-narcotics-note")).to_have_value("Säljs av 19811218-9876")


def test_incident_form(page, sign_in, coordinator):
    sign_in("samordnare-angered")
    page.goto("/incidents/new/")
    page.get_by_label("Beskrivning").fill("Klotter på skolans vägg.")
    page.get_by_role("button", name="Spara", exact=True).click()

    assert_accessible(page)
    targets = follow_every_link(page, 3)
    assert targets == ["id_area", "id_category", "id_severity"]
    expect(page.get_by_label("Beskrivning")).to_have_value("Klotter på skolans vägg.")


def test_measure_form(page, sign_in, coordinator):
    sign_in("samordnare-angered")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/measures/new/")
    page.get_by_label("Rubrik").fill("Belysning i parken")
    page.get_by_label("Beskrivning").fill("Ring 19811218-9876 om lamporna.")
    page.get_by_role("button", name="Spara", exact=True).click()

    targets = follow_every_link(page, 3)
    assert targets == ["id_area", "id_description", "id_due_date"]
    expect(page.get_by_label("Rubrik")).to_have_value("Belysning i parken")


def test_sign_in_form(page, users, settings):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Logga in").click()
    assert follow_every_link(page, 2) == ["id_username", "id_password"]

    # A refusal that belongs to no one field is listed as text, and takes the focus too.
    page.get_by_label("Användarnamn").fill("samordnare-angered")
    page.get_by_label("Lösenord").fill("fel lösenord")
    page.get_by_role("button", name="Logga in").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Ange ett korrekt användarnamn och lösenord")
    expect(page.get_by_label("Användarnamn")).to_have_value("samordnare-angered")


def test_saved_message_is_a_status(page, sign_in, coordinator):
    sign_in("samordnare-angered")
    page.goto("/incidents/new/")
    page.get_by_label("Samverkansområde").select_option(label="Angered")
    page.get_by_label("Kategori").select_option(label="Hot och trakasserier")
    page.get_by_label("Allvarlighetsgrad").select_option("2")
    page.get_by_label("Beskrivning").fill("Hot mot personal vid torget.")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Händelsen sparades.")).to_be_visible()
    expect(page.locator("#error-summary")).to_have_count(0)
