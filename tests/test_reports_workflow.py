"""Filing, sharing, acknowledging and revising a situation report, as the users do it."""

import datetime as dt

import pytest
import time_machine

from districts.models import CollaborationArea
from reports import access as reports_access
from reports import services
from reports.models import AD_HOC, ReportRevision, ReportStatus
from tests.report_factory import form_data, make_report


@pytest.fixture
def events(monkeypatch):
    """Every call of the one hook the reminders work uses, in order."""
    calls = []
    monkeypatch.setattr(
        services,
        "report_event_happened",
        lambda *, report, event, actor: calls.append((report.pk, event, actor.username)),
    )
    return calls


@time_machine.travel(dt.datetime(2026, 11, 18, 10, 0, tzinfo=dt.UTC), tick=False)
def test_new_report_form_preselects_the_earliest_period_the_side_has_not_shared(
    client_for, coordinator
):
    # Issue 14: the default is the earliest due period the side has not shared (here the
    # current week, the four before it being shared), no longer always the current one.
    area = CollaborationArea.objects.get(slug="angered")
    for weeks_back in (1, 2, 3, 4):
        make_report(coordinator, status="shared", weeks_back=weeks_back)
    due = area.next_due_period(dt.date(2026, 11, 18))

    page = client_for(coordinator).get("/reports/new/").content.decode()

    assert f'<option value="{due.key}" selected>' in page
    assert f'<option value="{area.pk}" selected>' in page
    assert "Narkotika – öppen försäljning och användning" in page


def test_coordinator_files_a_draft_seen_only_by_the_city(client_for, coordinator, officer):
    area = CollaborationArea.objects.get(slug="angered")
    key = area.next_due_period(dt.date.today()).key
    data = form_data(
        area=area.pk,
        period=key,
        level="3",
        trend="worse",
        summary="Oro vid Angered centrum.",
        **{"cat-youth-level": "3", "cat-youth-note": "Grupper samlas kvällstid."},
    )

    response = client_for(coordinator).post("/reports/new/", data)

    report = reports_access.reports_visible_to(coordinator).get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    assert (report.side, report.status, report.level) == ("city", ReportStatus.DRAFT, 3)
    assert report.period.key == key
    youth = report.assessments.get(category__code="youth")
    assert (youth.level, youth.note) == (3, "Grupper samlas kvällstid.")
    assert report.assessments.count() == 12
    assert client_for(officer).get(f"/reports/{report.pk}/").status_code == 404


def test_extraordinary_report_needs_a_date_and_may_share_a_period(client_for, coordinator):
    make_report(coordinator)
    area = CollaborationArea.objects.get(slug="angered")
    client = client_for(coordinator)

    missing_date = client.post(
        "/reports/new/", form_data(area=area.pk, period=AD_HOC, event_date="")
    )
    assert missing_date.status_code == 200
    assert "Ange datum för den extraordinära händelsen." in missing_date.content.decode()

    response = client.post(
        "/reports/new/",
        form_data(area=area.pk, period=AD_HOC, event_date="2026-11-18", summary="Skottlossning."),
    )
    assert response.status_code == 302
    ad_hoc = reports_access.reports_visible_to(coordinator).get(period_kind=AD_HOC)
    assert ad_hoc.period_start == dt.date(2026, 11, 18)


