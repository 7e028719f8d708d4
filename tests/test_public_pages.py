"""Public pages without sign-in: the privacy notice and the accessibility statement (DOS law)."""

import re

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


def meta_description(html: str) -> str:
    found = re.search(r'<meta name="description" content="([^"]*)">', html)
    return found and found.group(1)


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("/accounts/login/", "Logga in i Tryggportal, Göteborgs Stads och polisens gemensamma"),
        ("/privacy/", "Hur Tryggportal hanterar personuppgifter"),
        ("/accessibility/", "Hur tillgänglig Tryggportal är, hur den testas, kända brister"),
    ],
)
def test_each_public_page_describes_itself_in_swedish(anonymous, address, words):
    description = meta_description(anonymous.get(address).content.decode())
    assert description.startswith(words)
    assert len(description) <= 160  # what a search engine shows in full


def test_the_public_pages_describe_themselves_in_english_too(anonymous, settings):
    anonymous.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = anonymous.get("/accessibility/").content.decode()
    assert meta_description(html).startswith("How accessible Tryggportal is")
