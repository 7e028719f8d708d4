"""The Django admin obeys the rules of the pages (issue 26, item 1).

With police-only incidents, a police draft, audit rows and admin history about them present,
every registered ModelAdmin's changelist (searched and with facet counts), the change, history
and delete-confirmation page of each object it lists, and its "delete selected" action are
opened as the city administrator (a superuser on the city side): no page names a police-only
incident or the police's draft, directly, by its address or in a count. A delete that would
reach what the administrator may not see is refused with a plain message. A police-side
administrator who reaches the area still sees them.
"""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEvent, Role, Side, User
from districts.models import CollaborationArea
from incidents.models import Incident, Place, Visibility
from notifications.models import Notification
from reports.models import Category
from tests.report_factory import make_report
from tests.test_incidents import make_incident
from tests.test_measures import make_measure

pytestmark = pytest.mark.django_db

SECRET = "Spaningsuppgift vid garaget"
DRAFT = "Polisens hemliga utkast"
IMPORT_LABEL = "Angered: 7 imported"
REFUSAL = "data som du inte har tillgång till"


@pytest.fixture
def police_admin(goteborg):
    user = User.objects.create_user(
        "admin-polisen", side=Side.POLICE, role=Role.ADMIN, is_staff=True, is_superuser=True
    )
    user.areas.add(CollaborationArea.objects.get(slug="angered"))
    return user


@pytest.fixture
def hidden(client_for, coordinator, officer, admin_user, police_admin):
    """Police-only data, and everything that names it, beside the city's shared data."""
    angered = CollaborationArea.objects.get(slug="angered")
    garage = Place.objects.create(area=angered, name="Garaget", kind="other")
    secret = make_incident(
        officer,
        visibility=Visibility.POLICE_ONLY,
        description=SECRET,
        category="organised-crime",
        place=garage,
        when=timezone.make_aware(dt.datetime(2025, 3, 9, 22, 15)),
    )
    shared = make_incident(coordinator, description="Klotter vid entrén")
    draft = make_report(officer, summary=DRAFT)
    measure = make_measure(officer, title="Gemensam åtgärd", proposed_in=draft)
    notification = Notification.objects.create(
        recipient=officer,
        kind="upcoming",
        area=angered,
        side="police",
        period_kind="weekly",
        period_start=draft.period_start,
        period_end=draft.period_end,
        report=draft,
        link=f"/reports/{draft.pk}/",
    )
    # Audit rows: the officer opens the police-only incident and the draft; a police import.
    as_officer = client_for(officer)
    assert as_officer.get(f"/incidents/{secret.pk}/").status_code == 200
    assert as_officer.get(f"/reports/{draft.pk}/").status_code == 200
    request = RequestFactory().post("/incidents/import/")
    request.user = officer
    audit.record(request, "create", Incident, label=IMPORT_LABEL, police_only=True)
    # Admin history: the police administrator's, and the city administrator's own change of
    # the incident from before it was marked police-only.
    for user, obj in ((police_admin, secret), (police_admin, draft), (admin_user, secret)):
        LogEntry.objects.create(
            user=user,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj),
            action_flag=CHANGE,
        )
    audit_rows = [
        e.pk
        for e in AuditEvent.objects.all()
        if e.police_only
        or (e.object_type, e.object_id) == ("incidents.incident", str(secret.pk))
        or (e.object_type, e.object_id) == ("reports.situationreport", str(draft.pk))
    ]
    assert len(audit_rows) >= 3
    return {
        "secret": secret,
        "shared": shared,
        "draft": draft,
        "garage": garage,
        "measure": measure,
        "notification": notification,
        "audit_rows": audit_rows,
    }


def leaks(content: str, hidden) -> list[str]:
    secret, draft = hidden["secret"], hidden["draft"]
    names = [SECRET, str(secret), DRAFT, str(draft), IMPORT_LABEL]
    names += [
        f"/admin/incidents/incident/{secret.pk}/",
        f"/admin/reports/situationreport/{draft.pk}/",
        f"/admin/notifications/notification/{hidden['notification'].pk}/",
    ]
    names += [f"/admin/accounts/auditevent/{pk}/" for pk in hidden["audit_rows"]]
    return [name for name in names if name in content]


def url(model, suffix=""):
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/{suffix}"


