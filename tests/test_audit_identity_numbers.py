"""No identity number reaches the audit log or django-axes' records: a failed sign-in's user
name and a search term in an export's filter are kept masked (accounts.audit.masked)."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client

from accounts.audit import masked
from accounts.models import AuditEvent
from tests.identity_corpus import TYPINGS
from tryggportal.lib.identity import MASK, find_identity_numbers

pytestmark = pytest.mark.django_db

NUMBERS = ["19121212-1212", "121212-1212", "121212+1212", "701063-2391", "19701063–2391"]


def no_identity_number_anywhere():
    for row in AuditEvent.objects.values():
        for field, value in row.items():
            assert not find_identity_numbers(str(value)), (field, value)
    for model in (AccessAttempt, AccessFailureLog):
        for row in model.objects.values():
            for field, value in row.items():
                assert not find_identity_numbers(str(value)), (model, field, value)


@pytest.mark.parametrize("typed", TYPINGS)
def test_masked_hides_every_typing(typed):
    text = masked(f"sök {typed} vid torget")
    assert not find_identity_numbers(text)
    assert MASK in text


@pytest.mark.parametrize("number", NUMBERS)
def test_a_failed_sign_in_with_an_identity_number_as_user_name(settings, number, coordinator):
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(2):
        response = client.post("/accounts/login/", {"username": number, "password": "wrong"})
        assert response.status_code == 200
    assert AuditEvent.objects.filter(action="sign_in_failed", object_label=MASK).count() == 2
    assert AccessAttempt.objects.get().username == MASK
    assert AccessAttempt.objects.get().failures_since_start == 2
    no_identity_number_anywhere()


def test_the_lock_out_still_counts_a_masked_user_name(coordinator):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(4):
        client.post("/accounts/login/", {"username": "19121212-1212", "password": "x"})
    response = client.post("/accounts/login/", {"username": "121212-1212", "password": "x"})
    assert response.status_code == 429
    other = Client(REMOTE_ADDR="203.0.113.7")
    assert other.post(
        "/accounts/login/", {"username": "samordnare-angered", "password": "wrong"}
    ).status_code == 200  # a real user name from that address is not locked  # fmt: skip


@pytest.mark.parametrize(
    "path",
    [
        "/incidents/export.csv?q=19121212-1212",
        "/reports/export.xlsx?q=121212%E2%80%931212&status=shared",
        "/reports/export.csv?q=Torget+121212+1212",
        "/measures/export.csv?status=open&q=701063-2391",
    ],
)
def test_an_export_searched_for_an_identity_number(client_for, coordinator, path):
    response = client_for(coordinator).get(path)
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="export")
    assert MASK in event.path
    no_identity_number_anywhere()


def test_an_ordinary_search_is_kept_as_typed(client_for, coordinator):
    client_for(coordinator).get("/incidents/export.csv?q=070-123+45+67")
    event = AuditEvent.objects.get(action="export")
    assert event.path == "/incidents/export.csv?q=070-123+45+67"
    assert "q=070-123+45+67" in event.object_label
