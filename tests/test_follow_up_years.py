"""The theme follow-up year by year, with the city's and the police's levels apart, for the
theme's focus categories and every category a priority names; only what the user may see."""

import datetime as dt

import pytest
import time_machine

from conferences.models import Priority
from reports.models import Category
from tests.test_theme_follow_up import conference, hand_built, incident, report  # noqa: F401

pytestmark = pytest.mark.django_db
URL = "/conferences/2025/follow-up/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC), tick=False):
        yield


def sections(response) -> dict:
    return {s["category"].code: s for s in response.context["sections"]}


def test_each_year_since_the_conference_with_each_side_apart(client, hand_built, dev_lead):  # noqa: F811
    client.force_login(dev_lead)
    narcotics = sections(client.get(URL))["narcotics"]
    years = {row.year: row for row in narcotics["years"]}
    assert list(years) == [2025, 2026]
    assert (years[2025].city.levels, years[2025].police.levels) == ([3], [3])
    assert (years[2026].city.levels, years[2026].police.levels) == ([2, 2], [])
    # Police-only incidents never reach the city side's counts.
    assert (years[2025].incidents, years[2026].incidents) == (1, 2)
    angered = next(t for t in narcotics["trends"] if t.area.slug == "angered")
    assert (angered.city.first_level, angered.city.latest_level, angered.city.change) == (3, 2, -1)
    assert (angered.police.assessments, angered.police.latest_level) == (1, 3)


def test_the_page_shows_the_sides_apart_in_swedish(client, hand_built, dev_lead):  # noqa: F811
    client.force_login(dev_lead)
    html = client.get(URL).content.decode()
    assert "Staden: medelnivå" in html and "Polisen: medelnivå" in html
    assert '<th scope="row">2025</th>' in html and '<th scope="row">2026</th>' in html
    assert "2,0" in html  # the city's mean in 2026, with a decimal comma
    assert "3 → 2" in html


def test_a_prioritys_own_categories_are_followed_up_too(client, hand_built, conference, dev_lead):  # noqa: F811
    priority = Priority.objects.create(
        conference=conference, title="Våld i offentlig miljö", owner_side="police"
    )
    priority.categories.set(Category.objects.filter(code__in=["violence", "narcotics"]))
    client.force_login(dev_lead)
    found = sections(client.get(URL))
    assert list(found) == ["narcotics", "violence"]  # the theme's first, each once
    assert found["narcotics"]["focus"] and found["narcotics"]["priorities"] == [
        "Våld i offentlig miljö"
    ]
    violence = found["violence"]
    assert not violence["focus"] and violence["priorities"] == ["Våld i offentlig miljö"]
    angered = next(t for t in violence["trends"] if t.area.slug == "angered")
    assert angered.city.levels == [1]
    assert angered.incidents == 1


def test_a_coordinator_counts_only_their_own_area_per_year(client, hand_built, coordinator):  # noqa: F811
    client.force_login(coordinator)
    years = {row.year: row for row in sections(client.get(URL))["narcotics"]["years"]}
    assert years[2026].city.levels == [2]  # Centrum's report is out of reach
    assert years[2026].incidents == 1
