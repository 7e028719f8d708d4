"""`manage.py reorganise` with Göteborg's real 2021 plan on demo data, and plans it refuses."""

import datetime as dt

import pytest
from django.core.management.base import CommandError
from django.utils import translation

from accounts.models import User
from districts.models import CollaborationArea, District, Reorganisation
from tests.reorganisation_fixtures import (
    PLAN,
    load_demo_2020,
    real_plan_text,
    reorganise,
    write_plan,
)

pytestmark = pytest.mark.django_db

LAST_DAY = dt.date(2020, 12, 31)
FIRST_DAY = dt.date(2021, 1, 1)
SUCCESSORS = {
    "stadsomrade-nordost": ("LPO-NORDOST", {"angered", "ostra-goteborg"}),
    "stadsomrade-centrum": ("LPO-CITY", {"centrum", "majorna-linne", "orgryte-harlanda"}),
    "stadsomrade-sydvast": ("LPO-SYD", {"askim-frolunda-hogsbo", "vastra-goteborg"}),
    "stadsomrade-hisingen": ("LPO-HISINGEN", {"lundby", "norra-hisingen", "vastra-hisingen"}),
}


@pytest.fixture
def demo_2020(settings, users):
    return load_demo_2020(settings)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def snapshot() -> dict:
    """Everything a reorganisation may touch, to compare before and after."""
    from incidents.models import Incident
    from measures.models import Agreement, Measure
    from reports.models import SituationReport

    return {
        "districts": sorted(District.objects.values_list("code", "valid_from", "valid_to")),
        "areas": sorted(CollaborationArea.objects.values_list("slug", "valid_from", "valid_to")),
        "members": sorted(CollaborationArea.members.through.objects.values_list("pk", flat=True)),
        "directors": sorted(District.directors.through.objects.values_list("pk", flat=True)),
        "reports": sorted(SituationReport.objects.values_list("pk", "area_id", "status")),
        "incidents": sorted(Incident.objects.values_list("pk", "area_id")),
        "measures": sorted(Measure.objects.values_list("pk", "area_id", "status")),
        "agreements": sorted(Agreement.areas.through.objects.values_list("pk", flat=True)),
        "reorganisations": Reorganisation.objects.count(),
    }


def test_real_plan_keeps_every_report_incident_and_measure_where_it_was(demo_2020):
    from incidents.models import Incident
    from measures.models import Measure
    from reports.models import SituationReport

    before = snapshot()
    assert len(before["reports"]) > 400 and before["incidents"] and before["measures"]
    reorganise(PLAN)
    assert SituationReport.objects.count() == len(before["reports"])
    assert Incident.objects.count() == len(before["incidents"])
    assert Measure.objects.count() == len(before["measures"])
    assert snapshot()["reports"] == before["reports"]
    assert snapshot()["incidents"] == before["incidents"]
    angered = CollaborationArea.objects.get(slug="angered")
    closed = Measure.objects.filter(status__in=["done", "cancelled"])
    assert set(closed.values_list("area", flat=True)) == {angered.pk}


def test_real_plan_ends_the_old_structure_and_pairs_the_city_areas_with_police_areas(demo_2020):
    reorganise(PLAN)
    for old in CollaborationArea.objects.exclude(slug__in=SUCCESSORS):
        assert old.valid_to == LAST_DAY, old
    assert set(District.objects.filter(valid_to=LAST_DAY).values_list("code", flat=True)) == {
        code for code, *_rest in __import__("districts.goteborg").goteborg.DISTRICTS
    }
    assert list(CollaborationArea.objects.valid_on(FIRST_DAY).order_by("slug")) == list(
        CollaborationArea.objects.filter(slug__in=SUCCESSORS).order_by("slug")
    )
    for slug, (police_code, predecessors) in SUCCESSORS.items():
        area = CollaborationArea.objects.get(slug=slug)
        assert area.police_area.code == police_code
        assert area.district.name == area.name  # the city area, "Stadsområde …"
        assert area.district.valid_from == FIRST_DAY and area.valid_from == FIRST_DAY
        assert set(area.predecessors.values_list("slug", flat=True)) == predecessors
    nordost = District.objects.get(code="SO-NORDOST")
    assert nordost.name == "Stadsområde Nordost"
    assert set(nordost.predecessors.values_list("code", flat=True)) == {
        "SDN-ANGERED",
        "SDN-OSTRA-GOTEBORG",
    }


