"""/audit/: the audit log's rows under the rules of what they record.

It sits in the top layer because a row may be about an object of any topic: each topic's access
module decides whether the reader may see that object now. accounts/ keeps the log itself
(`AuditEvent`, `audit.record`).
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.access import can_read_audit_log
from accounts.forms import AuditFilter
from accounts.models import AuditEvent, Side, User
from districts.access import areas_visible_to
from incidents.access import incidents_visible_to, places_visible_to
from measures.access import agreements_visible_to, measures_visible_to, promises_visible_to
from reports.access import joint_pictures_visible_to, reports_visible_to


def _audited_objects() -> dict:
    """Each object type the log records whose rows some readers may not see, with the
    reader's scoped queryset of it."""
    return {
        "reports.situationreport": reports_visible_to,
        "reports.jointpicture": joint_pictures_visible_to,
        "incidents.incident": incidents_visible_to,
        "incidents.place": places_visible_to,
        "measures.measure": measures_visible_to,
        "measures.agreement": agreements_visible_to,
        "measures.citizenpromise": promises_visible_to,
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


def audit_log(request: HttpRequest) -> HttpResponse:
    """/audit/: the audit log for admins and the development lead, filtered and paginated."""
    if not can_read_audit_log(request.user):
        raise PermissionDenied(
            _("The audit log is for system administrators and the development lead.")
        )
    events = AuditFilter(
        request.GET or None, queryset=audit_events_visible_to(request.user).for_listing()
    )
    page = Paginator(events.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": events, "page": page, "query": query.urlencode()}
    return render(request, "accounts/audit_log.html", context)
