"""Two-factor sign-in (TOTP): enforced for police users and admins, optional for the others."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from demo.users import DEMO_PASSWORD
from tests.conftest import one_time_code

VERIFY = "/accounts/two-factor/verify/"
SETUP = "/accounts/two-factor/"


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    # django-otp makes a user wait after a wrong code; these tests give the right one at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def browser_like():
    """A plain client that signs in through the form, like a person (no code given for it)."""
    return Client()


def password_sign_in(client, username):
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return response


def test_police_user_must_give_a_code_before_any_page(browser_like, officer):
    password_sign_in(browser_like, "kommunpolis-nordost")
    response = browser_like.get("/areas/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert "next=%2Fareas%2F" in response["Location"]


def test_police_user_with_the_right_code_gets_in(browser_like, officer):
    password_sign_in(browser_like, "kommunpolis-nordost")
    response = browser_like.post(
        VERIFY, {"code": one_time_code("kommunpolis-nordost"), "next": "/areas/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/areas/"
    assert browser_like.get("/areas/").status_code == 200


def test_wrong_code_is_refused_with_a_message(browser_like, officer):
    password_sign_in(browser_like, "kommunpolis-nordost")
    response = browser_like.post(VERIFY, {"code": "000000"})
    assert response.status_code == 200
    assert "Koden är fel eller för gammal" in response.content.decode()
    assert browser_like.get("/").status_code == 302


def test_a_code_is_used_only_once(browser_like, officer):
    password_sign_in(browser_like, "kommunpolis-nordost")
    code = one_time_code("kommunpolis-nordost")
    assert browser_like.post(VERIFY, {"code": code}).status_code == 302
    other = Client()
    password_sign_in(other, "kommunpolis-nordost")
    assert other.post(VERIFY, {"code": code}).status_code == 200


def test_admin_must_give_a_code_for_the_admin_site(browser_like, admin_user):
    password_sign_in(browser_like, "admin")
    response = browser_like.get("/admin/")
    assert response["Location"].startswith(VERIFY)


def test_coordinator_without_a_device_needs_no_code(browser_like, coordinator):
    password_sign_in(browser_like, "samordnare-angered")
    assert browser_like.get("/").status_code == 200


def test_police_user_without_a_device_must_enrol_with_a_local_qr_code(browser_like, officer):
    TOTPDevice.objects.filter(user=officer).delete()
    password_sign_in(browser_like, "kommunpolis-nordost")
    response = browser_like.get("/")
    assert response["Location"].startswith(SETUP)
    page = browser_like.get(response["Location"])
    text = page.content.decode()
    assert "<svg" in text
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    import base64

    assert base64.b32encode(device.bin_key).decode() in text
    code = one_time_code_for(device)
    response = browser_like.post(SETUP, {"code": code, "next": "/"})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=officer).confirmed
    assert browser_like.get("/").status_code == 200


def one_time_code_for(device):
    from django_otp.oath import totp

    return f"{totp(device.bin_key):06d}"


def test_coordinator_may_turn_two_factor_on_and_is_then_asked_for_a_code(coordinator):
    client = Client()
    password_sign_in(client, "samordnare-angered")
    assert "<svg" in client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=coordinator)
    assert client.post(SETUP, {"code": one_time_code_for(device)}).status_code == 302
    assert AuditEvent.objects.filter(user=coordinator, action="create").exists()
    again = Client()
    password_sign_in(again, "samordnare-angered")
    assert again.get("/")["Location"].startswith(VERIFY)


def test_coordinator_may_turn_two_factor_off(client, coordinator):
    from demo.users import enrol_demo_user

    enrol_demo_user(coordinator)
    client.force_login(coordinator)
    response = client.post("/accounts/two-factor/disable/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator).exists()


def test_police_user_may_not_turn_two_factor_off(client, officer):
    client.force_login(officer)
    assert client.post("/accounts/two-factor/disable/").status_code == 403
    assert TOTPDevice.objects.filter(user=officer, confirmed=True).exists()


def test_verification_refuses_a_foreign_next_address(browser_like, officer):
    password_sign_in(browser_like, "kommunpolis-nordost")
    response = browser_like.post(
        VERIFY, {"code": one_time_code("kommunpolis-nordost"), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_loaddemo_enrols_the_demo_users_who_need_it_with_the_readme_secret(settings, goteborg):
    import base64
    import io

    from django.core.management import call_command

    from demo.users import DEMO_TOTP_SECRET

    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    call_command("loaddemo", stdout=io.StringIO())
    devices = TOTPDevice.objects.filter(confirmed=True)
    assert sorted(d.user.username for d in devices) == [
        "admin",
        "kommunpolis-nordost",
        "polischef-nordost",
    ]
    assert {base64.b32encode(d.bin_key).decode() for d in devices} == {DEMO_TOTP_SECRET}
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert DEMO_TOTP_SECRET in readme


def test_client_login_keeps_working_for_tests(client, officer):
    """The test client's `login` passes a request (django-axes needs one) and gives the code."""
    assert client.login(username="kommunpolis-nordost", password=DEMO_PASSWORD)
    assert client.get("/areas/").status_code == 200
    assert not client.login(username="kommunpolis-nordost", password="wrong")
