"""The joint picture's PDF says what its page says: every difference the page marks (levels
differ, rated by one side only, trends differ), in the same rows, and both sides'
acknowledgements with their comments."""

import re

import pytest
from django.conf import settings

from reports import services
from reports.models import SituationReport
from tests.documents_helpers import pdf_reader, pdf_text
from tests.report_factory import make_report

pytestmark = pytest.mark.django_db

KINDS = "nivåerna skiljer sig|bedömd av bara en sida|trenderna skiljer sig"
CITY_COMMENT = "Polisen ser mer oro kring torget."
POLICE_COMMENT = "Vi ser inte samma ökning av våldet."


@pytest.fixture
def picture(coordinator, officer):
    """Angered, v. 47 2026: overall levels and trends differ, narcotics' levels and trends,
    violence rated by the city only, threats' trends; youth and school agree. Each side has
    acknowledged the other's report with a comment."""
    city = make_report(
        coordinator, status="shared", level=2, summary="Staden: lugnt.",
        assessments={
            "narcotics": {"level": 2, "trend": "unchanged", "note": "Som vanligt."},
            "violence": {"level": 3, "trend": "worse", "note": "Två bråk."},
            "threats": {"level": 2, "trend": "better", "note": ""},
            "youth": {"level": 3, "trend": "worse", "note": ""},
            "school": {"level": 1, "trend": "unchanged", "note": ""},
        },
    )  # fmt: skip
    police = make_report(
        officer, status="shared", level=3, summary="Polisen: förhöjt.",
        assessments={
            "narcotics": {"level": 4, "trend": "worse", "note": "Öppen handel."},
            "violence": {"level": None, "trend": "", "note": "Inget att tillägga."},
            "threats": {"level": 2, "trend": "worse", "note": ""},
            "youth": {"level": 3, "trend": "worse", "note": ""},
            "school": {"level": 1, "trend": "unchanged", "note": ""},
        },
    )  # fmt: skip
    SituationReport.objects.filter(pk=police.pk).update(trend="worse")
    services.report_acknowledge(report=city, actor=officer, comment=CITY_COMMENT, view_differs=True)
    services.report_acknowledge(
        report=police, actor=coordinator, comment=POLICE_COMMENT, view_differs=False
    )
    return f"/areas/angered/picture/{city.period.key}/"


def page_differences(html: str) -> list[tuple[str, list[str]]]:
    """(row heading, its difference badges) for each row of the page's comparison."""
    section = html[html.index('id="sides-heading"') : html.index('id="summary-heading"')]
    rows = []
    for inner in re.findall(r'<th scope="row">(.*?)</th>', section, flags=re.DOTALL):
        name = re.sub(r"<.*", "", inner, flags=re.DOTALL).strip()
        badges = re.findall(r'<span class="badge[^"]*">([^<]+)</span>', inner)
        rows.append((name, badges))
    return rows


def pdf_difference_groups(text: str) -> list[list[str]]:
    """Each row's "(kind, kind)" in the PDF's text, in the order of the document."""
    return [
        group.split(", ")
        for group in re.findall(rf"\(((?:{KINDS})(?:, (?:{KINDS}))*)\)", text)
        # the line above the table names every kind once, as the page's does
        if not text.count(f"nedan: {group}")
    ]


def test_the_pdf_flags_every_difference_the_page_marks(client_for, picture, director):
    client = client_for(director)
    page = page_differences(client.get(picture).content.decode())
    text = pdf_text(client.get(picture + "pdf/"))

    marked = [(name, kinds) for name, kinds in page if kinds]
    assert marked == [
        ("Sammantaget", ["nivåerna skiljer sig", "trenderna skiljer sig"]),
        (
            "Narkotika – öppen försäljning och användning",
            ["nivåerna skiljer sig", "trenderna skiljer sig"],
        ),
        ("Våld, skjutningar och explosioner", ["bedömd av bara en sida"]),
        ("Hot och trakasserier", ["trenderna skiljer sig"]),
    ]
    assert pdf_difference_groups(text) == [kinds for _name, kinds in marked]
    for name, kinds in marked:
        assert f"{name} ({', '.join(kinds)})" in text
    for name, kinds in page:
        if not kinds:
            assert f"{name} (" not in text
    assert "4 skillnader att prata om" in text


def test_the_pdf_holds_both_acknowledgements_and_their_comments(client_for, picture, director):
    text = pdf_text(client_for(director).get(picture + "pdf/"))

    assert CITY_COMMENT in text and POLICE_COMMENT in text
    assert "Kvitterad av Kommunpolis Nordost" in text
    assert "Kvitterad av Samordnare Angered" in text
    assert text.count("vår bild skiljer sig") == 1


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_pdfs_text_is_marked_with_its_language_in_either_interface(
    client_for, picture, director, language
):
    # WeasyPrint writes only <html lang>; the users' Swedish texts carry their own lang="sv"
    # in the English interface, and it reaches their tags (tryggportal/lib/pdf.py).
    from tests.test_pdf_lib import _languages

    client = client_for(director)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(picture + "pdf/")

    assert pdf_reader(response).trailer["/Root"]["/Lang"] == language
    marked = _languages(response.content)
    if language == "sv":
        assert marked == []  # everything is Swedish, as the document says
    else:
        # both summaries, three notes, both acknowledgement comments
        assert marked.count("sv") >= 7 and set(marked) == {"sv"}
        assert "Acknowledged by" in pdf_text(response)
