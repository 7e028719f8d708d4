"""Every code point a text may hold exports: CSV and XLSX of the incident, measure and report
lists answer 200 and open (openpyxl) for every reader of the row, and the PDFs that show it
are made. XML 1.0 forbids some characters (C0 controls but tab, line feed and carriage
return; lone surrogates; U+FFFE, U+FFFF): `tryggportal.lib.spreadsheet.cell` replaces them,
and everything else arrives as it was typed."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from incidents import access as incidents_access
from measures import access as measures_access
from reports import access as reports_access
from tests.documents_helpers import incident, measure, pdf_text
from tests.report_factory import make_report
from tryggportal.lib.pdf import render_pdf
from tryggportal.lib.spreadsheet import cell, writer

C0 = "".join(chr(c) for c in range(0x20))
DEL = "\x7f"
C1 = "".join(chr(c) for c in range(0x80, 0xA0))
SURROGATES = "\ud800\udbff\udc00\udfff"
NONCHARACTERS = "\ufdd0\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff"
ASTRAL = "\U0001f600\U0001d11e\U00020000"
OTHER = "\ufeff\u200b\u202e\u00a0"  # byte-order mark, zero width space, right-to-left override
CLASSES = {
    "nul": "\x00",
    "vertical tab": "\x0b",
    "c0": C0,
    "del": DEL,
    "c1": C1,
    "surrogates": SURROGATES,
    "noncharacters": NONCHARACTERS,
    "astral": ASTRAL,
    "other": OTHER,
}
FORBIDDEN = set("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f") | {
    chr(c) for c in range(0x10, 0x20)
}
FORBIDDEN |= set(SURROGATES) | {"\ufffe", "\uffff"}
# What a database keeps (PostgreSQL refuses NUL, as the forms do, and SQLite lone surrogates
# before they could reach an export): every class but those two, in one text. Its astral characters are
# ones the PDFs' fonts have: a character no font has is drawn as a missing glyph, and then
# WeasyPrint writes the font so that pypdf cannot read the page's text back (the PDF is made
# and opens; that is a matter of fonts, not of this text).
GLYPHS = {"astral": "\U0001f600"}
STORED = (
    "Text "
    + "".join(GLYPHS.get(k, v) for k, v in CLASSES.items() if k != "surrogates").replace("\x00", "")
    + " slut"
)


def expected(text: str, fmt: str = "csv") -> str:
    """The text as the cell holds it. XML reads a carriage return as a line feed (XML 1.0
    § 2.11), as every spreadsheet program does, so an XLSX cell gives back a line feed."""
    text = "".join("\n" if ch in "\x0b\x0c" else "\ufffd" if ch in FORBIDDEN else ch for ch in text)
    return text.replace("\r\n", "\n").replace("\r", "\n") if fmt == "xlsx" else text


def xlsx_of(rows) -> list[list]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    for row in rows:
        sheet.append([cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    opened = load_workbook(io.BytesIO(out.getvalue()), read_only=True)
    return [list(row) for row in opened.active.iter_rows(values_only=True)]


@pytest.mark.parametrize("name", CLASSES)
def test_each_code_point_class_makes_a_cell_that_xlsx_and_csv_keep(name):
    text = f"Före {CLASSES[name]} efter"

    assert xlsx_of([[text, 3]]) == [[expected(text, "xlsx"), 3]]
    file = io.StringIO(newline="")
    writer(file, delimiter=";").writerow([text, 3])
    data = file.getvalue().encode("utf-8", "surrogatepass").decode("utf-8")  # encodes
    assert list(csv.reader(io.StringIO(data, newline=""), delimiter=";")) == [[expected(text), "3"]]


@pytest.mark.parametrize(
    ("typed", "written"),
    [("=1+1\x00", "'=1+1\ufffd"), ("@SUM(A1)\x0b", "'@SUM(A1)\n"), ("\x00=1", "\ufffd=1")],
)
def test_formulas_are_still_neutralised(typed, written):
    assert cell(typed) == written
    assert xlsx_of([[typed]]) == [[written]]


PERSONAS = [
    "coordinator", "other_coordinator", "officer", "director", "chief", "dev_lead", "admin_user",
]  # fmt: skip


@pytest.fixture
def texts(coordinator, officer):
    """A shared incident, a police-only incident, a measure and a shared report, each
    holding every storable code point class."""
    report = make_report(coordinator, status="shared", summary=STORED)
    return {
        "incidents": [incident(coordinator, STORED), incident(officer, STORED, police_only=True)],
        "measures": [measure(coordinator, STORED, target_unit=STORED[:50])],
        "reports": [report],
    }


def visible(user, name):
    querysets = {
        "incidents": incidents_access.incidents_visible_to,
        "measures": measures_access.measures_visible_to,
        "reports": reports_access.reports_visible_to,
    }
    return set(querysets[name](user).values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_list_exports_open_for_every_reader(request, client_for, texts, persona, fmt):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    for name, objects in texts.items():
        response = client.get(f"/{name}/export.{fmt}")

        assert response.status_code == 200, (name, fmt)
        if fmt == "csv":
            rows = list(
                csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
            )
        else:
            workbook = load_workbook(io.BytesIO(response.content), read_only=True)
            rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
        shown = {int(row[0]): row for row in rows[1:]}
        for obj in objects:
            assert (obj.pk in shown) is (obj.pk in visible(user, name))
            if obj.pk in shown:
                assert expected(STORED, fmt) in shown[obj.pk], (name, fmt)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coordinator", "officer", "director"])
def test_the_pdfs_showing_such_texts_are_made(request, client_for, texts, persona):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    report = texts["reports"][0]

    for url in (f"/reports/{report.pk}/pdf/", f"/areas/angered/picture/{report.period.key}/pdf/"):
        response = client.get(url)

        assert response.status_code == 200, url
        text = pdf_text(response)
        # (The right-to-left override in the text shows its end, "slut", as "tuls".)
        assert "Text \ufffd" in text and "\U0001f600" in text


@pytest.mark.parametrize("name", [k for k in CLASSES if k != "astral"])
def test_a_pdf_keeps_its_text_readable_whatever_characters_a_text_holds(name):
    html = f'<html lang="sv"><title>t</title><p>Före {CLASSES[name]} efter</p><p>Slutet</p>'

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(html))).pages)

    assert "Före" in text and "Slutet" in text  # ("efter" reads "retfe" after U+202E)
