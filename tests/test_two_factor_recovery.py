"""Second-factor recovery: enrolment codes an admin issues after a lost phone, backup codes,
and the wait django-otp imposes after wrong codes."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.models import AuditEvent, EnrolmentCode, Role, Side, User
from demo.users import DEMO_PASSWORD
from tests.conftest import TwoFactorClient, one_time_code

VERIFY = "/accounts/two-factor/verify/"
SETUP = "/accounts/two-factor/"
ENROLMENT_CODE = "/accounts/two-factor/enrolment-code/"
BACKUP_CODES = "/accounts/two-factor/backup-codes/"


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    # django-otp makes a user wait after a wrong code; the throttling tests turn it back on.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def admin_client(admin_user):
    client = TwoFactorClient()
    client.force_login(admin_user)
    return client


def password_sign_in(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def issue_url(user: User) -> str:
    return f"/admin/accounts/user/{user.pk}/enrolment-code/"


def issue_code(admin_client, user: User, *, remove_authenticator=False) -> str:
    data = {"remove_authenticator": "on"} if remove_authenticator else {}
    response = admin_client.post(issue_url(user), data)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    match = re.search(r'class="enrolment-code"><strong><code>([A-Z0-9-]+)</code>', response.text)
    assert match, "the page shows the new code"
    return match.group(1)


def delete_device_in_admin(admin_client, device: TOTPDevice) -> None:
    url = f"/admin/otp_totp/totpdevice/{device.pk}/delete/"
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def new_device_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return f"{totp(device.bin_key):06d}"


def enrol(client: Client, user: User) -> None:
    """The QR code step: the app's first code confirms the new authenticator."""
    assert "<svg" in client.get(SETUP).text
    response = client.post(SETUP, {"code": new_device_code(user), "next": "/areas/"})
    assert response.status_code == 302
    assert response["Location"].startswith(BACKUP_CODES)


@pytest.fixture
def lost_phone(admin_client, officer):
    """The officer lost the phone; the admin deleted the authenticator in /admin/."""
    delete_device_in_admin(admin_client, TOTPDevice.objects.get(user=officer))
    return officer


# --- Enrolment codes ---


def test_enrolment_code_is_required_after_an_admin_deleted_the_device(lost_phone, admin_client):
    client = password_sign_in("kommunpolis-nordost")
    response = client.get("/areas/", follow=True)
    assert response.redirect_chain[-1][0].startswith(ENROLMENT_CODE)
    assert "Registreringskod" in response.text
    assert "<svg" not in response.text, "no QR code, no secret before the enrolment code"
    # Posting an app code to the QR code step directly enrols nothing either.
    assert client.post(SETUP, {"code": "123456"})["Location"].startswith(ENROLMENT_CODE)
    assert not TOTPDevice.objects.filter(user=lost_phone).exists()
    assert client.get("/areas/").status_code == 302

    code = issue_code(admin_client, lost_phone)
    response = client.post(ENROLMENT_CODE, {"code": code, "next": "/areas/"})
    assert response["Location"].startswith(SETUP)
    enrol(client, lost_phone)
    assert TOTPDevice.objects.get(user=lost_phone).confirmed
    assert client.get("/areas/").status_code == 200
    lost_phone.refresh_from_db()
    assert not lost_phone.enrolment_code_required


def test_issuing_and_using_an_enrolment_code_are_audit_logged(lost_phone, admin_client):
    code = issue_code(admin_client, lost_phone)
    client = password_sign_in("kommunpolis-nordost")
    client.post(ENROLMENT_CODE, {"code": code})
    enrol(client, lost_phone)
    rows = AuditEvent.objects.filter(object_type="accounts.enrolmentcode").order_by("pk")
    assert [(row.username, row.action) for row in rows] == [
        ("admin", "create"),
        ("kommunpolis-nordost", "use"),
    ]
    assert rows[0].object_label == "Registreringskod för kommunpolis-nordost"
    deleted = AuditEvent.objects.get(object_type="otp_totp.totpdevice", action="delete")
    assert deleted.username == "admin"
    assert deleted.object_label == "Tvåstegsinloggning för kommunpolis-nordost"


