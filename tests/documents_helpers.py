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
