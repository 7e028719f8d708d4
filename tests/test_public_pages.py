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


def test_accessibility_statement_names_its_known_problems_with_dates(anonymous):
    text = anonymous.get("/accessibility/").content.decode()
    assert "delvis förenlig med nivå AA" in text
    for problem in ["Diagram på översikterna", "PDF-dokument", "Administrationssidorna"]:
        assert f"<strong>{problem}.</strong>" in text
    assert "Du loggas ut efter 30 minuter utan aktivitet" in text
    assert "inte granskat dem med ett verktyg för tillgängliga PDF-filer som PAC" in text
    assert text.count("Känd sedan 2 december 2026.") == 5
    assert "Vi känner inte till något innehåll" not in text


def test_accessibility_statement_says_how_the_portal_is_tested(anonymous):
    text = anonymous.get("/accessibility/").content.decode()
    assert "varje sida med axe-core mot WCAG 2.1 A och AA" in text
    assert "minst 2 pixlar bred och har en kontrast på minst 3:1" in text
    assert "en bredd på 320 pixlar utan att behöva rullas i sidled" in text
    assert "felsammanfattningen får fokus" in text
    assert "med enbart tangentbordet, inom ett bestämt antal tangenttryckningar" in text
    assert "Redogörelsen sågs senast över den 2 december 2026." in text


def test_accessibility_statement_gives_the_contact_from_settings_and_diggs_page(
    anonymous, settings
):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@goteborg.example"
    settings.ACCESSIBILITY_CONTACT_PHONE = "031-390 06 42"
    settings.SESSION_IDLE_SECONDS = 20 * 60
    text = anonymous.get("/accessibility/").content.decode()
    assert '<a href="mailto:tillganglighet@goteborg.example">' in text
    assert "Telefon: 031-390 06 42" in text
    assert '<a href="https://www.digg.se/tdosanmalan">' in text
    assert "Anmäl bristande tillgänglighet till Digg" in text
    assert "Du loggas ut efter 20 minuter utan aktivitet" in text


def test_accessibility_statement_in_english(anonymous, settings):
    anonymous.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = anonymous.get("/accessibility/").content.decode()
    assert "partially meets the level AA" in text
    assert "Known since 2 December 2026." in text
    assert "The statement was last reviewed on 2 December 2026." in text


def test_accessibility_statement_names_what_the_pdfs_cannot_mark(anonymous):
    text = anonymous.get("/accessibility/").content.decode()
    assert "Sidfoten på varje sida (vem som skrev ut den, när och sidnumret)" in text
    assert "(WeasyPrint) kan inte märka den så i PDF/UA-1" in text
