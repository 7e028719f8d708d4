"""Conferences and priorities: every signed-in user reads them; development leads and
administrators record and edit them."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from conferences.models import Conference


def can_edit_conferences(user: User) -> bool:
    return user.is_superuser or user.role in {Role.DEVELOPMENT_LEAD, Role.ADMIN}


def conferences_visible_to(user: User) -> QuerySet:
    return Conference.objects.all()


def get_conference_for_user(user: User, year: int):
    return get_object_or_404(conferences_visible_to(user), year=year)


def get_priority_for_user(user: User, conference, pk: int):
    return get_object_or_404(conference.priorities.all(), pk=pk)
