"""First enrolment of two-factor sign-in (issue 26): every session holding the password sees a
secret of its own, made anew on each visit until one is confirmed; the enrolment-code form
limits wrong tries; and only superusers (or holders of a named permission) issue enrolment
codes, a superuser's only by a superuser."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import EnrolmentCode, Role, Side, User
from accounts.recovery import ENROLMENT_CODE_TRIES
from demo.users import DEMO_PASSWORD
from tests.conftest import TwoFactorClient

SETUP = "/accounts/two-factor/"
VERIFY = "/accounts/two-factor/verify/"
ENROLMENT_CODE = "/accounts/two-factor/enrolment-code/"
BACKUP_CODES = "/accounts/two-factor/backup-codes/"


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    # django-otp makes a user wait after a wrong code; these tests count wrong codes themselves.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def password_sign_in(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def shown_secret(client: Client) -> str:
    """Open the setup page as the user does and read the secret key it shows."""
    page = client.get(SETUP)
    assert page.status_code == 200
    match = re.search(r'<code class="secret-key">([A-Z2-7=]+)</code>', page.text)
    assert match, "the page shows a secret key"
    return match.group(1)


def code_for(secret: str) -> str:
    import base64

    return f"{totp(base64.b32decode(secret)):06d}"


def turn_on(client: Client, code: str):
    return client.post(SETUP, {"code": code, "next": "/areas/"})


@pytest.fixture
def new_officer(officer):
    """A police user who has never had an authenticator (the first enrolment)."""
    TOTPDevice.objects.filter(user=officer).delete()
    return officer


# --- A pending secret per session ---


def test_two_sessions_holding_the_same_password_see_different_secrets(new_officer):
    mine, theirs = password_sign_in(new_officer.username), password_sign_in(new_officer.username)
    assert shown_secret(mine) != shown_secret(theirs)


def test_neither_sessions_code_works_for_the_other(new_officer):
    mine, theirs = password_sign_in(new_officer.username), password_sign_in(new_officer.username)
    my_secret, their_secret = shown_secret(mine), shown_secret(theirs)

    refused = turn_on(theirs, code_for(my_secret))
    assert refused.status_code == 200 and "Koden är fel eller för gammal" in refused.text
    assert turn_on(mine, code_for(their_secret)).status_code == 200
    assert not TOTPDevice.objects.filter(user=new_officer, confirmed=True).exists()

    assert turn_on(mine, code_for(my_secret))["Location"].startswith(BACKUP_CODES)
    assert mine.get("/areas/").status_code == 200
    # The other session's secret is void now: its code enrols nothing, and that session must
    # give a code from the authenticator that was confirmed.
    response = turn_on(theirs, code_for(their_secret))
    assert response["Location"].startswith(VERIFY)
    assert theirs.get("/areas/").status_code == 302
    assert theirs.post(VERIFY, {"code": code_for(their_secret)}).status_code == 200
    device = TOTPDevice.objects.get(user=new_officer)
    assert device.confirmed and code_for(my_secret) == f"{totp(device.bin_key):06d}"


def test_each_visit_shows_a_new_secret_and_the_previous_ones_code_fails(new_officer):
    client = password_sign_in(new_officer.username)
    first, second = shown_secret(client), shown_secret(client)
    assert first != second

    response = turn_on(client, code_for(first))
    assert "Koden är fel eller för gammal" in response.text
    assert 'class="secret-key">' + second in response.text, "a wrong code keeps the same secret"
    assert turn_on(client, code_for(second))["Location"].startswith(BACKUP_CODES)
    assert TOTPDevice.objects.filter(user=new_officer).count() == 1  # no pending ones left


def test_a_code_posted_without_having_seen_a_secret_enrols_nothing(new_officer):
    client = password_sign_in(new_officer.username)
    response = turn_on(client, "123456")
    assert response.status_code == 200
    assert "QR-koden har ändrats" in response.text
    assert not TOTPDevice.objects.filter(user=new_officer, confirmed=True).exists()


def test_pending_secrets_of_sessions_long_gone_are_removed(new_officer, settings):
    with time_machine.travel(timezone.now() - dt.timedelta(days=2), tick=False):
        shown_secret(password_sign_in(new_officer.username))
    shown_secret(password_sign_in(new_officer.username))
    assert TOTPDevice.objects.filter(user=new_officer, confirmed=False).count() == 1


# --- Attempt limit on enrolment codes ---


@pytest.fixture
def lost_phone(officer, admin_user):
    """The admin removed the officer's authenticator and issued an enrolment code."""
    client = TwoFactorClient()
    client.force_login(admin_user)
    response = client.post(
        f"/admin/accounts/user/{officer.pk}/enrolment-code/", {"remove_authenticator": "on"}
    )
    code = re.search(r'class="enrolment-code"><strong><code>([A-Z0-9-]+)</code>', response.text)
    return code.group(1)


