"""The joint picture only exists for periods of the area's exchange: from the period the area
began in to the one the sides file now. Anything else, malformed keys included, is 404."""

import datetime as dt

import pytest
from django.utils import timezone

from districts.models import CollaborationArea
from districts.periods import MONTHLY
from reports import services
from reports.models import JointPicture


@pytest.fixture
def angered(goteborg):
    return CollaborationArea.objects.get(slug="angered")


def url(key, suffix=""):
    return f"/areas/angered/picture/{key}/{suffix}"


def test_the_current_period_opens_without_a_next_link(client_for, coordinator, angered):
    current = angered.next_due_period(timezone.localdate())
    page = client_for(coordinator).get(url(current.key))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nästa period" not in text
    assert f'href="{url(current.previous().key)}"' in text


def test_a_past_period_links_to_the_next_one(client_for, coordinator, angered):
    past = angered.next_due_period(timezone.localdate()).previous()
    text = client_for(coordinator).get(url(past.key)).content.decode()
    assert f'href="{url(past.next().key)}"' in text


@pytest.mark.parametrize(
    "key",
    [
        "2031-W05",  # future weeks
        "1900-W01",  # long before the area began (2015-01-01)
        "2014-W52",  # the week before the area's first
        "9999-W52",  # the calendar's last weeks: once an OverflowError, a 500
        "9999-W53",
        "0000-W01",
        "2026-W54",
        "2026-W00",
        "2026-W5",
        "2026-11",  # a month for a weekly area
        "nonsense",
    ],
)
def test_periods_outside_the_exchange_and_malformed_keys_are_404(client_for, coordinator, key):
    assert client_for(coordinator).get(url(key)).status_code == 404


def test_next_week_is_404_and_the_first_week_has_no_previous_link(client_for, coordinator, angered):
    client = client_for(coordinator)
    assert (
        client.get(url(angered.next_due_period(timezone.localdate()).next().key)).status_code == 404
    )
    first = client.get(url("2015-W01"))  # the week holding 2015-01-01, when the area began
    assert first.status_code == 200
    assert "Föregående period" not in first.content.decode()


def test_a_summary_or_signature_for_a_future_period_is_refused_and_nothing_is_stored(
    client_for, coordinator, angered
):
    future = angered.next_due_period(timezone.localdate()).next()
    client = client_for(coordinator)
    data = {"summary": "Gemensamt för en vecka som inte har kommit.", "version": "1"}
    assert client.post(url(future.key, "summary/"), data).status_code == 404
    assert client.post(url("2031-W05", "summary/"), data).status_code == 404
    assert client.post(url(future.key, "sign/"), {"version": "1"}).status_code == 404
    assert not JointPicture.objects.exists()


def test_a_monthly_area_refuses_the_calendars_last_month_and_future_months(
    client_for, coordinator, angered
):
    angered.cadence = MONTHLY
    angered.save()
    client = client_for(coordinator)
    for key in ("9999-12", "2031-01", "2014-12", "2026-13", "2026-W47"):
        assert client.get(url(key)).status_code == 404, key
    assert client.get(url("2026-10")).status_code == 200


def test_an_ended_area_has_no_periods_after_its_end(client_for, coordinator, angered):
    angered.valid_to = dt.date(2020, 12, 31)
    angered.save()
    client = client_for(coordinator)
    assert client.get(url("2021-W10")).status_code == 404
    last = client.get(url("2020-W53"))  # the week holding 2020-12-31
    assert last.status_code == 200
    assert "Nästa period" not in last.content.decode()


def test_a_report_filed_ahead_of_its_period_links_to_no_joint_picture(
    client_for, coordinator, angered
):
    ahead = angered.last_period(timezone.localdate()).next()  # the new-report form offers it
    report = services.report_create(
        area=angered, actor=coordinator, period=ahead, assessments={},
        fields={"level": 2, "trend": "unchanged", "summary": "Förberett.", "places_text": "",
                "theme_notes": ""},
    )  # fmt: skip
    page = client_for(coordinator).get(f"/reports/{report.pk}/").content.decode()
    assert "/picture/" not in page


@pytest.mark.parametrize(
    "key",
    ["next", "2031-W05", "2014-W52", "9999-W53", "2026-W54", "2026-11", "nonsense"],
)
def test_the_page_its_pdf_and_its_marking_answer_alike_and_the_marking_stores_nothing(
    client_for, coordinator, angered, key
):
    """One check (`reports_access.joint_picture_period`) for every address of a joint picture: the PDF
    of a week not begun was once a 200, and marking it made a joint picture row for it."""
    if key == "next":  # the week after the one the sides file now
        key = angered.next_due_period(timezone.localdate()).next().key
    client = client_for(coordinator)

    answers = {
        "page": client.get(url(key)).status_code,
        "pdf": client.get(url(key, "pdf/")).status_code,
        "marking": client.post(url(key, "secrecy/"), {"provision": "18 kap. 1 §"}).status_code,
        "summary": client.post(url(key, "summary/"), {"summary": "x", "version": "1"}).status_code,
    }

    assert answers == {"page": 404, "pdf": 404, "marking": 404, "summary": 404}
    assert not JointPicture.objects.exists()


def test_the_page_its_pdf_and_its_marking_accept_the_current_and_the_first_period(
    client_for, coordinator, angered
):
    client = client_for(coordinator)
    for key in (angered.next_due_period(timezone.localdate()).key, "2015-W01"):
        assert client.get(url(key)).status_code == 200, key
        assert client.get(url(key, "pdf/")).status_code == 200, key
        marked = client.post(url(key, "secrecy/"), {"provision": "18 kap. 1 §"})
        assert marked.status_code == 302 and marked["Location"] == url(key), key
    assert JointPicture.objects.count() == 2


def test_the_kept_form_check_is_the_same_check(angered):
    from reports import access as reports_access

    current = angered.next_due_period(timezone.localdate())
    assert reports_access.joint_picture_period_exists(slug="angered", period_key=current.key)
    for key in (current.next().key, "2014-W52", "nonsense"):
        assert not reports_access.joint_picture_period_exists(slug="angered", period_key=key)
    assert not reports_access.joint_picture_period_exists(slug="nowhere", period_key=current.key)
