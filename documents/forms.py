from django import forms
from django.utils.translation import gettext_lazy as _

from tryggportal.lib.identity import GuardedForm

from .models import PROVISION_MAX


class SecrecyMarkingForm(GuardedForm):
    provision = forms.CharField(
        label=_("Provision of OSL"),
        max_length=PROVISION_MAX,
        required=False,
        help_text=_("E.g. “18 kap. 1 §”. Leave empty and save to remove the marking."),
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: it sits on pages with other forms (templates/documents/secrecy_marking.html).
        kwargs.setdefault("auto_id", "id_secrecy_%s")
        super().__init__(*args, **kwargs)
