"""Load test: signed-in users reading pages and saving situation reports and incidents.

Each simulated user signs in as its own load-test user (loadtest/seed.py), giving a one-time
code when asked, then mixes page reads with saves, working on reports as people now do: the
home page's to-do, the draft it names or the owed period's new report, saved, then shared
through the preview (loadtest/flow.py). Every try is counted by kind; only the redirect that
follows a save is acknowledged, and each acknowledged save is written to LOADTEST_ACKED, where
loadtest/check.py then looks it up in the database.
"""

import hashlib
import itertools
import json
import os
import random
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from django_otp.oath import totp
from locust import HttpUser, between, events, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from loadtest import flow  # noqa: E402  (the to-do's work and what counts as a save)
from tests.hostile import forms_of  # noqa: E402  (reads a form as a browser would submit it)

AD_HOC = "ad_hoc"  # reports.models.AD_HOC: the period of an extraordinary event

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "trygg-demo")
ACKED_FILE = Path(os.environ.get("LOADTEST_ACKED", "loadtest/results/acked.json"))
SESSIONS_FILE = Path(os.environ.get("LOADTEST_SESSIONS", "loadtest/results/sessions.json"))
SESSIONS = json.loads(SESSIONS_FILE.read_text()) if SESSIONS_FILE.exists() else {}
USERNAMES = itertools.cycle(f"last-{i:02d}" for i in range(1, 51))
ACKED = {
    "reports": {},  # report id -> summary as created
    "incidents": [],
    "report_edits": {},  # report id -> the last acknowledged summary (draft save or edit)
    "draft_saves": [],  # [report id, summary] of each acknowledged draft save
    "edits": [],  # [report id, summary] of each acknowledged edit
    "edits_sent": {},  # report id -> every summary sent to it, in order
    "shared": [],  # report ids whose share was acknowledged
    "signed_in": [],
    "not_signed_in": [],
}
TALLY = flow.Tally()
SERVER_ERRORS = []
NO_ANSWER = []
READS = ["/", "/areas/", "/reports/", "/incidents/", "/measures/", "/dashboard/", "/conferences/"]


@events.request.add_listener
def count_server_errors(request_type, name, response=None, exception=None, **kwargs):
    if response is not None and response.status_code >= 500:
        SERVER_ERRORS.append(f"{request_type} {name} {response.status_code}")
    elif response is None or not response.status_code:  # no answer: refused, reset, timeout
        NO_ANSWER.append(f"{request_type} {name} {exception}")


@events.test_stop.add_listener
def write_acknowledged(environment, **kwargs):
    ACKED_FILE.parent.mkdir(parents=True, exist_ok=True)
    figures = {**ACKED, "kinds": TALLY.as_json(), "server_errors": SERVER_ERRORS}
    ACKED_FILE.write_text(json.dumps({**figures, "no_answer": NO_ANSWER}, indent=1))


