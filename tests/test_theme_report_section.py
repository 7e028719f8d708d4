"""The current conference theme gets its own section in the situation-report form, with a
prompt and the notes field; with no current theme both are absent."""

import datetime as dt

import pytest
from django.utils import timezone

from conferences.models import Conference
from reports.models import SituationReport

pytestmark = pytest.mark.django_db

THEME = "Organiserad brottslighet ur ett narkotikaperspektiv"


def hold_conference(days_ago: int) -> Conference:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return Conference.objects.create(
        year=day.year, date=day, venue="Gårdsten", title="Årskonferens", theme=THEME
    )


def new_report_form(client):
    response = client.get("/reports/new/")
    assert response.status_code == 200
    return response


def test_the_form_has_a_theme_section_while_a_theme_is_current(client, coordinator):
    hold_conference(days_ago=30)
    client.force_login(coordinator)
    response = new_report_form(client)
    body = response.content.decode()
    assert "Konferensens tema" in body
    assert THEME in body
    assert 'name="theme_notes"' in body
    assert body.count('name="theme_notes"') == 1  # in its own section, not twice


def test_without_a_current_theme_the_section_and_field_are_absent(client, coordinator):
    hold_conference(days_ago=600)  # older than about 18 months: lapsed
    client.force_login(coordinator)
    body = new_report_form(client).content.decode()
    assert "Konferensens tema" not in body
    assert THEME not in body
    assert 'name="theme_notes"' not in body


def test_a_conference_not_yet_held_shows_no_section(client, officer):
    Conference.objects.create(
        year=2099, date=dt.date(2099, 11, 12), venue="V", title="T", theme=THEME
    )
    client.force_login(officer)
    assert 'name="theme_notes"' not in new_report_form(client).content.decode()


def test_theme_notes_are_saved_with_the_report(client, coordinator):
    hold_conference(days_ago=30)
    client.force_login(coordinator)
    form = new_report_form(client).context["form"]
    data = dict.fromkeys(form.fields, "")
    data.update(
        {
            "area": form.fields["area"].queryset.first().pk,
            "period": form["period"].initial or form.fields["period"].choices[0][0],
            "level": 2,
            "trend": "unchanged",
            "summary": "Lugnt vid torget.",
            "theme_notes": "Skolan och fritidsgården samarbetar kring narkotika.",
        }
    )
    response = client.post("/reports/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    report = SituationReport.objects.get()
    assert report.theme_notes == "Skolan och fritidsgården samarbetar kring narkotika."
