"""Collaboration agreements and their citizen promises (signed-in pages)."""

import datetime as dt

import pytest

from districts.models import CollaborationArea
from measures import access as measures_access
from measures.models import Agreement, CitizenPromise
from reports.models import Category
from tests.test_measures import make_measure

pytestmark = pytest.mark.django_db


def make_agreement(author, *, areas=("angered", "ostra-goteborg"), whole_city=False):
    agreement = Agreement.objects.create(
        title="Samverkansöverenskommelse Nordost",
        whole_city=whole_city,
        valid_from=dt.date(2026, 1, 1),
        valid_to=dt.date(2027, 12, 31),
        signatories="Stadsdelsdirektör\nLokalpolisområdeschef",
        signed_on=dt.date(2025, 12, 15),
        text="Parterna samverkar mot öppen narkotikahandel.",
        created_by=author,
    )
    agreement.areas.set(CollaborationArea.objects.filter(slug__in=areas))
    agreement.categories.set(Category.objects.filter(code="narcotics"))
    return agreement


def agreement_data(**overrides):
    data = {
        "title": "Samverkansöverenskommelse Nordost",
        "areas": [str(CollaborationArea.objects.get(slug="angered").pk)],
        "valid_from": "2026-01-01",
        "valid_to": "2027-12-31",
        "signed_on": "2025-12-15",
        "signatories": "Stadsdelsdirektör\nLokalpolisområdeschef",
        "categories": [str(Category.objects.get(code="narcotics").pk)],
        "text": "Parterna samverkar.",
    }
    return data | overrides


def test_development_lead_records_an_agreement(client, dev_lead):
    client.force_login(dev_lead)
    response = client.post("/agreements/new/", agreement_data())
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert [a.slug for a in agreement.areas.all()] == ["angered"]
    assert "Samverkansöverenskommelse Nordost" in client.get("/agreements/").content.decode()


def test_an_agreement_needs_areas_or_the_whole_city(client, dev_lead):
    client.force_login(dev_lead)
    response = client.post("/agreements/new/", agreement_data(areas=[]))
    assert "areas" in response.context["form"].errors
    client.post("/agreements/new/", agreement_data(areas=[], whole_city="on"))
    assert Agreement.objects.get().whole_city


def test_identity_number_in_signatories_is_refused(client, dev_lead):
    client.force_login(dev_lead)
    response = client.post("/agreements/new/", agreement_data(signatories="Anna 121212-1212"))
    assert "signatories" in response.context["form"].errors


def test_agreements_reach_those_who_reach_their_areas(
    coordinator, other_coordinator, chief, dev_lead
):
    nordost = make_agreement(dev_lead)
    city = make_agreement(dev_lead, areas=(), whole_city=True)
    assert set(measures_access.agreements_visible_to(coordinator)) == {nordost, city}
    assert set(measures_access.agreements_visible_to(chief)) == {nordost, city}
    assert set(measures_access.agreements_visible_to(other_coordinator)) == {city}


def test_outsiders_get_404_and_readers_403(client, coordinator, other_coordinator, dev_lead):
    agreement = make_agreement(dev_lead)
    client.force_login(other_coordinator)
    assert client.get(f"/agreements/{agreement.pk}/").status_code == 404
    client.force_login(coordinator)
    assert client.get(f"/agreements/{agreement.pk}/").status_code == 200
    assert client.get(f"/agreements/{agreement.pk}/edit/").status_code == 403
    assert client.get("/agreements/new/").status_code == 403
    assert client.get(f"/agreements/{agreement.pk}/promises/new/").status_code == 403


def test_a_promise_links_measures_and_shows_their_progress(client, dev_lead, officer):
    agreement = make_agreement(dev_lead)
    measure = make_measure(officer, target=200)
    measure.progress_entries.create(date=dt.date(2026, 11, 1), amount=50, recorded_by=officer)
    client.force_login(dev_lead)
    response = client.post(
        f"/agreements/{agreement.pk}/promises/new/",
        {
            "text": "Minst 200 polispatruller vid Hjällbo centrum",
            "slug": "hjallbo-200",
            "measures": [str(measure.pk)],
            "published": "on",
        },
    )
    assert response.status_code == 302
    promise = CitizenPromise.objects.with_measures().get()
    assert promise.progress()["achieved"] == 50 and promise.progress()["percent"] == 25
    body = client.get(f"/agreements/{agreement.pk}/").content.decode()
    assert "Minst 200 polispatruller" in body
    assert 'aria-valuenow="50"' in body


def test_a_promise_links_only_measures_of_the_agreements_areas(client, dev_lead, other_coordinator):
    agreement = make_agreement(dev_lead)
    elsewhere = make_measure(other_coordinator, area="centrum")
    client.force_login(dev_lead)
    response = client.post(
        f"/agreements/{agreement.pk}/promises/new/",
        {"text": "Löfte", "slug": "lofte", "measures": [str(elsewhere.pk)]},
    )
    assert "measures" in response.context["form"].errors


@pytest.mark.parametrize("rows", [2, 20])
def test_agreement_list_query_count_does_not_grow(
    client, dev_lead, django_assert_num_queries, rows
):
    for _ in range(rows):
        make_agreement(dev_lead)
    client.force_login(dev_lead)
    with django_assert_num_queries(6):
        assert client.get("/agreements/").status_code == 200


@pytest.mark.parametrize("rows", [2, 20])
def test_agreement_page_query_count_does_not_grow_with_promises(
    client, dev_lead, officer, django_assert_num_queries, rows
):
    agreement = make_agreement(dev_lead)
    for n in range(rows):
        promise = CitizenPromise.objects.create(
            agreement=agreement, slug=f"p{n}", text=f"Löfte {n}"
        )
        promise.measures.add(make_measure(officer, target=10, title=f"Åtgärd {n}"))
    client.force_login(dev_lead)
    # 7 before the page showed only the measures the reader may see (one prefetch more).
    with django_assert_num_queries(8):
        assert client.get(f"/agreements/{agreement.pk}/").status_code == 200