def test_no_admin_page_names_police_only_data_to_a_city_administrator(
    client_for, admin_user, hidden
):
    assert admin_user.is_superuser and admin_user.side == Side.CITY
    client = client_for(admin_user)
    opened = 0

    def visit(address, method="get", data=None, allowed=(200, 302, 403)):
        nonlocal opened
        response = getattr(client, method)(address, data or {})
        assert response.status_code in allowed, (address, response.status_code)
        content = response.content.decode()
        assert leaks(content, hidden) == [], (address, leaks(content, hidden))
        opened += 1
        return response

    visit("/admin/")
    for model, model_admin in admin.site._registry.items():
        listing = visit(url(model), allowed=(200,))
        visit(url(model), data={"_facets": "True"}, allowed=(200,))
        if model_admin.search_fields:
            visit(url(model), data={"q": "Spaning"}, allowed=(200,))
        changelist = listing.context["cl"]
        listed = list(changelist.queryset)
        scope = admin.site.scopes().get(model)
        if scope is not None:
            # Counts are of what the administrator sees, never more.
            seen = scope(admin_user)
            assert changelist.full_result_count == seen.count(), model
            assert all(seen.filter(pk=obj.pk).exists() for obj in listed), model
        for obj in listed:
            visit(url(model, f"{obj.pk}/change/"))
            visit(url(model, f"{obj.pk}/history/"))
            visit(url(model, f"{obj.pk}/delete/"))
        actions = model_admin.get_actions(listing.wsgi_request)
        if "delete_selected" in actions and listed:
            visit(
                url(model),
                method="post",
                data={"action": "delete_selected", "_selected_action": [o.pk for o in listed]},
            )
    # The hidden objects' own addresses answer as for objects that do not exist.
    for obj in (hidden["secret"], hidden["draft"], hidden["notification"]):
        for suffix in ("change/", "history/", "delete/"):
            visit(url(type(obj), f"{obj.pk}/{suffix}"), allowed=(302,))
    assert opened > 60
    assert Incident.objects.filter(pk=hidden["secret"].pk).exists()


def test_deletes_that_reach_police_only_data_are_refused_with_a_plain_message(
    client_for, admin_user, hidden
):
    client = client_for(admin_user)
    angered = hidden["secret"].area
    for obj in (
        angered,
        Category.objects.get(code="organised-crime"),
        hidden["garage"],  # the police-only incident would lose its place
        admin_user.__class__.objects.get(username="kommunpolis-nordost"),
    ):
        for method, data in (("get", {}), ("post", {"post": "yes"})):
            response = getattr(client, method)(url(type(obj), f"{obj.pk}/delete/"), data)
            assert response.status_code == 403, obj
            content = response.content.decode()
            assert REFUSAL in content and leaks(content, hidden) == []
        response = client.post(
            url(type(obj)), {"action": "delete_selected", "_selected_action": [obj.pk]}
        )
        assert response.status_code == 403 and REFUSAL in response.content.decode()
    assert Place.objects.filter(pk=hidden["garage"].pk).exists()
    assert Incident.objects.get(pk=hidden["secret"].pk).place == hidden["garage"]
    # What reaches only what the city sees is deleted as before.
    lonely = Place.objects.create(area=angered, name="Parkeringen", kind="other")
    response = client.post(url(Place, f"{lonely.pk}/delete/"), {"post": "yes"})
    assert response.status_code == 302 and not Place.objects.filter(pk=lonely.pk).exists()


def test_recent_actions_keep_to_what_the_administrator_sees(client_for, admin_user, hidden):
    shared = hidden["shared"]
    LogEntry.objects.create(
        user=admin_user,
        content_type=ContentType.objects.get_for_model(Incident),
        object_id=str(shared.pk),
        object_repr="Delad händelse ändrad",
        action_flag=CHANGE,
    )
    LogEntry.objects.create(
        user=admin_user,
        content_type=ContentType.objects.get_for_model(Place),
        object_id="999999",
        object_repr="Borttagen plats",
        action_flag=DELETION,
    )
    content = client_for(admin_user).get("/admin/").content.decode()
    assert "Delad händelse ändrad" in content and "Borttagen plats" in content
    assert leaks(content, hidden) == []


def test_a_police_administrator_of_the_area_still_sees_police_only_data(
    client_for, police_admin, hidden
):
    client = client_for(police_admin)
    secret, draft = hidden["secret"], hidden["draft"]
    assert SECRET in client.get(url(Incident, f"{secret.pk}/change/")).content.decode()
    assert str(secret) in client.get(url(Incident)).content.decode()
    assert str(draft) in client.get(url(type(draft))).content.decode()
    audit_page = client.get(url(AuditEvent)).content.decode()
    assert IMPORT_LABEL in audit_page and str(secret) in audit_page
    assert str(secret) in client.get("/admin/").content.decode()  # their own recent actions
    # The area's delete confirmation names the incident that protects it, as Django does.
    response = client.get(url(CollaborationArea, f"{secret.area.pk}/delete/"))
    assert response.status_code == 200 and str(secret) in response.content.decode()


def test_every_admin_over_data_with_visibility_is_scoped():
    from tryggportal.lib.admin import ScopedAdmin

    for model in admin.site.scopes():
        model_admin = admin.site._registry.get(model)
        assert model_admin is None or isinstance(model_admin, ScopedAdmin), model
    ours = [m for m in admin.site._registry if m._meta.app_label in _portal_apps()]
    assert all(isinstance(admin.site._registry[m], ScopedAdmin) for m in ours)


def _portal_apps():
    return {"accounts", "districts", "reports", "incidents", "measures", "notifications"} | {
        "conferences",
        "situation_pictures",
        "documents",
    }
