"""Conference pages: the list, one conference, and recording a conference with its parts."""

import datetime as dt

import pytest

from conferences.models import Conference, Outcome, Priority, ProgrammeItem
from districts.models import CollaborationArea
from measures.models import Measure
from reports.models import Category

pytestmark = pytest.mark.django_db


def make_conference(year: int, **extra) -> Conference:
    return Conference.objects.create(
        year=year,
        date=dt.date(year, 11, 14),
        venue=extra.pop("venue", "Gårdsten"),
        title=extra.pop("title", f"Årskonferens {year}"),
        theme=extra.pop("theme", f"Tema {year}"),
        **extra,
    )


def test_list_shows_latest_first_and_paginates(client, coordinator):
    for year in range(2001, 2026):
        make_conference(year)
    client.force_login(coordinator)
    response = client.get("/conferences/")
    years = [c.year for c in response.context["page"].object_list]
    assert years == list(range(2025, 2005, -1))
    second = client.get("/conferences/?page=2")
    assert [c.year for c in second.context["page"].object_list] == list(range(2005, 2000, -1))


def test_list_says_so_when_empty(client, coordinator):
    client.force_login(coordinator)
    assert "Ingen konferens" in client.get("/conferences/").content.decode()


def test_conference_page_shows_theme_programme_outcomes_and_priorities(client, coordinator):
    conference = make_conference(2025, theme="Unga och skolan", participant_groups=["others"])
    conference.focus_categories.set(Category.objects.filter(code="youth"))
    ProgrammeItem.objects.create(
        conference=conference, order=2, time=dt.time(13, 0), title="Workshop"
    )
    ProgrammeItem.objects.create(
        conference=conference, order=1, time=dt.time(9, 0), title="Inledning"
    )
    Outcome.objects.create(conference=conference, order=1, text="Skolan i fokus")
    Priority.objects.create(
        conference=conference, title="Läxhjälp", status="in_progress", owner_side="city"
    )
    client.force_login(coordinator)
    body = client.get("/conferences/2025/").content.decode()
    assert "Unga och skolan" in body
    assert body.index("Inledning") < body.index("Workshop")
    assert "09:00" in body
    assert "Skolan i fokus" in body
    assert "Läxhjälp" in body and "pågår" in body
    assert "Ungdomsgrupperingar" in body
    assert "Övriga" in body


def test_development_lead_records_a_conference(client, dev_lead):
    client.force_login(dev_lead)
    response = client.post(
        "/conferences/new/",
        {
            "year": 2026,
            "date": "2026-11-12",
            "venue": "Hammarkullen",
            "title": "Sjätte konferensen",
            "theme": "Trygga skolvägar",
            "focus_categories": [Category.objects.get(code="school").pk],
            "participant_groups": ["district_directors", "police_chiefs"],
            "summary": "",
        },
    )
    assert response.status_code == 302
    assert response.url == "/conferences/2026/"
    conference = Conference.objects.get(year=2026)
    assert conference.participant_groups == ["district_directors", "police_chiefs"]
    assert [c.code for c in conference.focus_categories.all()] == ["school"]


