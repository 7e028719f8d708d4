"""Measures: owners, targets, dated progress, overdue, proposed from a report, who may change."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from districts.models import CollaborationArea
from incidents.models import Place
from measures import access as measures_access
from measures.models import Measure, MeasureProgress
from reports.models import Category
from tests.report_factory import make_report

pytestmark = pytest.mark.django_db


def make_measure(owner, *, area="angered", status="ongoing", due=30, target=None, **extra):
    today = timezone.localdate()
    return Measure.objects.create(
        area=CollaborationArea.objects.get(slug=area),
        title=extra.pop("title", "Polispatruller vid Hjällbo centrum"),
        owner_side=owner.side,
        owner_user=owner,
        start_date=today - dt.timedelta(days=10),
        due_date=today + dt.timedelta(days=due),
        status=status,
        target=target,
        target_unit="patruller" if target else "",
        created_by=owner,
        **extra,
    )


def form_data(officer, **overrides):
    area = CollaborationArea.objects.get(slug="angered")
    place = Place.objects.get_or_create(area=area, name="Hjällbo torg", kind="square")[0]
    data = {
        "area": str(area.pk),
        "title": "Polispatruller vid Hjällbo centrum",
        "description": "Kvällspatruller fredag och lördag.",
        "owner_side": "police",
        "owner_user": str(officer.pk),
        "categories": [str(Category.objects.get(code="narcotics").pk)],
        "places": [str(place.pk)],
        "start_date": "2026-01-01",
        "due_date": "2026-12-31",
        "status": "planned",
        "target": "200",
        "target_unit": "patruller",
    }
    return data | overrides


def test_member_creates_a_measure_with_a_target(client, officer):
    client.force_login(officer)
    response = client.post("/measures/new/", form_data(officer))
    measure = Measure.objects.get()
    assert response.status_code == 302
    assert (measure.target, measure.owner_user, measure.created_by) == (200, officer, officer)
    assert [p.name for p in measure.places.all()] == ["Hjällbo torg"]
    assert "Polispatruller" in client.get("/measures/").content.decode()


def test_owner_must_work_in_the_area_and_on_the_owner_side(client, officer, coordinator):
    client.force_login(officer)
    response = client.post("/measures/new/", form_data(coordinator))
    assert "owner_user" in response.context["form"].errors
    assert not Measure.objects.exists()


def test_due_date_before_start_is_refused(client, officer):
    client.force_login(officer)
    response = client.post("/measures/new/", form_data(officer, due_date="2025-12-01"))
    assert "due_date" in response.context["form"].errors


def test_identity_number_in_the_description_is_refused(client, officer):
    client.force_login(officer)
    data = form_data(officer, description="Kontakta 19121212-1212")
    response = client.post("/measures/new/", data)
    assert "description" in response.context["form"].errors
    assert "Kontakta 19121212-1212" in response.content.decode()


def test_recording_progress_moves_the_bar_and_starts_a_planned_measure(client, officer):
    measure = make_measure(officer, status="planned", target=200)
    client.force_login(officer)
    client.post(f"/measures/{measure.pk}/", {"date": "2026-11-20", "amount": "50", "note": ""})
    body = client.get(f"/measures/{measure.pk}/").content.decode()
    assert 'aria-valuenow="50"' in body
    assert 'aria-valuemax="200"' in body
    assert "pct-25" in body
    measure.refresh_from_db()
    assert measure.status == "ongoing"


def test_progress_is_summed_and_capped_at_100_percent(officer):
    measure = make_measure(officer, target=200)
    for amount in (120, 130):
        MeasureProgress.objects.create(
            measure=measure, date=timezone.localdate(), amount=amount, recorded_by=officer
        )
    measure = Measure.objects.with_progress().get()
    assert (measure.achieved, measure.percent) == (Decimal(250), 100)


def test_overdue_measures_stand_out(client, coordinator):
    overdue = make_measure(coordinator, due=-3, title="Belysning vid hållplatsen")
    done = make_measure(coordinator, due=-3, status="done", title="Klart")
    today = timezone.localdate()
    assert overdue.is_overdue(today) and not done.is_overdue(today)
    assert not overdue.is_overdue(today - dt.timedelta(days=5))
    client.force_login(coordinator)
    body = client.get("/measures/").content.decode()
    assert body.count("table-danger") == 1
    assert "försenad" in body


def test_a_measure_proposed_from_a_report_remembers_it(client, officer, coordinator):
    report = make_report(coordinator, status="shared")
    client.force_login(officer)
    response = client.get(f"/measures/new/?report={report.pk}")
    assert response.context["form"].initial["area"] == report.area_id
    client.post(f"/measures/new/?report={report.pk}", form_data(officer))
    assert Measure.objects.get().proposed_in == report


def test_proposing_from_an_unseen_report_is_404(client, officer, other_coordinator):
    report = make_report(other_coordinator, area="centrum", status="shared")
    client.force_login(officer)
    assert client.get(f"/measures/new/?report={report.pk}").status_code == 404


def test_due_or_open_for_area_is_what_the_joint_picture_follows_up(coordinator):
    today = timezone.localdate()
    open_one = make_measure(coordinator, title="Öppen")
    done_in_period = make_measure(coordinator, status="done", due=0, title="Klar i perioden")
    make_measure(coordinator, status="done", due=-60, title="Klar för länge sedan")
    make_measure(coordinator, area="centrum", title="Annat område")
    area = CollaborationArea.objects.get(slug="angered")
    found = Measure.objects.due_or_open_for_area(area, today - dt.timedelta(days=6), today)
    assert set(found) == {open_one, done_in_period}


@pytest.mark.parametrize("persona", ["director", "chief", "dev_lead"])
def test_readers_see_measures_but_get_403_on_changes(request, client, persona, officer):
    measure = make_measure(officer, target=200)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/measures/{measure.pk}/").status_code == 200
    assert client.get("/measures/new/").status_code == 403
    assert client.post(f"/measures/{measure.pk}/edit/", form_data(officer)).status_code == 403
    response = client.post(f"/measures/{measure.pk}/", {"date": "2026-11-20", "amount": "5"})
    assert response.status_code == 403
    assert not MeasureProgress.objects.exists()


def test_outsiders_get_404(client, officer, other_coordinator):
    measure = make_measure(officer)
    client.force_login(other_coordinator)
    assert client.get(f"/measures/{measure.pk}/").status_code == 404
    assert client.post(f"/measures/{measure.pk}/edit/", {}).status_code == 404
    assert client.post(f"/measures/{measure.pk}/", {"amount": "5"}).status_code == 404
    assert not measures_access.measures_visible_to(other_coordinator).exists()


def test_the_other_side_of_the_area_edits_a_measure_too(client, coordinator, officer):
    measure = make_measure(officer)
    client.force_login(coordinator)
    response = client.post(f"/measures/{measure.pk}/edit/", form_data(officer, status="ongoing"))
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == "ongoing"


@pytest.mark.parametrize("rows", [2, 30])
def test_measure_list_query_count_does_not_grow(
    client, coordinator, django_assert_num_queries, rows
):
    narcotics = Category.objects.get(code="narcotics")
    for n in range(rows):
        measure = make_measure(coordinator, target=10, title=f"Åtgärd {n}")
        measure.categories.add(narcotics)
        MeasureProgress.objects.create(
            measure=measure, date=timezone.localdate(), amount=3, recorded_by=coordinator
        )
    client.force_login(coordinator)
    with django_assert_num_queries(7):  # + the rows' secrecy markings
        assert client.get("/measures/").status_code == 200


def test_edit_form_keeps_the_measures_own_dates(client, officer):
    measure = make_measure(officer, due=100)
    client.force_login(officer)
    body = client.get(f"/measures/{measure.pk}/edit/").content.decode()
    assert f'value="{measure.start_date.isoformat()}"' in body
    assert f'value="{measure.due_date.isoformat()}"' in body
