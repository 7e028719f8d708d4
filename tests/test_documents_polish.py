"""Documents that read well: no heading printed over the next column, progress as plain
numbers, file names in the reader's words, spreadsheets with real dates and column widths."""

import datetime as dt
import decimal
import io

import pytest
from django.conf import settings
from django.utils import timezone, translation
from openpyxl import load_workbook

from measures.models import MeasureProgress
from situation_pictures import services
from situation_pictures.models import ActionPlanItem, SituationPicture
from situation_pictures.yearly import picture_facts
from tests.documents_helpers import incident, measure, overflowing_cells, pdf_text
from tests.report_factory import DAY, make_report
from tryggportal.lib.pdf import document_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def angered(coordinator, officer):
    """Angered, v. 47 2026: both sides' shared reports, an incident, and a measure of 200
    patrols with 4 done."""
    city = make_report(coordinator, status="shared")
    make_report(officer, status="shared", level=3)
    incident(coordinator, "Klotter vid entrén")
    patrols = measure(
        officer,
        "Kvällspatruller vid Hjällbo",
        target=decimal.Decimal("200"),
        target_unit="patruller",
    )
    MeasureProgress.objects.create(
        measure=patrols, date=DAY, amount=decimal.Decimal("4"), recorded_by=officer
    )
    return city


def test_the_yearly_pdf_prints_no_text_over_the_next_column(angered, dev_lead):
    # A city area's picture lists its measures: "Förfallodatum" was wider than its column.
    picture = SituationPicture.objects.create(
        year=2026, district=angered.area.district, window_start=dt.date(2026, 1, 1),
        window_end=dt.date(2026, 12, 31), created_by=dev_lead,
    )  # fmt: skip
    ActionPlanItem.objects.create(
        picture=picture, text="Belysning", owner="Fastighetsägarnasamverkansgruppen",
        due_date=dt.date(2027, 6, 30),
    )  # fmt: skip
    facts = picture_facts(picture, dev_lead)
    assert facts["measures"]  # the measures' table is there
    with translation.override("sv"):
        context = services.situation_picture_pdf_context(picture, facts)
        html = document_html(services.SITUATION_PICTURE_PDF, context, dev_lead)

    assert "Förfallodatum" in html
    assert overflowing_cells(html) == []


def test_progress_reads_as_plain_numbers(client_for, angered, director):
    text = pdf_text(client_for(director).get(f"/areas/angered/picture/{angered.period.key}/pdf/"))

    assert "4 av 200 patruller (2 %)" in text
    assert "4,0" not in text and "200,0" not in text


def _filename(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    return disposition.removeprefix('attachment; filename="').removesuffix('"')


def test_file_names_are_in_the_readers_words(client_for, angered, dev_lead):
    client = client_for(dev_lead)
    picture = SituationPicture.objects.create(
        year=2026, window_start=dt.date(2026, 1, 1), window_end=dt.date(2026, 12, 31),
        created_by=dev_lead,
    )  # fmt: skip
    today = timezone.localdate().isoformat()

    names = [
        _filename(client.get(f"/reports/{angered.pk}/pdf/")),
        _filename(client.get(f"/areas/angered/picture/{angered.period.key}/pdf/")),
        _filename(client.get(f"/situation-pictures/{picture.pk}/pdf/")),
        _filename(client.get("/reports/export.xlsx")),
        _filename(client.get("/incidents/export.csv")),
        _filename(client.get("/measures/export.xlsx")),
    ]

    assert names == [
        "lagesbild-angered-2026-11-16-staden.pdf",
        "gemensam-lagesbild-angered-2026-w47.pdf",
        "kommunens-lagesbild-2026-hela-kommunen-utkast.pdf",
        f"lagesbilder-{today}.xlsx",
        f"handelser-{today}.csv",
        f"atgarder-{today}.xlsx",
    ]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _filename(client.get(f"/reports/{angered.pk}/pdf/")) == (
        "situation-report-angered-2026-11-16-city.pdf"
    )
    assert _filename(client.get("/measures/export.csv")) == f"measures-{today}.csv"


def _sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_xlsx_dates_are_date_cells_with_a_format_and_every_column_has_a_width(
    client_for, angered, coordinator
):
    client = client_for(coordinator)
    reports = _sheet(client.get("/reports/export.xlsx"))
    incidents = _sheet(client.get("/incidents/export.xlsx"))
    measures = _sheet(client.get("/measures/export.xlsx"))

    for sheet, heading, number_format in [
        (reports, "Periodens början", "yyyy-mm-dd"),
        (reports, "Delad", "yyyy-mm-dd hh:mm"),
        (incidents, "När", "yyyy-mm-dd hh:mm"),
        (measures, "Start", "yyyy-mm-dd"),
        (measures, "Slutdatum", "yyyy-mm-dd"),
    ]:
        headings = [cell.value for cell in sheet[1]]
        cell = sheet.cell(row=2, column=headings.index(heading) + 1)
        assert cell.is_date and isinstance(cell.value, dt.datetime), heading
        assert cell.number_format == number_format, heading
        # wide enough for the date as formatted: no "########"
        width = sheet.column_dimensions[cell.column_letter].width
        assert width >= len(number_format), heading

    for sheet in (reports, incidents, measures):
        assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
        for column in range(1, sheet.max_column + 1):
            letter = sheet.cell(row=1, column=column).column_letter
            assert 6 <= sheet.column_dimensions[letter].width <= 62

    headings = [cell.value for cell in measures[1]]
    row = [cell.value for cell in measures[2]]
    assert row[headings.index("Mål")] == 200 and row[headings.index("Uppnått")] == 4
    assert measures.cell(row=2, column=headings.index("Mål") + 1).data_type == "n"