def test_admin_can_remove_the_lost_authenticator_and_issue_the_code_at_once(admin_client, officer):
    page = admin_client.get(f"/admin/accounts/user/{officer.pk}/change/")
    assert issue_url(officer) in page.text
    assert "Utfärda registreringskod" in page.text
    form = admin_client.get(issue_url(officer))
    assert "fortfarande en autentiseringsapp" in form.text
    StaticDevice.objects.create(user=officer, name="Backup codes", confirmed=True)
    code = issue_code(admin_client, officer, remove_authenticator=True)
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    client = password_sign_in("kommunpolis-nordost")
    assert client.get("/")["Location"].startswith(SETUP)
    assert client.get(SETUP)["Location"].startswith(ENROLMENT_CODE)
    assert client.post(ENROLMENT_CODE, {"code": code.lower().replace("-", " ")}).status_code == 302
    enrol(client, officer)


def test_wrong_enrolment_code_is_refused_and_nothing_else_is_lost(lost_phone, admin_client):
    code = issue_code(admin_client, lost_phone)
    client = password_sign_in("kommunpolis-nordost")
    response = client.post(ENROLMENT_CODE, {"code": "ABCD-EFGH-JKMN", "next": "/areas/"})
    assert response.status_code == 200
    assert "Registreringskoden är fel" in response.text
    assert "ABCD-EFGH-JKMN" in response.text, "what was typed is kept"
    assert 'value="/areas/"' in response.text
    # The right code still works afterwards.
    assert client.post(ENROLMENT_CODE, {"code": code})["Location"].startswith(SETUP)


def test_expired_enrolment_code_is_refused(lost_phone, admin_client):
    code = issue_code(admin_client, lost_phone)
    EnrolmentCode.objects.filter(user=lost_phone).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    client = password_sign_in("kommunpolis-nordost")
    response = client.post(ENROLMENT_CODE, {"code": code})
    assert response.status_code == 200
    assert "Registreringskoden gäller inte längre" in response.text
    assert client.get(SETUP)["Location"].startswith(ENROLMENT_CODE)


def test_enrolment_code_is_valid_for_24_hours(lost_phone, admin_client):
    issue_code(admin_client, lost_phone)
    stored = EnrolmentCode.objects.get(user=lost_phone)
    assert stored.expires_at - stored.issued_at == timedelta(hours=24)


def test_enrolment_code_expiring_between_the_steps_is_refused(lost_phone, admin_client):
    code = issue_code(admin_client, lost_phone)
    client = password_sign_in("kommunpolis-nordost")
    client.post(ENROLMENT_CODE, {"code": code})
    assert "<svg" in client.get(SETUP).text
    EnrolmentCode.objects.update(expires_at=timezone.now())
    response = client.post(SETUP, {"code": new_device_code(lost_phone)}, follow=True)
    assert "Registreringskoden gäller inte längre" in response.text
    assert not TOTPDevice.objects.filter(user=lost_phone, confirmed=True).exists()


def test_reused_enrolment_code_is_refused(lost_phone, admin_client):
    code = issue_code(admin_client, lost_phone)
    client = password_sign_in("kommunpolis-nordost")
    client.post(ENROLMENT_CODE, {"code": code})
    enrol(client, lost_phone)
    delete_device_in_admin(admin_client, TOTPDevice.objects.get(user=lost_phone))
    again = password_sign_in("kommunpolis-nordost")
    response = again.post(ENROLMENT_CODE, {"code": code})
    assert response.status_code == 200
    assert "Registreringskoden har redan använts" in response.text


def test_a_code_accepted_in_two_sessions_is_spent_only_once(lost_phone, admin_client, rf):
    """Two sessions that both passed the code step race to enrol: one spends the code, the
    other is refused (a conditional update decides, not a read before the write)."""
    from django.contrib.sessions.backends.db import SessionStore

    from accounts import recovery

    issue_code(admin_client, lost_phone)
    stored = EnrolmentCode.objects.get()
    requests = []
    for _ in range(2):
        request = rf.post(SETUP)
        request.user, request.session = lost_phone, SessionStore()
        recovery.accept_enrolment_code(request, stored)
        assert recovery.accepted_enrolment_code(request) == stored
        requests.append(request)
    assert recovery.claim_enrolment_code(requests[0], stored)
    assert not recovery.claim_enrolment_code(requests[1], stored)


