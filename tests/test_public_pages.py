"""Public pages without sign-in: the privacy notice and the accessibility statement (DOS law)."""

import pytest
from django.test import Client

from accounts.models import BarrierReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous():
    return Client()


def test_privacy_notice_is_public_and_says_what_is_kept(anonymous):
    response = anonymous.get("/privacy/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Integritetsmeddelande" in text
    assert "Granskningslogg" in text
    assert "personnummer" in text


def test_accessibility_statement_is_public_and_names_the_law_and_supervisor(anonymous):
    response = anonymous.get("/accessibility/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Tillgänglighetsredogörelse" in text
    assert "lagen om tillgänglighet till digital offentlig service" in text
    assert "Digg" in text


def test_a_barrier_can_be_reported_without_signing_in(anonymous):
    response = anonymous.post(
        "/accessibility/",
        {
            "page": "Lägesbilder",
            "description": "Diagrammet går inte att läsa med skärmläsare.",
            "email": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Tack" in response.content.decode()
    report = BarrierReport.objects.get()
    assert report.description == "Diagrammet går inte att läsa med skärmläsare."


def test_barrier_report_without_a_description_is_refused_and_keeps_what_was_typed(anonymous):
    response = anonymous.post("/accessibility/", {"page": "Startsidan", "description": ""})
    assert response.status_code == 200
    assert "Startsidan" in response.content.decode()
    assert not BarrierReport.objects.exists()


def test_footer_links_to_both_pages(anonymous):
    text = anonymous.get("/accounts/login/").content.decode()
    assert 'href="/privacy/"' in text
    assert 'href="/accessibility/"' in text
