"""A report flow that never hides a draft (issue 14): "New report" and reminder links open
the side's existing report; the default period is the current one (the earliest overdue once
it is shared); weeks not started are refused; the signed-out notice only after a real expiry; autosave; share confirmation."""

import datetime as dt
import html
import json
import re

import pytest
import time_machine

from districts.models import CollaborationArea
from notifications import reminders
from notifications.models import NotificationKind
from reports.models import LevelDefinition, SituationReport
from tests.report_factory import form_data, make_report

pytestmark = pytest.mark.usefixtures("_wednesday_week_47")


@pytest.fixture
def _wednesday_week_47():
    with time_machine.travel(dt.datetime(2026, 11, 18, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def angered():
    return CollaborationArea.objects.get(slug="angered")


def selected_period(page: str) -> str:
    return re.search(r'<option value="([^"]+)" selected>', page.split('name="period"')[1])[1]


def test_new_report_for_a_period_with_a_draft_opens_the_draft(client_for, coordinator):
    draft = make_report(coordinator)

    response = client_for(coordinator).get("/reports/new/?area=angered&period=2026-W47")

    assert response.status_code == 302
    assert response["Location"] == f"/reports/{draft.pk}/edit/"


def test_new_report_for_a_shared_period_opens_the_shared_report(client_for, coordinator):
    shared = make_report(coordinator, status="shared", weeks_back=1)

    response = client_for(coordinator).get("/reports/new/?area=angered&period=2026-W46")

    assert response["Location"] == f"/reports/{shared.pk}/"


def test_new_report_without_a_period_opens_the_draft_of_the_default_period(client_for, coordinator):
    for weeks_back in (1, 2, 3, 4):
        make_report(coordinator, status="shared", weeks_back=weeks_back)
    draft = make_report(coordinator)

    response = client_for(coordinator).get("/reports/new/", follow=True)

    assert response.redirect_chain[-1][0] == f"/reports/{draft.pk}/edit/"
    assert (
        "Din sida har redan en lägesbild för v. 47 2026: här är den." in response.content.decode()
    )


def test_the_other_sides_draft_is_never_opened_for_me(client_for, coordinator, officer):
    make_report(officer)  # the police's draft of week 47

    response = client_for(coordinator).get("/reports/new/?area=angered&period=2026-W47")

    assert response.status_code == 200
    assert selected_period(response.content.decode()) == "2026-W47"


def test_the_default_period_is_this_week_and_the_overdue_weeks_are_offered(client_for, coordinator):
    make_report(coordinator, status="shared", weeks_back=4)  # week 43
    make_report(coordinator, status="shared", weeks_back=2)  # week 45

    page = client_for(coordinator).get("/reports/new/").content.decode()

    assert selected_period(page) == "2026-W47"
    assert 'value="2026-W44"' in page and 'value="2026-W46"' in page


def test_once_this_week_is_shared_the_default_is_the_earliest_overdue_week(client_for, coordinator):
    make_report(coordinator, status="shared")  # week 47
    make_report(coordinator, status="shared", weeks_back=4)  # week 43

    page = client_for(coordinator).get("/reports/new/").content.decode()

    assert selected_period(page) == "2026-W44"


def test_weeks_that_have_not_started_are_neither_offered_nor_accepted(client_for, coordinator):
    client = client_for(coordinator)
    page = client.get("/reports/new/?area=angered&period=ad_hoc").content.decode()
    assert 'value="2026-W48"' not in page

    response = client.post("/reports/new/", form_data(area=angered().pk, period="2026-W48"))

    assert response.status_code == 200
    assert not SituationReport.objects.exists()


def test_the_form_refuses_a_period_that_has_not_started(coordinator):
    from reports.forms import NewReportForm
    from reports.models import Category

    areas = CollaborationArea.objects.filter(slug="angered")
    form = NewReportForm(
        form_data(area=areas[0].pk, period="2026-W48"),
        user=coordinator,
        areas=areas,
        today=dt.date(2026, 11, 18),
        categories=Category.objects.active(),
    )
    form.fields["period"].choices += [("2026-W48", "v. 48 2026")]  # as if offered

    assert not form.is_valid()
    assert "Perioden har inte börjat än" in str(form.errors["period"])


def test_an_extraordinary_event_may_be_filed_beside_a_draft(client_for, coordinator):
    make_report(coordinator)
    data = form_data(area=angered().pk, period="ad_hoc", event_date="2026-11-17")

    response = client_for(coordinator).post("/reports/new/?area=angered&period=ad_hoc", data)

    assert response.status_code == 302
    assert SituationReport.objects.filter(period_kind="ad_hoc").count() == 1


def test_a_refused_save_says_nothing_of_being_signed_out_and_links_the_draft(
    client_for, coordinator
):
    draft = make_report(coordinator)
    data = form_data(area=angered().pk, period="2026-W47")

    page = client_for(coordinator).post("/reports/new/", data).content.decode()

    assert "Din sida har redan en lägesbild för området och perioden." in page
    assert "Du loggades ut" not in page
    assert f'href="/reports/{draft.pk}/edit/">Öppna din sidas lägesbild för perioden' in page


def test_the_event_date_is_shown_only_for_an_extraordinary_event(client_for, coordinator):
    client = client_for(coordinator)

    assert "<div data-event-date hidden>" in client.get("/reports/new/").content.decode()
    page = client.get("/reports/new/?area=angered&period=ad_hoc").content.decode()
    assert "<div data-event-date>" in page


def test_reminders_link_to_the_exact_period(coordinator):
    due = reminders.due_reminders(dt.date(2026, 11, 19))
    upcoming = next(
        r for r in due if r.kind == NotificationKind.UPCOMING and r.recipient == coordinator
    )

    assert upcoming.link == "/reports/new/?area=angered&period=2026-W47"


def test_category_levels_are_radio_groups_carrying_the_definitions(client_for, coordinator):
    LevelDefinition.objects.filter(level=3).update(text_sv="Tydligt mer än vanligt.")

    page = client_for(coordinator).get("/reports/new/").content.decode()

    assert 'id="level-def-3">3 – förhöjt</dt><dd class="col-sm-10">Tydligt mer än vanligt.' in page
    assert re.search(
        r'type="radio" name="cat-youth-level" value="3" id="[^"]+" aria-describedby="level-def-3"',
        page,
    )


def test_copy_from_our_previous_report_offers_our_sides_values_only(
    client_for, coordinator, officer
):
    make_report(
        coordinator,
        status="shared",
        weeks_back=1,
        assessments={"youth": {"level": 3, "trend": "worse", "note": "Grupper vid skolan."}},
    )
    make_report(
        officer,
        status="shared",
        weeks_back=0,
        assessments={"school": {"level": 4, "trend": "worse", "note": "Polisens notering."}},
    )
    draft = make_report(coordinator)

    page = client_for(coordinator).get(f"/reports/{draft.pk}/edit/").content.decode()

    copied = json.loads(html.unescape(re.search(r'data-copy-values="([^"]+)"', page)[1]))
    assert copied["cat-youth-level"] == "3"
    assert copied["cat-youth-note"] == "Grupper vid skolan."
    assert "Polisens notering." not in json.dumps(copied, ensure_ascii=False)
    assert "Kopiera från vår förra lägesbild (v. 46 2026)" in page


# --- Autosave ---


def test_a_draft_saves_itself_and_answers_the_new_version(client_for, coordinator):
    draft = make_report(coordinator)
    data = form_data(draft, summary="Skrivet medan jag tänkte.", **{"cat-youth-note": "Oro."})

    response = client_for(coordinator).post(f"/reports/{draft.pk}/autosave/", data)

    assert response.status_code == 200
    answer = response.json()
    assert answer["saved"] and answer["version"] == 2
    assert re.fullmatch(r"Sparat \d\d:\d\d", answer["message"])
    draft.refresh_from_db()
    assert draft.summary == "Skrivet medan jag tänkte." and draft.is_draft


def test_autosave_never_overwrites_a_newer_version(client_for, coordinator):
    draft = make_report(coordinator)
    client = client_for(coordinator)
    client.post(f"/reports/{draft.pk}/autosave/", form_data(draft, summary="Från fliken A."))

    stale = client.post(f"/reports/{draft.pk}/autosave/", form_data(draft, summary="Från B."))

    assert stale.status_code == 409 and stale.json()["conflict"]
    draft.refresh_from_db()
    assert draft.summary == "Från fliken A."


def test_an_invalid_form_is_not_autosaved(client_for, coordinator):
    draft = make_report(coordinator)

    response = client_for(coordinator).post(
        f"/reports/{draft.pk}/autosave/", form_data(draft, summary="Mötte 811228-9874 i dag.")
    )

    assert response.status_code == 400 and not response.json()["saved"]
    draft.refresh_from_db()
    assert draft.summary == "Lugnt vid torget."


def test_a_draft_saves_itself_without_level_trend_and_summary(client_for, coordinator):
    draft = make_report(coordinator)

    response = client_for(coordinator).post(
        f"/reports/{draft.pk}/autosave/", form_data(draft, level="", trend="", summary="")
    )

    assert response.status_code == 200
    draft.refresh_from_db()
    assert (draft.level, draft.trend, draft.summary, draft.is_draft) == (None, "", "", True)


def test_the_first_autosave_of_a_new_report_creates_the_draft(client_for, coordinator):
    data = form_data(area=angered().pk, period="2026-W47", summary="Första raderna.")

    answer = client_for(coordinator).post("/reports/new/autosave/", data).json()

    report = SituationReport.objects.get()
    assert answer["action"] == f"/reports/{report.pk}/edit/"
    assert answer["autosave"] == f"/reports/{report.pk}/autosave/"
    assert (report.is_draft, report.summary) == (True, "Första raderna.")


def partly_filled(**overrides):
    """A new report's form after the first keystrokes: a note typed, nothing else chosen."""
    data = form_data(area=angered().pk, period="2026-W47", level="", trend="", summary="")
    return data | {"draft_key": "pageonekey", "cat-youth-note": "Grupper vid skolan."} | overrides


def test_the_first_autosave_of_a_partly_filled_new_report_creates_one_private_draft(
    client_for, coordinator, officer, other_coordinator, director
):
    client = client_for(coordinator)

    first = client.post("/reports/new/autosave/", partly_filled())

    assert first.status_code == 200
    report = SituationReport.objects.get()
    assert (report.is_draft, report.level, report.trend, report.summary) == (True, None, "", "")
    assert report.assessments.get(category__code="youth").note == "Grupper vid skolan."
    assert first.json()["autosave"] == f"/reports/{report.pk}/autosave/"
    # Only its own side in its area sees the draft.
    assert client.get(f"/reports/{report.pk}/").status_code == 200
    for outsider in (officer, other_coordinator, director):
        assert client_for(outsider).get(f"/reports/{report.pk}/").status_code == 404
        assert (
            f"/reports/{report.pk}/" not in client_for(outsider).get("/reports/").content.decode()
        )


def test_a_second_autosave_updates_the_same_draft(client_for, coordinator):
    client = client_for(coordinator)
    answer = client.post("/reports/new/autosave/", partly_filled()).json()
    report = SituationReport.objects.get()

    # The page now saves into the draft it created (its form still holds the page's key) ...
    data = partly_filled(summary="Oro vid torget.") | {"version": answer["version"]}
    second = client.post(answer["autosave"], data)
    # ... and a save still on its way to the new-report address goes into it too.
    third = client.post("/reports/new/autosave/", partly_filled(summary="Oro vid torget ikväll."))

    assert second.status_code == third.status_code == 200
    assert SituationReport.objects.count() == 1
    report.refresh_from_db()
    assert (report.summary, report.version) == ("Oro vid torget ikväll.", 3)


def test_save_from_the_new_report_page_after_its_autosave_updates_the_draft(
    client_for, coordinator
):
    client = client_for(coordinator)
    client.post("/reports/new/autosave/", partly_filled())

    response = client.post("/reports/new/", partly_filled(level="3", summary="Klart."))

    report = SituationReport.objects.get()
    assert response["Location"] == f"/reports/{report.pk}/"
    assert (report.level, report.summary) == (3, "Klart.")


def test_another_page_or_another_user_never_reuses_a_draft_by_its_page_key(
    client_for, coordinator, officer
):
    client_for(coordinator).post("/reports/new/autosave/", partly_filled())

    # The officer's page happens to send the same key: it makes the police's own draft.
    answer = client_for(officer).post("/reports/new/autosave/", partly_filled()).json()

    assert answer["saved"]
    assert sorted(SituationReport.objects.values_list("side", flat=True)) == ["city", "police"]


def test_a_draft_without_level_trend_or_summary_cannot_be_shared(client_for, coordinator):
    client = client_for(coordinator)
    client.post("/reports/new/autosave/", partly_filled())
    report = SituationReport.objects.get()

    preview = client.get(f"/reports/{report.pk}/share/").content.decode()
    refused = client.post(f"/reports/{report.pk}/share/")
    save_and_share = client.post(
        f"/reports/{report.pk}/edit/",
        form_data(report, level="", trend="", summary="") | {"then": "share"},
    )

    assert "Utkastet kan inte delas ännu" in preview and "Samlad nivå" in preview
    assert refused.status_code == 400
    assert save_and_share.status_code == 200
    assert "Fyll i det här innan du delar." in save_and_share.content.decode()
    report.refresh_from_db()
    assert report.is_draft


def test_autosave_outsiders_get_404(client_for, coordinator, officer, other_coordinator):
    draft = make_report(coordinator)
    data = form_data(draft, summary="Inkräktare.")

    assert (
        client_for(other_coordinator).post(f"/reports/{draft.pk}/autosave/", data).status_code
        == 404
    )
    assert client_for(officer).post(f"/reports/{draft.pk}/autosave/", data).status_code == 404
    draft.refresh_from_db()
    assert draft.summary == "Lugnt vid torget."


def test_autosave_readers_get_403_and_shared_reports_do_not_save_themselves(
    client_for, coordinator, director
):
    shared = make_report(coordinator, status="shared")
    data = form_data(shared, summary="Ändrad.")

    assert client_for(director).post(f"/reports/{shared.pk}/autosave/", data).status_code == 403
    assert client_for(director).post("/reports/new/autosave/", data).status_code == 403
    assert client_for(coordinator).post(f"/reports/{shared.pk}/autosave/", data).status_code == 403
    shared.refresh_from_db()
    assert shared.summary == "Lugnt vid torget." and not shared.revisions.exists()


def test_autosave_needs_post(client_for, coordinator):
    draft = make_report(coordinator)
    assert client_for(coordinator).get(f"/reports/{draft.pk}/autosave/").status_code == 405


# --- Sharing asks first ---


def test_save_and_share_goes_to_the_confirmation_with_a_preview(client_for, coordinator):
    draft = make_report(coordinator)
    client = client_for(coordinator)
    data = form_data(draft, then="share", **{"cat-youth-note": "Syns för polisen."})

    response = client.post(f"/reports/{draft.pk}/edit/", data)

    assert response["Location"] == f"/reports/{draft.pk}/share/"
    page = client.get(response["Location"]).content.decode()
    assert "Dela lägesbilden?" in page and "Syns för polisen." in page
    draft.refresh_from_db()
    assert draft.is_draft  # nothing shared until confirmed
    assert client.post(f"/reports/{draft.pk}/share/").status_code == 302
    draft.refresh_from_db()
    assert draft.is_shared


def test_share_confirmation_outsider_404_and_shared_report_403(
    client_for, coordinator, officer, other_coordinator
):
    draft = make_report(coordinator)
    assert client_for(other_coordinator).get(f"/reports/{draft.pk}/share/").status_code == 404
    assert client_for(officer).get(f"/reports/{draft.pk}/share/").status_code == 404
    shared = make_report(coordinator, status="shared", weeks_back=1)
    assert client_for(officer).get(f"/reports/{shared.pk}/share/").status_code == 403


def test_level_definitions_are_edited_in_the_admin(client_for, admin_user):
    client = client_for(admin_user)
    definition = LevelDefinition.objects.get(level=4)

    assert client.get("/admin/reports/leveldefinition/").status_code == 200
    page = client.get(f"/admin/reports/leveldefinition/{definition.pk}/change/")
    assert page.status_code == 200 and "Allvarliga händelser" in page.content.decode()
