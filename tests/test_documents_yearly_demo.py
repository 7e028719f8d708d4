"""The demo's yearly situation picture: a decided 2025 version for Göteborg and a 2027
draft, both made from the demo data and marked as demo; loading twice changes nothing."""

import io

import pytest
from django.core.management import call_command

from situation_pictures.models import SituationPicture
from tests.documents_helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())


def test_a_decided_2025_picture_and_a_2027_draft(demo, client_for):
    decided, draft = SituationPicture.objects.order_by("year")
    assert (decided.year, decided.is_decided, decided.district) == (2025, True, None)
    assert (draft.year, draft.is_decided) == (2027, False)
    assert decided.deciding_body == "Kommunstyrelsen (demo)"
    assert decided.other_information.startswith("DEMO")
    assert decided.snapshot["incidents"]["total"] > 0  # made from the demo's incidents
    assert decided.action_items.count() == 3

    lead = decided.created_by
    text = pdf_text(client_for(lead).get(f"/situation-pictures/{decided.pk}/pdf/"))
    assert "Kommunens lägesbild och åtgärdsplan 2025: hela kommunen" in text
    assert "DEMO" in text and "Kommunstyrelsen (demo)" in text


def test_loading_twice_changes_nothing(demo):
    before = list(SituationPicture.objects.values_list("pk", "status", "updated_at"))
    pdf = bytes(SituationPicture.objects.get(year=2025).frozen_pdf)
    call_command("loaddemo", stdout=io.StringIO())
    assert list(SituationPicture.objects.values_list("pk", "status", "updated_at")) == before
    assert bytes(SituationPicture.objects.get(year=2025).frozen_pdf) == pdf
