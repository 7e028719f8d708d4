"""The report form in a real browser (issue 25): no click is lost and none moves the page, copy
from our previous report fills only empty fields (or asks, with both values), the form saves
itself from the first keystroke with a truthful status, and Save is a few Tabs from any row."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from demo.users import DEMO_PASSWORD
from districts.models import CollaborationArea
from reports import services
from reports.models import SituationReport
from tests.conftest import one_time_code
from tests.flow_budget import Flow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}
# Plain text on a form: a click on it focuses `main` (tabindex -1, for the skip link).
TEXT = (
    ", ".join(
        f"{where}:not(.visually-hidden)"
        for where in ("main h1", "main form legend", "main form .form-text", "main form p")
    )
    + ", [data-category-row] .fw-semibold"
)


# Brings an element to the middle of the window and answers where to click it (a point on its
# own text, not on a control inside it), or null when something else covers it.
AIM = """el => {
  el.scrollIntoView({block: "center", behavior: "instant"});
  const r = el.getBoundingClientRect();
  const x = r.left + Math.min(r.width / 2, 12), y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  const own = hit && el.contains(hit) && !hit.closest("a, button, input, select, textarea");
  return own || hit === el ? [x, y, window.scrollY] : null;
}"""
# The scroll position once the page has handled the click (two frames later).
SETTLED = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(scrollY))))"


def click_without_moving(page: Page, target) -> bool:
    """Click `target` in the middle of the window, and check the page did not move."""
    aim = target.evaluate(AIM)
    if aim is None:
        return False
    x, y, before = aim
    page.mouse.click(x, y)
    assert page.evaluate(SETTLED) == before, f"the page moved on a click on {target}"
    return True


def click_every_label_and_text(page: Page, form: str) -> int:
    """Click each visible label (checking that its choice is made) and each piece of plain text
    of `form`; returns how many were clicked."""
    labels = page.locator(f"{form} label:not(.visually-hidden)")
    clicked = 0
    for i in range(labels.count()):
        label = labels.nth(i)
        if not label.is_visible():
            continue
        assert click_without_moving(page, label), f"{label} is covered"
        clicked += 1
        target = label.get_attribute("for")
        kind = target and page.locator(f"[id='{target}']").get_attribute("type")
        if kind in ("radio", "checkbox"):
            expect(page.locator(f"[id='{target}']")).to_be_checked()
        elif target:
            assert page.evaluate("document.activeElement.id") == target
    texts = page.locator(TEXT)
    for i in range(texts.count()):
        if texts.nth(i).is_visible() and click_without_moving(page, texts.nth(i)):
            clicked += 1
    return clicked


def area() -> CollaborationArea:
    return CollaborationArea.objects.get(slug="angered")


def shared_previous_week(author) -> SituationReport:
    period = area().period_containing(timezone.localdate()).previous()
    report = services.report_create(
        area=area(),
        actor=author,
        period=period,
        fields={
            "level": 3,
            "trend": "worse",
            "summary": "Förra veckan.",
            "places_text": "",
            "theme_notes": "",
        },
        assessments={
            "narcotics": {"level": 4, "trend": "worse", "note": "Öppen handel."},
            "violence": {"level": 2, "trend": "unchanged", "note": "Lugnt."},
        },
    )
    return services.report_share(report=report, actor=author)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_every_label_and_text_click_makes_its_choice_and_never_moves_the_page(
    page, sign_in, coordinator, settings, viewport
):
    settings.REPORT_AUTOSAVE_SECONDS = 600  # nothing saves itself while the test clicks
    page.set_viewport_size(viewport)
    sign_in("samordnare-angered")
    page.goto("/reports/new/")

    clicked = click_every_label_and_text(page, "#report-form")

    assert clicked > 100  # 12 categories' level and trend choices, the fields' labels, text
    # The last choice made in each group stays made.
    expect(page.locator("input[name='cat-school-level']:checked")).to_have_value("4")
    expect(page.locator("input[name='cat-school-trend']:checked")).to_have_value("worse")


@pytest.mark.parametrize(
    ("username", "address"),
    [
        ("samordnare-angered", "/incidents/new/"),
        ("samordnare-angered", "/measures/new/"),
        ("samordnare-angered", "/areas/angered/places/new/"),
        ("utvecklingsledare", "/conferences/new/"),
        ("utvecklingsledare", "/situation-pictures/new/"),
    ],
)
def test_other_forms_with_a_save_bar_never_move_on_a_click(page, sign_in, users, username, address):
    page.set_viewport_size(PHONE)
    sign_in(username)
    page.goto(address)
    assert page.locator(".form-actions-sticky").count() == 1

    assert click_every_label_and_text(page, "main form:has(.form-actions-sticky)") > 3


def test_the_keyboard_still_lifts_a_field_clear_of_the_save_bar(page, sign_in, coordinator):
    page.set_viewport_size(DESKTOP)
    sign_in("samordnare-angered")
    page.goto("/reports/new/")
    bar_top = page.locator(".form-actions-sticky").evaluate("el => el.getBoundingClientRect().top")

    for _ in range(40):
        page.keyboard.press("Tab")
        bottom = page.evaluate("document.activeElement.getBoundingClientRect().bottom")
        if page.evaluate("!document.activeElement.closest('.form-actions-sticky')"):
            assert bottom <= bar_top


def test_copy_fills_only_empty_fields_and_asks_before_replacing(
    page, sign_in, coordinator, settings
):
    settings.REPORT_AUTOSAVE_SECONDS = 1
    shared_previous_week(coordinator)
    page.set_viewport_size(DESKTOP)
    sign_in("samordnare-angered")
    page.goto("/reports/new/")
    page.get_by_label("Samlad nivå").select_option("2")
    page.locator("#id_cat-narcotics-note").fill("Handeln har flyttat.")
    expect(page.locator("[data-autosave-status]")).to_have_text(re.compile(r"^Sparat \d\d:\d\d$"))

    copy = page.get_by_role("button", name=re.compile("^Kopiera från vår förra lägesbild"))
    copy.click()

    # Empty fields are filled, the trend at the top among them, and named beside the button.
    result = page.locator("[data-copy-result]")
    expect(page.locator("#id_trend")).to_have_value("worse")
    expect(result.get_by_role("link", name="Trend")).to_be_visible()
    expect(result).to_contain_text("Trend: sämre")
    expect(result.get_by_role("listitem").filter(has_text="Kategorier")).to_have_text(
        "Kategorier: Narkotika – öppen försäljning och användning, Våld, skjutningar och explosioner"
    )
    expect(page.locator("input[name='cat-violence-level'][value='2']")).to_be_checked()
    # What the user filled in stays, listed with both values.
    expect(page.locator("#id_level")).to_have_value("2")
    expect(page.locator("#id_cat-narcotics-note")).to_have_value("Handeln har flyttat.")
    expect(result).to_contain_text(
        "Samlad nivå: ditt ”2 – normalt”, förra lägesbildens ”3 – förhöjt”"
    )
    expect(result).to_contain_text(
        ": anteckning: ditt ”Handeln har flyttat.”, förra lägesbildens ”Öppen handel.”"
    )
    expect(page.locator("input[name='cat-narcotics-level'][value='4']")).to_be_checked()

    # What autosave stores is the user's own text plus the filled-in empty fields.
    expect(page.locator("[data-autosave-status]")).to_have_text(re.compile(r"^Sparat \d\d:\d\d$"))
    report = SituationReport.objects.get(status="draft")
    assert (report.level, report.trend) == (2, "worse")
    assert report.assessments.get(category__code="narcotics").note == "Handeln har flyttat."

    # Replacing is the user's choice.
    page.get_by_role("button", name="Ersätt dessa med förra lägesbildens värden").click()
    expect(page.locator("#id_level")).to_have_value("3")
    expect(page.locator("#id_cat-narcotics-note")).to_have_value("Öppen handel.")
    expect(page.locator("[data-autosave-status]")).to_have_text(re.compile(r"^Sparat \d\d:\d\d$"))
    report.refresh_from_db()
    assert report.level == 3
    assert report.assessments.get(category__code="narcotics").note == "Öppen handel."
    assert SituationReport.objects.filter(status="draft").count() == 1


def test_a_new_report_saves_itself_from_the_first_keystroke_with_a_truthful_status(
    page, sign_in, coordinator, settings
):
    settings.REPORT_AUTOSAVE_SECONDS = 1
    page.set_viewport_size(PHONE)
    sign_in("samordnare-angered")
    page.goto("/reports/new/")
    status = page.locator("[data-autosave-status]")

    page.locator("#id_cat-youth-note").fill("Grupper vid skolan.")
    expect(status).to_have_text("Ändringar sparas…")
    expect(status).to_have_text(re.compile(r"^Sparat \d\d:\d\d$"))
    report = SituationReport.objects.get()
    assert (report.is_draft, report.level, report.summary) == (True, None, "")
    assert report.assessments.get(category__code="youth").note == "Grupper vid skolan."
    expect(page).to_have_url(re.compile(rf"/reports/{report.pk}/edit/$"))

    # The server cannot be reached: the status says so, and the page tries again.
    page.route("**/autosave/", lambda route: route.abort())
    page.get_by_label("Sammanfattning").fill("Oro vid torget.")
    expect(status).to_have_text("Kunde inte spara – försöker igen")
    page.unroute("**/autosave/")
    expect(status).to_have_text(re.compile(r"^Sparat \d\d:\d\d$"), timeout=15_000)
    report.refresh_from_db()
    assert report.summary == "Oro vid torget."
    assert SituationReport.objects.count() == 1

    # Save goes into the same draft.
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Dina ändringar är sparade.")).to_be_visible()
    assert SituationReport.objects.count() == 1


def test_the_first_field_has_the_focus_and_save_is_a_few_tabs_from_every_row(
    page, sign_in, coordinator
):
    page.set_viewport_size(DESKTOP)
    sign_in("samordnare-angered")
    page.goto("/reports/new/")
    assert page.evaluate("document.activeElement.id") == "id_area"

    rows = page.locator("[data-category-row]")
    assert rows.count() == 12
    save = page.get_by_role("button", name="Spara", exact=True)
    for i in range(rows.count()):
        rows.nth(i).locator("input[type=radio]:checked").first.focus()
        keys = 0
        while not save.evaluate("el => el === document.activeElement"):
            link = page.evaluate("document.activeElement.hasAttribute('data-to-actions')")
            page.keyboard.press("Enter" if link else "Tab")
            keys += 1
            assert keys <= 5, f"Save is more than 5 key presses from row {i + 1}"
        expect(save).to_be_in_viewport()


LOOP_CLICKS = 12  # issue 25's "Done means": besides choosing values and typing


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_the_weekly_loop_from_signing_in_to_sharing_within_budget(
    page, coordinator, settings, viewport
):
    """Sign in, find what is due, fill in (clicking the labels, as people do), save, share."""
    settings.REPORT_AUTOSAVE_SECONDS = 2
    page.set_viewport_size(viewport)
    flow = Flow(page)
    page.goto("/accounts/login/")
    page.get_by_label("Användarnamn").fill("samordnare-angered")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    flow.click(page.get_by_role("button", name="Logga in"))
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/two-factor/verify/" in page.url:  # for those whose role requires it
        page.get_by_label("Kod från din autentiseringsapp").fill(
            one_time_code("samordnare-angered")
        )
        flow.click(page.get_by_role("button", name="Verifiera"))
    flow.click(page.get_by_role("link", name=re.compile("^Påbörja lägesbilden")).first)
    expect(page.get_by_role("heading", name="Ny lägesbild")).to_be_visible()
    flow.assert_no_error()

    page.get_by_label("Samlad nivå").select_option("3")
    page.locator("#id_trend").select_option("worse")
    page.get_by_label("Sammanfattning").fill("Oro vid torget på kvällarna.")
    for code, level, trend in (("narcotics", "3", "worse"), ("youth", "4", "worse")):
        for name, value in (("level", level), ("trend", trend)):
            radio = page.locator(f"input[name='cat-{code}-{name}'][value='{value}']")
            label = page.locator(f"label[for='{radio.get_attribute('id')}']")
            assert click_without_moving(page, label)  # a click that is never lost
            expect(radio).to_be_checked()
    page.locator("#id_cat-youth-note").fill("Grupper vid skolan.")
    flow.click(page.get_by_role("button", name="Spara och dela …"))
    expect(page.get_by_role("heading", name="Dela lägesbilden?")).to_be_visible()
    flow.assert_no_error()
    flow.click(page.get_by_role("button", name="Dela", exact=True))
    expect(page.get_by_text("Lägesbilden är delad med den andra sidan.")).to_be_visible()
    flow.assert_no_error()

    print(f"\nweekly loop at {viewport['width']} px: {flow}")
    assert flow.clicks <= LOOP_CLICKS, str(flow)
    report = SituationReport.objects.get()  # autosave and Save made one report, not two
    assert (report.is_shared, report.level, report.summary) == (
        True,
        3,
        "Oro vid torget på kvällarna.",
    )
    youth = report.assessments.get(category__code="youth")
    assert (youth.level, youth.trend, youth.note) == (4, "worse", "Grupper vid skolan.")
