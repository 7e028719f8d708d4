"""A priority still proposed after its decision date is flagged on the conference page, and
the development lead is told once (a notification, mailed once), however often the daily
task runs."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from conferences.models import Priority, PriorityStatus
from conferences.tasks import notify_undecided_priorities
from notifications.models import Notification, NotificationKind
from tests.test_conferences_pages import make_conference

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(dt.datetime(2026, 12, 2, 8, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def conference(users):
    conference = make_conference(2019)
    for order, (title, status, decision) in enumerate(
        [
            ("Förebyggande arbete i skolan", PriorityStatus.PROPOSED, dt.date(2020, 12, 31)),
            ("Narkotika med alla resurser", PriorityStatus.DECIDED, dt.date(2020, 6, 1)),
            ("Återgång till samhället", PriorityStatus.PROPOSED, dt.date(2027, 3, 1)),
            ("Utan datum", PriorityStatus.PROPOSED, None),
        ]
    ):
        Priority.objects.create(
            conference=conference, order=order, title=title, status=status,
            decision_date=decision, owner_side="joint",
        )  # fmt: skip
    return conference


def test_the_conference_page_flags_a_priority_past_its_decision_date(
    client_for, director, conference
):
    response = client_for(director).get("/conferences/2019/")
    html = response.content.decode()
    assert [p.title for p in response.context["stale"]] == ["Förebyggande arbete i skolan"]
    assert html.count("Inte beslutad i tid") == 1
    assert "1 prioritering är fortfarande bara föreslagen" in html
    stale = Priority.objects.get(title="Förebyggande arbete i skolan")
    assert f'id="priority-{stale.pk}" class="priority-stale"' in html


def test_the_development_lead_is_told_once(dev_lead, director, conference):
    dev_lead.email = "utvecklingsledare@example.se"
    dev_lead.save()
    assert notify_undecided_priorities() == 1
    assert notify_undecided_priorities() == 0  # the same day again: nothing new, nothing sent
    with time_machine.travel(dt.datetime(2026, 12, 3, 8, tzinfo=dt.UTC), tick=False):
        assert notify_undecided_priorities() == 0  # the next day: still told only once
    notices = Notification.objects.filter(kind=NotificationKind.PRIORITY_UNDECIDED)
    assert [(n.recipient, n.subject) for n in notices] == [
        (dev_lead, "Förebyggande arbete i skolan")
    ]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["utvecklingsledare@example.se"]
    assert "Förebyggande arbete i skolan" in mail.outbox[0].subject
    assert "31 december 2020" in mail.outbox[0].body
    assert not director.notifications.exists()


def test_the_notice_opens_the_priority_and_reads_in_swedish(client_for, dev_lead, conference):
    notify_undecided_priorities()
    notice = dev_lead.notifications.get()
    stale = Priority.objects.get(title="Förebyggande arbete i skolan")
    assert notice.link == f"/conferences/2019/#priority-{stale.pk}"
    html = client_for(dev_lead).get("/notifications/").content.decode()
    assert "Prioriteringen ”Förebyggande arbete i skolan” skulle ha beslutats senast" in html
    assert "Prioritering inte beslutad i tid" in html


def test_a_decision_date_moved_and_missed_again_is_told_once_more(dev_lead, conference):
    notify_undecided_priorities()
    Priority.objects.filter(title="Förebyggande arbete i skolan").update(
        decision_date=dt.date(2026, 11, 30)
    )
    notify_undecided_priorities()
    notify_undecided_priorities()
    assert dev_lead.notifications.count() == 2


def test_a_decided_priority_is_neither_flagged_nor_told(client_for, dev_lead, conference):
    Priority.objects.filter(status=PriorityStatus.PROPOSED).update(status=PriorityStatus.DECIDED)
    assert notify_undecided_priorities() == 0
    assert not dev_lead.notifications.exists()
    assert (
        "Inte beslutad i tid" not in client_for(dev_lead).get("/conferences/2019/").content.decode()
    )
