"""The exchange in a real browser: file and share, acknowledge, read; an outsider sees nothing."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.test_accessibility import WCAG, violations_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_file_share_acknowledge_read_and_outsider_404(page, sign_in, users):
    # The coordinator files the city's report for the preselected period and shares it.
    sign_in("samordnare-angered")
    page.goto("/reports/")
    page.get_by_role("link", name="Ny lägesbild").click()
    page.get_by_label("Samlad nivå").select_option("3")
    page.locator("#id_trend").select_option("worse")
    page.get_by_label("Sammanfattning").fill("Oro vid Hjällbo torg.\nFler grupper på kvällarna.")
    # Issue 14: a category's level is a radio group (levels with their definitions).
    page.get_by_role(
        "group", name="Ungdomsgrupperingar och rekrytering av unga till kriminalitet: nivå"
    ).get_by_label("3 – förhöjt").check()
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Utkastet är sparat.")).to_be_visible()
    report_url = page.url
    assert re.search(r"/reports/\d+/$", report_url)
    # Issue 14: sharing asks for confirmation with a preview of what the other side sees.
    page.get_by_role("link", name="Dela med den andra sidan …").click()
    expect(page.locator(".share-preview")).to_contain_text("Fler grupper på kvällarna.")
    page.get_by_role("button", name="Dela", exact=True).click()
    expect(page.get_by_text("Lägesbilden är delad med den andra sidan.")).to_be_visible()
    page.context.clear_cookies()

    # The community officer acknowledges it with a comment.
    sign_in("kommunpolis-nordost")
    page.goto(report_url)
    expect(page.get_by_text("Fler grupper på kvällarna.")).to_be_visible()
    results = Axe().run(page, options=WCAG)  # the acknowledgement form is only on this state
    assert results.violations_count == 0, violations_text(results)
    page.get_by_label("Kommentar").fill("Vi ser samma sak och ökar närvaron.")
    page.get_by_role("button", name="Kvittera", exact=True).click()
    expect(page.get_by_text("Lägesbilden är kvitterad.")).to_be_visible()
    page.context.clear_cookies()

    # The director reads it, acknowledgement included.
    sign_in("direktor-angered")
    page.goto(report_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Angered")
    expect(page.get_by_text("Vi ser samma sak och ökar närvaron.")).to_be_visible()
    expect(page.get_by_role("link", name="Redigera")).to_have_count(0)
    page.context.clear_cookies()

    # Another area's coordinator gets a 404.
    sign_in("samordnare-centrum")
    response = page.goto(report_url)
    assert response.status == 404
