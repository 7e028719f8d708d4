"""Forms of places and incidents; every free-text field is guarded against identity numbers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from districts import access as districts_access
from incidents import access
from reports.models import Category
from tryggportal.lib.identity import GuardedForm, GuardedModelForm
from tryggportal.lib.widgets import DATE, DATETIME

from .models import Incident, Place, Severity, Visibility


class PlaceForm(GuardedModelForm):
    class Meta:
        model = Place
        fields = ["name", "kind", "latitude", "longitude", "unsafe"]
        help_texts = {
            "latitude": _("Optional, decimal degrees, e.g. 57.7915."),
            "longitude": _("Optional, decimal degrees, e.g. 12.0406."),
        }

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.instance.area = area

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        name = cleaned.get("name")
        duplicates = Place.objects.filter(area=self.area, name__iexact=name or "")
        if name and duplicates.exclude(pk=self.instance.pk).exists():
            self.add_error("name", _("The area already has a place with this name."))
        return cleaned


def visibility_choices(user: User) -> list:
    """Only police users may keep an incident police-only."""
    if access.can_choose_police_only(user):
        return Visibility.choices
    return [(Visibility.SHARED.value, Visibility.SHARED.label)]


class IncidentForm(GuardedModelForm):
    class Meta:
        model = Incident
        fields = ["area", "place", "occurred_at", "category", "severity", "visibility"]
        fields += ["description"]
        widgets = {"occurred_at": DATETIME, "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        areas = access.logging_areas_for(user).order_by("name")
        self.fields["area"].queryset = areas
        self.fields["place"].queryset = access.places_for_logging(user)
        self.fields["place"].label_from_instance = lambda place: f"{place.name} ({place.area})"
        self.fields["category"].queryset = Category.objects.active()
        self.fields["visibility"].choices = visibility_choices(user)
        self.fields["occurred_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean(self):
        cleaned = super().clean()
        place, area = cleaned.get("place"), cleaned.get("area")
        # The area's own places or its predecessors' (a reorganisation leaves places in place).
        if place and area and not area.history().filter(pk=place.area_id).exists():
            self.add_error("place", _("Choose a place in the incident's area."))
        return cleaned


class IncidentFilterForm(forms.Form):
    """The incident list's filters (GET); an invalid value is simply not applied."""

    area = forms.ModelChoiceField(label=_("Area"), queryset=None, required=False)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), required=False
    )
    severity = forms.TypedChoiceField(
        label=_("Severity"),
        choices=[("", "---------")] + Severity.choices,
        coerce=int,
        empty_value=None,
        required=False,
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=[("", "---------")] + Visibility.choices, required=False
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = districts_access.areas_visible_to(user).order_by("name")
        if not access.can_choose_police_only(user):
            del self.fields["visibility"]

    def filter(self, incidents):
        if not self.is_valid():
            return incidents
        data = self.cleaned_data
        for name in ("area", "category", "severity", "visibility"):
            if data.get(name):
                incidents = incidents.filter(**{name: data[name]})
        if data.get("date_from"):
            incidents = incidents.in_period(data["date_from"], None)
        if data.get("date_to"):
            incidents = incidents.in_period(None, data["date_to"])
        return incidents


class IncidentImportForm(GuardedForm):
    MAX_BYTES = 1_000_000

    area = forms.ModelChoiceField(label=_("Area"), queryset=None)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: date (YYYY-MM-DD), time (HH:MM), place, category, description, severity "
            "(1–3). The first line names the columns; comma or semicolon separated, UTF-8."
        ),
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = access.logging_areas_for(user).order_by("name")
        self.fields["visibility"].choices = visibility_choices(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is too large: at most 1 MB."))
        return upload
