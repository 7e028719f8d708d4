"""The lists' filter forms (built in Python, not crispy-forms): what a user sees and what a
screen reader is told — the chosen options stay chosen, help and errors are tied to the field."""

import re

import pytest

pytestmark = pytest.mark.django_db


def control(html: str, name: str) -> str:
    return re.search(rf'<(?:select|input)[^>]*name="{name}"[^>]*>', html).group(0)


def test_report_filters_keep_the_chosen_values_and_label_every_field(client_for, coordinator):
    html = client_for(coordinator).get("/reports/?side=police&level=3&q=torget").content.decode()
    assert '<label for="id_side" class="form-label">Sida</label>' in html
    assert '<option value="police" selected>Polisen</option>' in html
    assert '<option value="3" selected>3 – förhöjt</option>' in html
    assert 'value="torget"' in control(html, "q")
    assert 'aria-describedby="id_q_helptext"' in control(html, "q")
    assert '<div id="id_q_helptext" class="form-text">Ord i sammanfattningen' in html


def test_a_wrong_date_is_shown_beside_its_field(client_for, coordinator):
    html = client_for(coordinator).get("/incidents/?date_from=igår").content.decode()
    field = control(html, "date_from")
    assert 'aria-invalid="true"' in field and "is-invalid" in field
    assert 'aria-describedby="id_date_from_error"' in field
    assert re.search(r'id="id_date_from_error" class="invalid-feedback"><p><strong>Fyll i', html)


def test_typed_markup_in_a_filter_is_shown_as_text(client_for, coordinator):
    html = client_for(coordinator).get("/reports/?q=%3Cscript%3E").content.decode()
    assert "<script>" not in control(html, "q")
    assert 'value="&lt;script&gt;"' in control(html, "q")


def test_the_incident_filter_offers_police_only_to_the_police_alone(
    client_for, coordinator, officer
):
    assert 'name="visibility"' not in client_for(coordinator).get("/incidents/").content.decode()
    html = client_for(officer).get("/incidents/?visibility=police_only").content.decode()
    assert '<option value="police_only" selected>' in html