@time_machine.travel(dt.datetime(2026, 11, 18, 10, 0, tzinfo=dt.UTC), tick=False)
def test_a_second_regular_report_for_the_same_period_is_refused(client_for, coordinator):
    report = make_report(coordinator)
    response = client_for(coordinator).post(
        "/reports/new/",
        form_data(area=report.area_id, period=report.period.key, summary="Dubblett."),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Din sida har redan en lägesbild för området och perioden." in page
    assert "Dubblett." in page  # nothing typed is lost


def test_a_period_outside_the_areas_cadence_is_refused(client_for, coordinator):
    area = CollaborationArea.objects.get(slug="angered")
    response = client_for(coordinator).post(
        "/reports/new/", form_data(area=area.pk, period="2026-11")
    )
    assert response.status_code == 200
    assert reports_access.reports_visible_to(coordinator).count() == 0


def test_share_then_acknowledge_with_a_differing_view(client_for, coordinator, officer, events):
    report = make_report(coordinator)

    client_for(coordinator).post(f"/reports/{report.pk}/share/")
    report.refresh_from_db()
    assert report.status == ReportStatus.SHARED and report.shared_at is not None

    client = client_for(officer)
    refused = client.post(f"/reports/{report.pk}/acknowledge/", {"view_differs": "on"})
    assert refused.status_code == 400
    assert "Skriv i en kommentar hur er bild skiljer sig." in refused.content.decode()

    response = client.post(
        f"/reports/{report.pk}/acknowledge/",
        {"comment": "Vi ser mer oro\nvid stationen.", "view_differs": "on"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACKNOWLEDGED
    assert (report.acknowledged_by, report.view_differs) == (officer, True)
    page = client_for(coordinator).get(f"/reports/{report.pk}/").content.decode()
    assert "Vi ser mer oro<br>vid stationen." in page
    assert "Deras bild skiljer sig." in page
    assert events == [
        (report.pk, "shared", "samordnare-angered"),
        (report.pk, "acknowledged", "kommunpolis-nordost"),
    ]


def test_edits_after_sharing_are_revisions_the_other_side_sees(
    client_for, coordinator, officer, events
):
    report = make_report(coordinator, status="shared", level=2)
    data = form_data(
        report,
        level="3",
        summary="Lugnt vid torget.",
        **{
            "cat-narcotics-level": "4",
            "cat-narcotics-trend": "worse",
            "cat-narcotics-note": "Ökat.",
        },
    )

    response = client_for(coordinator).post(f"/reports/{report.pk}/edit/", data)

    assert response.status_code == 302
    revision = ReportRevision.objects.get(report=report)
    assert revision.changed_by == coordinator
    assert {(c.get("category"), c["field"]) for c in revision.changes} == {
        (None, "level"),
        ("narcotics", "level"),
        ("narcotics", "note"),
    }
    page = client_for(officer).get(f"/reports/{report.pk}/").content.decode()
    assert "Ändrad av Samordnare Angered" in page
    assert "2 – normalt" in page and "3 – förhöjt" in page
    assert "Öppen försäljning." in page and "Ökat." in page
    assert events == [
        (report.pk, "shared", "samordnare-angered"),
        (report.pk, "revised", "samordnare-angered"),
    ]


def test_editing_a_draft_keeps_no_revision_and_tells_nobody(client_for, coordinator, events):
    report = make_report(coordinator)
    client_for(coordinator).post(f"/reports/{report.pk}/edit/", form_data(report, summary="Nytt."))
    report.refresh_from_db()
    assert (report.summary, report.version) == ("Nytt.", 2)
    assert not ReportRevision.objects.exists()
    assert events == []


def test_report_shows_what_changed_since_the_sides_previous_report(client_for, coordinator):
    make_report(coordinator, status="shared", weeks_back=1, level=2)
    report = make_report(
        coordinator,
        level=4,
        assessments={"narcotics": {"level": 4, "trend": "worse", "note": ""}},
    )
    previous = reports_access.previous_report_for(coordinator, report)

    page = client_for(coordinator).get(f"/reports/{report.pk}/").content.decode()

    assert previous is not None and previous.period_label in page
    assert "Vad har ändrats sedan förra lägesbilden" in page
    assert page.count(">ändrad</span>") == 2  # overall and narcotics


def test_text_is_escaped_and_keeps_line_breaks(client_for, coordinator):
    report = make_report(coordinator, summary="<script>alert(1)</script>\nRad två")
    page = client_for(coordinator).get(f"/reports/{report.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Rad två" in page


def test_reports_are_linked_from_the_menu_home_and_area_pages(client_for, coordinator):
    client = client_for(coordinator)
    home = client.get("/").content.decode()
    assert 'href="/reports/"' in home and 'href="/reports/new/"' in home
    area = CollaborationArea.objects.get(slug="angered")
    key = area.next_due_period(dt.date.today()).key
    area_page = client.get("/areas/angered/").content.decode()
    assert f'href="/areas/angered/picture/{key}/"' in area_page
    assert 'href="/reports/new/?area=angered"' in area_page
