"""Who sees and acts on situation reports and joint pictures (on the reach, districts/access.py).

A draft: only its author side's members of its area. Shared (or acknowledged): everyone who
reaches the area (both sides' members, the directors and chiefs above it, city-wide roles).
Only the author side's members edit and share; only the other side's members acknowledge.
Views tell "may not see" (404, from get_report_for_user) from "may see, may not act" (403).
Whoever reaches an area reads its joint pictures; both sides' members write and sign them.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Side, User
from districts.access import (
    get_area_for_user,
    in_reach,
    is_area_member,
    member_area_ids,
)
from districts.models import CollaborationArea
from reports.models import (
    CategoryAssessment,
    JointPicture,
    ReportRevision,
    ReportStatus,
    SituationReport,
)

if TYPE_CHECKING:
    from districts.periods import Period


def shared_reports_visible_to(user: User) -> QuerySet:
    """Shared reports of every area the user reaches: what dashboards count. Drafts never
    count, so this is the same for both sides of an area."""
    return SituationReport.objects.shared().filter(in_reach(user))


def joint_pictures_visible_to(user: User) -> QuerySet[JointPicture]:
    """Joint summaries of every area the user reaches (whoever reaches an area reads its joint
    picture, as `get_joint_picture`): the overview's cards show them."""
    return JointPicture.objects.filter(in_reach(user))


def reports_visible_to(user: User) -> QuerySet[SituationReport]:
    own_side_drafts = Q(area__in=member_area_ids(user), side=user.side)
    return SituationReport.objects.filter(
        in_reach(user),
        ~Q(status=ReportStatus.DRAFT) | own_side_drafts,
    )


def get_report_for_user(user: User, pk: int) -> SituationReport:
    return get_object_or_404(reports_visible_to(user).for_detail(), pk=pk)


def previous_report_for(user: User, report: SituationReport) -> SituationReport | None:
    """The same side's latest shared report of the area before this one (for "what changed")."""
    return (
        reports_visible_to(user)
        .shared()
        .filter(area=report.area_id, side=report.side, period_start__lt=report.period_start)
        .with_assessments()
        .newest_first()
        .first()
    )


def own_side_reports(user: User) -> QuerySet[SituationReport]:
    """The user's side's reports in the areas where they work, drafts included."""
    return reports_visible_to(user).filter(area__in=member_area_ids(user), side=user.side)


def previous_own_report(
    user: User, area: CollaborationArea, before: dt.date
) -> SituationReport | None:
    """The user's side's latest shared report of the area before a date ("copy from our
    previous report"), with its assessments."""
    return (
        own_side_reports(user)
        .shared()
        .filter(area=area, period_start__lt=before)
        .for_picture()
        .newest_first()
        .first()
    )


def reports_awaiting_acknowledgement(user: User) -> QuerySet[SituationReport]:
    """The other side's shared reports in the user's areas that the user's side has not
    acknowledged yet, oldest first (the home page's review list)."""
    if user.side not in {Side.CITY, Side.POLICE}:
        return SituationReport.objects.none()
    return (
        reports_visible_to(user)
        .filter(area__in=member_area_ids(user), status=ReportStatus.SHARED)
        .exclude(side=user.side)
        .select_related("area")
        .order_by("shared_at", "pk")
    )


def can_create_report(user: User, area: CollaborationArea) -> bool:
    return user.side in {Side.CITY, Side.POLICE} and is_area_member(user, area)


def can_edit_report(user: User, report: SituationReport) -> bool:
    """The author side's members of the area, before and after sharing (then as revisions)."""
    return user.side == report.side and is_area_member(user, report.area)


def can_share_report(user: User, report: SituationReport) -> bool:
    return report.is_draft and can_edit_report(user, report)


def can_acknowledge_report(user: User, report: SituationReport) -> bool:
    return (
        report.status == ReportStatus.SHARED
        and user.side == report.other_side
        and is_area_member(user, report.area)
    )