def test_a_newer_enrolment_code_replaces_the_older_one(lost_phone, admin_client):
    old = issue_code(admin_client, lost_phone)
    new = issue_code(admin_client, lost_phone)
    client = password_sign_in("kommunpolis-nordost")
    assert "gäller inte längre" in client.post(ENROLMENT_CODE, {"code": old}).text
    assert client.post(ENROLMENT_CODE, {"code": new})["Location"].startswith(SETUP)


def test_another_users_enrolment_code_is_refused(lost_phone, admin_client, chief):
    code = issue_code(admin_client, chief)
    client = password_sign_in("kommunpolis-nordost")
    assert "Registreringskoden är fel" in client.post(ENROLMENT_CODE, {"code": code}).text


def test_enrolment_code_is_stored_hashed(lost_phone, admin_client):
    code = issue_code(admin_client, lost_phone)
    plain = code.replace("-", "")
    stored = EnrolmentCode.objects.get(user=lost_phone)
    assert stored.code_hash.startswith("hmac-sha256$")
    # The plain code is in no column of any table, with or without its dashes.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row)
                assert plain not in text and code not in text, table


def test_password_alone_still_enrols_a_police_user_who_never_had_a_device(officer):
    """First enrolment of a new user is not changed: no admin reset, no code asked for."""
    TOTPDevice.objects.filter(user=officer).delete()
    client = password_sign_in("kommunpolis-nordost")
    assert client.get("/")["Location"].startswith(SETUP)
    enrol(client, officer)


def test_coordinator_for_whom_two_factor_is_optional_needs_no_enrolment_code(
    admin_client, coordinator
):
    issue_code(admin_client, coordinator)
    client = password_sign_in("samordnare-angered")
    assert "<svg" in client.get(SETUP).text
    enrol(client, coordinator)


def test_non_staff_user_cannot_issue_enrolment_codes(client, coordinator, officer):
    client.force_login(coordinator)
    for response in (client.get(issue_url(officer)), client.post(issue_url(officer))):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert not EnrolmentCode.objects.exists()


def test_staff_user_who_may_only_view_users_gets_403(client, goteborg, officer):
    viewer = User.objects.create_user(
        "granskare", password=DEMO_PASSWORD, side=Side.CITY, role=Role.DEVELOPMENT_LEAD
    )
    viewer.is_staff = True
    viewer.save()
    viewer.user_permissions.add(Permission.objects.get(codename="view_user"))
    client.force_login(viewer)
    assert client.get(f"/admin/accounts/user/{officer.pk}/change/").status_code == 200
    assert client.get(issue_url(officer)).status_code == 403
    assert client.post(issue_url(officer)).status_code == 403
    assert not EnrolmentCode.objects.exists()


def test_issuing_a_code_for_an_unknown_user_is_404(admin_client):
    assert admin_client.post("/admin/accounts/user/999999/enrolment-code/").status_code == 404


