"""Measures (åtgärder), agreements and citizen promises.

Owns the measures one side takes in an area (owner, due date, target and dated progress),
the collaboration agreements between the city and the police, and the citizen promises
(medborgarlöften) within them, with their public page. Pages: /measures/, /agreements/,
/promises/<slug>/ (public, no sign-in). Depends on incidents (places), reports (categories,
the report a measure was proposed in), districts and accounts.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Measures and agreements")
