"""In the browser: a district director signs in and reads their area's headline card on the
first screen at 1366×768, without scrolling, and at 390 px wide the card comes first."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from accounts.models import Side, User
from districts.models import CollaborationArea
from reports.models import JointPicture, SituationReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shared(area, side, period, level):
    author = User.objects.filter(side=side).order_by("pk").first()
    return SituationReport.objects.create(
        area=area, side=side, period_kind=area.cadence, period_start=period.start,
        period_end=period.end, status="shared", level=level, trend="worse", summary="s",
        created_by=author, updated_by=author, shared_at=timezone.now() - dt.timedelta(days=2),
    )  # fmt: skip


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_the_directors_card_is_on_the_first_screen(page, sign_in, users, width, height):
    angered = CollaborationArea.objects.get(slug="angered")
    period = angered.period_containing(timezone.localdate()).previous()
    shared(angered, Side.CITY, period, 3)
    shared(angered, Side.POLICE, period, 4)
    JointPicture.objects.create(
        area=angered, period_kind=period.cadence, period_start=period.start,
        period_end=period.end, summary="Oro vid Hjällbo torg på kvällarna; fler vuxna ute.",
    )  # fmt: skip
    page.set_viewport_size({"width": width, "height": height})
    sign_in("direktor-angered")
    page.goto("/dashboard/")
    card = page.get_by_role("article", name="Angered")
    assert card.is_visible()
    box = card.bounding_box()
    assert box["y"] >= 0
    if width >= 1000:
        assert box["y"] + box["height"] <= height  # the whole card without scrolling
    else:
        assert box["y"] < height  # it starts on the first screen
    text = card.inner_text()
    assert "Allvarligt" in text
    assert "Oro vid Hjällbo torg" in text
    assert "Inte undertecknad ännu" in text
    with translation.override("sv"):
        label = period.label
    card.get_by_role("link", name=f"Gemensam lägesbild {label}").click()
    page.wait_for_url(f"**/areas/angered/picture/{period.key}/")
