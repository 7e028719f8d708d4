"""The municipality's yearly situation picture and action plan (lag (2023:196) 4 §).

Owns its versions (a draft until decided, then frozen with its facts and its PDF), each
version's action plan, the reminder that the next version is due (Celery beat) and the
development lead's to-do on the home page. Pages: /situation-pictures/ and each version's
page, form, decision and PDF. It reads the reports, incidents, measures and conferences it
sums up and imports nothing above it: the secrecy markings it shows are documents' (a template
tag and the marking reader documents registers here at start-up).
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationPicturesConfig(AppConfig):
    name = "situation_pictures"
    verbose_name = _("Yearly situation pictures")
