"""Anyone can post signed out, so what the kept-forms mechanism stores is bounded: only for
addresses of marked views naming real objects, at most 3 forms of 80,000 characters per session,
and at most 20 kept forms per address and hour. Beyond that the visitor is sent to sign in all
the same, and nothing is kept."""

import random

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from districts.models import CollaborationArea
from tests.report_factory import form_data, make_report
from tryggportal.lib.kept_forms import (
    KEPT_FORMS_PER_ADDRESS,
    MAX_KEPT_CHARS,
    MAX_KEPT_FORMS,
    SESSION_KEY,
)


def kept(client):
    """The forms kept in the client's session row (`client.session` would create one)."""
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    row = Session.objects.filter(session_key=cookie.value).first() if cookie else None
    return row.get_decoded().get(SESSION_KEY, {}) if row else {}


def posted_signed_out(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.fixture
def reports(coordinator):
    return [make_report(coordinator, weeks_back=n) for n in range(MAX_KEPT_FORMS + 1)]


def test_a_form_over_the_size_cap_is_not_kept(reports):
    client = Client()
    url = f"/reports/{reports[0].pk}/edit/"
    posted_signed_out(client, url, form_data(reports[0], summary="x" * (MAX_KEPT_CHARS + 1)))
    assert url not in kept(client)

    posted_signed_out(client, url, form_data(reports[0], summary="x" * 15_000))
    assert kept(client)[url]["summary"] == ["x" * 15_000]


def test_many_field_names_count_towards_the_size_cap(reports):
    client = Client()
    url = f"/reports/{reports[0].pk}/edit/"
    padding = {f"field-{n:04d}-{'n' * 89}": "" for n in range(900)}  # 900 × 100 characters
    posted_signed_out(client, url, {**form_data(reports[0]), **padding})
    assert url not in kept(client)


def test_at_most_three_forms_are_kept_per_session_the_newest(reports):
    client = Client()
    urls = [f"/reports/{report.pk}/edit/" for report in reports]
    for report, url in zip(reports, urls, strict=True):
        posted_signed_out(client, url, form_data(report, summary=f"Text {report.pk}"))
    assert list(kept(client)) == urls[-MAX_KEPT_FORMS:]
    # Posting an older one again makes it the newest; the oldest kept one goes.
    posted_signed_out(client, urls[1], form_data(reports[1], summary="Igen"))
    assert list(kept(client)) == [urls[2], urls[3], urls[1]]
    assert kept(client)[urls[1]]["summary"] == ["Igen"]


def test_a_form_posted_to_a_report_that_does_not_exist_is_not_kept(reports):
    client = Client()
    for url in ("/reports/987654/edit/", "/reports/987654/acknowledge/"):
        posted_signed_out(client, url, {"summary": "Fyller sessionen."})
    assert kept(client) == {}
    assert not Session.objects.exists()


def test_a_summary_for_a_period_outside_the_exchange_or_an_unknown_area_is_not_kept(goteborg):
    area = CollaborationArea.objects.get(slug="angered")
    current = area.next_due_period(timezone.localdate())
    client = Client()
    for url in (
        f"/areas/angered/picture/{current.next().key}/summary/",
        "/areas/angered/picture/2031-W05/summary/",
        "/areas/angered/picture/9999-W52/summary/",
        f"/areas/no-such-area/picture/{current.key}/summary/",
    ):
        posted_signed_out(client, url, {"summary": "Text", "version": "1"})
    assert kept(client) == {}

    url = f"/areas/angered/picture/{current.key}/summary/"
    posted_signed_out(client, url, {"summary": "Gemensam text.", "version": "1"})
    assert kept(client)[url]["summary"] == ["Gemensam text."]


def test_an_address_that_resolves_to_no_view_keeps_nothing(reports):
    client = Client()
    response = client.post(f"/reports/{reports[0].pk}/edit/more/", {"summary": "Text"})
    assert response.status_code == 404
    assert not Session.objects.exists()


def test_one_address_gets_at_most_twenty_kept_forms_an_hour(reports):
    url = f"/reports/{reports[0].pk}/edit/"
    for _ in range(KEPT_FORMS_PER_ADDRESS.limit):  # each post without a cookie: a new session
        posted_signed_out(Client(REMOTE_ADDR="203.0.113.7"), url, form_data(reports[0]))
    assert Session.objects.count() == KEPT_FORMS_PER_ADDRESS.limit

    late = Client(REMOTE_ADDR="203.0.113.7")
    posted_signed_out(late, url, form_data(reports[0]))
    assert kept(late) == {}
    assert Session.objects.count() == KEPT_FORMS_PER_ADDRESS.limit
    other = Client(REMOTE_ADDR="198.51.100.20")
    posted_signed_out(other, url, form_data(reports[0]))
    assert url in kept(other)


def test_a_full_session_row_is_bounded_by_the_caps(reports):
    """Three forms at the cap, of text that does not compress: the most one session row holds
    (before the caps, any number of 200,000-character forms)."""
    letters = random.Random(13)
    client = Client()
    for report in reports:
        data = form_data(report)
        room = MAX_KEPT_CHARS - sum(len(k) + len(str(v)) for k, v in data.items())
        data["summary"] = "".join(
            letters.choice("abcdefghijklmnopqrstuvwxyzåäö ") for _ in range(room)
        )
        posted_signed_out(client, f"/reports/{report.pk}/edit/", data)
    assert len(kept(client)) == MAX_KEPT_FORMS
    assert len(Session.objects.get().session_data) < 3 * MAX_KEPT_CHARS
