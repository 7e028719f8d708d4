"""A yearly situation picture is for a year from 2000 to next year: 1337 or 20266 is refused
with a clear error, keeping everything typed; a draft saved with such a year is not decided."""

import datetime as dt

import pytest
import time_machine

from situation_pictures import services
from situation_pictures.models import SituationPicture

pytestmark = pytest.mark.django_db

ANALYSIS = "Analys: oron följer den öppna handeln."
TODAY = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


def _post(client, year):
    return client.post(
        "/situation-pictures/new/",
        {"year": year, "district": "", "window_start": "2026-01-01",
         "window_end": "2026-12-31", "analysis": ANALYSIS,
         "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-0-order": "1",
         "items-0-text": "Belysning i gångtunneln", "items-0-owner": "Staden",
         "items-0-due_date": "2027-05-01"},
    )  # fmt: skip


@pytest.mark.parametrize("year", ["1337", "1999", "2028", "20266"])
def test_a_year_out_of_range_is_refused_and_nothing_typed_is_lost(client_for, dev_lead, year):
    with time_machine.travel(TODAY, tick=False):
        response = _post(client_for(dev_lead), year)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ange ett år från 2000 till 2027." in html
    assert ANALYSIS in html and "Belysning i gångtunneln" in html and f'value="{year}"' in html
    assert not SituationPicture.objects.exists()


@pytest.mark.parametrize("year", ["2000", "2026", "2027"])
def test_a_year_in_range_is_saved(client_for, dev_lead, year):
    with time_machine.travel(TODAY, tick=False):
        response = _post(client_for(dev_lead), year)

    assert response.status_code == 302
    assert SituationPicture.objects.get().year == int(year)


def test_the_year_field_says_its_range(client_for, dev_lead):
    with time_machine.travel(TODAY, tick=False):
        html = client_for(dev_lead).get("/situation-pictures/new/").content.decode()
    assert 'min="2000"' in html and 'max="2027"' in html


def test_a_draft_saved_for_1337_is_not_decided(client_for, dev_lead):
    picture = SituationPicture.objects.create(
        year=1337, window_start=dt.date(2026, 1, 1), window_end=dt.date(2026, 12, 31),
        created_by=dev_lead,
    )  # fmt: skip

    with time_machine.travel(TODAY, tick=False):
        response = client_for(dev_lead).post(
            f"/situation-pictures/{picture.pk}/decide/",
            {"decided_on": "2026-12-07", "deciding_body": "Kommunstyrelsen", "reference": "KS 1"},
        )

    assert response.status_code == 400
    assert "Ange ett år från 2000 till 2027." in response.content.decode()
    picture.refresh_from_db()
    assert not picture.is_decided
    with pytest.raises(services.ValidationError):
        services.situation_picture_decide(
            picture=picture, decided_on=dt.date(2026, 12, 7), deciding_body="KS",
            reference="1", actor=dev_lead,
        )  # fmt: skip
