"""Situation reports for tests, made through the services as a user would make them."""

import datetime as dt

from districts.models import CollaborationArea
from reports import services
from reports.models import Category

# A fixed Wednesday, so periods in tests do not depend on today's date.
DAY = dt.date(2026, 11, 18)


def make_report(
    author,
    *,
    area="angered",
    status="draft",
    weeks_back=0,
    level=2,
    summary="Lugnt vid torget.",
    acknowledger=None,
    assessments=None,
):
    area = CollaborationArea.objects.get(slug=area)
    period = area.period_containing(DAY - dt.timedelta(weeks=weeks_back))
    report = services.report_create(
        area=area,
        actor=author,
        period=period,
        fields={
            "level": level,
            "trend": "unchanged",
            "summary": summary,
            "places_text": "",
            "theme_notes": "",
        },
        assessments=assessments
        or {"narcotics": {"level": level, "trend": "worse", "note": "Öppen försäljning."}},
    )
    if status in ("shared", "acknowledged"):
        services.report_share(report=report, actor=author)
    if status == "acknowledged":
        services.report_acknowledge(
            report=report, actor=acknowledger, comment="Vi delar bilden.", view_differs=False
        )
    report.refresh_from_db()
    return report


def form_data(report=None, **overrides):
    """A complete, valid report form as a browser would post it."""
    data = {
        "level": "2",
        "trend": "unchanged",
        "summary": "Lugnt i området.",
        "places_text": "",
        "theme_notes": "",
    }
    for category in Category.objects.filter(active=True):
        data[f"cat-{category.code}-level"] = ""
        data[f"cat-{category.code}-trend"] = ""
        data[f"cat-{category.code}-note"] = ""
    if report is not None:
        data["version"] = str(report.version)
    data.update(overrides)
    return data
