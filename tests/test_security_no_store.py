"""Shared computers: no download and no page showing a secret leaves a copy in the browser's
cache. Every download address (PDF, CSV, XLSX, the JSON a page fetches) and every page that
shows a secret answers `Cache-Control: private, no-store`; a guard makes a new download address
join this list."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.users import DEMO_PASSWORD
from situation_pictures.models import SituationPicture
from tests.documents_helpers import incident, measure
from tests.report_factory import form_data, make_report

pytestmark = pytest.mark.django_db

# URL name → (persona, method, address); `{report}`, `{period}` and `{picture}` are filled in.
DOWNLOADS = {
    "report_pdf": ("coordinator", "get", "/reports/{report}/pdf/"),
    "joint_picture_pdf": ("coordinator", "get", "/areas/angered/picture/{period}/pdf/"),
    "situation_picture_pdf": ("dev_lead", "get", "/situation-pictures/{picture}/pdf/"),
    "report_export": ("coordinator", "get", "/reports/export.csv", "/reports/export.xlsx"),
    "incident_export": ("officer", "get", "/incidents/export.csv", "/incidents/export.xlsx"),
    "measure_export": ("coordinator", "get", "/measures/export.csv", "/measures/export.xlsx"),
    "dashboard_csv": ("director", "get", "/dashboard/areas.csv", "/dashboard/completeness.csv"),
    "area_dashboard_csv": ("director", "get", "/dashboard/area/angered/levels.csv"),
    "priority_measure_search": ("dev_lead", "get", "/conferences/measures/?q="),
    "report_autosave": ("coordinator", "post", "/reports/{draft}/autosave/"),
    "report_autosave_new": ("coordinator", "post", "/reports/new/autosave/"),
}
DOWNLOAD_NAME = re.compile(r"(_pdf|_export|_csv|_search|autosave.*)$")


def url_names(resolver=None):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from url_names(entry)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name


def assert_no_store(response):
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives, response["Cache-Control"]
    assert "public" not in directives


def test_every_download_address_is_in_this_list():
    downloads = {name for name in url_names() if DOWNLOAD_NAME.search(name)}
    assert downloads == set(DOWNLOADS)


@pytest.fixture
def data(coordinator, officer, dev_lead):
    shared = make_report(officer, status="shared")
    draft = make_report(coordinator, weeks_back=1)
    incident(coordinator, "Klotter vid entrén")
    incident(officer, "Spaningsuppgift", police_only=True)
    measure(coordinator, "Belysning vid gångtunneln")
    picture = SituationPicture.objects.create(
        year=2026, window_start=dt.date(2026, 1, 1), window_end=dt.date(2026, 12, 31),
        analysis="Analys.", created_by=dev_lead,
    )  # fmt: skip
    return {"report": shared.pk, "period": shared.period.key, "picture": picture.pk, "draft": draft}


@pytest.mark.parametrize("name", sorted(DOWNLOADS))
def test_every_download_is_private_and_not_stored(request, client_for, data, name):
    persona, method, *addresses = DOWNLOADS[name]
    client = client_for(request.getfixturevalue(persona))
    draft = data["draft"]
    for address in addresses:
        url = address.format(**{**data, "draft": draft.pk})
        if method == "post" and "{draft}" in address:
            response = client.post(url, form_data(draft, summary="Sparas av sig själv."))
        elif method == "post":
            new = form_data(area=draft.area_id, period=data["period"], summary="Första raderna.")
            # On the reports' own day (tests/report_factory.py), when their period is offered.
            with time_machine.travel(dt.datetime(2026, 11, 18, 10, tzinfo=dt.UTC), tick=False):
                response = client.post(url, new)
        else:
            response = client.get(url)
        assert response.status_code == 200, url
        assert_no_store(response)


def test_an_ordinary_page_may_still_be_cached_by_the_browser(client_for, coordinator):
    response = client_for(coordinator).get("/reports/")
    assert "no-store" not in response.get("Cache-Control", "")


# --- Pages that show a secret ---


def test_the_enrolment_page_with_the_authenticator_secret_is_not_stored(client, officer):
    TOTPDevice.objects.filter(user=officer).delete()
    client.post("/accounts/login/", {"username": officer.username, "password": DEMO_PASSWORD})
    response = client.get("/accounts/two-factor/")
    assert "<svg" in response.text
    assert_no_store(response)
    assert_no_store(client.post("/accounts/two-factor/", {"code": "000000"}))


def test_the_two_factor_status_and_backup_code_pages_are_not_stored(client_for, officer):
    client = client_for(officer)
    assert_no_store(client.get("/accounts/two-factor/"))
    client.post("/accounts/two-factor/backup-codes/")
    response = client.get("/accounts/two-factor/backup-codes/")
    assert "<li><code>" in response.text
    assert_no_store(response)


def test_the_enrolment_code_pages_are_not_stored(client_for, admin_user, officer):
    admin = client_for(admin_user)
    issued = admin.post(
        f"/admin/accounts/user/{officer.pk}/enrolment-code/", {"remove_authenticator": "on"}
    )
    assert 'class="enrolment-code"' in issued.text
    assert_no_store(issued)
    assert_no_store(admin.get(f"/admin/accounts/user/{officer.pk}/enrolment-code/"))

    admin.logout()
    client = admin
    client.post("/accounts/login/", {"username": officer.username, "password": DEMO_PASSWORD})
    response = client.post("/accounts/two-factor/enrolment-code/", {"code": "ABCD-EFGH-JKMN"})
    assert "Registreringskoden är fel" in response.text
    assert_no_store(response)
