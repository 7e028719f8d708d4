"""Who may view, edit, share and acknowledge a situation report: every cell of the matrix."""

import re
from pathlib import Path

import pytest

from reports.models import ReportStatus
from tests.report_factory import form_data, make_report

ROOT = Path(__file__).resolve().parent.parent

# Answers for a report filed by the CITY in Angered: (view, edit, share, acknowledge).
# 302 means the action was done (and redirected to the report); a police report mirrors this
# with the coordinator and the community officer swapping places.
CITY_REPORT = {
    "coordinator": {
        "draft": (200, 200, 302, 403),
        "shared": (200, 200, 403, 403),
        "acknowledged": (200, 200, 403, 403),
    },
    "officer": {
        "draft": (404, 404, 404, 404),
        "shared": (200, 403, 403, 302),
        "acknowledged": (200, 403, 403, 403),
    },
    "other_coordinator": {
        "draft": (404, 404, 404, 404),
        "shared": (404, 404, 404, 404),
        "acknowledged": (404, 404, 404, 404),
    },
    "director": {
        "draft": (404, 404, 404, 404),
        "shared": (200, 403, 403, 403),
        "acknowledged": (200, 403, 403, 403),
    },
    "chief": {
        "draft": (404, 404, 404, 404),
        "shared": (200, 403, 403, 403),
        "acknowledged": (200, 403, 403, 403),
    },
    "dev_lead": {
        "draft": (404, 404, 404, 404),
        "shared": (200, 403, 403, 403),
        "acknowledged": (200, 403, 403, 403),
    },
    "admin_user": {
        "draft": (404, 404, 404, 404),
        "shared": (200, 403, 403, 403),
        "acknowledged": (200, 403, 403, 403),
    },
}
MIRROR = {"coordinator": "officer", "officer": "coordinator"}
POLICE_REPORT = {MIRROR.get(persona, persona): cells for persona, cells in CITY_REPORT.items()}
CELLS = [
    (side, persona, status)
    for side, table in (("city", CITY_REPORT), ("police", POLICE_REPORT))
    for persona in table
    for status in ("draft", "shared", "acknowledged")
]


@pytest.mark.parametrize(("side", "persona", "status"), CELLS)
def test_report_access_matrix(request, client_for, coordinator, officer, side, persona, status):
    author, other = (coordinator, officer) if side == "city" else (officer, coordinator)
    report = make_report(author, status=status, acknowledger=other)
    expected = (CITY_REPORT if side == "city" else POLICE_REPORT)[persona][status]
    client = client_for(request.getfixturevalue(persona))
    base = f"/reports/{report.pk}/"

    answers = (
        client.get(base).status_code,
        client.get(base + "edit/").status_code,
        client.post(base + "share/").status_code,
        client.post(base + "acknowledge/", {"comment": "Vi ser samma sak."}).status_code,
    )

    assert answers == expected
    report.refresh_from_db()
    if expected[2] == 302:
        assert report.status == ReportStatus.SHARED
    if expected[3] == 302:
        assert report.status == ReportStatus.ACKNOWLEDGED
        assert report.acknowledgement_comment == "Vi ser samma sak."
    if 302 not in expected[2:]:
        assert report.status == status


def test_read_only_user_cannot_post_an_edit(client_for, coordinator, director):
    report = make_report(coordinator, status="shared")
    response = client_for(director).post(
        f"/reports/{report.pk}/edit/", form_data(report, summary="Ändrat av fel person.")
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.summary == "Lugnt vid torget."


def test_outsider_gets_404_on_edit_post(client_for, coordinator, other_coordinator):
    report = make_report(coordinator, status="shared")
    response = client_for(other_coordinator).post(
        f"/reports/{report.pk}/edit/", form_data(report, summary="Utifrån.")
    )
    assert response.status_code == 404


def test_share_by_get_only_asks_and_acknowledge_refuses_get(client_for, coordinator, officer):
    # Issue 14: GET /share/ is the confirmation with a preview; it shares nothing.
    report = make_report(coordinator, status="draft")
    response = client_for(coordinator).get(f"/reports/{report.pk}/share/")
    assert response.status_code == 200 and "Dela lägesbilden?" in response.content.decode()
    report.refresh_from_db()
    assert report.is_draft
    make_report(officer, status="shared")
    assert client_for(coordinator).get(f"/reports/{report.pk}/acknowledge/").status_code == 405


def test_share_needs_a_csrf_token(coordinator):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    report = make_report(coordinator, status="draft")
    assert client.post(f"/reports/{report.pk}/share/").status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_only_members_of_an_area_may_file_reports(client_for, director, dev_lead, coordinator):
    assert client_for(director).get("/reports/new/").status_code == 403
    assert client_for(dev_lead).get("/reports/new/").status_code == 403
    assert client_for(coordinator).get("/reports/new/").status_code == 200


def test_list_shows_drafts_only_to_their_author_side(client_for, coordinator, officer, director):
    draft = make_report(coordinator, status="draft", summary="Stadens utkast.")
    shared = make_report(officer, status="shared", summary="Polisens delade bild.", weeks_back=1)

    def listed(user):
        page = client_for(user).get("/reports/").content.decode()
        return {r.pk for r in (draft, shared) if f'href="/reports/{r.pk}/"' in page}

    assert listed(coordinator) == {draft.pk, shared.pk}
    assert listed(officer) == {shared.pk}
    assert listed(director) == {shared.pk}


# Every model whose rows some users must not see: pages reach them only through their topic's
# access module (`<app>/access.py`). Each topic's scoped model is named here (checked below
# against the admin's scopes, which every topic registers).
PROTECTED_MODELS = [
    "CollaborationArea",
    "SituationReport",
    "CategoryAssessment",
    "ReportRevision",
    "JointPicture",
    "Place",
    "Incident",
    "Measure",
    "MeasureProgress",
    "Agreement",
    "CitizenPromise",
    "Notification",
    "AuditEvent",
    "SituationPicture",
]
# Every module that serves pages, of every topic (the top layer's views too): views.py, views
# split by page (picture_views.py, yearly_views.py) and template tags.
PAGE_MODULES = ["*/views.py", "*/*_views.py", "*/templatetags/*.py"]


def _page_modules():
    return sorted(
        path
        for pattern in PAGE_MODULES
        for path in ROOT.glob(pattern)
        if path.parent.name != "tests" and ".venv" not in path.parts
    )


@pytest.mark.parametrize("model", PROTECTED_MODELS)
def test_no_view_queries_a_protected_model_directly(model):
    offenders = [
        str(path.relative_to(ROOT))
        for path in _page_modules()
        if re.search(rf"\b{model}\.objects", path.read_text())
    ]
    assert offenders == []


def test_the_grep_covers_every_topic():
    """Each scoped model of the admin (every topic names its own) is one the grep looks for,
    and every app with pages has its views among the modules grepped."""
    from django.apps import apps
    from django.contrib import admin

    assert {model.__name__ for model in admin.site.scopes()} <= set(PROTECTED_MODELS)
    grepped = {path.relative_to(ROOT).parts[0] for path in _page_modules()}
    ours = {c.name for c in apps.get_app_configs() if (ROOT / c.name / "urls.py").exists()}
    assert ours <= grepped
    assert "tryggportal" in grepped  # the top layer's views (the home page)