class PortalUser(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.username = next(USERNAMES)
        self.reports: list[int] = []  # reports this user created
        self.drafts: list[int] = []  # … and has not continued since
        self.location = ""  # the last save's redirect
        self.serial = itertools.count(1)
        session_key = SESSIONS.get(self.username)
        if session_key:  # signed in before the measured minute (see loadtest/seed.py)
            self.client.cookies.set("sessionid", session_key)
            response = self.client.get("/", name="home after sign-in")
            if response.status_code == 200 and "/accounts/" not in response.url:
                ACKED["signed_in"].append(self.username)
            else:
                ACKED["not_signed_in"].append(self.username)
                raise StopUser()
            return
        form = self.form("/accounts/login/")
        if form is None:
            raise StopUser()
        data = {**form.values, "username": self.username, "password": PASSWORD}
        response = self.client.post("/accounts/login/", data, name="sign in")
        if "/accounts/two-factor/verify/" in response.url:
            key = bytes.fromhex(hashlib.sha1(self.username.encode()).hexdigest())
            code_form = self.form(response.url, name="two-factor")
            if code_form is None:
                raise StopUser()
            data = {**code_form.values, "code": f"{totp(key):06d}"}
            response = self.client.post(code_form.action, data, name="two-factor")
        if "/accounts/" in response.url:
            ACKED["not_signed_in"].append(self.username)
            raise StopUser()
        ACKED["signed_in"].append(self.username)

    def form(self, address, name=None):
        """The page's first POST form as a browser would submit it; None (a failure) if absent."""
        with self.client.get(address, name=name or address, catch_response=True) as page:
            forms = [f for f in forms_of(page.text, address) if f.method == "post"]
            if not forms:
                page.failure(f"no form on {page.url}")
                return None
            return forms[0]

    def marker(self, what):
        return f"Lasttest {what} {self.username} {next(self.serial)} {uuid.uuid4().hex[:8]}"

    def post(self, kind, address, data, pk=None):
        """Sends one save of `kind` and counts it (loadtest/flow.py): only the redirect that
        follows a save is acknowledged; any other answer is marked failed in locust's figures
        too, so that a form shown again is never a success. Returns the saved object's id."""
        with self.client.post(
            address, data, name=f"save: {kind}", allow_redirects=False, catch_response=True
        ) as response:
            location = self.location = response.headers.get("Location") or ""
            saved = TALLY.count(kind, response.status_code, location, pk, response.text)
            if saved is None:
                response.failure(f"{kind} not saved: {response.status_code}")
            else:
                response.success()
        return saved

    @task(10)
    def read_page(self):
        self.client.get(random.choice(READS), name="read list")
        if self.reports:
            self.client.get(f"/reports/{random.choice(self.reports)}/", name="read report")

    @task(3)
    def save_incident(self):
        form = self.form("/incidents/new/")
        if form is None:
            return
        text = self.marker("incident")
        data = {**form.values, "description": text, "place": ""}
        if self.post(flow.INCIDENT, "/incidents/new/", data) is not None:
            ACKED["incidents"].append(text)

    @task(5)
    def work_on_reports(self):
        """The home page's to-do, then a piece of work: the user's own draft to continue, else
        one the to-do names (a draft, or the owed period's new report), else a new report of an
        extraordinary event. A new report is saved as a draft; a draft is saved with "Save and
        share…" and shared through the preview."""
        home = self.client.get("/", name="home (to-do)")
        work = flow.todo_work(home.text) if home.status_code == 200 else []
        if self.drafts:
            pk = random.choice(self.drafts)
            self.save_draft(pk, f"/reports/{pk}/edit/")
            return
        # Colleagues of the same side and area share the to-do: one of its first items, not
        # always the first, so that they do not all write the same report at once.
        link = random.choice(work[:3]) if work else f"/reports/new/?period={AD_HOC}"
        draft = flow.DRAFT_LINK.match(link)
        if draft:
            self.save_draft(int(draft.group(1)), link)
        else:
            self.new_report(link)

    def new_report(self, address):
        form = self.form(address, name="new report form")
        if form is None:
            return
        # A colleague started this period meanwhile: the address led on to their draft (to
        # continue) or to the shared report (nothing to write).
        action = urlsplit(form.action).path
        draft = flow.DRAFT_LINK.match(action)
        if draft:
            self.save_draft(int(draft.group(1)), action)
            return
        if action != "/reports/new/":
            return
        text = self.marker("report")
        saved = self.post(flow.NEW_REPORT, form.action, flow.report_values(form.values, text))
        if saved is not None:
            self.reports.append(saved)
            self.drafts.append(saved)
            ACKED["reports"][str(saved)] = text

    def save_draft(self, pk, address):
        if pk in self.drafts:
            self.drafts.remove(pk)  # continued now, whatever the answer
        form = self.form(address, name="draft form")
        if form is None:
            return
        text = self.marker("draft")
        data = {**flow.report_values(form.values, text), "then": "share"}
        ACKED["edits_sent"].setdefault(str(pk), []).append(text)
        if self.post(flow.DRAFT_SAVE, address, data, pk) is not None:
            ACKED["report_edits"][str(pk)] = text
            ACKED["draft_saves"].append([pk, text])
            if self.location.endswith(f"/reports/{pk}/share/"):  # still a draft: share it
                self.share(pk)

    def share(self, pk):
        """The preview of what the other side will see, then its Share button."""
        address = f"/reports/{pk}/share/"
        form = self.form(address, name="share preview")
        if form is None:
            return
        if self.post(flow.SHARE, form.action, form.values, pk) is not None:
            ACKED["shared"].append(pk)

    @task(3)
    def edit_report(self):
        if not self.reports:
            return
        pk = random.choice(self.reports)
        address = f"/reports/{pk}/edit/"
        form = self.form(address, name="edit report form")
        if form is None:
            return
        text = self.marker("edit")
        data = flow.report_values(form.values, text)
        data.pop("then", None)
        # Sent but not (yet) acknowledged: if the answer is lost, the save may still have landed.
        ACKED["edits_sent"].setdefault(str(pk), []).append(text)
        if self.post(flow.REPORT_EDIT, address, data, pk) is not None:
            ACKED["report_edits"][str(pk)] = text
            ACKED["edits"].append([pk, text])
