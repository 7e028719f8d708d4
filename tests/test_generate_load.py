"""`manage.py generate_load`: a realistic benchmark data set, fast, and only where meant."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import Side, User
from districts.models import CollaborationArea
from incidents.models import Incident, Place
from measures.models import CitizenPromise, Measure, MeasureProgress
from notifications.models import Notification
from reports.models import CategoryAssessment, SituationReport

pytestmark = pytest.mark.django_db


def generate(**options):
    out = io.StringIO()
    call_command("generate_load", force=True, stdout=out, **options)
    return out.getvalue()


def test_generates_weekly_reports_of_both_sides_incidents_and_measures():
    output = generate(areas=3, years=0.25, incidents=10)  # 13 weeks
    assert CollaborationArea.objects.filter(slug__startswith="load-").count() == 3
    reports = SituationReport.objects.filter(area__slug__startswith="load-")
    # 3 areas × 2 sides × 13 weeks, less the few missing on purpose, and the personas'
    # drafts of the current week.
    assert 60 <= reports.count() <= 80
    assert set(reports.values_list("side", flat=True)) == {Side.CITY, Side.POLICE}
    # Drafts only where the bench personas' to-do has them.
    assert reports.filter(status="draft").count() == 5
    assert not reports.exclude(status="draft").filter(shared_at__isnull=True).exists()
    assert CategoryAssessment.objects.count() == 6 * reports.count()
    assert Incident.objects.count() == 3 * 13 * 10
    assert Incident.objects.filter(visibility="police_only").exists()
    assert Place.objects.count() == 3 * 15
    assert Measure.objects.count() == 3 * 3 * 2  # three months, two a month
    assert MeasureProgress.objects.exists()
    assert CitizenPromise.objects.filter(measures__isnull=False).exists()
    assert "Generated 3 areas over 13 weeks" in output


def test_the_personas_have_a_full_to_do_on_their_home_page(client):
    generate(areas=6, years=0.25, incidents=1)
    client.cookies["django_language"] = "en"
    coordinator = User.objects.get(username="bench-samordnare")
    client.force_login(coordinator)
    home = client.get("/").content.decode()
    assert "Continue the draft" in home and "Start the report" in home
    assert "todo-overdue" in home
    assert "Nothing to acknowledge." not in home
    assert "Nothing to sign." not in home
    assert "No overdue measures." not in home
    unread = Notification.objects.filter(recipient=coordinator, read_at__isnull=True)
    assert unread.filter(kind="review_pending").count() == 3
    assert unread.filter(kind="overdue").count() == 3
    assert Notification.objects.filter(recipient=coordinator, read_at__isnull=False).count() > 20
    director = User.objects.get(username="bench-direktor")
    police_chief = User.objects.get(username="bench-polischef")
    # The first police area's five areas, through the districts and the police area.
    for user in (director, police_chief):
        client.force_login(user)
        page = client.get("/").content.decode()
        assert "5 areas in your reach" in page


def test_reports_are_one_per_area_period_and_side_and_weekly():
    generate(areas=2, years=0.1, incidents=1)
    reports = SituationReport.objects.all()
    keys = list(reports.values_list("area_id", "period_start", "side"))
    assert len(keys) == len(set(keys))
    assert all(start.weekday() == 0 for start in reports.values_list("period_start", flat=True))


def test_some_reports_are_late_and_most_on_time():
    generate(areas=4, years=0.5, incidents=1)
    late = on_time = 0
    for report in SituationReport.objects.select_related("area"):
        due = report.area.due_date(report.period)
        if timezone.localdate(report.shared_at) > due:
            late += 1
        else:
            on_time += 1
    assert 0 < late < on_time


def test_ids_continue_after_generation():
    generate(areas=1, years=0.05, incidents=1)
    area = CollaborationArea.objects.get(slug="load-01")
    before = SituationReport.objects.order_by("-pk").first().pk
    author = SituationReport.objects.first().created_by
    report = SituationReport.objects.create(
        area=area, side=Side.CITY, period_kind="ad_hoc", period_start="2020-01-01",
        period_end="2020-01-01", level=1, trend="unchanged", summary="s",
        created_by=author, updated_by=author,
    )  # fmt: skip
    assert report.pk > before


def test_refuses_to_generate_twice_and_with_debug_off():
    generate(areas=1, years=0.05, incidents=1)
    with pytest.raises(CommandError, match="fresh database"):
        generate(areas=1, years=0.05, incidents=1)
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("generate_load", areas=1, years=0.05, stdout=io.StringIO())
