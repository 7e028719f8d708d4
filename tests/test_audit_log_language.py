"""The audit log (/audit/) in the reader's language: actions, object types, the labels the
portal's writers give (exports, the joint picture, markings, two-factor) and the filters.

A Swedish reader sees no English word and no technical code: none of the action values, none
of the object types' "app.model" names, no period key, and none of the English phrases the
writers add to a label."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import audit
from accounts.audit_labels import object_type_choices
from accounts.models import AuditAction, AuditEvent, EnrolmentCode
from districts.models import CollaborationArea
from incidents.models import Incident
from reports.models import SituationReport
from tests.report_factory import make_report
from tests.test_measures import make_measure

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 18, 10, 0, tzinfo=dt.UTC)

# The English phrases the writers put in labels (see accounts.audit_labels) and the sides'
# and weeks' English words: none may reach a Swedish reader.
ENGLISH = [
    "joint picture",
    " rows",
    " row,",
    "no filter",
    "filter q",
    "search:",
    "open",
    "(autosaved)",
    "(shared)",
    "(acknowledged)",
    "(decided)",
    "secrecy marking",
    "removed",
    "dashboard",
    "areas overview",
    "levels",
    "imported",
    "cut at",
    "Two-factor",
    "Backup codes",
    "Enrolment code",
    "authenticator app",
    "device",
    "City",
    "Police",
    "w. 4",
    "Viewed",
    "Exported",
    "Signed in",
    "Failed sign-in",
]


def request_as(user, path="/"):
    request = RequestFactory().get(path, REMOTE_ADDR="192.0.2.10")
    request.user = user
    return request


def write_every_kind_of_row(client_for, coordinator, officer, dev_lead):
    """Rows from the real writers where a test client reaches them cheaply, and the rest as
    their writers label them, in English (a writer reading English) and in Swedish."""
    report = make_report(coordinator, status="shared")
    area = report.area
    make_report(officer, status="shared")
    measure = make_measure(coordinator, title="Trygghetsvandring")
    key = area.period_containing(report.period_start).key

    city = client_for(coordinator)
    city.cookies["django_language"] = "en"
    assert city.get(f"/areas/{area.slug}/picture/{key}/").status_code == 200
    assert city.get("/reports/export.csv").status_code == 200
    assert city.get("/incidents/export.xlsx?q=torget&status=open&page=2").status_code == 200
    assert city.get("/measures/export.csv?status=open").status_code == 200
    assert city.get(f"/dashboard/area/{area.slug}/levels.csv").status_code == 200
    city.logout()
    lead = client_for(dev_lead)
    assert lead.get("/dashboard/areas.csv").status_code == 200
    lead.logout()

    with translation.override("en"):
        code = EnrolmentCode.objects.create(
            user=coordinator, code_hash="x", expires_at=NOW + dt.timedelta(days=1)
        )
        totp = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
        static = StaticDevice.objects.create(user=coordinator, name="backup", confirmed=True)
        request = request_as(coordinator)
        rows = [
            (AuditAction.VIEW, report, None),
            (AuditAction.CREATE, report, None),
            (AuditAction.CHANGE, report, f"{report} (autosaved)"),
            (AuditAction.CHANGE, report, f"{report} (shared)"),
            (AuditAction.CHANGE, report, f"{report} (acknowledged)"),
            (AuditAction.CHANGE, report, f"{report}: secrecy marking OSL 18 kap. 1 §"),
            (AuditAction.CHANGE, report, f"{report}: secrecy marking removed"),
            (AuditAction.EXPORT, report, f"{report} (PDF)"),
            (AuditAction.EXPORT, area, f"{area}: joint picture {key} (PDF)"),
            (AuditAction.CHANGE, area, f"{area}: joint picture 2026-11"),
            (AuditAction.CREATE, Incident, f"{area}: 3 imported"),
            (
                AuditAction.EXPORT,
                SituationReport,
                "situation reports XLSX: 9 rows (cut at 9), no filter",
            ),  # fmt: skip
            (AuditAction.DELETE, measure, None),
            (AuditAction.USE, code, None),
            (AuditAction.CREATE, totp, "Two-factor sign-in"),
            (AuditAction.CREATE, static, "Backup codes"),
            (AuditAction.SIGN_IN, coordinator, None),
            (AuditAction.SIGN_IN_FAILED, None, "nobody-here"),
        ]
        for action, obj, label in rows:
            audit.record(request, action, obj, label=label)
    with translation.override("sv"):
        audit.record(request, AuditAction.CREATE, totp, label=str(_two_factor_phrase()))


def _two_factor_phrase():
    from accounts.audit_labels import PHRASES

    return PHRASES[0]


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


@time_machine.travel(NOW, tick=False)
def test_a_swedish_reader_sees_no_english_word_and_no_code(
    client_for, coordinator, officer, dev_lead
):
    write_every_kind_of_row(client_for, coordinator, officer, dev_lead)
    assert {e.action for e in AuditEvent.objects.all()} == set(AuditAction.values)
    response = client_for(dev_lead).get("/audit/")
    html = response.content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    text = visible_text(main)

    codes = set(AuditAction.values) | {value for value, _name in object_type_choices()}
    codes |= set(AuditEvent.objects.values_list("object_type", flat=True)) - {""}
    for code in sorted(codes):
        assert not re.search(rf"(?<![\w.]){re.escape(code)}(?![\w.])", text), code
    assert not re.search(r"\d{4}-W\d\d|\b\d{4}-\d\d\b(?!-)", text)
    for word in ENGLISH:
        assert word not in text, word

    # What the rows do say, in Swedish.
    rows = visible_text(main.split("<tbody>")[1])
    area = CollaborationArea.objects.get(slug="angered")
    week = area.period_containing(NOW.date()).start.isocalendar()[1]
    assert f"Angered: gemensam lägesbild v. {week} 2026 (PDF)" in rows
    assert "Angered: gemensam lägesbild november 2026" in rows
    assert "Lägesbilder, CSV: 2 rader, utan filter" in rows
    assert "Händelser, XLSX: 0 rader, filter: sökord: torget, status: ej avslutade" in rows
    assert "Lägesbilder, XLSX: 9 rader (avbruten vid 9), utan filter" in rows
    assert "Översikt: översikt över områden (CSV)" in rows
    assert "Angered: nivåer över tid (CSV)" in rows
    assert "Angered: 3 importerade" in rows
    assert "(sparad automatiskt)" in rows and "(kvitterad)" in rows and "(delad)" in rows
    assert "sekretessmarkering OSL 18 kap. 1 §" in rows
    assert "sekretessmarkering borttagen" in rows
    assert "Registreringskod för samordnare-angered" in rows
    assert rows.count("Tvåstegsinloggning") == 2
    for word in ("autentiseringsapp", "reservkoder", "Misslyckad inloggning", "Exporterade"):
        assert word in rows


@time_machine.travel(NOW, tick=False)
def test_the_filters_labels_and_options_are_swedish(client_for, dev_lead):
    html = client_for(dev_lead).get("/audit/").content.decode()
    form = html.split('id="audit-filters"', 1)[1].split("</form>", 1)[0]
    labels = [visible_text(label).strip() for label in re.findall(r"<label.*?</label>", form, re.S)]
    assert labels == ["Användare", "Händelse", "Objekttyp", "Objekt-id", "Från datum", "Till datum"]
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', form)
    types = dict(object_type_choices())
    shown_types = {value: name for value, name in options if value in types}
    assert len(shown_types) == len(types) > 20
    with translation.override("en"):
        english = dict(object_type_choices())
        english_actions = {str(label) for label in AuditAction.labels}
    for value, name in shown_types.items():
        assert "." not in name and "_" not in name, name
        assert name != english[value], f"{value} has no Swedish name"
    actions = {name for value, name in options if value in AuditAction.values}
    assert len(actions) == len(AuditAction.values)
    assert not actions & english_actions
    assert "incidents.situationreport" not in form  # the old help text named a stored code


@time_machine.travel(NOW, tick=False)
def test_the_object_type_filter_finds_rows_written_under_an_old_app_name(
    client_for, dev_lead, coordinator
):
    make_report(coordinator, status="shared")
    for object_type, label in (
        ("reports.situationreport", "now"),
        ("incidents.situationreport", "before 2026"),
        ("accounts.user", "other"),
    ):
        AuditEvent.objects.create(
            user=coordinator, username=coordinator.username, action="view",
            object_type=object_type, object_id="", object_label=label,
        )  # fmt: skip
    response = client_for(dev_lead).get("/audit/", {"object_type": "reports.situationreport"})
    labels = {e.object_label for e in response.context["page"].object_list}
    assert labels == {"now", "before 2026"}
