"""Who sees and writes measures, agreements and citizen promises (on the reach,
districts/access.py).

Measures belong to a collaboration area: whoever reaches the area reads them, its members on
either side write them. Agreements cover areas (or the whole city) and are kept by the
city-wide roles; a published citizen promise is public.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from districts.access import areas_visible_to, in_reach, is_area_member, member_area_ids
from districts.models import CollaborationArea
from measures.models import Agreement, CitizenPromise, Measure, MeasureProgress

if TYPE_CHECKING:
    from districts.periods import Period


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


def measures_for_picture(user: User, area: CollaborationArea, period: "Period") -> QuerySet:
    """The joint picture's measures: the area's open ones and those due within the period."""
    return measures_visible_to(user).due_or_open_for_area(area, period.start, period.end)


def measures_for_municipality_documents() -> QuerySet:
    """Measures of every area (measures have no police-only kind)."""
    return Measure.objects.all()


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


def area_promises_visible_to(user: User, area: CollaborationArea) -> QuerySet:
    """Citizen promises of the agreements covering an area the user reaches (the area comes
    from `get_area_for_user`): such agreements are all among `agreements_visible_to(user)`, so
    this asks directly rather than nesting the reach query once more."""
    return CitizenPromise.objects.filter(
        pk__in=CitizenPromise.objects.filter(
            Q(agreement__whole_city=True) | Q(agreement__areas=area)
        ).values("pk")
    )


def progress_visible_to(user: User) -> QuerySet[MeasureProgress]:
    """The progress of the measures the user sees (the admin's scope of it)."""
    return MeasureProgress.objects.filter(measure__in=measures_visible_to(user).values("pk"))


def promises_visible_to(user: User) -> QuerySet[CitizenPromise]:
    """The citizen promises of the agreements the user sees (the admin's scope of them)."""
    return CitizenPromise.objects.filter(agreement__in=agreements_visible_to(user).values("pk"))
