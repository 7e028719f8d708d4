"""The demo's conference: the fifth annual conference, 2019 in Gårdsten; nothing invented."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from conferences.models import Conference, Outcome, Priority
from demo.conferences import load_conferences

pytestmark = pytest.mark.django_db


def test_the_2019_conference_as_recorded(goteborg):
    load_conferences()
    conference = Conference.objects.get()
    assert conference.year == 2019
    assert conference.date == dt.date(2019, 11, 14)
    assert conference.venue == "Gårdsten"
    assert conference.theme == "Organiserad brottslighet ur ett narkotikaperspektiv"
    assert [c.code for c in conference.focus_categories.all()] == ["narcotics"]
    assert conference.participant_groups == [
        "district_directors",
        "police_chiefs",
        "community_officers",
        "safety_coordinators",
    ]
    outcomes = [o.text for o in conference.outcomes.all()]
    assert len(outcomes) == 3
    assert "skolan i fokus" in outcomes[0]
    assert "narkotika" in outcomes[1]
    assert "frigivning" in outcomes[2]
    priorities = list(conference.priorities.all())
    assert priorities and all(p.status == "proposed" for p in priorities)
    assert all("2020" in p.description for p in priorities)


def test_loading_twice_changes_nothing(goteborg):
    load_conferences()
    before = (Conference.objects.count(), Outcome.objects.count(), Priority.objects.count())
    load_conferences()
    assert (Conference.objects.count(), Outcome.objects.count(), Priority.objects.count()) == before
    assert before == (1, 3, 3)


def test_loaddemo_loads_the_conference(settings, goteborg):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    assert Conference.objects.filter(year=2019).exists()
