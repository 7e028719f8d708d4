"""Writes that touch a conference and its parts: each in one transaction."""

import datetime as dt

from django.db import transaction
from django.forms import BaseInlineFormSet
from django.urls import reverse

from accounts.models import Role, User
from notifications.models import NotificationKind
from notifications.services import notice_claim
from tryggportal.lib import data_version

from .forms import ConferenceForm, PriorityForm
from .models import Conference, Priority


@transaction.atomic
def conference_save(*, form: ConferenceForm) -> Conference:
    """Creates or updates a conference with its focus categories."""
    conference = form.save()
    data_version.bump()  # the area dashboards highlight the focus categories
    return conference


@transaction.atomic
def conference_parts_save(*, formset: BaseInlineFormSet) -> None:
    """Saves a conference's programme items or outcomes: new, changed and deleted ones."""
    formset.save()
    data_version.bump()


@transaction.atomic
def priority_save(*, form: PriorityForm, conference: Conference) -> Priority:
    """Creates or updates a priority of the conference with its linked categories."""
    form.instance.conference = conference
    priority = form.save()
    data_version.bump()
    return priority


def priorities_undecided_notify(*, today: dt.date) -> list[int]:
    """Tell every development lead, once, of each priority still proposed after its decision
    date; returns the ids of the notifications still to mail.

    Idempotent: each notice is claimed by its unique row (kind, recipient, occurrence: the
    priority and its decision date), so a second run, or two at once, tells no one twice; a
    decision date moved later and missed again is told again, once.
    """
    stale = Priority.objects.undecided_past(today).select_related("conference")
    leads = list(User.objects.filter(role=Role.DEVELOPMENT_LEAD, is_active=True))
    pending = []
    for priority in stale:
        for lead in leads:
            notification, _created = notice_claim(
                kind=NotificationKind.PRIORITY_UNDECIDED,
                recipient=lead,
                occurrence=f"priority:{priority.pk}:{priority.decision_date:%Y%m%d}",
                subject=priority.title,
                link=reverse("conference_detail", args=[priority.conference.year])
                + f"#priority-{priority.pk}",
                due_date=priority.decision_date,
            )
            if notification.sent_at is None:
                pending.append(notification.pk)
    return pending