def test_enrolment_codes_are_locked_after_five_wrong_tries_for_a_while(officer, lost_phone):
    start = dt.datetime(2026, 12, 7, 9, 1, tzinfo=dt.UTC)  # 10:01 in Stockholm
    with time_machine.travel(start, tick=False) as clock:
        client = password_sign_in(officer.username)
        for _ in range(ENROLMENT_CODE_TRIES.limit):
            response = client.post(ENROLMENT_CODE, {"code": "ABCD-EFGH-JKMN"})
            assert "Registreringskoden är fel" in response.text

        response = client.post(ENROLMENT_CODE, {"code": lost_phone})  # the right one
        assert response.status_code == 429
        assert "För många felaktiga koder. Försök igen klockan 10:15." in response.text
        # Another session of the same user is locked too (counted per user, not per session).
        other = password_sign_in(officer.username)
        assert other.post(ENROLMENT_CODE, {"code": lost_phone}).status_code == 429

        clock.move_to(start + dt.timedelta(minutes=14))
        response = client.post(ENROLMENT_CODE, {"code": lost_phone})
        assert response["Location"].startswith(SETUP)
    officer.refresh_from_db()
    assert officer.enrolment_code_required


def test_the_limit_is_per_user(officer, chief, admin_user, lost_phone):
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, 1, tzinfo=dt.UTC), tick=False):
        client = password_sign_in(officer.username)
        for _ in range(ENROLMENT_CODE_TRIES.limit):
            client.post(ENROLMENT_CODE, {"code": "ABCD-EFGH-JKMN"})
        TOTPDevice.objects.filter(user=chief).delete()
        User.objects.filter(pk=chief.pk).update(enrolment_code_required=True)
        other = password_sign_in(chief.username)
        assert (
            "Registreringskoden är fel"
            in other.post(ENROLMENT_CODE, {"code": "ABCD-EFGH-JKMN"}).text
        )


# --- Who issues enrolment codes ---


def issue_url(user: User) -> str:
    return f"/admin/accounts/user/{user.pk}/enrolment-code/"


def staff(username: str, *codenames: str, superuser=False) -> User:
    user = User.objects.create_user(
        username, password=DEMO_PASSWORD, side=Side.CITY, role=Role.ADMIN
    )
    user.is_staff, user.is_superuser = True, superuser
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def tries_to_issue(issuer: User, user: User) -> list[int]:
    client = TwoFactorClient()
    client.force_login(issuer)
    page = client.get(f"/admin/accounts/user/{user.pk}/change/")
    assert page.status_code == 200
    button = issue_url(user) in page.text
    statuses = [client.get(issue_url(user)).status_code, client.post(issue_url(user)).status_code]
    assert button is (statuses == [200, 200]), "the button is shown exactly when it works"
    return statuses


def test_a_staff_user_who_may_change_users_cannot_issue_codes(goteborg, officer):
    changer = staff("anvandaradmin", "view_user", "change_user")
    assert tries_to_issue(changer, officer) == [403, 403]
    assert not EnrolmentCode.objects.exists()


def test_only_who_may_issue_codes_may_clear_enrolment_code_required(goteborg, officer, admin_user):
    """Clearing the flag would let the password alone enrol after a lost phone."""
    field = 'name="enrolment_code_required"'
    changer = staff("anvandaradmin", "view_user", "change_user")
    issuer = staff("supporten", "view_user", "change_user", "issue_enrolment_code")
    for user, target, editable in [
        (changer, officer, False),
        (issuer, officer, True),
        (issuer, admin_user, False),
        (admin_user, officer, True),
    ]:
        client = TwoFactorClient()
        client.force_login(user)
        page = client.get(f"/admin/accounts/user/{target.pk}/change/")
        assert (field in page.text) is editable, (user, target)


def test_the_named_permission_issues_codes_but_never_for_a_superuser(goteborg, officer, admin_user):
    issuer = staff("supporten", "view_user", "change_user", "issue_enrolment_code")
    assert tries_to_issue(issuer, officer) == [200, 200]
    assert EnrolmentCode.objects.get().user == officer
    assert tries_to_issue(issuer, admin_user) == [403, 403]
    assert not EnrolmentCode.objects.filter(user=admin_user).exists()


def test_a_superuser_issues_codes_for_anyone_superusers_included(goteborg, officer, admin_user):
    other_superuser = staff("admin2", superuser=True)
    assert tries_to_issue(admin_user, officer) == [200, 200]
    assert tries_to_issue(admin_user, other_superuser) == [200, 200]
    assert EnrolmentCode.objects.count() == 2


def test_the_service_refuses_too(goteborg, officer, admin_user):
    from django.core.exceptions import PermissionDenied

    from accounts import recovery

    changer = staff("anvandaradmin", "view_user", "change_user")
    issuer = staff("supporten", "view_user", "issue_enrolment_code")
    with pytest.raises(PermissionDenied):
        recovery.issue_enrolment_code(user=officer, issued_by=changer)
    with pytest.raises(PermissionDenied):
        recovery.issue_enrolment_code(user=admin_user, issued_by=issuer)
    assert not EnrolmentCode.objects.exists()
