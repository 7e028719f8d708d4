"""Hostile input in every form and filter: never a 500, stored exactly as typed or refused with
the text kept, and always shown escaped.

Forms are read from each page's HTML as a browser would submit them (tests/hostile.py), so a
new field is covered without changing this file; each text field gets fixed payloads (markup,
SQL, template syntax, control characters, 20,000 characters) and hypothesis' own text.
"""

import datetime as dt
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from conferences import access as conferences_access
from districts import access as districts_access
from incidents import access as incidents_access
from measures import access as measures_access
from notifications.models import Notification, NotificationKind
from reports import access as reports_access
from situation_pictures.access import situation_pictures_visible_to
from tests.hostile import DANGEROUS, PAYLOADS, forms_of, hostile_text
from tryggportal.lib.rate_limit import RateLimit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_barrier_report_limit(monkeypatch):
    """The sweep posts every payload from one address; the barrier form's limit of 5 an hour
    has its own tests (tests/test_barrier_report_limits.py)."""
    monkeypatch.setattr(
        "tryggportal.views.BARRIER_REPORTS", RateLimit("barrier-report", 10**6, 3600)
    )


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    settings.DEBUG = False
    settings.AXES_ENABLED = False  # the login form is hammered on purpose here
    # The notifications page shows its form only while something is unread; whether the demo's
    # reminders are still unread depends on the day the demo was loaded, so make one here.
    coordinator = User.objects.get(username="samordnare-angered")
    area = districts_access.areas_visible_to(coordinator).first()
    Notification.objects.create(
        recipient=coordinator,
        kind=NotificationKind.SHARED,
        area=area,
        side=coordinator.side,
        period_start=dt.date(2026, 11, 2),
        period_end=dt.date(2026, 11, 8),
        occurrence="hostile-input",
        link="/reports/",
    )


def first(queryset, allowed=None):
    for obj in queryset.order_by("-pk")[:50]:
        if allowed is None or allowed(obj):
            return obj
    return None


def _report(user, allowed=None):
    return first(reports_access.reports_visible_to(user), allowed)


def kwargs_for(kind: str, user: User):
    """URL arguments for pages about an object the user may use, or None when there is none."""
    if kind == "editable_report":
        r = _report(user, lambda r: reports_access.can_edit_report(user, r))
        return r and {"pk": r.pk}
    if kind == "acknowledgeable_report":
        r = _report(user, lambda r: reports_access.can_acknowledge_report(user, r))
        if r is None:  # share a city draft of the officer's area, as its coordinator would
            coordinator = User.objects.get(username="samordnare-angered")
            draft = _report(coordinator, lambda r: reports_access.can_share_report(coordinator, r))
            if draft is not None:
                sharer = Client()
                sharer.force_login(coordinator)
                sharer.post(reverse("report_share", kwargs={"pk": draft.pk}))
            r = _report(user, lambda r: reports_access.can_acknowledge_report(user, r))
        return r and {"pk": r.pk}
    if kind == "picture":
        r = _report(user, lambda r: r.period is not None)
        return r and {"slug": r.area.slug, "period_key": r.period.key}
    if kind == "incident":
        i = first(
            incidents_access.incidents_visible_to(user),
            lambda i: incidents_access.can_edit_incident(user, i),
        )
        return i and {"pk": i.pk}
    if kind == "measure":
        m = first(
            measures_access.measures_visible_to(user),
            lambda m: measures_access.can_edit_measure(user, m),
        )
        return m and {"pk": m.pk}
    if kind == "place":
        p = first(incidents_access.places_visible_to(user).filter(area__slug="angered"))
        return p and {"slug": "angered", "pk": p.pk}
    if kind == "agreement":
        a = first(measures_access.agreements_visible_to(user))
        return a and {"pk": a.pk}
    if kind == "promise":
        a = first(measures_access.agreements_visible_to(user), lambda a: a.promises.exists())
        return a and {"agreement_pk": a.pk, "pk": a.promises.first().pk}
    if kind == "agreement_pk":
        a = first(measures_access.agreements_visible_to(user))
        return a and {"agreement_pk": a.pk}
    if kind == "conference":
        c = conferences_access.conferences_visible_to(user).order_by("-year").first()
        return c and {"year": c.year}
    if kind == "draft_situation_picture":
        p = first(situation_pictures_visible_to(user), lambda p: not p.is_decided)
        p = first(situation_pictures_visible_to(user), lambda p: not p.is_decided)
        return p and {"pk": p.pk}
    if kind == "priority":
        c = first(conferences_access.conferences_visible_to(user), lambda c: c.priorities.exists())
        return c and {"year": c.year, "pk": c.priorities.first().pk}
    return {}


