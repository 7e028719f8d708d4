"""Sessions end after an idle time and a maximum age; cookies are HTTP-only."""

import datetime as dt

import pytest
import time_machine

START = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def idle_settings(settings):
    settings.SESSION_IDLE_SECONDS = 30 * 60
    settings.SESSION_COOKIE_AGE = 10 * 60 * 60
    return settings


def test_session_ends_after_the_idle_time(client, coordinator, idle_settings):
    with time_machine.travel(START, tick=False):
        client.force_login(coordinator)
        assert client.get("/").status_code == 200
    with time_machine.travel(START + dt.timedelta(minutes=31), tick=False):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_activity_keeps_the_session_alive(client, coordinator, idle_settings):
    client.force_login(coordinator)
    for minutes in (0, 20, 40, 60, 80):
        with time_machine.travel(START + dt.timedelta(minutes=minutes), tick=False):
            if minutes == 0:
                client.force_login(coordinator)
            assert client.get("/").status_code == 200


def test_session_ends_after_its_maximum_age_however_active(client, coordinator, idle_settings):
    with time_machine.travel(START, tick=False):
        client.force_login(coordinator)
    for minutes in range(20, 10 * 60, 20):
        with time_machine.travel(START + dt.timedelta(minutes=minutes), tick=False):
            assert client.get("/").status_code == 200
    with time_machine.travel(START + dt.timedelta(hours=10, minutes=5), tick=False):
        assert client.get("/").status_code == 302


def test_signed_out_user_sees_why(client, coordinator, idle_settings):
    with time_machine.travel(START, tick=False):
        client.force_login(coordinator)
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        response = client.get("/", follow=True)
        assert "Du loggades ut" in response.content.decode()


def test_session_and_csrf_cookies_are_http_only_and_same_site(settings):
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