def test_every_member_of_an_old_area_is_a_member_of_its_successor(demo_2020):
    old_members = {
        area.slug: set(area.members.values_list("username", flat=True))
        for area in CollaborationArea.objects.all()
    }
    assert all(old_members.values())
    reorganise(PLAN)
    for slug, (_police, predecessors) in SUCCESSORS.items():
        members = set(
            CollaborationArea.objects.get(slug=slug).members.values_list("username", flat=True)
        )
        for old in predecessors:
            assert old_members[old] <= members, (old, slug)
            # The old area keeps its members as the record of who worked there.
            assert old_members[old] == set(
                CollaborationArea.objects.get(slug=old).members.values_list("username", flat=True)
            )


def test_directors_and_the_exchange_schedule_carry_over(demo_2020):
    angered = CollaborationArea.objects.get(slug="angered")
    angered.cadence, angered.due_weekday, angered.grace_days = "fortnightly", 2, 5
    angered.max_days_between = 21
    angered.save()
    reorganise(PLAN)
    nordost = CollaborationArea.objects.get(slug="stadsomrade-nordost")
    assert (nordost.cadence, nordost.due_weekday, nordost.grace_days) == ("fortnightly", 2, 5)
    assert nordost.max_days_between == 21
    assert list(nordost.district.directors.values_list("username", flat=True)) == [
        "direktor-angered"
    ]


def test_open_measures_and_agreements_in_force_move_to_the_successor(demo_2020):
    from measures.models import Measure

    old = {"angered", "ostra-goteborg"}
    open_before = set(
        Measure.objects.filter(area__slug__in=old).open().values_list("pk", flat=True)
    )
    closed_before = set(
        Measure.objects.filter(area__slug__in=old).exclude(status__in=["planned", "ongoing"])
    )
    assert {"Trygghetsvandring", "Ny belysning"} <= set(
        Measure.objects.filter(pk__in=open_before).values_list("title", flat=True)
    )
    reorganise(PLAN)
    nordost = CollaborationArea.objects.get(slug="stadsomrade-nordost")
    angered = CollaborationArea.objects.get(slug="angered")
    assert set(Measure.objects.filter(area=nordost).values_list("pk", flat=True)) == open_before
    assert set(Measure.objects.filter(area__slug__in=old)) == closed_before
    assert {m.area for m in closed_before} <= set(nordost.predecessors.all())
    assert set(demo_2020["in_force"].areas.all()) == {angered, nordost}
    assert set(demo_2020["expired"].areas.all()) == {angered}


def test_dry_run_prints_what_would_change_and_changes_nothing(demo_2020):
    before = snapshot()
    output = reorganise(PLAN, "--dry-run")
    assert snapshot() == before
    assert "New collaboration area Stadsområde Nordost" in output
    assert "from Angered, Östra Göteborg" in output
    assert "Collaboration area Angered ends 2020-12-31." in output
    assert "Open measures moved from Angered to Stadsområde Nordost:" in output
    assert "Dry run: nothing was changed." in output
    # And the real run is still possible afterwards.
    reorganise(PLAN)
    assert Reorganisation.objects.get().effective_on == FIRST_DAY


def test_applying_the_same_plan_twice_is_refused(demo_2020):
    reorganise(PLAN)
    before = snapshot()
    with pytest.raises(CommandError, match="already applied"):
        reorganise(PLAN)
    assert snapshot() == before


def test_the_reorganisation_is_recorded(demo_2020):
    reorganise(PLAN)
    record = Reorganisation.objects.get()
    assert record.name.startswith("Göteborg 2021")
    assert record.plan_text == real_plan_text()
    assert len(record.plan_hash) == 64 and record.applied_at
    assert "Stadsområde Hisingen" in record.summary


def without_lundby(text: str) -> str:
    return text.replace(
        "predecessors: [lundby, norra-hisingen, vastra-hisingen]",
        "predecessors: [norra-hisingen, vastra-hisingen]",
    )


