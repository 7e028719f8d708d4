"""Writes of measures, their progress, agreements and citizen promises."""

from django.db import transaction

from accounts.models import User
from reports.models import SituationReport
from tryggportal.lib import data_version

from .models import MeasureStatus


@transaction.atomic
def measure_save(*, form, user: User, proposed_in: SituationReport | None = None):
    """Create a measure (optionally proposed in a report) or save an edit, with its links."""
    measure = form.save(commit=False)
    if measure.pk is None:
        measure.created_by = user
        measure.proposed_in = proposed_in
    measure.save()
    form.save_m2m()
    data_version.bump()
    return measure


def measure_progress_record(*, measure, form, user: User):
    """Record a dated progress entry; a planned measure with progress is now ongoing."""
    with transaction.atomic():
        entry = form.save(commit=False)
        entry.measure = measure
        entry.recorded_by = user
        entry.save()
        if measure.status == MeasureStatus.PLANNED:
            measure.status = MeasureStatus.ONGOING
            measure.save(update_fields=["status", "updated_at"])
        data_version.bump()
    return entry


@transaction.atomic
def agreement_save(*, form, user: User):
    agreement = form.save(commit=False)
    if agreement.pk is None:
        agreement.created_by = user
    agreement.save()
    form.save_m2m()
    data_version.bump()
    return agreement


@transaction.atomic
def promise_save(*, form):
    promise = form.save()
    data_version.bump()
    return promise
