"""The audit log keeps the access rules of what it records.

Events are made by real page visits: the community officer opens a police-only incident, a
shared incident and the police's own draft; the coordinator opens the city's draft; the police
import incidents marked police-only. Every persona then reads /audit/: only the development
lead and administrators may read it at all, a row about an object is shown only to a reader
who may see the object, and nothing about police-only data ever reaches a city reader.
"""

import pytest
from django.test import RequestFactory

from accounts import audit
from accounts.models import AuditAction, Role, Side, User
from demo.users import DEMO_PASSWORD
from incidents.models import Incident, Visibility
from tests.report_factory import make_report
from tests.test_incidents import make_incident
from tryggportal import audit_log

pytestmark = pytest.mark.django_db

SECRET = "Spaningsuppgift X"
SHARED = "Klotter vid entrén"


@pytest.fixture
def police_admin(goteborg):
    return User.objects.create_user(
        "admin-polisen", side=Side.POLICE, role=Role.ADMIN, is_staff=True, is_superuser=True
    )


@pytest.fixture
def events(client_for, coordinator, officer):
    secret = make_incident(officer, visibility=Visibility.POLICE_ONLY, description=SECRET)
    shared = make_incident(coordinator, description=SHARED)
    police_draft = make_report(officer, summary="Polisens utkast")
    city_draft = make_report(coordinator, summary="Stadens utkast")
    as_officer = client_for(officer)
    for address in (f"/incidents/{secret.pk}/", f"/incidents/{shared.pk}/"):
        assert as_officer.get(address).status_code == 200
    assert as_officer.get(f"/reports/{police_draft.pk}/").status_code == 200
    assert client_for(coordinator).get(f"/reports/{city_draft.pk}/").status_code == 200
    request = RequestFactory().post("/incidents/import/")
    request.user = officer
    audit.record(request, "create", Incident, label="Angered: 7 imported", police_only=True)
    return {"secret": secret, "shared": shared, "police": police_draft, "city": city_draft}


def rows_seen_by(user):
    return list(audit_log.audit_events_visible_to(user))


def about(rows, obj):
    return [r for r in rows if (r.object_type, r.object_id) == (obj._meta.label_lower, str(obj.pk))]


@pytest.mark.parametrize("persona", ["coordinator", "other_coordinator", "director", "chief"])
def test_only_the_development_lead_and_admins_open_the_audit_log(request, client, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get("/audit/").status_code == 403
    assert rows_seen_by(user) == []


@pytest.mark.parametrize("persona", ["dev_lead", "admin_user"])
def test_city_readers_never_learn_of_police_only_data(request, client, events, persona):
    user = request.getfixturevalue(persona)
    rows = rows_seen_by(user)
    assert about(rows, events["secret"]) == []
    assert not any(r.police_only for r in rows)
    assert about(rows, events["shared"])  # a shared incident's view stays on record
    client.force_login(user)
    response = client.get("/audit/")
    shown = list(response.context["page"].object_list)
    assert about(shown, events["secret"]) == [] and about(shown, events["shared"])
    assert "7 imported" not in response.content.decode()
    filtered = client.get("/audit/", {"object_type": "incidents.incident"})
    assert about(list(filtered.context["page"].object_list), events["secret"]) == []


@pytest.mark.parametrize("persona", ["dev_lead", "admin_user"])
def test_rows_about_other_sides_drafts_are_hidden(request, events, persona):
    rows = rows_seen_by(request.getfixturevalue(persona))
    assert about(rows, events["police"]) == []
    assert about(rows, events["city"]) == []  # not a member: the city's draft is out of reach too


def test_a_police_administrator_sees_police_rows_as_far_as_access_reaches(
    events, police_admin, officer
):
    rows = rows_seen_by(police_admin)
    assert any(r.object_label == "Angered: 7 imported" for r in rows)
    # Police-only incidents are for the area's police and its chiefs, not every police user.
    assert about(rows, events["secret"]) == []
    assert about(rows, events["shared"])
    assert about(rows, events["city"]) == []  # the city's draft stays the city's
    police_admin.led_police_areas.add(events["secret"].area.police_area)
    assert about(rows_seen_by(police_admin), events["secret"])


def test_rows_follow_the_object_once_it_is_shared(events, dev_lead, officer):
    from reports import services

    services.report_share(report=events["police"], actor=officer)
    assert about(rows_seen_by(dev_lead), events["police"])


def test_sign_ins_are_shown_to_every_reader(client, dev_lead, coordinator):
    client.post("/accounts/login/", {"username": coordinator.username, "password": DEMO_PASSWORD})
    signed_in = [r.username for r in rows_seen_by(dev_lead) if r.action == AuditAction.SIGN_IN]
    assert signed_in == [coordinator.username]