def test_deleting_devices_with_the_admin_list_action_also_requires_a_code(
    admin_client, officer, chief
):
    devices = TOTPDevice.objects.filter(user__in=[officer, chief])
    response = admin_client.post(
        "/admin/otp_totp/totpdevice/",
        {
            "action": "delete_selected",
            "_selected_action": [d.pk for d in devices],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user__in=[officer, chief]).exists()
    assert set(User.objects.filter(enrolment_code_required=True)) == {officer, chief}


# --- Backup codes ---


def backup_codes_after_enrolment(user: User) -> tuple[Client, list[str]]:
    TOTPDevice.objects.filter(user=user).delete()
    client = password_sign_in(user.username)
    enrol(client, user)
    page = client.get(f"{BACKUP_CODES}?next=/areas/")
    codes = re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", page.text)
    return client, codes


def test_ten_backup_codes_are_shown_once_at_enrolment(officer):
    client, codes = backup_codes_after_enrolment(officer)
    assert len(set(codes)) == 10
    page = client.get(BACKUP_CODES)
    assert not re.findall(r"<li><code>", page.text), "shown only once"
    assert "Du har 10 oanvända reservkoder kvar" in page.text
    assert "no-store" in page["Cache-Control"]


def test_backup_code_signs_in_once_and_not_twice(officer):
    _, codes = backup_codes_after_enrolment(officer)
    client = password_sign_in("kommunpolis-nordost")
    response = client.post(VERIFY, {"code": codes[0].upper(), "next": "/areas/"})
    assert response["Location"] == "/areas/"
    assert client.get("/areas/").status_code == 200

    again = password_sign_in("kommunpolis-nordost")
    response = again.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 200
    assert "Koden är fel eller för gammal" in response.text
    assert again.get("/areas/").status_code == 302
    assert StaticToken.objects.filter(device__user=officer).count() == 9


def test_making_new_backup_codes_voids_the_old_set(officer):
    client, old = backup_codes_after_enrolment(officer)
    response = client.post(BACKUP_CODES)
    assert response.status_code == 302
    new = re.findall(r"<li><code>([a-z2-7-]{9})</code></li>", client.get(BACKUP_CODES).text)
    assert len(new) == 10 and not set(new) & set(old)
    other = password_sign_in("kommunpolis-nordost")
    assert other.post(VERIFY, {"code": old[1]}).status_code == 200
    assert other.post(VERIFY, {"code": new[1]}).status_code == 302


def test_backup_codes_page_needs_a_verified_session(officer):
    client = password_sign_in("kommunpolis-nordost")
    assert client.post(BACKUP_CODES)["Location"].startswith(VERIFY)
    assert not StaticDevice.objects.filter(user=officer).exists()


def test_backup_codes_page_runs_the_same_queries_with_many_or_few_codes_left(
    client, officer, django_assert_num_queries
):
    from accounts import recovery

    recovery.new_backup_codes(officer)
    client.force_login(officer)
    client.get(BACKUP_CODES)  # the session's first save
    with django_assert_num_queries(4) as many:
        assert "10 oanvända" in client.get(BACKUP_CODES).text
    StaticToken.objects.filter(pk__in=StaticToken.objects.values("pk")[:9]).delete()
    with django_assert_num_queries(len(many.captured_queries)):
        assert "1 oanvänd reservkod" in client.get(BACKUP_CODES).text


# --- Throttling ---


def test_throttled_code_says_wait_n_seconds(settings, officer):
    settings.OTP_TOTP_THROTTLE_FACTOR = 30
    client = password_sign_in("kommunpolis-nordost")
    response = client.post(VERIFY, {"code": "000000"})
    assert "Koden är fel eller för gammal" in response.text
    response = client.post(VERIFY, {"code": one_time_code("kommunpolis-nordost")})
    assert re.search(r"Vänta (29|30) sekunder och försök igen", response.text)
    assert "Koden är fel" not in response.text
    assert client.get("/areas/").status_code == 302, "the right code was not let through"


def test_throttle_message_says_one_second_in_the_singular(settings, officer):
    settings.OTP_TOTP_THROTTLE_FACTOR = 30
    device = TOTPDevice.objects.get(user=officer)
    device.throttling_failure_count = 1
    device.throttling_failure_timestamp = timezone.now() - timedelta(seconds=29.5)
    device.save()
    assert two_factor.check(device, "000000") == (
        "För många felaktiga koder. Vänta 1 sekund och försök igen."
    )


def test_throttled_enrolment_says_wait_n_seconds(settings, officer):
    settings.OTP_TOTP_THROTTLE_FACTOR = 30
    TOTPDevice.objects.filter(user=officer).delete()
    client = password_sign_in("kommunpolis-nordost")
    client.get(SETUP)
    assert "Koden är fel" in client.post(SETUP, {"code": "000000"}).text
    response = client.post(SETUP, {"code": new_device_code(officer)})
    assert re.search(r"Vänta (29|30) sekunder", response.text)
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()


def test_turning_two_factor_off_also_removes_the_backup_codes(coordinator):
    client, codes = backup_codes_after_enrolment(coordinator)
    assert len(codes) == 10
    assert client.post("/accounts/two-factor/disable/").status_code == 302
    assert not StaticDevice.objects.filter(user=coordinator).exists()
