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
    if incident.fingerprint and _fingerprint_taken(incident):
        # An imported row moved to another visibility (or area) where the same row was
        # imported too: it is that one's duplicate no more, only an incident of its own.
        incident.fingerprint = ""
    incident.save()
    data_version.bump()
    return incident


def _fingerprint_taken(incident: Incident) -> bool:
    return (
        Incident.objects.filter(
            area=incident.area_id, visibility=incident.visibility, fingerprint=incident.fingerprint
        )
        .exclude(pk=incident.pk)
        .exists()
    )


@transaction.atomic
def incidents_import(
    *, area: CollaborationArea, user: User, rows: list[importers.Row], visibility: str
) -> tuple[int, int]:
    """Save checked rows in one transaction; rows already imported with the same visibility
    (same fingerprint) are skipped. Returns (imported, skipped).

    Fingerprints never cross the visibility line: a city import is compared with shared rows
    only, so it neither learns of a police-only row nor loses its own row to one (the row is
    imported as the city's own); a police-only import likewise stands apart from shared rows."""
    known = set(
        Incident.objects.filter(
            area=area, visibility=visibility, fingerprint__in=[row.fingerprint for row in rows]
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
    # The unique constraint on (area, visibility, fingerprint) settles a race with a
    # parallel import.
    Incident.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        data_version.bump()  # bulk_create sends no signal: the dashboards learn of it here
    return len(new), len(rows) - len(new)
