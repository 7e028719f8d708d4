"""The theme follow-up page: levels and incidents per area since the conference, on
hand-built data, for what the user may see."""

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from conferences.models import Conference, Priority
from districts.models import CollaborationArea
from incidents.models import Incident, Visibility
from reports.models import Category, CategoryAssessment, ReportStatus, SituationReport

pytestmark = pytest.mark.django_db

CONFERENCE_DAY = dt.date(2025, 11, 13)


@pytest.fixture
def conference(goteborg):
    conference = Conference.objects.create(
        year=2025, date=CONFERENCE_DAY, venue="Gårdsten", title="Årskonferens", theme="Narkotika"
    )
    conference.focus_categories.set(Category.objects.filter(code="narcotics"))
    return conference


def report(area_slug, start, levels, user, status=ReportStatus.SHARED, side="city"):
    """A weekly report of the area with the given {category code: level} assessments."""
    r = SituationReport.objects.create(
        area=CollaborationArea.objects.get(slug=area_slug),
        side=side,
        period_kind="weekly",
        period_start=start,
        period_end=start + dt.timedelta(days=6),
        status=status,
        level=2,
        trend="unchanged",
        summary="Lugnt.",
        created_by=user,
        updated_by=user,
    )
    for code, level in levels.items():
        CategoryAssessment.objects.create(
            report=r, category=Category.objects.get(code=code), level=level
        )
    return r


def incident(area_slug, day, user, code="narcotics", visibility=Visibility.SHARED):
    return Incident.objects.create(
        area=CollaborationArea.objects.get(slug=area_slug),
        occurred_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12))),
        category=Category.objects.get(code=code),
        description="Försäljning vid torget.",
        severity=2,
        reported_side="police",
        visibility=visibility,
        created_by=user,
    )


@pytest.fixture
def hand_built(conference, dev_lead):
    """Angered: before the conference 4 (ignored), then 3, 3, 2, and a draft 4 (ignored); a
    violence assessment (not a focus category, ignored). Centrum: one shared 2. Incidents:
    Angered 2 shared + 1 police-only since the conference, 1 before, 1 violence; Centrum 1."""
    report("angered", dt.date(2025, 11, 3), {"narcotics": 4}, dev_lead)
    report("angered", dt.date(2025, 11, 17), {"narcotics": 3, "violence": 1}, dev_lead)
    report("angered", dt.date(2025, 11, 24), {"narcotics": 3}, dev_lead, side="police")
    report("angered", dt.date(2026, 2, 2), {"narcotics": 2}, dev_lead)
    report("angered", dt.date(2026, 2, 9), {"narcotics": 4}, dev_lead, ReportStatus.DRAFT)
    report("centrum", dt.date(2026, 1, 5), {"narcotics": 2}, dev_lead)
    incident("angered", dt.date(2025, 11, 13), dev_lead)  # the conference day counts
    incident("angered", dt.date(2026, 3, 1), dev_lead)
    incident("angered", dt.date(2026, 3, 2), dev_lead, visibility=Visibility.POLICE_ONLY)
    incident("angered", dt.date(2025, 11, 12), dev_lead)  # the day before
    incident("angered", dt.date(2026, 3, 3), dev_lead, code="violence")
    incident("centrum", dt.date(2026, 3, 1), dev_lead)
    Priority.objects.create(
        conference=conference, title="Narkotikabekämpning", status="decided", owner_side="police"
    )


def rows(response) -> dict:
    (section,) = response.context["sections"]
    assert section["category"].code == "narcotics"
    return {t.area.slug: t for t in section["trends"]}


def test_levels_and_incidents_since_the_conference_for_a_city_wide_user(
    client, hand_built, dev_lead
):
    client.force_login(dev_lead)
    response = client.get("/conferences/2025/follow-up/")
    trends = rows(response)
    angered = trends["angered"]
    assert (angered.assessments, angered.first_level, angered.latest_level) == (3, 3, 2)
    assert angered.change == -1
    assert angered.mean_level == pytest.approx(2.7)
    assert angered.incidents == 2  # police-only incidents never reach the city side
    centrum = trends["centrum"]
    assert (centrum.assessments, centrum.first_level, centrum.latest_level) == (1, 2, 2)
    assert centrum.incidents == 1
    assert trends["vastra-hisingen"].assessments == 0
    assert trends["vastra-hisingen"].first_level is None
    assert len(trends) == 10
    assert response.context["sections"][0]["incidents_total"] == 3
    body = response.content.decode()
    assert "Narkotikabekämpning" in body
    assert "beslutad" in body


