"""The demo's notifications: today's reminders on /notifications/, never mailed, loaded once."""

import io

from django.core import mail
from django.core.management import call_command

from notifications.models import Notification


def test_loaddemo_shows_todays_reminders_without_mailing_and_twice_changes_nothing(db, settings):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    first = list(Notification.objects.order_by("pk").values_list("pk", "kind", "sent_at"))

    call_command("loaddemo", stdout=io.StringIO())

    assert list(Notification.objects.order_by("pk").values_list("pk", "kind", "sent_at")) == first
    assert Notification.objects.unsent().count() == 0
    assert mail.outbox == []
