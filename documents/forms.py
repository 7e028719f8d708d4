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