def report_areas_for(user: User) -> QuerySet[CollaborationArea]:
    """Areas in which the user may file a report: where they work as a member, while the area
    exists (after a reorganisation, the successor)."""
    if user.side not in {Side.CITY, Side.POLICE}:
        return CollaborationArea.objects.none()
    member_areas = CollaborationArea.objects.filter(pk__in=member_area_ids(user))
    return member_areas.valid_on(timezone.localdate()).for_list()


def joint_picture_reports(
    user: User, area: CollaborationArea, period: "Period"
) -> QuerySet[SituationReport]:
    """The shared reports of both sides for one area and period (the joint picture's columns)."""
    return (
        reports_visible_to(user)
        .shared()
        .regular()
        .filter(area=area, period_start=period.start)
        .for_picture()
    )


def joint_picture_period(area: CollaborationArea, period_key: str) -> "Period":
    """The period a joint picture's key names, if it is one of the area's exchange (from the
    period the area began in to the one the sides file now): 404 for a malformed key, a period
    before the area began or one not begun. The one check of the page, its writes, its PDF and
    its secrecy marking, and of the kept forms (`joint_picture_period_exists`)."""
    try:
        return area.exchange_period_from_key(period_key, timezone.localdate())
    except ValueError as error:
        raise Http404 from error


def get_joint_picture_period_for_user(
    user: User, slug: str, period_key: str
) -> "tuple[CollaborationArea, Period]":
    """The area (404 outside the user's reach) and the period of its joint picture."""
    area = get_area_for_user(user, slug)
    return area, joint_picture_period(area, period_key)


def get_joint_picture(area: CollaborationArea, period: "Period") -> JointPicture | None:
    """The period's joint summary and signatures; whoever reaches the area reads it."""
    return (
        JointPicture.objects.select_related("city_signed_by", "police_signed_by", "updated_by")
        .filter(area=area, period_start=period.start)
        .first()
    )


def joint_pictures_awaiting_signature(user: User) -> QuerySet[JointPicture]:
    """Joint summaries in the user's areas that their side has not signed yet, oldest first."""
    if user.side not in {Side.CITY, Side.POLICE}:
        return JointPicture.objects.none()
    unsigned = (
        Q(city_signed_at__isnull=True)
        if user.side == Side.CITY
        else Q(police_signed_at__isnull=True)
    )
    return (
        JointPicture.objects.filter(unsigned, area__in=member_area_ids(user))
        .exclude(summary="")
        .select_related("area")
        .order_by("period_start", "pk")
    )


def can_work_on_joint_picture(user: User, area: CollaborationArea) -> bool:
    """Both sides' members of the area write the joint summary and sign it for their side."""
    return user.side in {Side.CITY, Side.POLICE} and is_area_member(user, area)


def report_exists(*, pk: int, **_kwargs) -> bool:
    return SituationReport.objects.filter(pk=pk).exists()


def joint_picture_period_exists(*, slug: str, period_key: str, **_kwargs) -> bool:
    """The area exists and the period is one of its exchange (as the joint picture requires)."""
    area = CollaborationArea.objects.filter(slug=slug).first()
    if area is None:
        return False
    try:
        joint_picture_period(area, period_key)
    except Http404:
        return False
    return True


def report_history_for_user(user: User, area: CollaborationArea) -> list[dict]:
    """Shared reports per year and area across the area's history (it and its predecessors),
    newest year first: one query."""
    return list(
        shared_reports_visible_to(user)
        .filter(area__in=area.history())
        .annotate(year=ExtractYear("period_start"))
        .values("year", "area__name", "area__slug")
        .annotate(count=Count("pk"))
        .order_by("-year", "area__name")
    )


def shared_reports_for_municipality_documents() -> QuerySet[SituationReport]:
    """Shared reports of every area: both sides see them, so their levels may be counted."""
    return SituationReport.objects.shared()


def assessments_visible_to(user: User) -> QuerySet[CategoryAssessment]:
    """The assessments of the reports the user sees (the admin's scope of them)."""
    return CategoryAssessment.objects.filter(report__in=reports_visible_to(user).values("pk"))


def revisions_visible_to(user: User) -> QuerySet[ReportRevision]:
    """The revisions of the reports the user sees (the admin's scope of them)."""
    return ReportRevision.objects.filter(report__in=reports_visible_to(user).values("pk"))
