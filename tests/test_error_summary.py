"""After a failed save every form shows one error summary at its top, linking to each field, and
"saved"/"shared" messages are announced (issue 16, item 3; WCAG 3.3.1, 3.3.3, 4.1.3).

The forms are read from each page's HTML as a browser would submit them (tests/hostile.py) and
posted with what a form refuses: required fields left empty, an identity number in every text
field. The browser side (focus on the summary, links moving the focus) is in
tests/test_error_summary_browser.py.
"""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from reports import access as reports_access
from tests.conftest import TwoFactorClient
from tests.hostile import forms_of
from tests.test_hostile_input import PAGES, QUERIES, SLUG_KWARGS, kwargs_for
from tryggportal.lib.rate_limit import RateLimit

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
IDENTITY_NUMBER = "19811218-9876"  # the guard refuses it in every free-text field
# Pages whose only post forms are buttons (nothing to get wrong) or filters (get): not posted.
NO_FIELDS = {
    "report_list",
    "incident_list",
    "area_list",
    "audit_log",
    "dashboard",
    "notification_list",
}
FORM_PAGES = [p for p in PAGES if p[0] not in NO_FIELDS] + [
    ("report_detail", "marked_report", "samordnare-angered"),  # the secrecy marking form
    ("measure_detail", "measure", "samordnare-angered"),  # recording progress
]


@pytest.fixture
def demo(settings, monkeypatch):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    settings.DEBUG = False
    settings.AXES_ENABLED = False  # the sign-in form fails on purpose here
    monkeypatch.setattr(
        "tryggportal.views.BARRIER_REPORTS", RateLimit("barrier-report", 10**6, 3600)
    )


