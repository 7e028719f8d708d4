from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from reports.models import Category
from tryggportal import access
from tryggportal.lib.identity import GuardedModelForm

from .models import Conference, Outcome, ParticipantGroup, Priority, ProgrammeItem


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ConferenceForm(GuardedModelForm):
    participant_groups = forms.MultipleChoiceField(
        label=_("Participant groups"),
        choices=ParticipantGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    focus_categories = forms.ModelMultipleChoiceField(
        label=_("Focus categories"),
        queryset=Category.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The categories the theme is about; dashboards highlight them."),
    )

    class Meta:
        model = Conference
        fields = [
            "year",
            "date",
            "venue",
            "title",
            "theme",
            "focus_categories",
            "participant_groups",
            "summary",
        ]
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        cleaned = super().clean()
        year, date = cleaned.get("year"), cleaned.get("date")
        if year and date and date.year != year:
            self.add_error("date", _("The date must fall in the conference's year."))
        return cleaned


class ProgrammeItemForm(GuardedModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["order", "time", "title", "description"]
        widgets = {
            "time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 2}),
        }


class OutcomeForm(GuardedModelForm):
    class Meta:
        model = Outcome
        fields = ["order", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


ProgrammeFormSet = inlineformset_factory(
    Conference, ProgrammeItem, form=ProgrammeItemForm, extra=3, can_delete=True
)
OutcomeFormSet = inlineformset_factory(
    Conference, Outcome, form=OutcomeForm, extra=3, can_delete=True
)


class PriorityForm(GuardedModelForm):
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=Category.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Priority
        fields = [
            "order",
            "title",
            "description",
            "status",
            "decision_date",
            "owner_side",
            "categories",
            "measures",
            "agreements",
        ]
        widgets = {
            "decision_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "measures": forms.CheckboxSelectMultiple,
            "agreements": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "measures": _("The priority's progress is derived from these measures."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the editor may see can be linked (access.py decides).
        self.fields["measures"].queryset = (
            access.measures_visible_to(user).select_related("area").order_by("area__name", "title")
        )
        self.fields["measures"].label_from_instance = lambda m: f"{m.area} · {m.title}"
        self.fields["agreements"].queryset = access.agreements_visible_to(user).order_by("title")
