"""Writes that touch a conference and its parts: each in one transaction."""

from django.db import transaction
from django.forms import BaseInlineFormSet

from .forms import ConferenceForm, PriorityForm
from .models import Conference, Priority


@transaction.atomic
def conference_save(*, form: ConferenceForm) -> Conference:
    """Creates or updates a conference with its focus categories."""
    return form.save()


@transaction.atomic
def conference_parts_save(*, formset: BaseInlineFormSet) -> None:
    """Saves a conference's programme items or outcomes: new, changed and deleted ones."""
    formset.save()


@transaction.atomic
def priority_save(*, form: PriorityForm, conference: Conference) -> Priority:
    """Creates or updates a priority of the conference with its linked categories."""
    form.instance.conference = conference
    return form.save()
