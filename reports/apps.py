"""Situation reports (lägesbilder) and the joint picture.

Owns the categories a report assesses, each side's situation report of an area and period
(draft, shared, acknowledged), its category assessments and the revisions kept after sharing,
and the joint picture of a period: both sides' reports side by side with a joint summary both
sign. Pages: /reports/, /reports/new/, /reports/<id>/ and its edit, share and acknowledge
actions, /areas/<slug>/picture/<period>/. Depends on districts and accounts only.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Situation reports")
