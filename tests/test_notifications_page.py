"""/notifications/: each user's own notifications, the header count, marking as read."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districts.models import CollaborationArea
from notifications.models import Notification, NotificationKind


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def notify(user, n=1, kind=NotificationKind.OVERDUE, read=False):
    area = CollaborationArea.objects.get(slug="angered")
    monday = dt.date(2026, 11, 16)
    return Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            area=area,
            side="city",
            period_kind="weekly",
            period_start=monday - dt.timedelta(weeks=i),
            period_end=monday - dt.timedelta(weeks=i) + dt.timedelta(days=6),
            due_date=monday - dt.timedelta(weeks=i) + dt.timedelta(days=4),
            link="/reports/new/?area=angered",
            read_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC) if read else None,
        )
        for i in range(n)
    )


def test_the_list_shows_the_users_own_notifications_in_swedish(client_for, coordinator, officer):
    notify(coordinator)
    notify(officer, kind=NotificationKind.UPCOMING)

    page = client_for(coordinator).get("/notifications/").content.decode()

    assert "Lägesbild försenad" in page
    assert "Lägesbilden från staden för Angered, v. 47 2026, skulle ha delats senast" in page
    assert "20 november 2026" in page
    assert "Lägesbild ska delas snart" not in page
    assert "Du har 1 oläst avisering." in page


def test_the_header_shows_the_unread_count_once_known(client_for, coordinator):
    notify(coordinator, n=3)
    client = client_for(coordinator)
    client.get("/notifications/")  # counts and remembers

    home = client.get("/").content.decode()

    assert (
        'Aviseringar <span class="badge text-bg-light">3<span class="visually-hidden"> olästa'
        in home
    )


def test_new_notifications_from_the_sweep_update_the_header(client_for, coordinator):
    from tests.reminder_helpers import local, sweep_at

    sweep_at(local(2026, 11, 18))

    home = client_for(coordinator).get("/").content.decode()

    count = Notification.objects.filter(recipient=coordinator).count()
    assert count >= 1
    assert f'<span class="badge text-bg-light">{count}<span' in home


def test_the_header_adds_no_query_to_ordinary_pages(client_for, coordinator):
    notify(coordinator)
    client = client_for(coordinator)
    client.get("/areas/")

    with CaptureQueriesContext(connection) as queries:
        client.get("/areas/")
    assert not [q for q in queries.captured_queries if "notification" in q["sql"]]


def test_mark_one_as_read(client_for, coordinator):
    first, second = notify(coordinator, n=2)
    client = client_for(coordinator)

    response = client.post(f"/notifications/{first.pk}/read/", {"page": "1"})

    assert response.status_code == 302
    assert response["Location"] == "/notifications/?page=1"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None
    assert "Du har 1 oläst avisering." in client.get("/notifications/").content.decode()


def test_open_marks_read_and_goes_to_the_link(client_for, coordinator):
    (notification,) = notify(coordinator)

    response = client_for(coordinator).post(
        f"/notifications/{notification.pk}/read/", {"open": "1"}
    )

    assert response["Location"] == "/reports/new/?area=angered"
    notification.refresh_from_db()
    assert notification.is_read


def test_mark_all_as_read(client_for, coordinator, officer):
    notify(coordinator, n=3)
    notify(officer, n=2)

    response = client_for(coordinator).post("/notifications/read-all/", follow=True)

    assert "3 aviseringar markerade som lästa." in response.content.decode()
    assert Notification.objects.filter(recipient=coordinator).unread().count() == 0
    assert Notification.objects.filter(recipient=officer).unread().count() == 2


def test_marking_needs_post(client_for, coordinator):
    (notification,) = notify(coordinator)
    client = client_for(coordinator)

    assert client.get(f"/notifications/{notification.pk}/read/").status_code == 405
    assert client.get("/notifications/read-all/").status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_another_users_notification_is_a_404(client_for, coordinator, officer):
    (notification,) = notify(officer)

    response = client_for(coordinator).post(f"/notifications/{notification.pk}/read/")

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_list_is_paginated(client_for, coordinator):
    notify(coordinator, n=30)

    client = client_for(coordinator)
    first = client.get("/notifications/").content.decode()
    second = client.get("/notifications/?page=2").content.decode()

    assert first.count('name="open"') == 25
    assert second.count('name="open"') == 5
    assert "Sida 1 av 2" in first


@pytest.mark.parametrize("rows", [2, 30])
def test_the_list_runs_a_fixed_number_of_queries(
    client_for, coordinator, django_assert_num_queries, rows
):
    notify(coordinator, n=rows)
    client = client_for(coordinator)
    client.get("/notifications/")

    with django_assert_num_queries(5):
        assert client.get("/notifications/").status_code == 200


def test_admins_read_notifications_in_the_admin_but_cannot_change_them(client_for, admin_user):
    (notification,) = notify(admin_user)
    client = client_for(admin_user)

    assert client.get("/admin/notifications/notification/").status_code == 200
    assert client.get("/admin/notifications/notification/add/").status_code == 403
    page = client.get(f"/admin/notifications/notification/{notification.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
