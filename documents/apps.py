"""Documents: what leaves the portal for a meeting or a spreadsheet, and its secrecy markings.

This app owns the PDFs of a situation report and of a joint picture, the CSV and XLSX
downloads of the report, incident and measure lists, and the secrecy markings on reports,
joint pictures, incidents and measures (which every document and list shows). It reads every
topic through the topics' access modules and changes none but its markings; it sits on top, beside
the dashboards, and nothing below imports it: the yearly situation picture, which shows the
markings of its measures, gets their lookup registered here at start-up.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from situation_pictures import markings

        from .models import SecrecyMarking

        markings.register(SecrecyMarking.objects.for_objects)
