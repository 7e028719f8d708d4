"""Review where it is needed and a joint picture ready for the meeting (issue 14)."""

import datetime as dt

import pytest
import time_machine

from districts.models import CollaborationArea
from notifications import services as notification_services
from notifications.models import Notification, NotificationKind
from reports import services
from tests.report_factory import make_report

pytestmark = pytest.mark.usefixtures("_wednesday_week_47")


@pytest.fixture
def _wednesday_week_47():
    with time_machine.travel(dt.datetime(2026, 11, 18, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def week_47():
    area = CollaborationArea.objects.get(slug="angered")
    return area, area.period_containing(dt.date(2026, 11, 18))


def write_and_sign(actor, summary="Vi prioriterar torget."):
    area, period = week_47()
    picture = services.joint_picture_save_summary(
        area=area, period=period, actor=actor, summary=summary, expected_version=1
    )
    return services.joint_picture_sign(
        area=area, period=period, actor=actor, expected_version=picture.version
    )


# --- Acknowledging and signing ---


def test_the_acknowledge_form_is_at_the_top_of_the_report(client_for, coordinator, officer):
    report = make_report(coordinator, status="shared")

    page = client_for(officer).get(f"/reports/{report.pk}/").content.decode()

    assert page.index(f'action="/reports/{report.pk}/acknowledge/"') < page.index("Samlad bild")


def test_signing_the_joint_summary_asks_the_other_side_once(
    client_for, coordinator, officer, other_coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        picture = write_and_sign(officer)
    with django_capture_on_commit_callbacks(execute=True):  # signing again changes nothing
        area, period = week_47()
        services.joint_picture_sign(
            area=area, period=period, actor=officer, expected_version=picture.version
        )

    asked = Notification.objects.filter(kind=NotificationKind.JOINT_SUMMARY)
    assert [n.recipient for n in asked] == [coordinator]
    assert asked[0].link == "/areas/angered/picture/2026-W47/"
    page = client_for(coordinator).get("/notifications/").content.decode()
    assert "är underskriven av polisen och väntar på er sidas underskrift" in page
    assert not other_coordinator.notifications.exists()
    assert not officer.notifications.filter(kind=NotificationKind.JOINT_SUMMARY).exists()


def test_the_second_signature_asks_no_one(coordinator, officer, django_capture_on_commit_callbacks):
    picture = write_and_sign(officer)
    Notification.objects.all().delete()
    area, period = week_47()

    with django_capture_on_commit_callbacks(execute=True):
        services.joint_picture_sign(
            area=area, period=period, actor=coordinator, expected_version=picture.version
        )

    assert not Notification.objects.exists()


# --- Notifications dealt with, and overdue first ---


def test_a_reminder_dealt_with_no_longer_says_not_shared(client_for, coordinator):
    notification_services.reminders_sweep(today=dt.date(2026, 11, 19))  # week 47 due soon
    client = client_for(coordinator)
    assert "har ännu inte delats" in client.get("/notifications/").content.decode()

    make_report(coordinator, status="shared")

    page = client.get("/notifications/").content.decode()
    assert "har ännu inte delats" not in page
    assert "Klart: lägesbilden från staden för Angered, v. 47 2026, är delad." in page
    assert "Åtgärdad" in page


def test_overdue_notifications_come_first_and_look_it(client_for, coordinator, officer):
    notification_services.reminders_sweep(today=dt.date(2026, 11, 23))  # week 47 overdue
    police = make_report(officer, status="shared", weeks_back=0)
    notification_services.report_event_notify(
        report_id=police.pk, event="shared", occurrence=f"report-{police.pk}", actor_id=officer.pk
    )
    newest = coordinator.notifications.order_by("-created_at", "-pk").first()
    assert newest.kind == NotificationKind.SHARED

    page = client_for(coordinator).get("/notifications/").content.decode()

    first = page.index("notification-overdue")
    assert first < page.index("Lägesbild delad")
    assert '<span class="badge text-bg-danger badge-overdue me-1">Försenad</span>' in page


# --- The joint picture ---


@pytest.fixture
def both_shared(coordinator, officer):
    city = make_report(
        coordinator,
        status="shared",
        assessments={
            "narcotics": {"level": 3, "trend": "worse", "note": ""},
            "youth": {"level": 2, "trend": "unchanged", "note": ""},
        },
    )
    police = make_report(
        officer,
        status="shared",
        summary="Polisens bild.",
        assessments={
            "narcotics": {"level": 3, "trend": "better", "note": ""},
            "youth": {"level": 2, "trend": "unchanged", "note": ""},
            "school": {"level": 4, "trend": "", "note": "Hot mot personal."},
        },
    )
    services.report_acknowledge(
        report=city, actor=officer, comment="Vi ser mer vid skolan.", view_differs=True
    )
    return city, police


def row(page: str, name: str) -> str:
    start = page.index(f'<th scope="row">{name}')
    return page[start : page.index("</tr>", start)]


def test_every_difference_is_marked(client_for, coordinator, both_shared):
    page = client_for(coordinator).get("/areas/angered/picture/2026-W47/").content.decode()

    narcotics = row(page, "Narkotika")
    assert "trenderna skiljer sig" in narcotics and "nivåerna skiljer sig" not in narcotics
    school = row(page, "Skolrelaterad trygghet")
    assert "bedömd av bara en sida" in school and "ej bedömd" in school
    youth = row(page, "Ungdomsgrupperingar")
    assert "skiljer sig" not in youth and "bara en sida" not in youth
    assert "2 skillnader att prata om" in page


def test_acknowledgements_and_differing_views_are_on_the_picture(
    client_for, coordinator, both_shared
):
    page = client_for(coordinator).get("/areas/angered/picture/2026-W47/").content.decode()

    assert "Vi ser mer vid skolan." in page
    assert "vår bild skiljer sig" in page
    assert "Ännu inte kvitterad av den andra sidan." in page  # the police report


def test_categories_neither_side_rated_fold_away(client_for, coordinator, both_shared):
    page = client_for(coordinator).get("/areas/angered/picture/2026-W47/").content.decode()

    folded = page[page.index('<details class="unrated-categories') :]
    assert "Visa alla kategorier (9 som ingen sida bedömt)" in folded
    assert "Mopeder och trafik" in folded
    assert "Mopeder och trafik" not in page[: page.index('<details class="unrated-categories')]


def test_the_joint_summary_is_edited_in_an_explicit_mode_that_warns(
    client_for, coordinator, officer, both_shared
):
    client = client_for(coordinator)
    empty = client.get("/areas/angered/picture/2026-W47/").content.decode()
    assert '<details class="summary-edit" open>' in empty  # nothing written yet: open

    write_and_sign(officer)
    page = client.get("/areas/angered/picture/2026-W47/").content.decode()

    assert '<details class="summary-edit">' in page
    assert "Redigera den gemensamma sammanfattningen" in page
    assert "tas båda sidornas underskrifter bort" in page
    assert "Vi prioriterar torget." in page


def test_readers_see_the_picture_without_the_edit_mode(client_for, director, both_shared):
    page = client_for(director).get("/areas/angered/picture/2026-W47/").content.decode()

    assert "trenderna skiljer sig" in page
    assert "summary-edit" not in page
