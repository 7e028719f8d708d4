"""The public page of a citizen promise: no sign-in, only the text and progress numbers."""

import datetime as dt

import pytest

from measures.models import CitizenPromise
from tests.test_agreements import make_agreement
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
    with django_assert_num_queries(2):
        assert client.get("/promises/hjallbo-200-patruller/").status_code == 200


def test_public_page_is_described_by_the_promise_itself(client, promise):
    body = client.get("/promises/hjallbo-200-patruller/").content.decode()
    assert (
        '<meta name="description" content="Minst 200 polispatruller vid Hjällbo centrum">' in body
    )
