"""The demo's places, incidents, measures, agreement and promise: present and idempotent."""

import io

import pytest
from django.core.management import call_command

from incidents.models import Incident, Place
from measures.models import Agreement, CitizenPromise, Measure, MeasureProgress

pytestmark = pytest.mark.django_db


def counts():
    models = [Place, Incident, Measure, MeasureProgress, Agreement, CitizenPromise]
    return {model.__name__: model.objects.count() for model in models}


def test_loaddemo_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    first = counts()
    call_command("loaddemo", stdout=io.StringIO())
    assert counts() == first
    assert Place.objects.filter(name="Hjällbo torg", area__slug="angered").exists()
    assert {"shared", "police_only"} <= set(Incident.objects.values_list("visibility", flat=True))
    assert Measure.objects.filter(target__isnull=True).exists()
    assert Measure.objects.filter(target__isnull=False).exists()
    promise = CitizenPromise.objects.with_measures().get(published=True)
    assert promise.text == "Minst 200 polispatruller vid Hjällbo centrum"
    assert promise.progress()["achieved"] == 124
    assert sorted(a.slug for a in promise.agreement.areas.all()) == ["angered", "ostra-goteborg"]
