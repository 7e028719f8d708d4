"""Reflow (WCAG 1.4.10) and text spacing (1.4.12): the accessibility sweep checks every page at
320 and 390 px (`assert_reflows` in tests/a11y_checks.py); here, the folding filters, the
keyboard in a scrolling region, and text spacing at 200 % zoom."""

import pytest
from playwright.sync_api import expect

from tests.a11y_checks import (
    CLIPPED,
    REGIONS,
    SETTLED,
    TEXT_SPACING,
    TOO_WIDE,
    open_page,
    scroll_width,
)
from tests.test_accessibility import angered_joint_picture, demo_content  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("demo_content")
def test_report_list_on_a_phone_shows_results_before_the_filters(page, sign_in):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("samordnare-angered")
    page.goto("/reports/")

    search = page.get_by_label("Sök", exact=True)
    expect(search).to_be_hidden()
    first_row = page.locator("main table tbody tr").first
    expect(first_row).to_be_visible()
    assert first_row.bounding_box()["y"] + first_row.bounding_box()["height"] <= 844

    toggle = page.get_by_role("button", name="Visa filter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(search).to_be_visible()

    # On a wide screen the filters are always open and the button is gone.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.reload()
    expect(page.get_by_label("Sök", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Visa filter")).to_be_hidden()


@pytest.mark.usefixtures("demo_content")
def test_joint_picture_tables_scroll_in_labelled_regions_the_keyboard_reaches(page, sign_in):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("kommunpolis-nordost")
    page.goto(angered_joint_picture())
    page.evaluate(SETTLED)

    incidents = page.get_by_role("region", name="Händelser", exact=True)
    expect(incidents).to_have_attribute("tabindex", "0")
    incidents.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0", polling=50, timeout=2_000)
    width, window = scroll_width(page)
    assert width <= window

    # On a wide screen the tables fit, and their regions are no longer Tab stops.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.evaluate(SETTLED)
    fitting = page.evaluate(REGIONS)
    assert all(r["tabIndex"] == -1 for r in fitting if r["shown"] and not r["scrolls"]), str(
        fitting
    )

    # A table in a closed <details>, opened on a narrow screen, is a Tab stop if it scrolls.
    page.set_viewport_size({"width": 320, "height": 640})
    page.get_by_text("Visa alla kategorier").click()
    page.evaluate(SETTLED)
    opened = page.evaluate(REGIONS)
    assert all(r["shown"] for r in opened), str(opened)
    assert all(r["tabIndex"] == (0 if r["scrolls"] else -1) for r in opened), str(opened)


TEXT_PAGES = [
    ("/", "samordnare-angered"),
    ("/reports/", "samordnare-angered"),
    (angered_joint_picture, "kommunpolis-nordost"),
    ("/dashboard/", "direktor-angered"),
    ("/reports/new/", "samordnare-angered"),
]


@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize(("path", "username"), TEXT_PAGES)
def test_text_spacing_and_200_percent_zoom_lose_nothing(page, sign_in, path, username):
    open_page(page, sign_in, path, username)
    # A constructed style sheet, as a reader's extension adds one (the CSP forbids <style>).
    page.evaluate(
        "(css) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);"
        " document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }",
        TEXT_SPACING,
    )
    # 683 px: a 1366 px screen at 200 % zoom; 390 px: a phone.
    for size in [{"width": 683, "height": 450}, {"width": 390, "height": 844}]:
        page.set_viewport_size(size)
        page.evaluate(SETTLED)
        width, window = scroll_width(page)
        assert width <= window, f"{width} px wide at {size}: {page.evaluate(TOO_WIDE)}"
        clipped = page.evaluate(CLIPPED)
        assert not clipped, f"text cut off at {size}: {clipped}"