def test_a_police_member_also_counts_the_police_only_incidents_of_their_areas(
    client, hand_built, officer
):
    client.force_login(officer)
    trends = rows(client.get("/conferences/2025/follow-up/"))
    assert set(trends) == {"angered", "ostra-goteborg"}
    assert trends["angered"].incidents == 3
    assert trends["angered"].latest_level == 2


def test_a_coordinator_sees_only_their_own_area(client, hand_built, coordinator):
    client.force_login(coordinator)
    response = client.get("/conferences/2025/follow-up/")
    trends = rows(response)
    assert set(trends) == {"angered"}
    assert trends["angered"].incidents == 2
    assert "Centrum" not in response.content.decode()


def test_follow_up_query_count_does_not_grow(
    client, conference, dev_lead, django_assert_num_queries
):
    client.force_login(dev_lead)
    priority = Priority.objects.create(conference=conference, title="P", owner_side="joint")
    report("angered", dt.date(2025, 11, 17), {"narcotics": 3}, dev_lead)
    incident("angered", dt.date(2026, 1, 1), dev_lead)
    client.get("/conferences/2025/follow-up/")
    with django_assert_num_queries(14):
        client.get("/conferences/2025/follow-up/")
    conference.focus_categories.add(Category.objects.get(code="violence"))
    for n in range(30):
        start = dt.date(2025, 11, 17) + dt.timedelta(weeks=n + 1)
        report("centrum", start, {"narcotics": 2, "violence": 3}, dev_lead)
        incident("centrum", start, dev_lead)
        p = Priority.objects.create(conference=conference, title=f"P{n}", owner_side="city")
        p.categories.set(Category.objects.filter(code="narcotics"))
    priority.measures.set([])
    with django_assert_num_queries(14):
        client.get("/conferences/2025/follow-up/")


class _Tables(HTMLParser):
    """Each table of a page: its header cells' ids, and each data cell's `headers` and text."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"class": attrs.get("class", ""), "ids": {}, "cells": []})
        elif tag in ("th", "td") and self.tables:
            self._cell = {"tag": tag, "id": attrs.get("id"), "headers": attrs.get("headers")}
            self._cell["text"] = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            cell, self._cell = self._cell, None
            cell["text"] = " ".join(cell["text"].split())
            table = self.tables[-1]
            if cell["tag"] == "th" and cell["id"]:
                table["ids"][cell["id"]] = cell["text"]
            table["cells"].append(cell)


def test_every_area_cell_names_its_area_side_and_column(client, hand_built, dev_lead):
    # Two header rows (City/Police over three columns each): HTML_CodeSniffer and IBM's
    # checker want each data cell tied to its headers, which axe does not check.
    client.force_login(dev_lead)
    parser = _Tables()
    parser.feed(client.get("/conferences/2025/follow-up/").content.decode())
    (table,) = [t for t in parser.tables if "follow-up-areas" in t["class"]]

    data = [c for c in table["cells"] if c["tag"] == "td" and c["text"]]
    assert len(data) == 10 * 7 + 1  # ten areas of seven cells, and the total
    for cell in data:
        assert cell["headers"], cell
        assert all(h in table["ids"] for h in cell["headers"].split()), cell
    named = {tuple(table["ids"][h] for h in cell["headers"].split()): cell["text"] for cell in data}
    assert named[("Angered", "Staden", "Bedömningar")] == "2"
    assert named[("Angered", "Polisen", "Första → senaste")] == "3 → 3"
    assert named[("Centrum", "Händelser")] == "1"
    assert named[("Totalt", "Händelser")] == "3"
