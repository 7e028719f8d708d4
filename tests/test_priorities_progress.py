"""A priority's progress is derived from its linked measures (see `Priority.progress`)."""

import datetime as dt
import decimal

import pytest

from conferences.models import Conference, Priority
from districts.models import CollaborationArea
from measures.models import Measure, MeasureProgress, MeasureStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def priority(goteborg):
    conference = Conference.objects.create(
        year=2025, date=dt.date(2025, 11, 13), venue="Angered", title="T", theme="Narkotika"
    )
    return Priority.objects.create(conference=conference, title="Narkotika", owner_side="joint")


def measure(user, status=MeasureStatus.ONGOING, target=None, achieved=None) -> Measure:
    m = Measure.objects.create(
        area=CollaborationArea.objects.get(slug="angered"),
        title=f"Åtgärd {status} {target} {achieved}",
        owner_side="police",
        start_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 12, 31),
        status=status,
        target=target,
        created_by=user,
    )
    if achieved is not None:
        MeasureProgress.objects.create(
            measure=m, date=dt.date(2026, 3, 1), amount=achieved, recorded_by=user
        )
    return m


def progress(priority) -> int | None:
    return Priority.objects.for_page().get(pk=priority.pk).progress()


def test_no_linked_measures_means_no_progress(priority):
    assert progress(priority) is None


def test_done_measures_count_fully_and_open_ones_without_target_as_zero(priority, dev_lead):
    priority.measures.add(measure(dev_lead, MeasureStatus.DONE), measure(dev_lead))
    assert progress(priority) == 50


def test_open_measure_with_target_counts_its_share_of_the_target(priority, dev_lead):
    priority.measures.add(
        measure(dev_lead, target=decimal.Decimal(200), achieved=decimal.Decimal(50)),  # 25 %
        measure(dev_lead, MeasureStatus.DONE),  # 100 %
        measure(dev_lead, MeasureStatus.PLANNED),  # 0 %
    )
    assert progress(priority) == 41  # (25 + 100 + 0) / 3, rounded down


def test_progress_beyond_the_target_is_capped(priority, dev_lead):
    priority.measures.add(measure(dev_lead, target=decimal.Decimal(10), achieved=30))
    assert progress(priority) == 100


def test_cancelled_measures_are_left_out(priority, dev_lead):
    priority.measures.add(measure(dev_lead, MeasureStatus.CANCELLED), measure(dev_lead, "done"))
    assert progress(priority) == 100
    priority.measures.set([measure(dev_lead, MeasureStatus.CANCELLED)])
    assert progress(priority) is None


def test_progress_shows_on_the_conference_page(client, priority, dev_lead, coordinator):
    priority.measures.add(measure(dev_lead, MeasureStatus.DONE), measure(dev_lead))
    client.force_login(coordinator)
    body = client.get("/conferences/2025/").content.decode()
    assert "50 %" in body


def test_measure_names_show_only_to_those_who_reach_the_area(priority, client, dev_lead, users):
    priority.measures.add(measure(dev_lead, MeasureStatus.DONE))
    client.force_login(users["samordnare-centrum"])
    body = client.get("/conferences/2025/").content.decode()
    assert "100 %" in body
    assert "Åtgärd done" not in body
    client.force_login(users["samordnare-angered"])
    assert "Åtgärd done" in client.get("/conferences/2025/").content.decode()
