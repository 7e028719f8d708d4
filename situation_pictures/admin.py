"""The yearly situation picture has no admin of its own; its rule still scopes what the admin
counts and names of it (a delete that reaches a draft, the history)."""

from django.contrib import admin

from .access import situation_pictures_visible_to
from .models import SituationPicture

admin.site.add_scope(SituationPicture, situation_pictures_visible_to)
