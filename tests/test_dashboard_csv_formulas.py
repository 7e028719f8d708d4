"""Every CSV the dashboards write opens as data: cells a spreadsheet would run as a formula
(`=`, `+`, `-`, `@`, tab, carriage return first) get a leading quote; numbers stay numbers."""

import datetime as dt
from decimal import Decimal

import pytest

from incidents.models import Place
from measures.models import Agreement, CitizenPromise, Measure
from tests.test_dashboard_area import NOW, author, clock, incident, read_csv  # noqa: F401

pytestmark = pytest.mark.django_db

PLACE = '=HYPERLINK("http://example.invalid","Hjällbo torg")'
MEASURE = "+1+cmd|' /C calc'!A0"
PROMISE = "@SUM(A1:A9)"
SECRET_PLACE = "-Spaningsplats"


@pytest.fixture
def hostile(users):
    from districts.models import CollaborationArea

    angered = CollaborationArea.objects.get(slug="angered")
    place = Place.objects.create(area=angered, name=PLACE, kind="square")
    secret = Place.objects.create(area=angered, name=SECRET_PLACE, kind="other")
    for _ in range(2):
        incident(angered, when=NOW - dt.timedelta(days=3), place=place)
    incident(angered, when=NOW - dt.timedelta(days=2), place=secret, police_only=True)
    measure = Measure.objects.create(
        area=angered, title=MEASURE, owner_side="city", start_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 12, 31), status="ongoing", target=Decimal(10),
        target_unit="\tturer", created_by=author(),
    )  # fmt: skip
    agreement = Agreement.objects.create(
        title="Överenskommelse", valid_from=dt.date(2026, 1, 1), signatories="x",
        signed_on=dt.date(2026, 1, 1), text="t", created_by=author(),
    )  # fmt: skip
    agreement.areas.add(angered)
    promise = CitizenPromise.objects.create(agreement=agreement, slug="p", text=PROMISE)
    promise.measures.add(measure)


def cells(client, table):
    response = client.get(f"/dashboard/area/angered/{table}.csv")
    assert response.status_code == 200
    return [cell for row in read_csv(response) for cell in row]


@pytest.mark.parametrize("persona", ["director", "chief", "dev_lead", "admin_user"])
def test_formulas_in_area_dashboard_csv_open_as_text(client_for, request, hostile, persona):
    client = client_for(request.getfixturevalue(persona))
    assert "'" + PLACE in cells(client, "places")
    assert "'" + MEASURE in cells(client, "measures")
    promises = cells(client, "promises")
    assert "'" + PROMISE in promises
    assert "'\tturer" in promises
    every = [c for t in ("places", "measures", "promises") for c in cells(client, t)]
    assert not [c for c in every if c[:1] in ("=", "+", "@", "\t", "\r")]


def test_police_only_places_stay_out_of_city_csv(client_for, director, chief, hostile):
    assert "'" + SECRET_PLACE not in cells(client_for(director), "places")
    assert "'" + SECRET_PLACE in cells(client_for(chief), "places")


def test_numbers_stay_numbers(client_for, director, hostile):
    rows = read_csv(client_for(director).get("/dashboard/area/angered/places.csv"))
    counts = [row[1] for row in rows[1:] if row[0] == "'" + PLACE]
    assert counts and counts[0].isdigit()
