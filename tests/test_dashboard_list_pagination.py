"""Lists that reach a million rows count at most a cap of rows (CappedPaginator), so a page
costs the same at any size; past the cap they say "more than"."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Side
from districts.models import CollaborationArea
from incidents.models import Incident
from reports.models import Category
from tryggportal.lib import pagination

pytestmark = pytest.mark.django_db


@pytest.fixture
def incidents(coordinator):
    area = CollaborationArea.objects.get(slug="angered")
    category = Category.objects.first()
    now = timezone.now()
    for hours in range(7):
        Incident.objects.create(
            area=area, occurred_at=now - dt.timedelta(hours=hours), category=category,
            description="d", severity=1, reported_side=Side.CITY, created_by=coordinator,
        )  # fmt: skip


def test_a_list_under_the_cap_shows_its_exact_total(client_for, coordinator, incidents):
    html = client_for(coordinator).get("/incidents/").content.decode()
    assert "7 händelser" in html
    assert "Fler än" not in html


def test_a_list_past_the_cap_says_more_than(monkeypatch, client_for, coordinator, incidents):
    monkeypatch.setattr(pagination.CappedPaginator, "cap", 4)
    response = client_for(coordinator).get("/incidents/?page=2")
    html = response.content.decode()
    assert "Fler än 4 händelser" in html
    assert response.context["page"].paginator.capped


def test_capped_count_asks_the_database_for_at_most_cap_plus_one_rows(
    incidents, django_assert_num_queries
):
    paginator = pagination.CappedPaginator(Incident.objects.order_by("-occurred_at"), 2)
    paginator.cap = 5
    with django_assert_num_queries(1) as queries:
        assert (paginator.count, paginator.capped, paginator.num_pages) == (5, True, 3)
    assert "LIMIT 6" in queries.captured_queries[0]["sql"]
    assert "ORDER BY" not in queries.captured_queries[0]["sql"]
