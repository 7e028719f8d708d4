"""The weekly exchange as people do it, counting their clicks and key presses (issue 14).

Budgets, from "Done means": from the home page a coordinator continues this week's draft,
fills three categories and shares it with at most 4 clicks that are not filling in a field,
and with the keyboard alone in at most 60 key presses besides typing text and choosing
values; no page on the way shows an error. Before issue 14 the same work cost 5 clicks for
someone who knew where the draft was (7 and every field typed twice for someone who followed
"New report"), and 133 key presses. Issue 25 tightened them to 3 clicks and 40 key presses
(52 before its "to Save" links); tests/test_report_form_browser.py counts the whole loop from
signing in, at a phone's and a desktop's width.
"""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from districts.models import CollaborationArea
from notifications import services as notification_services
from notifications.models import Notification, NotificationKind
from reports import services
from reports.models import SituationReport
from tests.flow_budget import Flow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOUSE_CLICKS = 3
KEY_PRESSES = 40
CATEGORIES = [
    ("narcotics", "3", "worse", "Försäljning vid torget kvällstid."),
    ("violence", "2", "unchanged", "Inga skjutningar."),
    ("youth", "3", "worse", "Grupper samlas vid skolan."),
]
LEVELS = ["", "1", "2", "3", "4"]
TRENDS = ["", "better", "unchanged", "worse"]


def _fields(**overrides):
    fields = {
        "level": 2,
        "trend": "unchanged",
        "summary": "Påbörjat i måndags.",
        "places_text": "",
        "theme_notes": "",
    }
    return fields | overrides


def this_week_draft(author) -> SituationReport:
    area = CollaborationArea.objects.get(slug="angered")
    period = area.period_containing(dt.date.today())
    return services.report_create(
        area=area, actor=author, period=period, fields=_fields(), assessments={}
    )


def shared_last_week(author, assessments) -> SituationReport:
    area = CollaborationArea.objects.get(slug="angered")
    period = area.period_containing(dt.date.today()).previous()
    report = services.report_create(
        area=area, actor=author, period=period, fields=_fields(level=3), assessments=assessments
    )
    return services.report_share(report=report, actor=author)


def skip_to_content(flow: Flow) -> None:
    """The first Tab reaches "Skip to content"; Enter moves the focus to the page's main part."""
    flow.tab_to(flow.page.get_by_role("link", name="Hoppa till innehållet"))
    flow.press("Enter")


def test_continue_fill_and_share_with_the_mouse_within_budget(page, sign_in, coordinator):
    report = this_week_draft(coordinator)
    sign_in("samordnare-angered")
    page.goto("/")
    flow = Flow(page)

    flow.click(page.get_by_role("link", name=re.compile("^Fortsätt på utkastet")).first)
    expect(page).to_have_url(re.compile(rf"/reports/{report.pk}/edit/$"))
    flow.assert_no_error()
    for code, level, trend, note in CATEGORIES:
        flow.check(page.locator(f"input[name='cat-{code}-level'][value='{level}']"))
        flow.check(page.locator(f"input[name='cat-{code}-trend'][value='{trend}']"))
        flow.fill(page.locator(f"#id_cat-{code}-note"), note)
    flow.click(page.get_by_role("button", name="Spara och dela …"))
    expect(page.get_by_role("heading", name="Dela lägesbilden?")).to_be_visible()
    expect(page.locator(".share-preview")).to_contain_text("Grupper samlas vid skolan.")
    flow.assert_no_error()
    flow.click(page.get_by_role("button", name="Dela", exact=True))
    expect(page.get_by_text("Lägesbilden är delad med den andra sidan.")).to_be_visible()
    flow.assert_no_error()

    print(f"\nmouse: {flow}")
    assert flow.clicks <= MOUSE_CLICKS, str(flow)
    report.refresh_from_db()
    assert report.is_shared
    youth = report.assessments.get(category__code="youth")
    assert (youth.level, youth.trend, youth.note) == (3, "worse", "Grupper samlas vid skolan.")


