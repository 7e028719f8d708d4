"""Who sees and edits what: the one module every view and query goes through.

Lists are scoped with `<things>_visible_to(user)`; single objects come from
`get_<thing>_for_user(user, ...)`, which raises Http404 both for what does not exist and for
what the user may not reach, so an outsider never learns that it exists.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, CharField, Count, Prefetch, Q, QuerySet, When
from django.db.models.functions import Cast, ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import AuditEvent, Role, Side, User
from conferences.models import Conference
from districts.models import CollaborationArea
from incidents.models import Incident, Place, Visibility
from measures.models import Agreement, CitizenPromise, Measure, MeasureProgress
from notifications.models import Notification
from reports.models import (
    CategoryAssessment,
    JointPicture,
    ReportRevision,
    ReportStatus,
    SituationReport,
)

if TYPE_CHECKING:  # only a type: access.py imports the apps' models modules and nothing else
    from districts.periods import Period


def require(allowed: bool) -> None:
    """Whoever sees an object but may not change it gets 403 (outsiders got 404 already)."""
    if not allowed:
        raise PermissionDenied


def area_reach(user: User) -> Q:
    """Areas a user reaches: as a member, as director of the district, as chief of the police
    area, and every predecessor of those (a successor's people reach the history it carries
    on; see Reorganisations below). City-wide roles reach every area."""
    if user.is_citywide:
        return Q()
    direct = CollaborationArea.objects.filter(
        Q(pk__in=user.areas.values("pk"))
        | Q(district__in=user.directed_districts.values("pk"))
        | Q(police_area__in=user.led_police_areas.values("pk"))
    )
    return Q(pk__in=direct.with_predecessors().values("pk"))


def areas_visible_to(user: User) -> QuerySet[CollaborationArea]:
    return CollaborationArea.objects.filter(area_reach(user))


def in_reach(user: User) -> Q:
    """A filter on `area` to the areas the user reaches. For a city-wide role it is empty:
    every row has an area, and "area in all areas" only made PostgreSQL plan a subquery
    (about 1 ms of a report page's planning)."""
    if user.is_citywide:
        return Q()
    return Q(area__in=areas_visible_to(user).values("pk"))


def get_area_for_user(user: User, slug: str) -> CollaborationArea:
    """The area at `slug` if the user reaches it (404 otherwise), with the district and police
    area that its pages name."""
    return get_object_or_404(
        areas_visible_to(user).select_related("district", "police_area"), slug=slug
    )


def member_area_ids(user: User) -> QuerySet:
    """Areas where the user works as a member (coordinator or community officer)."""
    return user.areas.values("pk")


# --- Conferences ---
# Every signed-in user reads conferences and priorities; development leads and administrators
# record and edit them.


def can_edit_conferences(user: User) -> bool:
    return user.is_superuser or user.role in {Role.DEVELOPMENT_LEAD, Role.ADMIN}


def conferences_visible_to(user: User) -> QuerySet:
    return Conference.objects.all()


def get_conference_for_user(user: User, year: int):
    return get_object_or_404(conferences_visible_to(user), year=year)


def get_priority_for_user(user: User, conference, pk: int):
    return get_object_or_404(conference.priorities.all(), pk=pk)


# --- Dashboards ---


def shared_reports_visible_to(user: User) -> QuerySet:
    """Shared reports of every area the user reaches: what dashboards count. Drafts never
    count, so this is the same for both sides of an area."""
    return SituationReport.objects.shared().filter(in_reach(user))


def dashboard_reach(user: User) -> tuple[tuple[int | str, ...], tuple[int, ...]]:
    """What a user's dashboards are computed from, in one query: the areas they reach, and
    those of them whose police-only incidents they see (as `incidents_visible_to`: the police
    members of the area and the chiefs of its police area). Two users of the same reach see
    the same dashboards, so their cached bodies may be shared (dashboards/cache.py); users of
    different reach never share one. A city-wide city user reaches every area there is, and
    no police-only incident: `("all",), ()` says so without a query."""
    if user.is_citywide and not user.is_police:
        return ("all",), ()
    areas = areas_visible_to(user).order_by("pk")
    if not user.is_police:
        return tuple(areas.values_list("pk", flat=True)), ()
    police_reach = Q(pk__in=user.areas.values("pk")) | Q(
        police_area__in=user.led_police_areas.values("pk")
    )
    rows = areas.annotate(
        police_only=Case(When(police_reach, then=True), default=False, output_field=BooleanField())
    ).values_list("pk", "police_only")
    reached, police_only = [], []
    for pk, sees_police_only in rows:
        reached.append(pk)
        if sees_police_only:
            police_only.append(pk)
    return tuple(reached), tuple(police_only)


def joint_pictures_visible_to(user: User) -> QuerySet[JointPicture]:
    """Joint summaries of every area the user reaches (whoever reaches an area reads its joint
    picture, as `get_joint_picture`): the overview's cards show them."""
    return JointPicture.objects.filter(in_reach(user))


def area_promises_visible_to(user: User, area: CollaborationArea) -> QuerySet:
    """Citizen promises of the agreements covering an area the user reaches (the area comes
    from `get_area_for_user`): such agreements are all among `agreements_visible_to(user)`, so
    this asks directly rather than nesting the reach query once more."""
    return CitizenPromise.objects.filter(
        pk__in=CitizenPromise.objects.filter(
            Q(agreement__whole_city=True) | Q(agreement__areas=area)
        ).values("pk")
    )


# --- Situation reports ---
# A draft: only its author side's members of its area. Shared (or acknowledged): everyone who
# reaches the area (both sides' members, the directors and chiefs above it, city-wide roles).
# Only the author side's members edit and share; only the other side's members acknowledge.
# Views tell "may not see" (404, from get_report_for_user) from "may see, may not act" (403).


def is_area_member(user: User, area: CollaborationArea) -> bool:
    """Whether the user works in the area; one query per request, cached on the user."""
    if not hasattr(user, "_member_area_pks"):
        user._member_area_pks = set(user.areas.values_list("pk", flat=True))
    return area.pk in user._member_area_pks


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


# Kept forms (tryggportal/lib/kept_forms.py): a form posted signed out is kept only when the
# address names something that exists. The answer decides what is stored, never what the
# visitor is told (they are sent to sign in either way), so it reveals nothing.


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


# --- Places, incidents and measures ---
# Places, incidents and measures belong to a collaboration area: whoever reaches the area reads
# them, its members (coordinators and community officers) write them. Police-only incidents
# reach only police who are members of the area or chiefs of its police area; city-wide roles
# are city-side and never see them, not even as counts. (Imports are local, as above.)


def places_visible_to(user: User) -> QuerySet:
    return Place.objects.filter(in_reach(user))


def places_for_logging(user: User) -> QuerySet:
    """Places the user may attach to an incident or a measure: those of the areas they log in
    and of those areas' predecessors (a successor goes on using them), with their area."""
    areas = logging_areas_for(user).with_predecessors()
    return (
        places_visible_to(user)
        .filter(area__in=areas)
        .select_related("area")
        .order_by("area__name", "name")
    )


def get_place_for_user(user: User, area: CollaborationArea, pk: int):
    return get_object_or_404(places_visible_to(user), area=area, pk=pk)


def can_manage_places(user: User, area: CollaborationArea) -> bool:
    return is_area_member(user, area)


def logging_areas_for(user: User) -> QuerySet[CollaborationArea]:
    """Areas where the user logs incidents and measures: those they are a member of (an area
    ended by a reorganisation too: an incident of its time may be logged late)."""
    return user.areas.all()


def can_log_in_area(user: User, area: CollaborationArea) -> bool:
    """Whether `area` is one of `logging_areas_for(user)`, from the request's cached membership."""
    return is_area_member(user, area)


def incidents_visible_to(user: User) -> QuerySet:
    incidents = Incident.objects.filter(in_reach(user))
    police_only = Q(visibility=Visibility.POLICE_ONLY)
    if not user.is_police:
        return incidents.exclude(police_only)
    police_reach = Q(area__in=user.areas.values("pk")) | Q(
        area__police_area__in=user.led_police_areas.values("pk")
    )
    return incidents.filter(~police_only | police_reach)


def get_incident_for_user(user: User, pk: int):
    return get_object_or_404(incidents_visible_to(user), pk=pk)


def can_edit_incident(user: User, incident) -> bool:
    """The reporting side's members of the area edit an incident."""
    return user.side == incident.reported_side and is_area_member(user, incident.area)


def can_choose_police_only(user: User) -> bool:
    return user.is_police


def incidents_for_report(user: User, report) -> QuerySet:
    """A report's linked incidents: its area's incidents within its period that the user sees."""
    return (
        incidents_visible_to(user)
        .filter(area=report.area_id)
        .in_period(report.period_start, report.period_end)
        .for_list()
    )


def measures_visible_to(user: User) -> QuerySet:
    return Measure.objects.filter(in_reach(user))


def get_measure_for_user(user: User, pk: int):
    return get_object_or_404(measures_visible_to(user), pk=pk)


def can_edit_measure(user: User, measure) -> bool:
    """Members of the measure's area, on either side, edit it and record its progress."""
    return is_area_member(user, measure.area)


def overdue_measures_for(user: User, today: dt.date) -> QuerySet:
    """Open measures past their due date that are the user's: owned by them, or by their side
    with no owner named, in the areas where they work."""
    mine = Q(owner_user=user) | Q(
        owner_user__isnull=True, owner_side=user.side, area__in=member_area_ids(user)
    )
    return (
        measures_visible_to(user)
        .open()
        .filter(mine, due_date__lt=today)
        .select_related("area")
        .order_by("due_date", "pk")
    )


def agreements_visible_to(user: User) -> QuerySet:
    if user.is_citywide:
        return Agreement.objects.all()
    reached = Agreement.objects.filter(
        Q(whole_city=True) | Q(areas__in=areas_visible_to(user))
    ).values("pk")
    return Agreement.objects.filter(pk__in=reached)


def get_agreement_for_user(user: User, pk: int):
    return get_object_or_404(agreements_visible_to(user), pk=pk)


def can_manage_agreements(user: User) -> bool:
    """Agreements and their citizen promises are kept by the city-wide roles."""
    return user.is_citywide


def promises_for_agreement(user: User, agreement: Agreement) -> QuerySet[CitizenPromise]:
    """An agreement's citizen promises for its page. A promise of a whole-city agreement links
    measures of many areas: `visible_measures` holds those the user may see, while the
    promise's progress counts all of them (a published promise's progress is public)."""
    visible = measures_visible_to(user).order_by("due_date", "pk")
    return agreement.promises.with_measures().prefetch_related(
        Prefetch("measures", queryset=visible, to_attr="visible_measures")
    )


def get_promise_for_user(user: User, agreement, pk: int):
    return get_object_or_404(agreement.promises.all(), pk=pk)


def get_published_promise(slug: str):
    """The public page's promise: anyone may read a published promise, nobody an unpublished."""
    return get_object_or_404(CitizenPromise.objects.for_public_page(), slug=slug)


def incidents_for_picture(user: User, area: CollaborationArea, period: "Period") -> QuerySet:
    """The joint picture's incidents: the area's within the period that the user may see."""
    incidents = incidents_visible_to(user).filter(area=area)
    return incidents.in_period(period.start, period.end).for_list()


def measures_for_picture(user: User, area: CollaborationArea, period: "Period") -> QuerySet:
    """The joint picture's measures: the area's open ones and those due within the period."""
    return measures_visible_to(user).due_or_open_for_area(area, period.start, period.end)


# --- What the municipality's documents may count (the yearly situation picture's facts) ---
# Whoever renders such a document, it holds what the city may see: never a police-only
# incident, not even as a count.


def incidents_for_municipality_documents() -> QuerySet:
    """Incidents a municipality document may count: every area's, police-only ones never."""
    return Incident.objects.exclude(visibility=Visibility.POLICE_ONLY)


def measures_for_municipality_documents() -> QuerySet:
    """Measures of every area (measures have no police-only kind)."""
    return Measure.objects.all()


def shared_reports_for_municipality_documents() -> QuerySet[SituationReport]:
    """Shared reports of every area: both sides see them, so their levels may be counted."""
    return SituationReport.objects.shared()


# --- Security and audit ---


def can_read_audit_log(user: User) -> bool:
    """The audit log (/audit/) is for admins and the development lead only."""
    return user.is_superuser or user.role in {Role.ADMIN, Role.DEVELOPMENT_LEAD}


def _audited_objects() -> dict:
    """Each object type the log records whose rows some readers may not see, with the
    reader's scoped queryset of it."""
    return {
        "reports.situationreport": reports_visible_to,
        "reports.jointpicture": lambda u: JointPicture.objects.filter(area__in=areas_visible_to(u)),
        "incidents.incident": incidents_visible_to,
        "incidents.place": places_visible_to,
        "measures.measure": measures_visible_to,
        "measures.agreement": agreements_visible_to,
        "measures.citizenpromise": lambda u: CitizenPromise.objects.filter(
            agreement__in=agreements_visible_to(u)
        ),
        "districts.collaborationarea": areas_visible_to,
    }


def audit_events_visible_to(user: User) -> QuerySet[AuditEvent]:
    """The audit log's rows for one who may read it (`can_read_audit_log`); none otherwise.

    The log keeps the access rules of what it records: a row about an object is shown only to
    a reader who may see that object now (another side's draft, an area out of reach: the
    row is hidden, label and all), and a row about police-only data (a police-only incident
    or import) never reaches a city reader, not even as a count. Rows about no object
    (sign-ins, dashboard exports) and about users and conferences are shown to every reader.
    """
    if not can_read_audit_log(user):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.all()
    if user.side != Side.POLICE:
        events = events.exclude(police_only=True)
    for object_type, visible in _audited_objects().items():
        ids = visible(user).annotate(audit_id=Cast("pk", CharField())).values("audit_id")
        events = events.exclude(
            Q(object_type=object_type) & ~Q(object_id="") & ~Q(object_id__in=ids)
        )
    return events


# --- Reorganisations ---
# A successor area carries its predecessors' history: `area_reach` above gives everyone who
# reaches an area its predecessors too, so every list built on `areas_visible_to` (reports,
# incidents, measures, dashboards) spans a reorganisation. Members of a predecessor keep their
# membership there (the record of who worked where) and so keep reaching its history.


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


# --- Reminders and notifications ---
# Everyone sees only their own notifications; another user's is a 404, like anything unreachable.


def notifications_visible_to(user: User) -> QuerySet:
    return Notification.objects.filter(recipient=user)


def get_notification_for_user(user: User, pk: int):
    return get_object_or_404(notifications_visible_to(user), pk=pk)


# --- The Django admin ---
# The admin obeys the rules of the pages: an administrator is a user of one side, and a city
# administrator (a superuser included) never learns of a police-only incident or a police
# draft there either. tryggportal/admin.py scopes every ModelAdmin with these.


def admin_scopes() -> dict:
    """Each model whose rows some administrators may not see, with the function giving a
    user's scoped queryset of it: the admin lists, opens, offers as a choice and counts in a
    delete confirmation only what these give."""
    return {
        AuditEvent: audit_events_visible_to,
        CollaborationArea: areas_visible_to,
        SituationReport: reports_visible_to,
        CategoryAssessment: lambda u: CategoryAssessment.objects.filter(
            report__in=reports_visible_to(u).values("pk")
        ),
        ReportRevision: lambda u: ReportRevision.objects.filter(
            report__in=reports_visible_to(u).values("pk")
        ),
        JointPicture: joint_pictures_visible_to,
        Place: places_visible_to,
        Incident: incidents_visible_to,
        Measure: measures_visible_to,
        MeasureProgress: lambda u: MeasureProgress.objects.filter(
            measure__in=measures_visible_to(u).values("pk")
        ),
        Agreement: agreements_visible_to,
        CitizenPromise: lambda u: CitizenPromise.objects.filter(
            agreement__in=agreements_visible_to(u).values("pk")
        ),
        # A notification names its area and, for report events, the report (a draft's
        # reminder names the draft): shown where the report is.
        Notification: lambda u: Notification.objects.filter(
            Q(report__isnull=True) | Q(report__in=reports_visible_to(u).values("pk"))
        ),
    }