def test_bad_input_is_explained_and_nothing_typed_is_lost(client, dev_lead):
    make_conference(2026)
    client.force_login(dev_lead)
    response = client.post(
        "/conferences/new/",
        {
            "year": 2026,
            "date": "2025-11-12",
            "venue": "Hammarkullen",
            "title": "Sjätte konferensen",
            "theme": "Trygga skolvägar",
            "summary": "Anteckning om 19121212-1212",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Det finns redan" in body or "finns redan" in body  # year is unique
    assert "personnummer" in body
    assert "Trygga skolvägar" in body and "Hammarkullen" in body
    assert Conference.objects.count() == 1


def test_the_date_must_fall_in_the_year(client, dev_lead):
    client.force_login(dev_lead)
    response = client.post(
        "/conferences/new/",
        {"year": 2026, "date": "2025-11-12", "venue": "V", "title": "T", "theme": "T"},
    )
    assert "konferensens år" in response.content.decode()
    assert not Conference.objects.exists()


def formset_data(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def test_programme_and_outcomes_are_edited_as_ordered_lists(client, dev_lead):
    conference = make_conference(2025)
    client.force_login(dev_lead)
    response = client.post(
        "/conferences/2025/programme/",
        formset_data(
            "programme_items",
            [
                {"order": 2, "time": "13:00", "title": "Samtal i grupper", "description": ""},
                {"order": 1, "time": "09:30", "title": "Välkommen", "description": "Inledning"},
                {"order": 0, "time": "", "title": "", "description": ""},  # untouched: ignored
            ],
        ),
    )
    assert response.status_code == 302
    assert [i.title for i in conference.programme_items.all()] == ["Välkommen", "Samtal i grupper"]
    response = client.post(
        "/conferences/2025/outcomes/",
        formset_data("outcomes", [{"order": 1, "text": "Stärka det förebyggande arbetet"}]),
    )
    assert response.status_code == 302
    assert [o.text for o in conference.outcomes.all()] == ["Stärka det förebyggande arbetet"]


def test_priority_with_linked_measure_and_decision_next_year(client, dev_lead):
    make_conference(2025)
    measure = Measure.objects.create(
        area=CollaborationArea.objects.get(slug="angered"),
        title="Fler patrullerade kvällar",
        owner_side="police",
        start_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 6, 30),
        status="done",
        created_by=dev_lead,
    )
    client.force_login(dev_lead)
    response = client.post(
        "/conferences/2025/priorities/new/",
        {
            "order": 1,
            "title": "Narkotikabekämpning",
            "description": "",
            "status": "decided",
            "decision_date": "2026-02-10",
            "owner_side": "joint",
            "categories": [Category.objects.get(code="narcotics").pk],
            "measures": [measure.pk],
        },
    )
    assert response.status_code == 302
    priority = Priority.objects.get()
    assert priority.decision_date == dt.date(2026, 2, 10)
    assert list(priority.measures.all()) == [measure]
    body = client.get("/conferences/2025/").content.decode()
    assert "Fler patrullerade kvällar" in body and "100 %" in body


def test_list_query_count_does_not_grow(client, coordinator, django_assert_num_queries):
    make_conference(2024).focus_categories.set(Category.objects.all()[:2])
    client.force_login(coordinator)
    client.get("/conferences/")
    with django_assert_num_queries(5):
        client.get("/conferences/")
    for year in range(2000, 2030):
        if year != 2024:
            make_conference(year).focus_categories.set(Category.objects.all()[:3])
    with django_assert_num_queries(5):
        client.get("/conferences/")


def test_conference_page_query_count_does_not_grow(
    client, coordinator, dev_lead, django_assert_num_queries
):
    conference = make_conference(2025)
    area = CollaborationArea.objects.get(slug="angered")

    def add_priority(n):
        priority = Priority.objects.create(conference=conference, title=f"P{n}", owner_side="city")
        priority.categories.set(Category.objects.all()[:2])
        priority.measures.add(
            Measure.objects.create(
                area=area,
                title=f"Åtgärd {n}",
                owner_side="city",
                start_date=dt.date(2026, 1, 1),
                due_date=dt.date(2026, 6, 30),
                created_by=dev_lead,
            )
        )

    add_priority(0)
    client.force_login(coordinator)
    client.get("/conferences/2025/")
    with django_assert_num_queries(13):
        client.get("/conferences/2025/")
    for n in range(1, 31):
        add_priority(n)
        ProgrammeItem.objects.create(conference=conference, order=n, title=f"Punkt {n}")
        Outcome.objects.create(conference=conference, order=n, text=f"Utfall {n}")
    conference.focus_categories.set(Category.objects.all())
    with django_assert_num_queries(13):
        client.get("/conferences/2025/")
