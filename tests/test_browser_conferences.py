"""In the browser: the development lead records a conference with a priority linked to a
measure; a coordinator then finds the theme as its own section in a new situation report."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from conferences.models import Conference
from districts.models import CollaborationArea
from measures.models import Measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THEME = "Trygga skolvägar och narkotika"


def field(page, label: str):
    """The form field with exactly this label (crispy marks required ones with *)."""
    return page.get_by_label(re.compile(rf"^\s*{label}\s*\*?\s*$"))


def test_conference_priority_and_measure_then_the_theme_in_a_new_report(page, sign_in, users):
    today = timezone.localdate()
    measure = Measure.objects.create(
        area=CollaborationArea.objects.get(slug="angered"),
        title="Kvällsvandringar vid Angered centrum",
        owner_side="city",
        start_date=today - dt.timedelta(days=60),
        due_date=today + dt.timedelta(days=60),
        status="done",
        created_by=users["samordnare-angered"],
    )

    sign_in("utvecklingsledare")
    page.get_by_role("link", name="Konferenser").click()
    page.get_by_role("link", name="Registrera en konferens").click()
    field(page, "År").fill(str(today.year))
    field(page, "Datum").fill(today.isoformat())
    field(page, "Plats").fill("Hammarkullen")
    field(page, "Rubrik").fill("Årets gemensamma konferens")
    field(page, "Tema").fill(THEME)
    page.get_by_label("Narkotika – öppen försäljning och användning").check()
    page.get_by_label("Trygghetssamordnare").check()
    page.get_by_label("Kommunpoliser").check()
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(f"**/conferences/{today.year}/")
    assert page.get_by_text("Konferensen sparades.").is_visible()
    assert page.get_by_text(THEME).first.is_visible()

    page.get_by_role("link", name="Lägg till en prioritering").click()
    field(page, "Rubrik").fill("Fler vuxna ute på kvällarna")
    field(page, "Status").select_option(label="beslutad")
    field(page, "Ägare").select_option(label="Staden och polisen tillsammans")
    # The measure picker: search, add from the results, see it among the linked ones.
    page.get_by_role("searchbox", name="Åtgärder").fill("Kvällsvandringar")
    page.get_by_role("button", name=f"Lägg till: Angered · {measure.title}").click()
    assert page.get_by_role("button", name=f"Ta bort: Angered · {measure.title}").is_visible()
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(f"**/conferences/{today.year}/")
    row = page.get_by_role("row").filter(has_text="Fler vuxna ute på kvällarna")
    assert "beslutad" in row.inner_text()
    assert "100 %" in row.inner_text()
    assert row.get_by_role("link", name=measure.title).is_visible()
    priority = Conference.objects.get(year=today.year).priorities.get()
    assert list(priority.measures.all()) == [measure]

    page.get_by_role("button", name="Logga ut").click()
    sign_in("samordnare-angered")
    page.goto("/reports/new/")
    section = page.get_by_role("group", name="Konferensens tema")
    assert section.is_visible()
    assert THEME in section.inner_text()
    section.get_by_label("Anteckningar om konferensens tema").fill("Vi går kvällsvandringar.")