# (URL name, the object it needs, the demo user who fills the form in; None: signed out)
PAGES = [
    ("login", "", None),
    ("accessibility", "", None),
    ("password_change", "", "samordnare-angered"),
    ("two_factor_setup", "", "samordnare-angered"),
    ("audit_log", "", "utvecklingsledare"),
    ("area_list", "", "utvecklingsledare"),
    ("report_list", "", "samordnare-angered"),
    ("report_new", "", "samordnare-angered"),
    ("report_edit", "editable_report", "samordnare-angered"),
    ("report_detail", "acknowledgeable_report", "kommunpolis-nordost"),
    ("joint_picture", "picture", "samordnare-angered"),
    ("incident_list", "", "samordnare-angered"),
    ("incident_new", "", "samordnare-angered"),
    ("incident_edit", "incident", "samordnare-angered"),
    ("measure_new", "", "samordnare-angered"),
    ("measure_edit", "measure", "samordnare-angered"),
    ("measure_detail", "measure", "samordnare-angered"),
    ("place_new", "", "samordnare-angered"),
    ("place_edit", "place", "samordnare-angered"),
    ("agreement_new", "", "utvecklingsledare"),
    ("agreement_edit", "agreement", "utvecklingsledare"),
    ("promise_new", "agreement_pk", "utvecklingsledare"),
    ("promise_edit", "promise", "utvecklingsledare"),
    ("conference_create", "", "utvecklingsledare"),
    ("conference_edit", "conference", "utvecklingsledare"),
    ("conference_programme", "conference", "utvecklingsledare"),
    ("conference_outcomes", "conference", "utvecklingsledare"),
    ("priority_create", "conference", "utvecklingsledare"),
    ("priority_edit", "priority", "utvecklingsledare"),
    ("situation_picture_new", "", "utvecklingsledare"),
    ("situation_picture_edit", "draft_situation_picture", "utvecklingsledare"),
    ("dashboard", "", "utvecklingsledare"),
    ("notification_list", "", "samordnare-angered"),
]
SLUG_KWARGS = {"place_new": {"slug": "angered"}, "place_list": {"slug": "angered"}}
# A blank new report: the demo's week has a draft, which "/reports/new/" opens (report_edit).
QUERIES = {"report_new": "?period=ad_hoc"}


PROJECT_APPS = {
    "accounts",
    "districts",
    "reports",
    "incidents",
    "measures",
    "notifications",
    "conferences",
    "situation_pictures",
    "documents",
}


def stored_exactly(value: str) -> bool:
    """Some text column of the portal's own data holds exactly this value."""
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        if model._meta.label == "accounts.AuditEvent":
            continue
        for f in model._meta.get_fields():
            if (
                isinstance(f, models.CharField | models.TextField)
                and model._default_manager.filter(**{f.name: value}).exists()
            ):
                return True
    return False


def check(client, form, name, text):
    data = {**form.values, name: text}
    if form.method == "post":
        response = client.post(form.action, data)
    else:
        response = client.get(form.action, data)
    assert response.status_code < 500, (form.action, name, text[:80])
    html = response.content.decode(errors="replace")
    for markup in DANGEROUS:
        assert markup not in html, (form.action, name, "shown unescaped")
    typed = text.strip()
    if form.method != "post" or name not in form.text_fields or "\x00" in text:
        return  # a filter, a choice or a NUL (refused by Django with a message) is not kept
    if form.kinds.get(name) == "password":
        return
    refused = ("invalid-feedback", "errorlist", "alert-danger", "alert-warning")
    if response.status_code == 302:
        shown = client.get(response["Location"])
        assert shown.status_code < 500
        shown_html = shown.content.decode(errors="replace")
        for markup in DANGEROUS:
            assert markup not in shown_html
        if not stored_exactly(typed):
            # Refused after a redirect (the secrecy marking forms): the page it leads to says
            # why and shows the form again with what was typed.
            assert any(mark in shown_html for mark in refused), (form.action, name, "lost")
            assert escape(typed) in shown_html, (form.action, name, "saved but not as typed")
    elif response.status_code in (200, 400, 409):
        assert any(mark in html for mark in refused), (form.action, name, "refused silently")
        if typed:
            assert escape(typed) in html, (form.action, name, "refused, but the text was lost")


