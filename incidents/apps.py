"""Places and incidents (händelser).

Owns the places of a collaboration area that reports and measures refer to, the incidents
each side logs (shared with both sides, or marked police-only), and the CSV import of
incidents. Pages: /areas/<slug>/places/, /incidents/, /incidents/import/. Depends on reports
(categories), districts and accounts.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Incidents")
