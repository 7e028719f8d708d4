"""Documents: what leaves the portal for a meeting or a spreadsheet.

This app owns the PDFs of a situation report and of a joint picture and the CSV and XLSX
downloads of the report, incident and measure lists. It reads every topic through
the topics' access modules and changes none; it sits on top, beside the dashboards, and nothing
below imports it.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")
