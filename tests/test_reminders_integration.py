"""The real stack: Redis, a Celery worker process, PostgreSQL and an SMTP server on loopback.

Skipped here without PostgreSQL and Redis (DATABASE_URL, REDIS_URL); in CI (CI=true) it must
run. Locally, e.g.:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tp_reminders \\
    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/pytest tests/test_reminders_integration.py
"""

import datetime as dt
import email
import email.policy
import io
import re
import socket
import threading
import time
import urllib.parse

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection

from districts.models import District
from notifications.models import Notification
from tests.conftest import missing
from tests.reminder_helpers import caught_up
from tests.worker_tasks import create_district

pytestmark = [pytest.mark.worker]

COORDINATOR = "samordnare-angered@demo.tryggportal.invalid"
OFFICER = "kommunpolis-nordost@demo.tryggportal.invalid"


class Inbox:
    """aiosmtpd handler keeping every message the server accepted."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address):
        with self.lock:
            return [m for rcpt, m in self.messages if rcpt == [address]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def worker_environment(smtp_server):
    """The worker mails through the test's SMTP server."""
    return {"EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}"}


def _wait_for(condition, what: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def _worker_has_drained(code: str):
    """A marker task sent now runs after everything the worker was given before it."""
    create_district.delay(code, "Markör")
    _wait_for(lambda: District.objects.filter(code=code).exists(), f"the worker to reach {code}")


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_the_worker_sweeps_and_the_email_arrives_once_with_a_working_link(
    celery_worker_process, smtp_server, users, client_for
):
    from notifications import tasks

    caught_up(users, dt.date(2026, 11, 11))

    tasks.send_reminders.delay("2026-11-18")
    _wait_for(lambda: len(smtp_server.messages) == 4, "four reminders at the SMTP server")

    (message,) = smtp_server.to(COORDINATOR)
    assert message["To"] == COORDINATOR
    # Django folds an encoded subject after "Subject:", so the parsed value starts with a space.
    assert message["Subject"].strip() == "Tryggportal: Lägesbild ska delas snart – Angered"
    body = _body(message)
    assert (
        "Lägesbilden från staden för Angered, v. 47 2026, ska delas senast 20 november 2026" in body
    )
    link = re.search(r"(https?://\S+/reports/new/\S*)", body)[1]
    path = urllib.parse.urlsplit(link)
    assert (
        client_for(users["samordnare-angered"]).get(f"{path.path}?{path.query}").status_code == 200
    )
    assert len(smtp_server.to(OFFICER)) == 2  # Angered and Östra Göteborg

    # The sweep again, twice, after the first: nothing more is sent.
    tasks.send_reminders.delay("2026-11-18")
    tasks.send_reminders.delay("2026-11-18")
    _worker_has_drained("TEST-DRAIN-1")
    _worker_has_drained("TEST-DRAIN-2")  # and whatever those sweeps enqueued

    assert len(smtp_server.messages) == 4
    assert Notification.objects.count() == 4
    assert Notification.objects.unsent().count() == 0


def test_two_sweeps_at_once_send_each_reminder_once(transactional_db, smtp_server, users, settings):
    if connection.vendor != "postgresql":
        missing("concurrent sweeps need a server database (DATABASE_URL=postgres://...)")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    caught_up(users, dt.date(2026, 11, 11))
    start = threading.Barrier(2)
    outputs, errors = [], []

    def sweep():
        try:
            out = io.StringIO()
            start.wait()
            call_command("send_reminders", "--date", "2026-11-24", stdout=out, stderr=out)
            outputs.append(out.getvalue())
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    rows = Notification.objects.all()
    # Overdue: both Angered members, the officer again for Östra Göteborg, Centrum's
    # coordinator; escalation: Angered's director, LPO Nordost's chief for both its areas.
    assert rows.count() == 7
    assert rows.unsent().count() == 0
    recipients = sorted(rcpt[0] for rcpt, _m in smtp_server.messages)
    assert recipients == sorted(rows.values_list("recipient__email", flat=True))
    sent_lines = sum(out.count("\nsent: ") + out.startswith("sent: ") for out in outputs)
    assert sent_lines == 7
