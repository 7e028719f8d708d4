import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


class AsOfForm(forms.Form):
    """`?as_of=YYYY-MM-DD`: the structure (areas, districts) valid on a chosen day."""

    as_of = forms.DateField(
        label=_("Structure as of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Shows the areas as they were on that day, before or after a reorganisation."),
    )

    def day(self, today: dt.date) -> dt.date:
        """The chosen day; today when none (or an invalid one) was given."""
        if self.is_valid() and self.cleaned_data["as_of"]:
            return self.cleaned_data["as_of"]
        return today
