"""Reflow (WCAG 1.4.10) and text spacing (1.4.12): no page scrolls sideways on a phone.

Over every page of the accessibility sweep, at 320 CSS px (a 1280 px screen at 400 % zoom) and
at 390×844 (a common phone), the page is no wider than the window: wide tables scroll inside
their own region, which is labelled by the table's caption and is a Tab stop while it scrolls.
"""

import pytest
from playwright.sync_api import expect

from tests.test_accessibility import PAGES, angered_joint_picture, demo_content  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [{"width": 320, "height": 640}, {"width": 390, "height": 844}]

# Wait for layout and the ResizeObserver in static/js/site.js (it runs before the next paint).
SETTLED = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"

# What sticks out past the window's right edge, outside any scrolling region (for the message).
TOO_WIDE = """() => {
  const width = window.innerWidth;
  const scrolled = (el) => el.parentElement.closest(".table-responsive") && !/absolute|fixed/.test(getComputedStyle(el).position);
  return [...document.querySelectorAll("body *")]
    .filter((el) => !scrolled(el) && el.getBoundingClientRect().right > width + 1)
    .slice(0, 8)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(el.getBoundingClientRect().right)}`);
}"""

# Each table's region: its label, whether it scrolls and whether it is a Tab stop.
REGIONS = """() => [...document.querySelectorAll("main table")].map((table) => {
  const region = table.closest(".table-responsive[role='region']");
  if (!region) return { table: table.caption ? table.caption.textContent.trim() : table.outerHTML.slice(0, 80) };
  const label = document.getElementById(region.getAttribute("aria-labelledby"));
  return {
    table: label ? label.textContent.trim() : region.outerHTML.slice(0, 120),
    region: true,
    label: label ? label.textContent.trim() : "",
    shown: region.checkVisibility(),
    width: region.clientWidth,
    scrolls: region.scrollWidth > region.clientWidth,
    tabIndex: region.tabIndex,
  };
})"""

# Text cut off by a box that hides its overflow (screen-reader-only text is meant to be).
CLIPPED = """() => [...document.querySelectorAll("body *")].filter((el) => {
  const style = getComputedStyle(el);
  if (!/hidden|clip/.test(style.overflowX + style.overflowY)) return false;
  if (el.closest(".visually-hidden, .visually-hidden-focusable, .form-trap")) return false;
  if (!el.textContent.trim() || !el.getClientRects().length) return false;
  return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
}).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}: ${el.textContent.trim().slice(0, 40)}`)"""

# WCAG 1.4.12: what a reader's own style sheet may set; nothing may be lost with it.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }
"""


def scroll_width(page) -> tuple[int, int]:
    return page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")


def open_page(page, sign_in, path, username):
    if username:
        sign_in(username)
    response = page.goto(path() if callable(path) else path)
    assert response.status == 200


@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize(("path", "username"), PAGES)
def test_page_reflows_without_sideways_scrolling(page, sign_in, path, username):
    open_page(page, sign_in, path, username)
    for size in SIZES:
        page.set_viewport_size(size)
        page.evaluate(SETTLED)
        width, window = scroll_width(page)
        assert width <= window, f"{width} px wide at {size}: {page.evaluate(TOO_WIDE)}"

        regions = page.evaluate(REGIONS)
        unwrapped = [r["table"] for r in regions if not r.get("region")]
        assert not unwrapped, f"tables outside a scrolling region: {unwrapped}"
        assert all(r["label"] for r in regions), f"a region without its label: {regions}"
        # A region sized by its container, not its table, must not shrink to nothing.
        assert all(r["width"] > 100 for r in regions if r["shown"]), (
            f"a collapsed region: {regions}"
        )
        assert all(r["tabIndex"] == 0 for r in regions if r["scrolls"]), (
            f"a scrolling region the keyboard cannot reach at {size}: {regions}"
        )


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
