"""The audit log (/audit/) names object types and sides in the reader's language, whoever
caused each row and in whichever language they read the portal then."""

import pytest

from accounts.models import AuditEvent
from tests.report_factory import make_report
from tests.test_measures import make_measure

pytestmark = pytest.mark.django_db


def write_rows(coordinator, officer):
    # Rows about real, shared objects: the log shows a row only to a reader who may see its
    # object (access.audit_events_visible_to), and the development lead sees these.
    report = make_report(coordinator, status="shared")
    measure = make_measure(coordinator, title="Trygghetsvandring")
    ids = {"reports.situationreport": report.pk, "measures.measure": measure.pk}
    rows = [
        (coordinator, "reports.situationreport", "Angered · v. 47 2026 · Staden"),
        (officer, "reports.situationreport", "Angered · w. 47 2026 · Police"),
        (
            officer,
            "incidents.situationreport",
            "Angered · w. 45–46 2026 · City",
        ),  # before 2026's layout
        (coordinator, "measures.measure", "Trygghetsvandring"),
        (coordinator, "retired.thing", "Något gammalt"),
    ]
    for user, object_type, label in rows:
        AuditEvent.objects.create(
            user=user, username=user.username, action="view", object_type=object_type,
            object_id=str(ids.get(object_type, 1)), object_label=label,
        )  # fmt: skip


def test_a_swedish_reader_sees_swedish_words_in_every_row(
    client_for, dev_lead, coordinator, officer
):
    write_rows(coordinator, officer)
    page = client_for(dev_lead).get("/audit/").content.decode()
    html = page.split("<tbody>")[1]  # the rows (the filter's help text names a stored type)
    assert "reports.situationreport" not in html
    assert "incidents.situationreport" not in html
    assert html.count("<td>lägesbild</td>") == 3
    assert "<td>åtgärd</td>" in html
    assert "Angered · v. 47 2026 · Staden" in html
    assert "Angered · v. 47 2026 · Polisen" in html
    assert "Angered · v. 45–46 2026 · Staden" in html
    assert "· City" not in html and "· Police" not in html and "w. 4" not in html
    assert "<td>retired.thing</td>" in html  # no model by that name: shown as stored


def test_an_english_reader_sees_english_words(client_for, dev_lead, coordinator, officer):
    dev_lead.language = "en"
    dev_lead.save()
    write_rows(coordinator, officer)
    client = client_for(dev_lead)
    client.cookies["django_language"] = "en"
    html = client.get("/audit/").content.decode()
    assert html.count("<td>situation report</td>") == 3
    assert "Angered · w. 47 2026 · City" in html
    assert "Angered · w. 47 2026 · Police" in html
    assert "Staden" not in html.split("<tbody>")[1]
