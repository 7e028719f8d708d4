"""`loaddemo --history`: reports since 2019, the 2021 plan applied, idempotent."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from districts.models import CollaborationArea, Reorganisation

pytestmark = pytest.mark.django_db


def load(settings) -> None:
    settings.DEBUG = True
    call_command("loaddemo", "--history", stdout=io.StringIO())
    settings.DEBUG = False


def counts() -> dict:
    from incidents.models import Incident
    from measures.models import Measure
    from reports.models import SituationReport

    return {
        "reports": SituationReport.objects.count(),
        "incidents": Incident.objects.count(),
        "measures": Measure.objects.count(),
        "areas": CollaborationArea.objects.count(),
        "memberships": CollaborationArea.members.through.objects.count(),
        "reorganisations": Reorganisation.objects.count(),
    }


def test_history_demo_spans_the_change_and_loading_twice_changes_nothing(settings):
    from reports.models import SituationReport

    load(settings)
    first = counts()
    load(settings)
    assert counts() == first
    assert first["reorganisations"] == 1
    nordost = CollaborationArea.objects.get(slug="stadsomrade-nordost")
    history = SituationReport.objects.shared().filter(area__in=nordost.history())
    years = set(history.values_list("period_start__year", flat=True))
    assert {2019, 2020, 2021, 2022} <= years
    before = history.filter(period_start__lt=dt.date(2021, 1, 1))
    assert set(before.values_list("area__slug", flat=True)) == {"angered", "ostra-goteborg"}
    after = history.filter(period_start__gte=dt.date(2021, 1, 1), area=nordost)
    assert {2021, 2022} <= set(after.values_list("period_start__year", flat=True))
    # Every old area had both sides filing, and they all carry on in a city area.
    for area in CollaborationArea.objects.valid_on(dt.date(2021, 1, 1)):
        assert set(area.members.values_list("side", flat=True)) == {"city", "police"}
