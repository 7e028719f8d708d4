import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


class HistoryRangeForm(forms.Form):
    """`?start=&end=` on a successor's dashboard: the span of its history across the change."""

    start = forms.DateField(
        label=_("History from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("History until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def span(self, default: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
        """The chosen span; the default for what is missing, invalid or reversed."""
        start, end = default
        if self.is_valid():
            start = self.cleaned_data["start"] or start
            end = self.cleaned_data["end"] or end
        # Reversed or longer than ten years (a table row per month): the default instead.
        return (start, end) if start <= end <= start + dt.timedelta(days=3660) else default