def test_a_plan_leaving_an_active_area_without_successor_is_refused(demo_2020, tmp_path):
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        reorganise(write_plan(tmp_path, without_lundby(real_plan_text())))
    assert "nothing was changed" in str(refused.value)
    assert "Area Lundby is active on 2020-12-31" in str(refused.value)
    assert "gives it no successor" in str(refused.value)
    assert snapshot() == before


def test_a_plan_leaving_a_member_without_an_area_is_refused(demo_2020, tmp_path):
    text = real_plan_text().replace(
        "    predecessors: [angered, ostra-goteborg]\n",
        "    predecessors: [angered, ostra-goteborg]\n    members: [samordnare-angered]\n",
    )
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        reorganise(write_plan(tmp_path, text))
    message = str(refused.value)
    assert "Member kommunpolis-nordost of Angered would be left without an area." in message
    assert "Member samordnare-ostra-goteborg of Östra Göteborg" in message
    assert snapshot() == before


def test_a_plan_overlapping_an_earlier_reorganisation_is_refused(demo_2020, tmp_path):
    reorganise(PLAN)
    before = snapshot()
    overlapping = """
name: Nordost splits again
effective: 2021-01-01
areas:
  - slug: nordost-2
    name: Nordost 2
    district: SO-NORDOST
    police_area: LPO-NORDOST
    predecessors: [stadsomrade-nordost]
"""
    with pytest.raises(CommandError) as refused:
        reorganise(write_plan(tmp_path, overlapping))
    assert "overlaps the reorganisation" in str(refused.value)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("name: [unclosed", "not valid YAML"),
        ("name: x\neffective: someday\nareas: []\n", "must be a date"),
        (
            "name: x\neffective: 2021-01-01\nareas:\n  - {slug: a, name: A, district: SDN-ANGERED,"
            " police_area: LPO-NOWHERE, colour: red}\n",
            "unknown key “colour”",
        ),
        (
            "name: x\neffective: 2021-01-01\nareas:\n  - {slug: a, name: A, district: SDN-ANGERED,"
            " police_area: LPO-NOWHERE}\n",
            "police area LPO-NOWHERE does not exist",
        ),
        (
            "name: x\neffective: 2021-01-01\nareas:\n  - {slug: a, name: A, district: SDN-ANGERED,"
            " police_area: LPO-NORDOST, predecessors: [atlantis]}\n",
            "Area atlantis (predecessor of A) does not exist.",
        ),
    ],
)
def test_a_bad_plan_changes_nothing_and_says_why(goteborg, tmp_path, text, reason):
    before = snapshot()
    with pytest.raises(CommandError, match="nothing was changed") as refused:
        reorganise(write_plan(tmp_path, text))
    assert reason in str(refused.value)
    assert snapshot() == before


def test_a_split_gives_both_successors_the_members_and_the_first_the_open_work(demo_2020, tmp_path):
    from measures.models import Measure

    split = """
name: Angered splits in two
effective: 2020-07-01
areas:
  - slug: angered-norra
    name: Angered norra
    district: SDN-ANGERED
    police_area: LPO-NORDOST
    predecessors: [angered]
  - slug: angered-sodra
    name: Angered södra
    district: SDN-ANGERED
    police_area: LPO-NORDOST
    predecessors: [angered]
"""
    members = set(User.objects.filter(areas__slug="angered").values_list("username", flat=True))
    reorganise(write_plan(tmp_path, split))
    angered = CollaborationArea.objects.get(slug="angered")
    north = CollaborationArea.objects.get(slug="angered-norra")
    south = CollaborationArea.objects.get(slug="angered-sodra")
    assert angered.valid_to == dt.date(2020, 6, 30)
    assert set(angered.successors.all()) == {north, south}
    for successor in (north, south):
        assert set(successor.members.values_list("username", flat=True)) == members
    assert Measure.objects.filter(area=north, title="Trygghetsvandring").exists()
    assert not Measure.objects.filter(area=south).exists()
    assert not Measure.objects.filter(area=angered).open().exists()
