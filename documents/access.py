"""The municipality's yearly situation picture and action plan.

A public-sector document kept by the development lead (and admins): they write and decide it;
once decided every signed-in user reads it (a draft stays theirs). Its facts are what the city
may see, whoever renders it: never a police-only incident, not even as a count.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from documents.models import SituationPicture


def can_edit_situation_pictures(user: User) -> bool:
    return user.is_superuser or user.role in {Role.DEVELOPMENT_LEAD, Role.ADMIN}


def keeps_situation_pictures(user: User) -> bool:
    """The development lead keeps the yearly picture: it is on their to-do, and they are the
    ones reminded (admins may edit it too, but it is not their work)."""
    return user.role == Role.DEVELOPMENT_LEAD


def situation_pictures_visible_to(user: User) -> QuerySet[SituationPicture]:
    if can_edit_situation_pictures(user):
        return SituationPicture.objects.all()
    return SituationPicture.objects.decided()


def get_situation_picture_for_user(user: User, pk: int) -> SituationPicture:
    return get_object_or_404(situation_pictures_visible_to(user), pk=pk)