def test_continue_fill_and_share_with_the_keyboard_within_budget(page, sign_in, coordinator):
    report = this_week_draft(coordinator)
    sign_in("samordnare-angered")
    page.goto("/")
    flow = Flow(page)

    skip_to_content(flow)
    flow.tab_to(page.get_by_role("link", name=re.compile("^Fortsätt på utkastet")).first)
    flow.press("Enter")
    expect(page).to_have_url(re.compile(rf"/reports/{report.pk}/edit/$"))
    skip_to_content(flow)
    for code, level, trend, note in CATEGORIES:
        # A radio group is one Tab stop; the arrow keys choose its value.
        flow.tab_to(page.locator(f"input[name='cat-{code}-level']:checked"))
        flow.choose_with_arrows("ArrowRight", LEVELS.index(level))
        flow.tab_to(page.locator(f"input[name='cat-{code}-trend']:checked"))
        flow.choose_with_arrows("ArrowRight", TRENDS.index(trend))
        flow.tab_to(page.locator(f"#id_cat-{code}-note"))
        flow.type(note)
    # The save and share buttons stay in view at the bottom of the screen (issue 16: the save
    # bar sticks to the bottom of the viewport); each category row ends in a "to Save" link
    # (issue 25), so the bar is a few key presses from any row.
    share = page.get_by_role("button", name="Spara och dela …")
    expect(share).to_be_in_viewport()
    youth_row = page.locator("[data-category-row]").filter(has=page.locator("#id_cat-youth-note"))
    flow.tab_to(youth_row.get_by_role("link", name="Till Spara"))
    flow.press("Enter")
    expect(page.get_by_role("button", name="Spara", exact=True)).to_be_focused()
    flow.tab_to(share)
    flow.press("Enter")
    expect(page.get_by_role("heading", name="Dela lägesbilden?")).to_be_visible()
    flow.assert_no_error()
    flow.tab_to(page.get_by_role("button", name="Dela", exact=True))  # has the focus already
    flow.press("Enter")
    expect(page.get_by_text("Lägesbilden är delad med den andra sidan.")).to_be_visible()
    flow.assert_no_error()

    print(f"\nkeyboard: {flow}, {flow.typed} characters typed")
    assert flow.clicks == 0
    assert flow.keys <= KEY_PRESSES, str(flow)
    report.refresh_from_db()
    assert report.is_shared
    assert report.assessments.get(category__code="violence").trend == "unchanged"


