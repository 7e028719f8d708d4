"""The accessibility statement's barrier form is public, so it takes at most 5 reports per
address and hour, answering 429 in Swedish after that, and ignores what robots fill in."""

import re

import pytest
from django.test import Client

from accounts.models import BarrierReport
from tryggportal.views import BARRIER_REPORTS

pytestmark = pytest.mark.django_db

REPORT = {"page": "Lägesbilder", "description": "Diagrammet går inte att läsa.", "email": ""}


def visitor(address="203.0.113.7"):
    return Client(REMOTE_ADDR=address)


def test_a_sixth_report_in_an_hour_answers_429_in_swedish_and_is_not_stored():
    anonymous = visitor()
    for n in range(BARRIER_REPORTS.limit):
        assert anonymous.post("/accessibility/", {**REPORT, "page": f"Sida {n}"}).status_code == 302

    response = anonymous.post("/accessibility/", REPORT)

    assert response.status_code == 429
    text = response.content.decode()
    assert "För många rapporter" in text
    assert re.search(r"Försök igen efter \d\d:00\.", text)
    assert 'href="/privacy/"' in text  # in the portal's layout, footer and all
    assert 0 < int(response["Retry-After"]) <= 60 * 60
    assert BarrierReport.objects.count() == 5


def test_another_address_may_still_report():
    for _ in range(BARRIER_REPORTS.limit):
        visitor("203.0.113.7").post("/accessibility/", REPORT)
    assert visitor("198.51.100.20").post("/accessibility/", REPORT).status_code == 302
    assert BarrierReport.objects.count() == 6


def test_refused_forms_do_not_use_up_the_limit():
    anonymous = visitor()
    for _ in range(10):
        assert anonymous.post("/accessibility/", {**REPORT, "description": ""}).status_code == 200
    assert anonymous.post("/accessibility/", REPORT).status_code == 302
    assert BarrierReport.objects.count() == 1


def test_the_honeypot_is_hidden_labelled_and_out_of_the_tab_order():
    page = visitor().get("/accessibility/").content.decode()
    trap = re.search(r'<div class="form-trap">(.*?)</div>', page, re.S)
    assert trap, "the honeypot sits in a form-trap block"
    assert "Lämna det här fältet tomt" in trap[1]
    assert 'tabindex="-1"' in trap[1] and 'autocomplete="off"' in trap[1]


def test_a_report_with_the_honeypot_filled_in_is_thanked_but_not_stored():
    response = visitor().post(
        "/accessibility/", {**REPORT, "website": "http://spam.example"}, follow=True
    )
    assert "Tack" in response.content.decode()
    assert not BarrierReport.objects.exists()
