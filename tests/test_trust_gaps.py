"""Who-did-what gaps: sign-ins through any page are audited once; a measure is proposed only
in its own area's report."""

import pytest
from django.test import Client

from accounts.models import AuditAction, AuditEvent
from demo.users import DEMO_PASSWORD
from measures.models import Measure
from tests.report_factory import make_report
from tests.test_measures import form_data

pytestmark = pytest.mark.django_db


def sign_ins():
    return list(
        AuditEvent.objects.filter(action__in=[AuditAction.SIGN_IN, AuditAction.SIGN_IN_FAILED])
        .order_by("pk")
        .values_list("action", "username", "object_label")
    )


def test_signing_in_through_the_admin_login_page_is_audited_once(users):
    client = Client()
    client.post("/admin/login/", {"username": "admin", "password": "fel"})
    client.post("/admin/login/", {"username": "admin", "password": DEMO_PASSWORD})
    assert sign_ins() == [
        ("sign_in_failed", "", "admin"),
        ("sign_in", "admin", str(users["admin"])),
    ]


def test_signing_in_through_the_portal_page_is_audited_once(users):
    Client().post("/accounts/login/", {"username": "samordnare-angered", "password": DEMO_PASSWORD})
    assert [row[0] for row in sign_ins()] == ["sign_in"]


def test_a_measure_cannot_be_proposed_in_another_areas_report(client, officer, users):
    # The officer works in Angered and Östra Göteborg; the report is Östra Göteborg's.
    report = make_report(users["kommunpolis-nordost"], area="ostra-goteborg", status="shared")
    client.force_login(officer)
    response = client.post(f"/measures/new/?report={report.pk}", form_data(officer))
    assert response.status_code == 200
    assert "area" in response.context["form"].errors
    assert "Polispatruller vid Hjällbo centrum" in response.content.decode()  # text kept
    assert not Measure.objects.exists()


def test_a_measure_proposed_in_its_own_areas_report_is_saved(client, officer, coordinator):
    report = make_report(coordinator, status="shared")
    client.force_login(officer)
    client.post(f"/measures/new/?report={report.pk}", form_data(officer))
    assert Measure.objects.get().proposed_in == report
