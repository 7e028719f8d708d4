"""Forms of the incidents app; every free-text field is guarded against identity numbers."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from conferences.models import Conference
from tryggportal import access
from tryggportal.lib.identity import GuardedForm, GuardedModelForm

from .models import (
    AD_HOC,
    TEXT_MAX,
    Agreement,
    Category,
    CitizenPromise,
    Incident,
    Level,
    Measure,
    MeasureProgress,
    Place,
    Severity,
    SituationReport,
    Trend,
    Visibility,
)

# --- Situation reports ---

ASSESSMENT_FIELDS = ("level", "trend", "note")


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ReportForm(GuardedModelForm):
    """The report's overall fields plus, per active category, a level, a trend and a note.

    Category fields are plain fields named `cat-<code>-level|trend|note`, so a posted form is
    one flat set of values (simple to keep across a lost session and to show on a conflict).
    """

    class Meta:
        model = SituationReport
        fields = ["level", "trend", "summary", "places_text", "theme_notes"]
        widgets = {
            "summary": _textarea(6),
            "places_text": _textarea(3),
            "theme_notes": _textarea(3),
        }
        help_texts = {
            "summary": _("The situation in the area this period, as your side sees it."),
            "places_text": _("Places that matter this period, and why."),
        }

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        # The conference theme (conferences app) has its own section and notes field while a
        # theme is current; with none current both are absent and stored notes stay as they are.
        self.theme_conference = Conference.objects.current(timezone.localdate())
        if self.theme_conference is None:
            del self.fields["theme_notes"]
        self.categories = list(categories)
        current = {}
        if self.instance.pk:
            current = {a.category_id: a for a in self.instance.assessments.all()}
        for category in self.categories:
            assessment = current.get(category.pk)
            prefix = f"cat-{category.code}-"
            self.fields[prefix + "level"] = forms.TypedChoiceField(
                label=_("%(category)s: level") % {"category": category.name},
                choices=[("", "–")] + list(Level.choices),
                coerce=int,
                empty_value=None,
                required=False,
                initial=assessment.level if assessment else None,
            )
            self.fields[prefix + "trend"] = forms.ChoiceField(
                label=_("%(category)s: trend") % {"category": category.name},
                choices=[("", "–")] + list(Trend.choices),
                required=False,
                initial=assessment.trend if assessment else "",
            )
            self.fields[prefix + "note"] = forms.CharField(
                label=_("%(category)s: note") % {"category": category.name},
                max_length=TEXT_MAX,
                required=False,
                widget=_textarea(2),
                initial=assessment.note if assessment else "",
            )

    @property
    def category_rows(self) -> list[tuple[Category, list]]:
        """(category, [level, trend, note] bound fields) for the template's fieldsets."""
        return [
            (c, [self[f"cat-{c.code}-{name}"] for name in ASSESSMENT_FIELDS])
            for c in self.categories
        ]

    @property
    def main_fields(self) -> list:
        return [
            self[name]
            for name in self.fields
            if not name.startswith("cat-") and name != "theme_notes"  # theme: own section
        ]

    def report_fields(self) -> dict:
        return {
            name: self.cleaned_data[name] if name in self.fields else getattr(self.instance, name)
            for name in self.Meta.fields
        }

    def assessment_values(self) -> dict[str, dict]:
        return {
            c.code: {
                name: self.cleaned_data[f"cat-{c.code}-{name}"] or (None if name == "level" else "")
                for name in ASSESSMENT_FIELDS
            }
            for c in self.categories
        }


