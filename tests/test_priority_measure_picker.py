"""The priority form's measure picker: the form holds only the chosen measures (under 100 KB
with 12,000 measures in the city), and a scoped endpoint answers searches a page at a time in
a fixed number of queries."""

import datetime as dt

import pytest

from conferences.models import Priority
from districts.models import CollaborationArea
from measures.models import Measure
from tests.test_conferences_pages import make_conference

pytestmark = pytest.mark.django_db
SEARCH = "/conferences/measures/"
FORM = "/conferences/2019/priorities/new/"


def many_measures(count: int, author) -> None:
    areas = list(CollaborationArea.objects.all())
    Measure.objects.bulk_create(
        [
            Measure(
                area=areas[n % len(areas)],
                title=f"Åtgärd nummer {n:05d}",
                owner_side="city",
                start_date=dt.date(2026, 1, 1),
                due_date=dt.date(2026, 12, 31),
                status="ongoing",
                created_by=author,
            )  # fmt: skip
            for n in range(count)
        ],
        batch_size=1000,
    )


@pytest.fixture
def conference(users):
    return make_conference(2019)


def test_the_form_stays_small_with_twelve_thousand_measures(client_for, dev_lead, conference):
    many_measures(12_000, dev_lead)
    response = client_for(dev_lead).get(FORM)
    assert response.status_code == 200
    assert len(response.content) < 100_000
    assert "Åtgärd nummer" not in response.content.decode()  # none chosen: none listed
    assert 'data-search-url="/conferences/measures/"' in response.content.decode()


def test_editing_lists_only_the_chosen_measures_and_saves_a_new_choice(
    client_for, dev_lead, conference
):
    many_measures(300, dev_lead)
    chosen, added = Measure.objects.order_by("pk")[:2]
    priority = Priority.objects.create(conference=conference, title="P", owner_side="joint")
    priority.measures.add(chosen)
    client = client_for(dev_lead)
    html = client.get(f"/conferences/2019/priorities/{priority.pk}/").content.decode()
    assert html.count("Åtgärd nummer") == 1
    assert f'<option value="{chosen.pk}" selected>' in html
    response = client.post(
        f"/conferences/2019/priorities/{priority.pk}/",
        {"order": 0, "title": "P", "status": "proposed", "owner_side": "joint",
         "measures": [chosen.pk, added.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    assert set(priority.measures.all()) == {chosen, added}


def test_the_search_pages_and_filters(client_for, dev_lead, conference):
    many_measures(45, dev_lead)
    client = client_for(dev_lead)
    first = client.get(SEARCH).json()
    assert (len(first["results"]), first["more"]) == (20, True)
    third = client.get(SEARCH, {"page": 3}).json()
    assert (len(third["results"]), third["more"]) == (5, False)
    found = client.get(SEARCH, {"q": "nummer 00042"}).json()["results"]
    assert [r["label"].split(" · ")[1] for r in found] == ["Åtgärd nummer 00042"]
    by_area = client.get(SEARCH, {"q": "Angered"}).json()["results"]
    assert by_area and all(r["label"].startswith("Angered · ") for r in by_area)


def test_the_search_answers_in_a_fixed_number_of_queries(
    client_for, dev_lead, conference, django_assert_num_queries
):
    client = client_for(dev_lead)
    client.get(SEARCH)  # the session's first request stamps it
    many_measures(30, dev_lead)
    with django_assert_num_queries(3):
        assert client.get(SEARCH, {"q": "Åtgärd"}).status_code == 200
    many_measures(12_000, dev_lead)
    with django_assert_num_queries(3):
        assert client.get(SEARCH, {"q": "Åtgärd", "page": 7}).status_code == 200


def test_only_conference_editors_may_search(client_for, director, chief, conference):
    for persona in (director, chief):
        assert client_for(persona).get(SEARCH).status_code == 403


def test_a_measure_outside_the_editors_reach_cannot_be_linked(
    client_for, dev_lead, conference, monkeypatch
):
    from measures import access

    many_measures(2, dev_lead)
    outside, inside = Measure.objects.order_by("pk")
    # An editor who reaches only the second measure's area (measures/access.py decides the reach).
    monkeypatch.setattr(
        access, "measures_visible_to", lambda user: Measure.objects.filter(area=inside.area)
    )
    client = client_for(dev_lead)
    assert [r["id"] for r in client.get(SEARCH).json()["results"]] == [inside.pk]
    response = client.post(
        FORM,
        {"order": 0, "title": "P", "status": "proposed", "owner_side": "joint",
         "measures": [outside.pk]},
    )  # fmt: skip
    assert response.status_code == 200  # refused: the form comes back with the error
    assert not Priority.objects.exists()
    assert "Åtgärd nummer 00000" not in response.content.decode()
