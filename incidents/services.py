"""Writes in the incidents app: every state change goes through one function here."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Side, User
from districts import periods
from districts.models import CollaborationArea

from . import importers
from .models import (
    AD_HOC,
    Category,
    CategoryAssessment,
    Incident,
    JointPicture,
    MeasureStatus,
    ReportRevision,
    ReportStatus,
    SituationReport,
    snapshot_changes,
)

# --- Situation reports ---


class ReportConflict(Exception):
    """A save based on an older version: someone else saved in between. Nothing was written."""

    def __init__(self, current):
        super().__init__("conflict")
        self.current = current


def report_event_happened(*, report: SituationReport, event: str, actor: User) -> None:
    """A report was shared ("shared"), revised after sharing ("revised") or acknowledged
    ("acknowledged") by `actor`.

    Called once at the end of each of those state changes, after the change is saved. The
    reminders and notifications work hooks its notifications here (the other side told of a
    shared or revised report, the author side of an acknowledgement); until then it does
    nothing.
    """


def _fresh_snapshot(report: SituationReport) -> dict:
    fresh = SituationReport.objects.for_picture().get(pk=report.pk)
    return fresh.snapshot()


def _save_assessments(report: SituationReport, assessments: dict[str, dict]) -> None:
    existing = {a.category.code: a for a in report.assessments.select_related("category")}
    categories = {c.code: c for c in Category.objects.filter(code__in=assessments)}
    for code, values in assessments.items():
        assessment = existing.get(code)
        if assessment is None:
            CategoryAssessment.objects.create(report=report, category=categories[code], **values)
        elif any(getattr(assessment, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(assessment, name, value)
            assessment.save()


@transaction.atomic
def report_create(
    *,
    area: CollaborationArea,
    actor: User,
    period: periods.Period | None,
    event_date: dt.date | None = None,
    fields: dict,
    assessments: dict[str, dict],
) -> SituationReport:
    """A new draft for the actor's side; `period` None means an extraordinary (ad hoc) report.

    Every active category gets an assessment row, filled in or empty, so revisions and the
    joint picture compare like with like.
    """
    if period is None:
        kind, start, end = AD_HOC, event_date, event_date
    else:
        kind, start, end = period.cadence, period.start, period.end
    try:
        with transaction.atomic():
            report = SituationReport.objects.create(
                area=area,
                side=actor.side,
                period_kind=kind,
                period_start=start,
                period_end=end,
                created_by=actor,
                updated_by=actor,
                **fields,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Your side already has a report for this area and period."), code="duplicate"
        ) from error
    empty = {"level": None, "trend": "", "note": ""}
    CategoryAssessment.objects.bulk_create(
        CategoryAssessment(
            report=report, category=category, **(assessments.get(category.code) or empty)
        )
        for category in Category.objects.filter(active=True)
    )
    return report


def report_update(
    *,
    report: SituationReport,
    actor: User,
    expected_version: int,
    fields: dict,
    assessments: dict[str, dict],
) -> SituationReport:
    """Save the author side's changes, unless someone saved since `expected_version`.

    After sharing, the change is kept as a ReportRevision (field by field, overall and per
    category) for the other side to see. Raises ReportConflict, writing nothing, when the
    report has moved on.
    """
    with transaction.atomic():
        current = SituationReport.objects.select_for_update().get(pk=report.pk)
        if current.version != expected_version:
            raise ReportConflict(current)
        before = _fresh_snapshot(current)
        for name, value in fields.items():
            setattr(current, name, value)
        current.version += 1
        current.updated_by = actor
        current.save()
        _save_assessments(current, assessments)
        changes = snapshot_changes(before, _fresh_snapshot(current))
        revised = current.is_shared and bool(changes)
        if revised:
            ReportRevision.objects.create(report=current, changed_by=actor, changes=changes)
    if revised:
        report_event_happened(report=current, event="revised", actor=actor)
    return current


def report_share(*, report: SituationReport, actor: User) -> SituationReport:
    """Draft → shared: the other side of the area and those above it now see the report."""
    claimed = SituationReport.objects.filter(pk=report.pk, status=ReportStatus.DRAFT).update(
        status=ReportStatus.SHARED, shared_at=timezone.now()
    )
    report.refresh_from_db()
    if claimed:
        report_event_happened(report=report, event="shared", actor=actor)
    return report


def report_acknowledge(
    *, report: SituationReport, actor: User, comment: str, view_differs: bool
) -> SituationReport:
    """Shared → acknowledged by the other side, with its comment and whether its view differs."""
    claimed = SituationReport.objects.filter(pk=report.pk, status=ReportStatus.SHARED).update(
        status=ReportStatus.ACKNOWLEDGED,
        acknowledged_by=actor,
        acknowledged_at=timezone.now(),
        acknowledgement_comment=comment,
        view_differs=view_differs,
    )
    report.refresh_from_db()
    if claimed:
        report_event_happened(report=report, event="acknowledged", actor=actor)
    return report


class JointPictureConflict(Exception):
    """The joint summary changed since the user read it."""

    def __init__(self, current):
        super().__init__("conflict")
        self.current = current


def _locked_picture(area: CollaborationArea, period: periods.Period) -> JointPicture:
    picture, _created = JointPicture.objects.select_for_update().get_or_create(
        area=area,
        period_start=period.start,
        defaults={"period_kind": period.cadence, "period_end": period.end},
    )
    return picture


@transaction.atomic
def joint_picture_save_summary(
    *,
    area: CollaborationArea,
    period: periods.Period,
    actor: User,
    summary: str,
    expected_version: int,
) -> JointPicture:
    """Write the joint summary. A changed text needs both signatures again: each side signs
    the words it agreed to, not earlier ones."""
    picture = _locked_picture(area, period)
    if picture.version != expected_version:
        raise JointPictureConflict(picture)
    if summary != picture.summary:
        picture.summary = summary
        picture.version += 1
        picture.updated_by = actor
        picture.updated_at = timezone.now()
        picture.city_signed_by = picture.city_signed_at = None
        picture.police_signed_by = picture.police_signed_at = None
        picture.save()
    return picture


@transaction.atomic
def joint_picture_sign(
    *, area: CollaborationArea, period: periods.Period, actor: User, expected_version: int
) -> JointPicture:
    """Sign the joint summary for the actor's side; when both sides have, it is agreed."""
    picture = _locked_picture(area, period)
    if picture.version != expected_version or not picture.summary:
        raise JointPictureConflict(picture)
    prefix = "city" if actor.side == Side.CITY else "police"
    if getattr(picture, f"{prefix}_signed_at") is None:
        setattr(picture, f"{prefix}_signed_by", actor)
        setattr(picture, f"{prefix}_signed_at", timezone.now())
        picture.save()
    return picture


# --- Places, incidents and measures ---


def place_save(*, form, area: CollaborationArea):
    place = form.save(commit=False)
    place.area = area
    place.save()
    return place


def incident_save(*, form, user: User) -> Incident:
    """Log a new incident (the reporting side is the user's) or save an edit."""
    incident = form.save(commit=False)
    if incident.pk is None:
        incident.created_by = user
        incident.reported_side = user.side
    incident.save()
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
    return len(new), len(rows) - len(new)


@transaction.atomic
def measure_save(*, form, user: User, proposed_in: SituationReport | None = None):
    """Create a measure (optionally proposed in a report) or save an edit, with its links."""
    measure = form.save(commit=False)
    if measure.pk is None:
        measure.created_by = user
        measure.proposed_in = proposed_in
    measure.save()
    form.save_m2m()
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
    return entry


@transaction.atomic
def agreement_save(*, form, user: User):
    agreement = form.save(commit=False)
    if agreement.pk is None:
        agreement.created_by = user
    agreement.save()
    form.save_m2m()
    return agreement


@transaction.atomic
def promise_save(*, form):
    return form.save()
