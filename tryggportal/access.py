"""Who sees and edits what: the one module every view and query goes through.

Lists are scoped with `<things>_visible_to(user)`; single objects come from
`get_<thing>_for_user(user, ...)`, which raises Http404 both for what does not exist and for
what the user may not reach, so an outsider never learns that it exists.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from districts.models import CollaborationArea


def area_reach(user: User) -> Q:
    """Areas a user reaches: as a member, as director of the district, as chief of the police
    area. City-wide roles reach every area."""
    if user.is_citywide:
        return Q()
    return (
        Q(pk__in=user.areas.values("pk"))
        | Q(district__in=user.directed_districts.values("pk"))
        | Q(police_area__in=user.led_police_areas.values("pk"))
    )


def areas_visible_to(user: User) -> QuerySet[CollaborationArea]:
    return CollaborationArea.objects.filter(area_reach(user))


def get_area_for_user(user: User, slug: str) -> CollaborationArea:
    return get_object_or_404(areas_visible_to(user), slug=slug)


def member_area_ids(user: User) -> QuerySet:
    """Areas where the user works as a member (coordinator or community officer)."""
    return user.areas.values("pk")


# --- Dashboards ---


def shared_reports_visible_to(user: User) -> QuerySet:
    """Shared reports of every area the user reaches: what dashboards count. Drafts never
    count, so this is the same for both sides of an area."""
    from incidents.models import SituationReport

    return SituationReport.objects.shared().filter(area__in=areas_visible_to(user).values("pk"))


# --- Conferences ---
# Every signed-in user reads conferences and priorities; development leads and administrators
# record and edit them. (Imports are local: conferences depends on incidents, not the reverse.)


def can_edit_conferences(user: User) -> bool:
    from accounts.models import Role

    return user.is_superuser or user.role in {Role.DEVELOPMENT_LEAD, Role.ADMIN}


def conferences_visible_to(user: User) -> QuerySet:
    from conferences.models import Conference

    return Conference.objects.all()


def get_conference_for_user(user: User, year: int):
    return get_object_or_404(conferences_visible_to(user), year=year)


def get_priority_for_user(user: User, conference, pk: int):
    return get_object_or_404(conference.priorities.all(), pk=pk)
