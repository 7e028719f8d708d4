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
    shared or revised report, the author side of an acknowledgement).

    The notifications go out once the change is committed, from a task; each revision is its
    own occurrence (the report's version), a share or an acknowledgement happens once.
    """
    from .tasks import notify_report_event

    occurrence = f"report-{report.pk}"
    if event == "revised":
        occurrence += f"-v{report.version}"
    report_id, actor_id = report.pk, actor.pk
    transaction.on_commit(lambda: notify_report_event.delay(report_id, event, occurrence, actor_id))


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


# --- Reminders and notifications ---
# Imports are local: this section came after the others, and their import block is shared.

# A sender holds a notification this long while mailing it; longer than a task's time limit,
# so only a sender that died loses its hold (and then the mail may go out again, once).
NOTIFICATION_SEND_LEASE = dt.timedelta(minutes=10)
# Event notifications whose mail failed every retry are tried again by the sweep this long.
EVENT_RETRY_WINDOW = dt.timedelta(days=3)
EVENT_KINDS = {"shared": "shared", "revised": "revised", "acknowledged": "acknowledged"}


def _unread_cache_key(user: User) -> str:
    # date_joined tells apart users who got the same id (a test database rolled back).
    return f"notifications:unread:{user.pk}:{int(user.date_joined.timestamp())}"


def unread_count_cached(*, user: User) -> int | None:
    """The header's unread count from the cache, without a query; None when not cached."""
    from django.core.cache import cache

    return cache.get(_unread_cache_key(user))


def unread_count_refresh(*, user: User) -> int:
    """Count the user's unread notifications and keep the number for the header."""
    from django.core.cache import cache

    count = user.notifications.unread().count()
    cache.set(_unread_cache_key(user), count, timeout=None)
    return count


def reminders_sweep(*, today: dt.date) -> list:
    """Claim every reminder due on `today`; returns (reminder, notification) pairs.

    A notification whose `sent_at` is empty still has to be mailed: new now, or left by a
    run that died before mailing it (so a second run sends the rest, and nothing twice).
    """
    from . import reminders

    results = []
    told = {}
    for reminder in reminders.due_reminders(today):
        notification, created = reminders.claim(reminder)
        if created:
            told[reminder.recipient.pk] = reminder.recipient
        results.append((reminder, notification))
    for user in told.values():
        unread_count_refresh(user=user)
    return results


def unsent_event_notification_ids(*, now: dt.datetime) -> list[int]:
    """Event notifications whose mail never went out (every retry failed), still recent."""
    from .models import REMINDER_KINDS, Notification

    return list(
        Notification.objects.unsent()
        .exclude(kind__in=REMINDER_KINDS)
        .filter(created_at__gte=now - EVENT_RETRY_WINDOW)
        .values_list("pk", flat=True)
    )


def notification_deliver(*, notification_id: int) -> bool:
    """Mail one notification, unless it was mailed already or another sender holds it.

    Returns whether this call mailed it. On an SMTP error the hold is released and the error
    raised, so the task retries later; `sent_at` is set only after the mail went out.
    """
    from django.db.models import Q

    from .models import Notification

    now = timezone.now()
    held = (
        Notification.objects.unsent()
        .filter(pk=notification_id)
        .filter(Q(sending_since__isnull=True) | Q(sending_since__lt=now - NOTIFICATION_SEND_LEASE))
        .update(sending_since=now)
    )
    if not held:
        return False
    notification = Notification.objects.select_related("recipient", "area", "report").get(
        pk=notification_id
    )
    try:
        if notification.recipient.email:
            _mail_notification(notification)
    except BaseException:
        Notification.objects.filter(pk=notification_id, sending_since=now).update(
            sending_since=None
        )
        raise
    Notification.objects.filter(pk=notification_id).update(
        sent_at=timezone.now(), sending_since=None
    )
    return True


def _mail_notification(notification) -> None:
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils import translation

    user = notification.recipient
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "notification": notification,
            "recipient": user,
            "message": notification.message,
            "kind": notification.get_kind_display(),
            "url": f"{settings.SITE_URL}{notification.link}",
            "site_url": settings.SITE_URL,
        }
        subject = " ".join(render_to_string("emails/notification-subject.txt", context).split())
        text = render_to_string("emails/notification-body.txt", context)
        html = render_to_string("emails/notification-body.html", context)
    mail = EmailMultiAlternatives(subject, text, to=[user.email])
    mail.attach_alternative(html, "text/html")
    mail.send()


def report_event_notify(
    *, report_id: int, event: str, occurrence: str, actor_id: int | None
) -> list[int]:
    """Tell of a shared, revised or acknowledged report: the other side of a shared or revised
    report, the author side of an acknowledged one (not the actor). Returns the ids to mail."""
    from . import reminders
    from .models import Notification, SituationReport

    report = SituationReport.objects.select_related("area").get(pk=report_id)
    told_side = report.side if event == "acknowledged" else Side(report.side).other
    pending = []
    for person in reminders.side_members(report.area, told_side):
        if person.pk == actor_id:
            continue
        notification, created = Notification.objects.get_or_create(
            kind=EVENT_KINDS[event],
            area=report.area,
            period_start=report.period_start,
            side=report.side,
            recipient=person,
            occurrence=occurrence,
            defaults={
                "period_kind": report.period_kind,
                "period_end": report.period_end,
                "report": report,
                "link": report.get_absolute_url(),
            },
        )
        if created:
            unread_count_refresh(user=person)
        if notification.sent_at is None:
            pending.append(notification.pk)
    return pending


def notification_mark_read(*, notification, user: User) -> None:
    type(notification).objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    unread_count_refresh(user=user)


def notifications_mark_all_read(*, user: User) -> int:
    marked = user.notifications.unread().update(read_at=timezone.now())
    unread_count_refresh(user=user)
    return marked
