"""Load test: signed-in users reading pages and saving situation reports and incidents.

Each simulated user signs in as its own load-test user (loadtest/seed.py), giving a one-time
code when asked, then mixes page reads with saves. Every save the server acknowledges (a
redirect to the saved object) is written to LOADTEST_ACKED, and loadtest/check.py then looks
each one up in the database.
"""

import hashlib
import itertools
import json
import os
import random
import re
import sys
import uuid
from pathlib import Path

from django_otp.oath import totp
from locust import HttpUser, between, events, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.hostile import forms_of  # noqa: E402  (reads a form as a browser would submit it)

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "trygg-demo")
ACKED_FILE = Path(os.environ.get("LOADTEST_ACKED", "loadtest/results/acked.json"))
SESSIONS_FILE = Path(os.environ.get("LOADTEST_SESSIONS", "loadtest/results/sessions.json"))
SESSIONS = json.loads(SESSIONS_FILE.read_text()) if SESSIONS_FILE.exists() else {}
USERNAMES = itertools.cycle(f"last-{i:02d}" for i in range(1, 51))
ACKED = {
    "reports": {},
    "incidents": [],
    "report_edits": {},
    "edits_sent": {},
    "signed_in": [],
    "not_signed_in": [],
}
SERVER_ERRORS = []
READS = ["/", "/areas/", "/reports/", "/incidents/", "/measures/", "/dashboard/", "/conferences/"]


@events.request.add_listener
def count_server_errors(request_type, name, response=None, exception=None, **kwargs):
    if response is not None and response.status_code >= 500:
        SERVER_ERRORS.append(f"{request_type} {name} {response.status_code}")


@events.test_stop.add_listener
def write_acknowledged(environment, **kwargs):
    ACKED_FILE.parent.mkdir(parents=True, exist_ok=True)
    ACKED_FILE.write_text(json.dumps({**ACKED, "server_errors": SERVER_ERRORS}, indent=1))


class PortalUser(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.username = next(USERNAMES)
        self.reports: list[int] = []
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
        response = self.client.post(
            "/incidents/new/", data, name="save incident", allow_redirects=False
        )
        if response.status_code == 302 and re.search(
            r"/incidents/\d+/", response.headers["Location"]
        ):
            ACKED["incidents"].append(text)

    @task(2)
    def new_report(self):
        form = self.form("/reports/new/")
        if form is None:
            return
        text = self.marker("report")
        data = {**form.values, "period": "ad_hoc", "summary": text}
        response = self.client.post(
            "/reports/new/", data, name="save new report", allow_redirects=False
        )
        found = re.search(r"/reports/(\d+)/", response.headers.get("Location", ""))
        if response.status_code == 302 and found:
            self.reports.append(int(found.group(1)))
            ACKED["reports"][found.group(1)] = text

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
        data = {**form.values, "summary": text}
        # Sent but not (yet) acknowledged: if the answer is lost, the save may still have landed.
        ACKED["edits_sent"].setdefault(str(pk), []).append(text)
        response = self.client.post(address, data, name="save report edit", allow_redirects=False)
        if response.status_code == 302 and response.headers["Location"] == f"/reports/{pk}/":
            ACKED["report_edits"][str(pk)] = text
