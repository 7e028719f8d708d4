"""`manage.py send_reminders [--dry-run] [--date YYYY-MM-DD]`."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command

from notifications.models import Notification
from reports.models import SituationReport
from tests.reminder_helpers import caught_up


@pytest.fixture(autouse=True)
def _week_46_done(users):
    cache.clear()
    caught_up(users, dt.date(2026, 11, 11))


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_dry_run_prints_what_it_would_send_and_changes_nothing():
    before = (Notification.objects.count(), SituationReport.objects.count())

    output = run("--dry-run", "--date", "2026-11-18")

    assert "would send: upcoming · Angered · 2026-W47 · city · samordnare-angered" in output
    assert "would send: upcoming · Angered · 2026-W47 · police · kommunpolis-nordost" in output
    assert (
        "would send: upcoming · Östra Göteborg · 2026-W47 · police · kommunpolis-nordost" in output
    )
    assert "2026-11-18: 4 would be sent (dry run, nothing changed)." in output
    assert (Notification.objects.count(), SituationReport.objects.count()) == before
    assert mail.outbox == []


def test_dry_run_after_a_real_run_says_already_sent():
    run("--date", "2026-11-18")
    mail.outbox.clear()
    rows = list(Notification.objects.values_list("pk", "sent_at", "read_at"))

    output = run("--dry-run", "--date", "2026-11-18")

    assert output.count("already sent: ") == 4
    assert "would send" not in output
    assert list(Notification.objects.values_list("pk", "sent_at", "read_at")) == rows
    assert mail.outbox == []


def test_a_run_sends_and_prints_each_reminder_once():
    first = run("--date", "2026-11-21")
    second = run("--date", "2026-11-21")

    assert "sent: overdue · Angered · 2026-W47 · city · samordnare-angered" in first
    assert "2026-11-21: 4 sent, 0 failed." in first
    assert second.count("already sent: ") == 4
    assert "2026-11-21: 0 sent, 0 failed." in second
    assert len(mail.outbox) == 4
    assert Notification.objects.unsent().count() == 0


def test_without_a_date_it_sweeps_today_in_stockholm():
    import time_machine

    with time_machine.travel(dt.datetime(2026, 11, 17, 23, 30, tzinfo=dt.UTC), tick=False):
        output = run("--dry-run")  # 00:30 on 18 November in Stockholm

    assert "2026-11-18: 4 would be sent" in output


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--date", "18/11/2026")


def test_a_run_takes_the_same_queries_for_four_reminders_as_for_many(users):
    """The sweep claims and mails every reminder at once (`reminders.claim_all`,
    `services.notifications_deliver`): more areas, more reminders, not more queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from districts.models import CollaborationArea

    def counted(*args):
        with CaptureQueriesContext(connection) as queries:
            output = run(*args)
        return output, len(queries)

    few, first = counted("--date", "2026-11-18")
    assert "2026-11-18: 4 sent, 0 failed." in few
    _again, repeat = counted("--date", "2026-11-18")
    Notification.objects.all().delete()
    mail.outbox.clear()
    for username in ("samordnare-angered", "kommunpolis-nordost"):
        users[username].areas.add(*CollaborationArea.objects.all())
    many, queries = counted("--date", "2026-11-18")
    sent = int(many.rsplit(": ", 1)[1].split()[0])
    assert sent > 4 * 5
    assert len(mail.outbox) == sent
    assert queries == first
    again, queries = counted("--date", "2026-11-18")
    assert again.count("already sent: ") == sent
    assert queries == repeat
