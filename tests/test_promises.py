"""The public page of a citizen promise: no sign-in; the promise, who made it, where and for
how long, its progress in plain words, the measures marked public and when it last moved;
nothing else."""

import datetime as dt

import pytest
import time_machine
from django.utils import formats, translation

from incidents.models import Visibility
from measures.models import CitizenPromise, MeasureStatus
from tests.test_agreements import make_agreement
from tests.test_incidents import make_incident
from tests.test_measures import make_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def promise(dev_lead, officer):
    agreement = make_agreement(dev_lead)
    measure = make_measure(officer, target=200, title="Interna patrullrutter")
    measure.description = "Intern planering av patrullrutter"
    measure.save()
    measure.progress_entries.create(
        date=dt.date(2026, 11, 1), amount=124, note="Kvällspass", recorded_by=officer
    )
    promise = CitizenPromise.objects.create(
        agreement=agreement,
        slug="hjallbo-200-patruller",
        text="Minst 200 polispatruller vid Hjällbo centrum",
        published=True,
    )
    promise.measures.add(measure)
    return promise


def test_public_page_shows_the_promise_and_its_progress_without_sign_in(client, promise):
    response = client.get("/promises/hjallbo-200-patruller/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Minst 200 polispatruller vid Hjällbo centrum" in body
    assert 'aria-valuenow="124"' in body and 'aria-valuemax="200"' in body
    assert "124 av 200 patruller" in body


def test_public_page_shows_nothing_private(client, promise):
    body = client.get("/promises/hjallbo-200-patruller/").content.decode()
    for private in [
        "Interna patrullrutter",
        "Intern planering",
        "Kvällspass",
        "Kommunpolis",
        "Samverkansöverenskommelse",
        "Lokalpolisområdeschef",
        "/measures/",
        "/agreements/",
    ]:
        assert private not in body, private


def test_unpublished_promise_is_404_even_when_signed_in(client, promise, dev_lead):
    promise.published = False
    promise.save()
    assert client.get("/promises/hjallbo-200-patruller/").status_code == 404
    client.force_login(dev_lead)
    assert client.get("/promises/hjallbo-200-patruller/").status_code == 404


def test_unknown_promise_is_404(client, goteborg):
    assert client.get("/promises/no-such-promise/").status_code == 404


@pytest.mark.parametrize("measures", [1, 10])
def test_public_page_query_count_does_not_grow(
    client, promise, officer, django_assert_num_queries, measures
):
    for n in range(measures - 1):
        promise.measures.add(make_measure(officer, target=10, title=f"Åtgärd {n}"))
    with django_assert_num_queries(3):
        assert client.get("/promises/hjallbo-200-patruller/").status_code == 200


def test_public_page_is_described_by_the_promise_itself(client, promise):
    body = client.get("/promises/hjallbo-200-patruller/").content.decode()
    assert (
        '<meta name="description" content="Minst 200 polispatruller vid Hjällbo centrum">' in body
    )


@pytest.fixture
def public_measure(promise, coordinator):
    with time_machine.travel(dt.datetime(2026, 11, 10, 9, 0, tzinfo=dt.UTC), tick=False):
        measure = make_measure(coordinator, target=10, title="Trygghetsvandringar i Hjällbo")
        measure.public = True
        measure.status = MeasureStatus.ONGOING
        measure.due_date = dt.date(2026, 12, 20)
        measure.description = "Samordnare Anna ringer fastighetsägaren"
        measure.save()
    measure.progress_entries.create(
        date=dt.date(2026, 11, 12), amount=4, note="Med Bostadsbolaget", recorded_by=coordinator
    )
    done = make_measure(coordinator, title="Ny belysning vid torget", status=MeasureStatus.DONE)
    done.public = True
    done.save()
    promise.measures.add(measure, done)
    return measure


def test_public_page_says_who_promises_what_where_and_for_how_long(client, promise):
    body = client.get("/promises/hjallbo-200-patruller/").content.decode()
    assert "Vem lovar" in body
    assert "Göteborgs Stad, stadsdelarna Angered, Östra Göteborg" in body
    assert "Polisen, lokalpolisområdet Nordost" in body
    assert "Överenskommet den 15 december 2025." in body
    assert "Angered, Östra Göteborg" in body
    assert "Från 1 januari 2026 till 31 december 2027" in body
    assert "Hittills är 124 av 200 patruller gjorda: 62 % av vägen." in body


def test_a_whole_city_promise_names_the_city_and_the_police_region(client, promise):
    promise.agreement.whole_city = True
    promise.agreement.valid_to = None
    promise.agreement.save()
    body = client.get("/promises/hjallbo-200-patruller/").content.decode()
    assert "Hela staden" in body
    assert "Polisen, polisområde Storgöteborg" in body
    assert "Från 1 januari 2026 och tills vidare" in body


def test_public_page_lists_only_public_measures_in_plain_words(client, promise, public_measure):
    body = client.get("/promises/hjallbo-200-patruller/").content.decode()
    assert "Trygghetsvandringar i Hjällbo" in body
    assert "Pågående, ska vara klar december 2026." in body
    assert "4 av 10" in body
    assert "Ny belysning vid torget" in body and "Genomförd." in body
    assert "1 av 2 åtgärder är genomförda." in body
    assert "Interna patrullrutter" not in body  # linked, but not public
    for private in ("Samordnare Anna", "Med Bostadsbolaget", "Kvällspass", "samordnare-angered"):
        assert private not in body, private


def test_public_page_says_when_it_last_moved(client, promise, public_measure):
    body = client.get("/promises/hjallbo-200-patruller/").content.decode()
    updated = max(
        promise.agreement.updated_at.date(),
        public_measure.updated_at.date(),
        dt.date(2026, 11, 12),
    )
    with translation.override("sv"):
        assert f"Senast uppdaterad {formats.date_format(updated, 'j F Y')}." in body


def test_a_police_only_incident_never_reaches_the_public_page(
    client, promise, public_measure, officer
):
    make_incident(officer, visibility=Visibility.POLICE_ONLY, description="Spaning mot lägenhet 12")
    make_incident(officer, description="Delad händelse vid torget")
    body = client.get("/promises/hjallbo-200-patruller/").content.decode()
    assert "Spaning" not in body and "lägenhet 12" not in body
    assert "Delad händelse" not in body  # incidents are no part of the public page


def test_a_promise_with_no_public_measure_says_so(client, promise):
    body = client.get("/promises/hjallbo-200-patruller/").content.decode()
    assert "Åtgärderna bakom löftet är inte beskrivna offentligt ännu." in body
