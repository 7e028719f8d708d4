"""The audit log: append-only events, /audit/ for admins and the development lead, retention."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.test import RequestFactory

from accounts import audit
from accounts.models import AppendOnlyError, AuditEvent


def event(user, action="view", obj=None, ip="192.0.2.10", **kwargs):
    request = RequestFactory().get("/somewhere/", REMOTE_ADDR=ip)
    request.user = user
    return audit.record(request, action, obj, **kwargs)


def test_record_keeps_who_what_which_object_and_address(coordinator, officer):
    row = event(coordinator, "view", officer)
    row.refresh_from_db()
    assert (row.user, row.username, row.action) == (coordinator, "samordnare-angered", "view")
    assert (row.object_type, row.object_id) == ("accounts.user", str(officer.pk))
    assert row.object_label == str(officer)
    assert row.ip_address == "192.0.2.10"
    assert row.path == "/somewhere/"


def test_unknown_action_is_refused(coordinator):
    with pytest.raises(ValueError):
        event(coordinator, "peek")


def test_events_cannot_be_changed_or_deleted_through_the_orm(coordinator):
    row = event(coordinator)
    row.action = "delete"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(action="delete")
    assert AuditEvent.objects.get().action == "view"


def test_sign_in_and_failed_sign_in_are_recorded(client, coordinator):
    from demo.users import DEMO_PASSWORD

    client.post("/accounts/login/", {"username": "samordnare-angered", "password": "nope"})
    client.post("/accounts/login/", {"username": "samordnare-angered", "password": DEMO_PASSWORD})
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", "username"))
    assert actions == [("sign_in_failed", ""), ("sign_in", "samordnare-angered")]
    assert AuditEvent.objects.filter(object_label="samordnare-angered").exists()


@pytest.mark.parametrize("persona", ["coordinator", "officer", "director", "chief"])
def test_audit_page_is_closed_to_everyone_but_admins_and_the_development_lead(
    client, request, persona
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/audit/").status_code == 403


@pytest.mark.parametrize("persona", ["admin_user", "dev_lead"])
def test_audit_page_lists_events_for_admins_and_the_development_lead(
    client, request, persona, coordinator, officer
):
    event(coordinator, "view", officer)
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/audit/")
    assert response.status_code == 200
    assert "Samordnare Angered" in response.content.decode()


def test_audit_page_filters_by_user_object_and_dates(
    client, dev_lead, coordinator, officer, director
):
    with time_machine.travel(dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC)):
        event(coordinator, "view", officer, label="old-view")
    with time_machine.travel(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)):
        event(coordinator, "change", director, label="june-change")
        event(officer, "view", director, label="june-officer")
    client.force_login(dev_lead)

    def labels(**query):
        response = client.get("/audit/", query)
        assert response.status_code == 200
        return {e.object_label for e in response.context["page"].object_list}

    assert labels(user=coordinator.pk) == {"old-view", "june-change"}
    assert labels(object_type="accounts.user", object_id=str(director.pk)) == {
        "june-change",
        "june-officer",
    }
    assert labels(date_from="2026-05-01", date_to="2026-06-30") == {"june-change", "june-officer"}
    assert labels(action="change") == {"june-change"}
    assert client.get("/audit/", {"date_from": "not a date"}).status_code == 200


def test_audit_page_paginates(client, dev_lead, coordinator):
    for _ in range(60):
        event(coordinator)
    client.force_login(dev_lead)
    first = client.get("/audit/")
    assert len(first.context["page"].object_list) == 50
    second = client.get("/audit/", {"page": 2})
    assert len(second.context["page"].object_list) == 10


@pytest.mark.parametrize("rows", [2, 30])
def test_audit_page_query_count_does_not_grow(
    client, dev_lead, coordinator, rows, django_assert_num_queries
):
    for _ in range(rows):
        event(coordinator)
    client.force_login(dev_lead)
    # session, user, count, page of events with their users, the user filter's choices
    with django_assert_num_queries(5):
        assert client.get("/audit/").status_code == 200


def test_purge_audit_removes_only_events_older_than_the_retention(settings, coordinator):
    settings.AUDIT_RETENTION_DAYS = 30
    now = dt.datetime.now(dt.UTC)
    with time_machine.travel(now - dt.timedelta(days=31)):
        event(coordinator, label="too-old")
    with time_machine.travel(now - dt.timedelta(days=29)):
        event(coordinator, label="kept")
    out = io.StringIO()
    call_command("purge_audit", stdout=out)
    assert "Removed 1 audit events" in out.getvalue()
    assert list(AuditEvent.objects.values_list("object_label", flat=True)) == ["kept"]


def test_admin_shows_the_log_read_only(client, admin_user, coordinator):
    row = event(coordinator)
    client.force_login(admin_user)
    assert client.get("/admin/accounts/auditevent/").status_code == 200
    assert (
        client.post(f"/admin/accounts/auditevent/{row.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AuditEvent.objects.count() == 1


def test_history_partial_lists_who_saw_an_object(coordinator, officer):
    from django.template import Context, Template

    event(coordinator, "view", officer)
    event(officer, "change", officer)
    html = Template("{% load audit %}{% audit_history obj %}").render(Context({"obj": officer}))
    assert "Samordnare Angered" in html
    assert "Kommunpolis Nordost" in html


def history_rows(html: str) -> int:
    section = html[html.index('id="audit-history-heading"') :]
    return section[: section.index("</table>")].count("<tr><td>")


def test_a_report_page_shows_its_latest_ten_events_and_the_rest_on_request(
    client_for, coordinator, officer
):
    from tests.report_factory import make_report

    report = make_report(officer, status="shared")
    for _ in range(11):
        event(officer, "view", report)
    client = client_for(coordinator)
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert history_rows(html) == 10
    assert 'href="?history=all#audit-history-heading">Visa hela historiken</a>' in html
    html = client.get(f"/reports/{report.pk}/?history=all").content.decode()
    assert history_rows(html) == 13  # the eleven, the first visit and this one
    assert "Visa hela historiken" not in html
    assert "<details open>" in html


def test_a_short_history_offers_no_link(client_for, coordinator, officer):
    from tests.report_factory import make_report

    report = make_report(officer, status="shared")
    html = client_for(coordinator).get(f"/reports/{report.pk}/").content.decode()
    assert history_rows(html) == 1
    assert "Visa hela historiken" not in html


def test_celery_beat_purges_the_audit_log_nightly(settings, coordinator):
    from accounts.tasks import purge_audit

    assert settings.CELERY_BEAT_SCHEDULE["purge-audit"]["task"] == "accounts.tasks.purge_audit"
    settings.AUDIT_RETENTION_DAYS = 1
    with time_machine.travel(dt.datetime.now(dt.UTC) - dt.timedelta(days=2)):
        event(coordinator, label="old")
    event(coordinator, label="new")
    assert purge_audit() == 1
    assert list(AuditEvent.objects.values_list("object_label", flat=True)) == ["new"]


def test_a_failed_sign_in_with_a_nul_in_the_user_name_is_recorded(client, db):
    response = client.post("/accounts/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 200
    assert AuditEvent.objects.get().object_label == "ab"