class NewReportForm(ReportForm):
    """A new report: the area (where the user works), and the period or an extraordinary event."""

    area = forms.ModelChoiceField(label=_("Collaboration area"), queryset=None, empty_label=None)
    period = forms.ChoiceField(label=_("Period"))
    event_date = forms.DateField(
        label=_("Date of the extraordinary event"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only for an extraordinary event."),
    )

    field_order = ["area", "period", "event_date"]

    def __init__(self, *args, user, areas, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.today = today
        self.fields["area"].queryset = areas
        choices = {}
        for area in areas:
            due = area.next_due_period(today)
            for period in (due.previous().previous(), due.previous(), due, due.next()):
                choices.setdefault(period.key, period.label)
        self.fields["period"].choices = sorted(choices.items(), reverse=True) + [
            (AD_HOC, _("Extraordinary event (outside the schedule)"))
        ]
        self.resolved_period = None

    def clean(self):
        cleaned = super().clean()
        area, key = cleaned.get("area"), cleaned.get("period")
        if not area or not key:
            return cleaned
        if key == AD_HOC:
            if not cleaned.get("event_date"):
                self.add_error("event_date", _("Give the date of the extraordinary event."))
            return cleaned
        try:
            self.resolved_period = area.period_from_key(key)
        except ValueError:
            self.add_error("period", _("This period does not fit the area's exchange schedule."))
            return cleaned
        taken = (
            SituationReport.objects.regular()
            .filter(area=area, side=self.user.side, period_start=self.resolved_period.start)
            .exists()
        )
        if taken:
            self.add_error("period", _("Your side already has a report for this area and period."))
        return cleaned


class EditReportForm(ReportForm):
    """Editing carries the version it was based on: a save on an older version is a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class AcknowledgeForm(GuardedForm):
    comment = forms.CharField(
        label=_("Comment"),
        max_length=TEXT_MAX,
        required=False,
        widget=_textarea(3),
        help_text=_("Your side's view of this report."),
    )
    view_differs = forms.BooleanField(label=_("Our view differs"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("view_differs") and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Say in a comment how your view differs."))
        return cleaned


class JointSummaryForm(GuardedForm):
    summary = forms.CharField(
        label=_("Joint summary"),
        max_length=TEXT_MAX,
        widget=_textarea(5),
        help_text=_("Changing the text removes both sides' signatures."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class JointPictureSignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


# --- Places, incidents and measures ---

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


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
        self.fields["place"].queryset = (
            access.places_visible_to(user)
            .filter(area__in=areas.with_predecessors())  # a successor uses its predecessors'
            .select_related("area")
            .order_by("area__name", "name")
        )
        self.fields["place"].label_from_instance = lambda place: f"{place.name} ({place.area})"
        self.fields["category"].queryset = Category.objects.filter(active=True)
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
        self.fields["area"].queryset = access.areas_visible_to(user).order_by("name")
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


class MeasureForm(GuardedModelForm):
    class Meta:
        model = Measure
        fields = ["area", "title", "description", "owner_side", "owner_user", "categories"]
        fields += ["places", "start_date", "due_date", "status", "target", "target_unit"]
        widgets = {
            "start_date": DATE,
            "due_date": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "categories": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        areas = access.logging_areas_for(user).order_by("name")
        self.fields["area"].queryset = areas
        self.fields["owner_user"].queryset = (
            User.objects.filter(areas__in=areas).distinct().order_by("last_name", "username")
        )
        self.fields["places"].queryset = (
            access.places_visible_to(user)
            .filter(area__in=areas.with_predecessors())  # a successor uses its predecessors'
            .select_related("area")
            .order_by("area__name", "name")
        )
        self.fields["places"].label_from_instance = lambda place: f"{place.name} ({place.area})"
        self.fields["categories"].queryset = Category.objects.filter(active=True)

    def clean(self):
        cleaned = super().clean()
        area, owner = cleaned.get("area"), cleaned.get("owner_user")
        if area and owner and not owner.areas.filter(pk=area.pk).exists():
            self.add_error("owner_user", _("Choose an owner who works in the measure's area."))
        if owner and cleaned.get("owner_side") and owner.side != cleaned["owner_side"]:
            self.add_error("owner_user", _("The owner works on the other side."))
        place_areas = {place.area_id for place in cleaned.get("places") or []}
        # The area's own places or its predecessors' (a moved measure keeps its places).
        if area and place_areas - set(area.history().values_list("pk", flat=True)):
            self.add_error("places", _("Choose places in the measure's area."))
        start, due = cleaned.get("start_date"), cleaned.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("The due date cannot come before the start."))
        if cleaned.get("target_unit") and not cleaned.get("target"):
            self.add_error("target", _("Give the target a number, or leave the unit empty."))
        return cleaned


class MeasureProgressForm(GuardedModelForm):
    class Meta:
        model = MeasureProgress
        fields = ["date", "amount", "note"]
        widgets = {"date": DATE}
        help_texts = {"amount": _("How much was done since the last entry, e.g. 25 patrols.")}


class AgreementForm(GuardedModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "whole_city", "areas", "valid_from", "valid_to", "signed_on"]
        fields += ["signatories", "categories", "text"]
        widgets = {
            "valid_from": DATE,
            "valid_to": DATE,
            "signed_on": DATE,
            "signatories": forms.Textarea(attrs={"rows": 3}),
            "text": forms.Textarea(attrs={"rows": 8}),
            "categories": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = access.areas_visible_to(user).order_by("name")
        self.fields["categories"].queryset = Category.objects.filter(active=True)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("whole_city") and not cleaned.get("areas"):
            self.add_error(
                "areas", _("Choose the areas, or mark the agreement for the whole city.")
            )
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The period cannot end before it starts."))
        return cleaned


class CitizenPromiseForm(GuardedModelForm):
    class Meta:
        model = CitizenPromise
        fields = ["text", "slug", "measures", "published"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "slug": _("The public address: /promises/<address name>/. Letters, digits and dashes."),
            "published": _(
                "A published promise has a public page anyone can read, without sign-in."
            ),
        }

    def __init__(self, *args, user: User, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement
        measures = access.measures_visible_to(user).select_related("area")
        if not agreement.whole_city:
            measures = measures.filter(area__in=agreement.areas.all())
        self.fields["measures"].queryset = measures.order_by("area__name", "title")
        self.fields["measures"].label_from_instance = lambda m: f"{m.title} ({m.area})"
