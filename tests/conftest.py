"""Shared fixtures: Göteborg's structure, one persona per role, the browser, a real worker.

Personas are the demo users (see demo/users.py), so tests and the demo speak of the same
people: `coordinator` works in Angered, `other_coordinator` in Centrum (another area),
`officer` in Angered and Östra Göteborg, `director` leads Angered, `chief` leads LPO Nordost.
"""

import importlib
import io
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.http import HttpRequest
from django.test import Client
from django.utils import translation

from accounts import two_factor
from demo.users import DEMO_PASSWORD, create_demo_users, enrol_demo_two_factor, enrol_demo_user
from districts.models import CollaborationArea

_categories_migration = importlib.import_module("reports.migrations.0002_categories")
_levels_migration = importlib.import_module("reports.migrations.0003_level_definitions")
ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def missing(reason: str):
    """Skip a test whose service is absent here, but fail it in CI: CI proves the real stack."""
    if IN_CI:
        pytest.fail(f"CI needs this: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the portal's default language (Swedish): a request in English
    leaves English active in the thread, which must not leak into the next test."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_and_plain(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _own_rate_limit_counts(settings):
    """Each test counts posts from zero: rate limits live in the cache, which outlives a test
    (and, on CI's Redis, a test run). See tryggportal/lib/rate_limit.py."""
    settings.RATE_LIMIT_KEY_PREFIX = f"rate-limit-test-{uuid.uuid4().hex}"


@pytest.fixture(autouse=True)
def _own_dashboard_bodies(settings):
    """Each test starts with no cached dashboard: the bodies are kept under the data version
    (tryggportal/lib/data_version.py), and a version key of its own gives each test a first
    version of its own, whatever an earlier test (or CI's Redis) left in the cache."""
    settings.DATA_VERSION_KEY = f"data-version-test-{uuid.uuid4().hex}"


@pytest.fixture
def goteborg(db):
    call_command("seed_goteborg", stdout=io.StringIO())
    # The tests' Göteborg has exchanged in the portal since its areas began (seeding on a real
    # launch day starts the exchange that day; tests/test_exchange_start.py covers that).
    CollaborationArea.objects.update(exchange_started_on=F("valid_from"))
    # A transactional test (browser, worker) empties every table when it ends, the categories
    # that a data migration loaded included; put them back for the tests that follow.
    _categories_migration.add_categories(django_apps, None)
    _levels_migration.add_definitions(django_apps, None)


@pytest.fixture
def users(goteborg):
    users = create_demo_users(DEMO_PASSWORD)
    enrol_demo_two_factor(users)
    return users


@pytest.fixture
def coordinator(users):
    return users["samordnare-angered"]


@pytest.fixture
def other_coordinator(users):
    return users["samordnare-centrum"]


@pytest.fixture
def officer(users):
    return users["kommunpolis-nordost"]


@pytest.fixture
def director(users):
    return users["direktor-angered"]


@pytest.fixture
def chief(users):
    return users["polischef-nordost"]


@pytest.fixture
def dev_lead(users):
    return users["utvecklingsledare"]


@pytest.fixture
def admin_user(users):
    return users["admin"]


class TwoFactorClient(Client):
    """The test client, signed in as if the one-time code had been given.

    `force_login` and `login` mark the session verified with the user's authenticator (made
    for users who must have one), so tests of ordinary pages need not type codes; the sign-in
    tests in tests/test_two_factor*.py use a plain `Client` to see the real second step.
    `login` passes a request, which django-axes needs to count failures.
    """

    def login(self, **credentials):
        credentials.setdefault("request", HttpRequest())
        return super().login(**credentials)

    def _login(self, user, backend=None):
        super()._login(user, backend)
        session = self.session
        request = HttpRequest()
        request.session, request.user = session, user
        device = two_factor.confirmed_device(user)
        if device is None and user.requires_two_factor:
            device = enrol_demo_user(user)
        two_factor.start_session(request, user, verified_device=device)
        session.save()


@pytest.fixture
def client():
    """pytest-django's `client`, with the one-time code already given (see TwoFactorClient)."""
    return TwoFactorClient()


@pytest.fixture
def client_for(client):
    """`client_for(user)`: the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# --- Browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def one_time_code(username: str) -> str:
    """The code the user's authenticator shows now (the next one if this one was used)."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if device.last_t is not None and totp.t() <= device.last_t:
        totp.time += (device.last_t + 1 - totp.t()) * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def sign_in(page):
    """`sign_in(username)`: signs in through the real login form in the browser."""

    def sign_in(username: str, password: str = DEMO_PASSWORD):
        page.goto("/accounts/login/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        if "/accounts/two-factor/verify/" in page.url:
            page.get_by_label("Kod från din autentiseringsapp").fill(one_time_code(username))
            page.get_by_role("button", name="Verifiera").click()
            page.wait_for_url(lambda url: "/accounts/two-factor/" not in url)
        return page

    return sign_in


# --- Celery worker -------------------------------------------------------------------------


@pytest.fixture
def worker_environment() -> dict:
    """Extra environment for the worker process; a test module overrides this fixture to point
    the worker at its own services (e.g. EMAIL_URL of an SMTP server the test started)."""
    return {}


@pytest.fixture
def celery_worker_process(transactional_db, worker_environment):
    """A real `celery worker` process on Redis, using the test database (PostgreSQL).

    Tasks sent while the fixture is active go to a queue of its own (also the worker's default
    queue, so tasks it enqueues come back to it), so nothing else on the same Redis can take
    them; `tests.worker_tasks` is imported into the worker for tests.
    """
    from tryggportal.celery import app

    if not django_settings.REDIS_URL:
        missing("REDIS_URL is not set")
    if connection.vendor != "postgresql":
        missing("a worker process needs a server database (DATABASE_URL=postgres://...)")
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": django_settings.REDIS_URL,
        "CELERY_EAGER": "false",
        "CONN_MAX_AGE": "0",
        "CELERY_QUEUE": queue,
        **worker_environment,
    }
    (ROOT / "test-results").mkdir(exist_ok=True)
    with open(ROOT / "test-results" / f"worker-{queue}.log", "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tryggportal", "worker", "--pool=solo",
             "--include=tests.worker_tasks", f"--queues={queue}", "--without-gossip",
             "--without-mingle", "--loglevel=INFO", f"--hostname={queue}@%h"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        old = (app.conf.task_always_eager, app.conf.task_default_queue)
        app.conf.task_always_eager = False
        app.conf.task_default_queue = queue
        try:
            deadline = time.monotonic() + 60
            while not app.control.ping(destination=[f"{queue}@{os.uname().nodename}"], timeout=0.5):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the Celery worker did not start (exit {process.poll()})")
            yield process
        finally:
            app.conf.task_always_eager, app.conf.task_default_queue = old
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


# A test must not depend on the day it runs. CI runs the suite a second time with the clock
# moved ahead (CLOCK_AHEAD_DAYS, see .ci/run), so a test that only passes today fails in CI
# rather than on some later day. The clock keeps ticking from there; tests that travel to a
# date of their own still do so on top of it.
_clock_ahead = None


def pytest_configure(config):
    global _clock_ahead
    days = int(os.environ.get("CLOCK_AHEAD_DAYS") or 0)
    if days:
        import datetime as dt

        import time_machine

        _clock_ahead = time_machine.travel(
            dt.datetime.now(dt.UTC) + dt.timedelta(days=days), tick=True
        )
        _clock_ahead.start()


def pytest_unconfigure(config):
    if _clock_ahead is not None:
        _clock_ahead.stop()


def pytest_report_header(config):
    if _clock_ahead is not None:
        import datetime as dt

        return f"clock moved ahead {os.environ['CLOCK_AHEAD_DAYS']} days: {dt.date.today()}"
    return None