def test_reminder_copy_autosave_acknowledge_sign_and_differences(
    page, sign_in, settings, coordinator, officer
):
    settings.REPORT_AUTOSAVE_SECONDS = 1  # the page saves 1 s after a change, not 30 s
    shared_last_week(
        coordinator,
        {"narcotics": {"level": 4, "trend": "worse", "note": "Öppen handel förra veckan."}},
    )
    draft = this_week_draft(coordinator)
    area = draft.area
    period = draft.period
    notification_services.reminders_sweep(today=area.due_date(period))

    # The reminder opens the existing draft, not a blank form.
    sign_in("samordnare-angered")
    page.goto("/notifications/")
    reminder = page.locator(".list-group-item").filter(has_text=period.label).first
    reminder.get_by_role("button", name="Öppna").click()
    expect(page).to_have_url(re.compile(rf"/reports/{draft.pk}/edit/$"))
    expect(page.locator(".alert-warning")).to_have_count(0)  # no false "signed out" notice

    # Copy from our previous report fills levels, trends and notes, marked until edited.
    page.get_by_role("button", name=re.compile("^Kopiera från vår förra lägesbild")).click()
    narcotics = page.locator("[data-category-row]").filter(
        has=page.locator("#id_cat-narcotics-note")
    )
    expect(page.locator("input[name='cat-narcotics-level'][value='4']")).to_be_checked()
    expect(page.locator("#id_cat-narcotics-note")).to_have_value("Öppen handel förra veckan.")
    expect(narcotics.get_by_text("kopierat")).to_be_visible()
    page.locator("#id_cat-narcotics-note").fill("Handeln har flyttat till parkeringen.")
    expect(narcotics.get_by_text("kopierat")).to_be_hidden()

    # What is typed saves itself and survives a reload.
    with page.expect_response(lambda r: r.url.endswith("/autosave/")) as autosave:
        page.locator("#id_cat-violence-note").fill("Bråk vid busstorget.")
    assert autosave.value.status == 200
    expect(page.locator("[data-autosave-status]")).to_have_text(re.compile(r"^Sparat \d\d:\d\d$"))
    page.reload()
    expect(page.locator("#id_cat-violence-note")).to_have_value("Bråk vid busstorget.")
    expect(page.locator("#id_cat-narcotics-note")).to_have_value(
        "Handeln har flyttat till parkeringen."
    )
    page.get_by_role("button", name="Spara och dela …").click()
    page.get_by_role("button", name="Dela", exact=True).click()
    expect(page.get_by_text("Lägesbilden är delad med den andra sidan.")).to_be_visible()
    page.context.clear_cookies()

    # The police report: a category the city left blank, and a differing trend.
    police = services.report_create(
        area=area,
        actor=officer,
        period=period,
        fields=_fields(summary="Polisens bild."),
        assessments={
            "narcotics": {"level": 4, "trend": "unchanged", "note": ""},
            "school": {"level": 4, "trend": "worse", "note": "Hot mot personal."},
        },
    )
    services.report_share(report=police, actor=officer)

    # The officer acknowledges the city's report from the top of its page.
    sign_in("kommunpolis-nordost")
    page.goto(f"/reports/{draft.pk}/")
    acknowledge = page.get_by_role("region", name="Kvittera för din sida")
    overall = page.get_by_role("heading", name="Samlad bild")
    assert acknowledge.bounding_box()["y"] < overall.bounding_box()["y"]
    expect(acknowledge).to_be_in_viewport()
    acknowledge.get_by_label("Kommentar").fill("Vi ser mer hot mot skolpersonal.")
    acknowledge.get_by_label("Vår bild skiljer sig").check()
    acknowledge.get_by_role("button", name="Kvittera", exact=True).click()
    expect(page.get_by_text("Lägesbilden är kvitterad.")).to_be_visible()

    # The joint picture marks the one-sided rating and the trend difference, and shows the
    # acknowledgement; the officer writes the summary and signs it.
    page.goto(f"/areas/angered/picture/{period.key}/")
    school = page.locator("tr").filter(has_text="Skolrelaterad trygghet")
    expect(school.get_by_text("bedömd av bara en sida")).to_be_visible()
    narcotics_row = page.locator("tr").filter(has_text="Narkotika")
    expect(narcotics_row.get_by_text("trenderna skiljer sig")).to_be_visible()
    expect(page.get_by_text("Vi ser mer hot mot skolpersonal.")).to_be_visible()
    expect(page.get_by_text("vår bild skiljer sig")).to_be_visible()
    expect(page.get_by_text("Mopeder och trafik")).to_be_hidden()  # neither side rated it
    page.get_by_text(re.compile("^Visa alla kategorier")).click()
    expect(page.get_by_text("Mopeder och trafik")).to_be_visible()
    page.get_by_role("textbox", name="Gemensam sammanfattning").fill(
        "Vi prioriterar skolan och torget."
    )
    page.get_by_role("button", name="Spara den gemensamma sammanfattningen").click()
    page.get_by_role("button", name="Skriv under för min sida").click()
    page.context.clear_cookies()

    # The city is told, once, that the summary awaits its signature.
    asked = Notification.objects.filter(kind=NotificationKind.JOINT_SUMMARY)
    assert [n.recipient.username for n in asked] == ["samordnare-angered"]
    sign_in("samordnare-angered")
    page.goto("/")
    to_sign = page.get_by_role(
        "region", name="Gemensamma sammanfattningar som väntar på er underskrift"
    ).get_by_role("link", name=f"Angered, {period.label}")
    expect(to_sign).to_be_visible()
    to_sign.click()
    expect(page.get_by_role("button", name="Skriv under för min sida")).to_be_visible()
    # The summary is shown as text; editing is an explicit step that warns.
    expect(page.get_by_role("textbox", name="Gemensam sammanfattning")).to_be_hidden()
    page.get_by_text("Redigera den gemensamma sammanfattningen").click()
    expect(page.get_by_role("note")).to_contain_text("tas båda sidornas underskrifter bort")
