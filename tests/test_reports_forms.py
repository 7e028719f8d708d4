"""Bad input in report forms: a clear error naming the field, and nothing typed is lost."""

import datetime as dt

import pytest

from districts.models import CollaborationArea
from reports.models import TEXT_MAX
from tests.report_factory import form_data, make_report

# Skatteverket's published test numbers (a personnummer and a samordningsnummer).
IDENTITY_NUMBERS = ["19121212-1212", "701063-2391"]
# Near-misses that must pass: a wrong check digit, an impossible date, a phone number.
NEAR_MISSES = ["121212-1213", "19121232-1212", "031-365 00 00"]

# form field → the label the error must name (Swedish, as users see it). The theme notes are
# only on the form while a conference theme is current: tests/test_theme_* cover them.
REPORT_FIELDS = {
    "summary": "Sammanfattning",
    "places_text": "Platser av betydelse",
    "cat-narcotics-note": "Narkotika – öppen försäljning och användning: anteckning",
}


def refused_for(page: str, label: str) -> bool:
    return f"”{label}” innehåller något som ser ut som ett personnummer" in page


@pytest.mark.parametrize("number", IDENTITY_NUMBERS)
@pytest.mark.parametrize(("field", "label"), REPORT_FIELDS.items())
def test_new_report_refuses_an_identity_number_naming_the_field(
    client_for, coordinator, field, label, number
):
    area = CollaborationArea.objects.get(slug="angered")
    text = f"Sågs vid torget, {number}, igår."
    data = form_data(area=area.pk, period=area.next_due_period(dt.date.today()).key)
    data[field] = text

    response = client_for(coordinator).post("/reports/new/", data)

    page = response.content.decode()
    assert response.status_code == 200
    assert refused_for(page, label)
    assert text in page  # what was typed is still in the form
    assert not coordinator.areas.get(slug="angered").reports.exists()


@pytest.mark.parametrize("number", NEAR_MISSES)
def test_near_misses_are_accepted(client_for, coordinator, number):
    report = make_report(coordinator)
    data = form_data(report, summary=f"Ring {number} vid behov.")
    response = client_for(coordinator).post(f"/reports/{report.pk}/edit/", data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert number in report.summary


@pytest.mark.parametrize(("field", "label"), REPORT_FIELDS.items())
def test_edit_refuses_an_identity_number_naming_the_field(client_for, coordinator, field, label):
    report = make_report(coordinator)
    data = form_data(report, **{field: "Personen 19121212-1212 syns ofta."})
    response = client_for(coordinator).post(f"/reports/{report.pk}/edit/", data)
    assert refused_for(response.content.decode(), label)
    report.refresh_from_db()
    assert report.version == 1


def test_acknowledgement_comment_refuses_an_identity_number(client_for, coordinator, officer):
    report = make_report(coordinator, status="shared")
    response = client_for(officer).post(
        f"/reports/{report.pk}/acknowledge/", {"comment": "Gäller 701063-2391."}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert refused_for(page, "Kommentar")
    assert "Gäller 701063-2391." in page
    report.refresh_from_db()
    assert report.status == "shared"


def test_joint_summary_refuses_an_identity_number(client_for, coordinator):
    report = make_report(coordinator, status="shared")
    url = f"/areas/angered/picture/{report.period.key}/summary/"
    response = client_for(coordinator).post(
        url, {"summary": "Enligt 19121212-1212 är det lugnt.", "version": "1"}
    )
    assert response.status_code == 400
    assert refused_for(response.content.decode(), "Gemensam sammanfattning")


def test_text_longer_than_the_limit_is_refused_and_kept(client_for, coordinator):
    report = make_report(coordinator)
    too_long = "a" * (TEXT_MAX + 1)
    response = client_for(coordinator).post(
        f"/reports/{report.pk}/edit/", form_data(report, summary=too_long)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f"som mest {TEXT_MAX} tecken" in page
    assert too_long in page
    assert f'maxlength="{TEXT_MAX}"' in page
