"""Conferences, their themes and the priorities that follow from them.

Owns the yearly joint conference (theme, focus categories, programme, outcomes), its
priorities (linked to measures and agreements, with progress) and their follow-up in the
areas. Pages: /conferences/, /conferences/<year>/ and its edit and follow-up pages. Reports
show the current theme through `reports.themes`, registered here at start-up.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Conferences")

    def ready(self) -> None:
        from reports import themes

        from .models import Conference

        themes.register(Conference.objects.current)
