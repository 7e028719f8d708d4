"""Writes of places and incidents (the CSV import included)."""

from django.db import transaction

from accounts.models import User
from districts.models import CollaborationArea
from tryggportal.lib import data_version

from . import importers
from .models import Incident


def place_save(*, form, area: CollaborationArea):
    place = form.save(commit=False)
    place.area = area
    place.save()
    data_version.bump()
    return place


def incident_save(*, form, user: User) -> Incident:
    """Log a new incident (the reporting side is the user's) or save an edit."""
    incident = form.save(commit=False)
    if incident.pk is None:
        incident.created_by = user
        incident.reported_side = user.side
    incident.save()
    data_version.bump()
    return incident


@transaction.atomic
def incidents_import(
    *, area: CollaborationArea, user: User, rows: list[importers.Row], visibility: str
) -> tuple[int, int]:
    """Save checked rows in one transaction; rows already imported (same fingerprint) are
    skipped. Returns (imported, skipped)."""
    known = set(
        Incident.objects.filter(
            area=area, fingerprint__in=[row.fingerprint for row in rows]
        ).values_list("fingerprint", flat=True)
    )
    new = []
    for row in rows:
        if row.fingerprint in known:
            continue
        known.add(row.fingerprint)
        new.append(
            Incident(
                area=area,
                place=row.place,
                occurred_at=row.occurred_at,
                category=row.category,
                description=row.description,
                severity=row.severity,
                reported_side=user.side,
                visibility=visibility,
                fingerprint=row.fingerprint,
                created_by=user,
            )
        )
    # The unique constraint on (area, fingerprint) settles a race with a parallel import.
    Incident.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        data_version.bump()  # bulk_create sends no signal: the dashboards learn of it here
    return len(new), len(rows) - len(new)
