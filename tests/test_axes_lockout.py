"""Lock-out after repeated failed sign-ins (django-axes): 5 per user name and address, 15 minutes."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from demo.users import DEMO_PASSWORD

LOGIN = "/accounts/login/"


def attempt(client, password, username="samordnare-angered"):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.fixture
def anonymous():
    return Client(REMOTE_ADDR="203.0.113.7")


def lock_out(client, username="samordnare-angered"):
    for _ in range(4):
        assert attempt(client, "wrong", username).status_code == 200
    return attempt(client, "wrong", username)


def test_fifth_failure_locks_the_user_out_with_a_swedish_message(anonymous, coordinator):
    response = lock_out(anonymous)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Inloggningen är låst" in text
    assert "15 minuter" in text


def test_locked_out_user_cannot_sign_in_even_with_the_right_password(anonymous, coordinator):
    lock_out(anonymous)
    response = attempt(anonymous, DEMO_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in anonymous.session


def test_four_failures_then_the_right_password_signs_in(anonymous, coordinator):
    for _ in range(4):
        attempt(anonymous, "wrong")
    assert attempt(anonymous, DEMO_PASSWORD).status_code == 302


def test_lock_out_is_per_user_and_address(anonymous, coordinator, other_coordinator):
    lock_out(anonymous)
    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    assert attempt(elsewhere, DEMO_PASSWORD).status_code == 302
    assert attempt(anonymous, DEMO_PASSWORD, "samordnare-centrum").status_code == 302


def test_lock_out_ends_after_the_cool_off_time(anonymous, coordinator):
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        lock_out(anonymous)
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        assert attempt(anonymous, DEMO_PASSWORD).status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=30), tick=False):
        assert attempt(anonymous, DEMO_PASSWORD).status_code == 302


def test_administrator_unlocks_a_user(anonymous, coordinator, capsys):
    lock_out(anonymous)
    call_command("axes_reset_username", "samordnare-angered")
    assert attempt(anonymous, DEMO_PASSWORD).status_code == 302


def test_administrator_unlocks_through_the_admin(anonymous, coordinator, admin_user, client):
    from axes.models import AccessAttempt

    lock_out(anonymous)
    client.force_login(admin_user)
    attempt_row = AccessAttempt.objects.get(username="samordnare-angered")
    response = client.post(f"/admin/axes/accessattempt/{attempt_row.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert attempt(anonymous, DEMO_PASSWORD).status_code == 302
