"""Writes of situation reports and the joint picture: every state change is one function here."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Side, User
from districts import periods
from districts.models import CollaborationArea
from tryggportal.lib import data_version

from . import signals
from .models import (
    AD_HOC,
    Category,
    CategoryAssessment,
    JointPicture,
    ReportRevision,
    ReportStatus,
    SituationReport,
    snapshot_changes,
)


class ReportConflict(Exception):
    """A save based on an older version: someone else saved in between. Nothing was written."""

    def __init__(self, current):
        super().__init__("conflict")
        self.current = current


def report_event_happened(*, report: SituationReport, event: str, actor: User) -> None:
    """A report was shared ("shared"), revised after sharing ("revised") or acknowledged
    ("acknowledged") by `actor`.

    Called once at the end of each of those state changes, after the change is saved. Once
    the change is committed, `reports.signals.report_event` tells the apps above (the
    notifications app tells the other side of a shared or revised report, the author side of
    an acknowledgement). Each revision is its own occurrence (the report's version), a share
    or an acknowledgement happens once.
    """
    occurrence = f"report-{report.pk}"
    if event == "revised":
        occurrence += f"-v{report.version}"
    details = {"report_id": report.pk, "event": event, "occurrence": occurrence}
    details["actor_id"] = actor.pk
    transaction.on_commit(lambda: signals.report_event.send(sender=SituationReport, **details))


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
        for category in Category.objects.active()
    )
    data_version.bump()
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
        data_version.bump()
    if revised:
        report_event_happened(report=current, event="revised", actor=actor)
    return current


def report_share(*, report: SituationReport, actor: User) -> SituationReport:
    """Draft → shared: the other side of the area and those above it now see the report.

    A draft still lacking its overall level, trend or summary is not shared (ValidationError).
    """
    if report.missing_for_sharing():
        raise ValidationError(_("Fill in the overall level, trend and summary before sharing."))
    claimed = (
        SituationReport.objects.filter(pk=report.pk, status=ReportStatus.DRAFT)
        .exclude(level=None)
        .exclude(trend="")
        .exclude(summary="")
        .update(status=ReportStatus.SHARED, shared_at=timezone.now())
    )
    report.refresh_from_db()
    if claimed:
        data_version.bump()  # update() sends no signal: the dashboards learn of it here
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
        data_version.bump()  # update() sends no signal: the dashboards learn of it here
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
        data_version.bump()
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
        data_version.bump()
        if not picture.signed_at(Side(actor.side).other):
            details = {
                "picture_id": picture.pk,
                "side": actor.side,
                "occurrence": f"picture-{picture.pk}-v{picture.version}",
                "actor_id": actor.pk,
            }
            transaction.on_commit(
                lambda: signals.joint_summary_signed.send(sender=JointPicture, **details)
            )
    return picture
