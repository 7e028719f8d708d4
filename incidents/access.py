"""Who sees and writes places and incidents (on the reach, districts/access.py).

Places and incidents belong to a collaboration area: whoever reaches the area reads them, its
members (coordinators and community officers) write them. Police-only incidents follow the
police-only rule (`districts.access.police_only_reach`): city-wide roles are city-side and never
see them, not even as counts.
"""

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from districts.access import in_reach, is_area_member, police_only_reach
from districts.models import CollaborationArea
from incidents.models import Incident, Place, Visibility

if TYPE_CHECKING:
    from districts.periods import Period


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
    police_reach = police_only_reach(user, "area")
    if police_reach is None:
        return incidents.exclude(police_only)
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


def incidents_for_picture(user: User, area: CollaborationArea, period: "Period") -> QuerySet:
    """The joint picture's incidents: the area's within the period that the user may see."""
    incidents = incidents_visible_to(user).filter(area=area)
    return incidents.in_period(period.start, period.end).for_list()


def incidents_for_municipality_documents() -> QuerySet:
    """Incidents a municipality document may count: every area's, police-only ones never."""
    return Incident.objects.exclude(visibility=Visibility.POLICE_ONLY)