class Ids(HTMLParser):
    """The ids of a page and the error summary's links, heading and items."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.summaries, self.items = {}, [], [], 0
        self._in_summary = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids[a["id"]] = a
        if a.get("id") == "error-summary":
            self.summaries.append(a)
            self._in_summary = 1
        elif self._in_summary:
            self._in_summary += tag != "br"
            if tag == "li":
                self.items += 1
            if tag == "a":
                self.links.append(a.get("href", ""))

    def handle_endtag(self, tag):
        if self._in_summary and tag != "br":
            self._in_summary -= 1


def refused_values(form) -> dict:
    """The form as a browser would post it, with what it must refuse: texts hold an identity
    number, choices are left empty; hidden values (the CSRF token, formset counts) stay."""
    values = {}
    for name, value in form.values.items():
        kind = form.kinds.get(name, "")
        if kind == "hidden":
            values[name] = value
        elif name in form.text_fields:
            values[name] = "" if kind == "password" else IDENTITY_NUMBER
        else:
            values[name] = ""
    return values


def has_fields(form) -> bool:
    return form.method == "post" and any(form.kinds.get(n) != "hidden" for n in form.values)


def _address(url_name, needs, username):
    user = User.objects.get(username=username) if username else None
    if needs == "marked_report":
        report = reports_access.reports_visible_to(user).filter(side=user.side).first()
        kwargs = {"pk": report.pk}
    else:
        kwargs = kwargs_for(needs, user) if needs else SLUG_KWARGS.get(url_name, {})
    assert kwargs is not None, f"the demo has no object for {url_name}"
    # A blank form where a page would open an existing draft (`/reports/new/`).
    return reverse(url_name, kwargs=kwargs) + QUERIES.get(url_name, "")


def test_a_failed_post_to_every_form_shows_the_summary_linking_to_its_fields(demo):
    checked, problems, all_links = [], [], []
    for url_name, needs, username in FORM_PAGES:
        client = TwoFactorClient()
        if username:
            client.force_login(User.objects.get(username=username))
        address = _address(url_name, needs, username)
        page = client.get(address)
        assert page.status_code == 200, address
        forms = [f for f in forms_of(page.content.decode(), address) if has_fields(f)]
        assert forms, f"no form with fields on {address}"
        for form in forms:
            response = client.post(form.action, refused_values(form), follow=True)
            html = response.content.decode()
            where = f"{url_name}: {form.action}"
            parsed = Ids()
            parsed.feed(html)
            if len(parsed.summaries) != 1:
                problems.append(f"{where}: {len(parsed.summaries)} error summaries")
                continue
            summary = parsed.summaries[0]
            if summary.get("role") != "alert" or summary.get("tabindex") != "-1":
                problems.append(f"{where}: the summary is not a focusable alert")
            if summary.get("aria-labelledby") not in parsed.ids:
                problems.append(f"{where}: the summary has no heading")
            if not re.search(r"Det finns \d+ fel i formuläret", html):
                problems.append(f"{where}: the heading does not count the problems")
            for href in parsed.links:
                field = parsed.ids.get(href.removeprefix("#"))
                if not href.startswith("#") or field is None:
                    problems.append(f"{where}: the link {href} leads to no field")
                    continue
                described = (field.get("aria-describedby") or "").split()
                if field.get("aria-invalid") != "true" and field.get("type") != "radio":
                    problems.append(f"{where}: {href} is not marked invalid")
                if not any(i in parsed.ids and i.endswith("_error") for i in described):
                    problems.append(f"{where}: {href} is not described by its error")
            checked.append((where, parsed.items, len(parsed.links)))
            all_links += parsed.links
    assert problems == [], "\n".join(problems)
    # Every page was posted; errors lead to fields, those of formset rows (programme,
    # outcomes, action plan) included.
    assert len(checked) >= len(FORM_PAGES)
    assert sum(links for *_, links in checked) > 2 * len(checked)
    assert any(re.match(r"#id_[a-z_]+-\d+-", href) for href in all_links), "no formset row"


def test_failed_sign_in_lists_the_refusal_in_the_summary(db, users, settings):
    settings.AXES_ENABLED = False
    response = Client().post(
        reverse("login"), {"username": "samordnare-angered", "password": "fel"}, follow=True
    )
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Det finns 1 fel i formuläret" in html
    assert "Ange ett korrekt användarnamn och lösenord" in html
    assert html.count("Ange ett korrekt användarnamn och lösenord") == 1  # not again under it


def test_every_form_template_with_fields_includes_the_summary():
    exempt = {
        "language_switch.html": "choosing a language cannot fail",
        "admin/accounts/user/enrolment_code.html": "the Django admin's own page",
    }
    missing = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        name = str(path.relative_to(ROOT / "templates"))
        text = path.read_text()
        for form in re.findall(r"<form\b[^>]*>.*?</form>", text, re.S):
            posts = 'method="post"' in form
            fields = re.search(r"crispy|<textarea|<select|<input(?![^>]*type=\"hidden\")", form)
            if posts and fields and "error_summary" not in form and name not in exempt:
                missing.append(name)
    assert missing == []


def test_saved_message_is_announced_as_a_status(client_for, coordinator):
    client = client_for(coordinator)
    page = client.get(reverse("incident_new"))
    form = next(f for f in forms_of(page.content.decode(), "/incidents/new/") if has_fields(f))
    values = {**form.values, "description": "Klotter på busskuren."}
    response = client.post(reverse("incident_new"), values, follow=True)
    html = response.content.decode()
    assert '<div class="alert alert-success" role="status">Händelsen sparades.</div>' in html


def test_error_message_is_announced_as_an_alert():
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.template.loader import render_to_string

    html = render_to_string(
        "base.html",
        {"messages": [Message(constants.ERROR, "Koden har gått ut."), Message(20, "Sparat.")]},
    )
    assert '<div class="alert alert-danger" role="alert">Koden har gått ut.</div>' in html
    assert '<div class="alert alert-info" role="status">Sparat.</div>' in html


def test_a_formset_error_names_its_row_and_links_to_its_field():
    from django import forms

    from tryggportal.lib.form_errors import error_items

    class Row(forms.Form):
        order = forms.IntegerField(label="Ordning")

    rows = forms.formset_factory(Row, extra=0)(
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-0-order": "1",
            "form-1-order": "två",
        }
    )
    assert not rows.is_valid()
    assert error_items(rows) == [
        {"href": "#id_form-1-order", "text": "Ny rad 2: Ordning: Fyll i ett heltal."}
    ]