@pytest.mark.parametrize(("url_name", "needs", "username"), PAGES)
def test_hostile_text_in_every_text_field(client, demo, url_name, needs, username):
    if username:
        client.force_login(User.objects.get(username=username))
    kwargs = kwargs_for(needs, User.objects.get(username=username)) if needs else {}
    if kwargs is None:
        pytest.skip(f"the demo has no object for {url_name}")
    try:
        address = reverse(url_name, kwargs=kwargs or SLUG_KWARGS.get(url_name, {}))
        address += QUERIES.get(url_name, "")
    except NoReverseMatch:
        pytest.skip(f"{url_name} does not exist yet")
    page = client.get(address)
    assert page.status_code == 200, address
    forms = forms_of(page.content.decode(), address)
    assert forms, f"no form on {address}"
    fields = [(f, name) for f in forms for name in f.text_fields]
    others = [
        (f, name)
        for f in forms
        for name in f.values
        if name not in f.text_fields and name != "csrfmiddlewaretoken"
    ]

    # Every text field gets the markup and NUL payloads and two others in turn, so that each form
    # meets every payload; choices, dates and numbers get markup and SQL and must refuse them.
    for i, (form, name) in enumerate(fields):
        texts = {
            PAYLOADS[0],
            PAYLOADS[8],
            PAYLOADS[i % len(PAYLOADS)],
            PAYLOADS[(i + 5) % len(PAYLOADS)],
        }
        for text in texts:
            check(client, form, name, text)
    for form, name in others:
        for text in (PAYLOADS[0], PAYLOADS[2]):
            check(client, form, name, text)
    if not fields:
        return

    @settings(
        max_examples=15,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.sampled_from(fields), hostile_text)
    def any_text(form_and_field, text):
        form, name = form_and_field
        check(client, form, name, text)

    any_text()


def test_identity_number_is_refused_with_a_message_naming_the_field(client, demo):
    client.force_login(User.objects.get(username="samordnare-angered"))
    try:
        address = reverse("incident_new")
    except NoReverseMatch:
        pytest.skip("no incident form yet")
    form = forms_of(client.get(address).content.decode(), address)[0]
    name = "description" if "description" in form.values else form.text_fields[0]
    response = client.post(address, {**form.values, name: "Gäller 19121212-1212 vid torget"})
    assert response.status_code == 200
    assert "personnummer" in response.content.decode()


LISTS = [
    ("/reports/", "samordnare-angered"),
    ("/incidents/", "kommunpolis-nordost"),
    ("/measures/", "samordnare-angered"),
    ("/areas/", "utvecklingsledare"),
    ("/dashboard/", "utvecklingsledare"),
    ("/conferences/", "utvecklingsledare"),
    ("/audit/", "utvecklingsledare"),
]
PARAMETERS = ["q", "search", "page", "area", "status", "side", "category", "level", "from", "to",
              "date_from", "date_to", "period_from", "period_to", "show", "which", "as_of",
              "sort", "months", "user", "action", "object_type", "object_id", "visibility"]  # fmt: skip


@pytest.mark.parametrize(("address", "username"), LISTS)
def test_hostile_query_parameters_on_lists(client, demo, address, username):
    client.force_login(User.objects.get(username=username))

    @settings(
        max_examples=15,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        st.dictionaries(
            st.sampled_from(PARAMETERS),
            hostile_text.filter(lambda t: "\x00" not in t),
            min_size=1,
            max_size=4,
        )
    )
    def any_query(query):
        response = client.get(address, query)
        assert response.status_code in (200, 302, 404), (address, query)
        html = response.content.decode(errors="replace")
        for markup in DANGEROUS:
            assert markup not in html

    for name in PARAMETERS:
        response = client.get(address, {name: PAYLOADS[0]})
        assert response.status_code in (200, 302, 404), (address, name)
        assert PAYLOADS[0] not in response.content.decode(errors="replace")
        # PostgreSQL refuses NUL in text: a filter must refuse it before the query.
        for text in ("a\x00b", PAYLOADS[2], "x" * 5000):
            assert client.get(address, {name: text}).status_code in (200, 302, 404), (address, name)
    any_query()
