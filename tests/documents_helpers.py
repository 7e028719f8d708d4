"""Shared by the document tests: PDFs read back as text, incidents and measures in a period."""

import datetime as dt
import io

from django.utils import timezone
from pypdf import PdfReader

from districts.models import CollaborationArea
from incidents.models import Incident, Visibility
from measures.models import Measure
from reports.models import Category
from tests.report_factory import DAY

STOCKHOLM = timezone.get_default_timezone()


def pdf_text(response) -> str:
    """All the text of a PDF response, pages joined, whitespace collapsed."""
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def pdf_reader(response) -> PdfReader:
    return PdfReader(io.BytesIO(response.content))


def incident(author, description, *, area="angered", police_only=False, day=DAY, **extra):
    return Incident.objects.create(
        area=CollaborationArea.objects.get(slug=area),
        occurred_at=dt.datetime.combine(day, dt.time(21, 30), STOCKHOLM),
        category=Category.objects.get(code=extra.pop("category", "narcotics")),
        description=description,
        severity=2,
        reported_side=author.side,
        visibility=Visibility.POLICE_ONLY if police_only else Visibility.SHARED,
        created_by=author,
        **extra,
    )


def measure(owner, title, *, area="angered", status="ongoing", **extra):
    return Measure.objects.create(
        area=CollaborationArea.objects.get(slug=area),
        title=title,
        owner_side=owner.side,
        owner_user=owner,
        start_date=DAY - dt.timedelta(days=10),
        due_date=DAY + dt.timedelta(days=30),
        status=status,
        created_by=owner,
        **extra,
    )


def overflowing_cells(html: str) -> list[str]:
    """The texts that WeasyPrint lays out wider than their table cell, so that they print
    over the next column (as "Förfallodatum" did over "Framsteg")."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from tryggportal.lib.pdf import BASE_URL, _fetcher_class, _style

    stylesheets, font_config = _style()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher_class()()).render(
        stylesheets=stylesheets, font_config=font_config
    )
    found = []
    for page in document.pages:
        for cell in page._page_box.descendants():
            if not isinstance(cell, boxes.TableCellBox):
                continue
            right = cell.content_box_x() + cell.width
            for box in cell.descendants():
                if isinstance(box, boxes.TextBox) and box.position_x + box.width > right + 0.5:
                    found.append(box.text)
    return found
