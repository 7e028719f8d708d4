"""The reach: which areas a user reaches, as whom, and the police-only rule, once.

Every topic's access module (`reports/access.py`, `incidents/access.py`, …) builds on these:
an object belongs to a collaboration area, and whoever reaches the area reaches it, within the
topic's own rules. Lists are scoped with `<things>_visible_to(user)`; single objects come from
`get_<thing>_for_user(user, ...)`, which raises Http404 both for what does not exist and for
what the user may not reach, so an outsider never learns that it exists.

Reorganisations: a successor area carries its predecessors' history. `area_reach` gives
everyone who reaches an area its predecessors too, so every list built on `areas_visible_to`
(reports, incidents, measures, dashboards) spans a reorganisation. Members of a predecessor keep
their membership there (the record of who worked where) and so keep reaching its history.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Q, QuerySet, When
from django.shortcuts import get_object_or_404

from accounts.models import User
from districts.models import CollaborationArea


def require(allowed: bool) -> None:
    """Whoever sees an object but may not change it gets 403 (outsiders got 404 already)."""
    if not allowed:
        raise PermissionDenied


def area_reach(user: User) -> Q:
    """Areas a user reaches: as a member, as director of the district, as chief of the police
    area, and every predecessor of those (a successor's people reach the history it carries
    on). City-wide roles reach every area."""
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


def is_area_member(user: User, area: CollaborationArea) -> bool:
    """Whether the user works in the area; one query per request, cached on the user."""
    if not hasattr(user, "_member_area_pks"):
        user._member_area_pks = set(user.areas.values_list("pk", flat=True))
    return area.pk in user._member_area_pks


# --- The police-only rule ---
# Police-only data (incidents the police mark so) reaches only police who are members of its
# area or chiefs of its police area; city users never see it, city-wide roles and city
# administrators included, not even as counts.


def police_only_reach(user: User, area_field: str = "") -> Q | None:
    """The areas whose police-only data the user sees, as a filter on `area_field` (an area
    relation such as "area"; the area itself when empty), or None when the user sees none."""
    if not user.is_police:
        return None
    prefix = f"{area_field}__" if area_field else ""
    member = f"{area_field}__in" if area_field else "pk__in"
    return Q(**{member: user.areas.values("pk")}) | Q(
        **{f"{prefix}police_area__in": user.led_police_areas.values("pk")}
    )


def dashboard_reach(user: User) -> tuple[tuple[int | str, ...], tuple[int, ...]]:
    """What a user's dashboards are computed from, in one query: the areas they reach, and
    those of them whose police-only incidents they see (`police_only_reach`). Two users of the
    same reach see the same dashboards, so their cached bodies may be shared
    (dashboards/cache.py); users of different reach never share one. A city-wide city user
    reaches every area there is, and no police-only incident: `("all",), ()` says so without a
    query."""
    if user.is_citywide and not user.is_police:
        return ("all",), ()
    areas = areas_visible_to(user).order_by("pk")
    police_reach = police_only_reach(user)
    if police_reach is None:
        return tuple(areas.values_list("pk", flat=True)), ()
    rows = areas.annotate(
        police_only=Case(When(police_reach, then=True), default=False, output_field=BooleanField())
    ).values_list("pk", "police_only")
    reached, police_only = [], []
    for pk, sees_police_only in rows:
        reached.append(pk)
        if sees_police_only:
            police_only.append(pk)
    return tuple(reached), tuple(police_only)
