from django import forms
from django.forms import inlineformset_factory
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from measures import access as measures_access
from reports.models import Category
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


# The picker's words, in the reader's language (the script has no catalogue of its own).
PICKER_TEXTS = {
    "data-text-search": _("Search measures by title or area"),
    "data-text-chosen": _("Linked measures"),
    "data-text-none-chosen": _("No measure linked yet."),
    "data-text-add": _("Add"),
    "data-text-remove": _("Remove"),
    "data-text-more": _("Show more"),
    "data-text-no-match": _("No measure matches."),
    "data-text-failed": _("The search failed; try again."),
}


class MeasurePicker(forms.SelectMultiple):
    """A multiple select of the chosen measures only, enhanced by static/js/measure-picker.js
    into a searchable, paged picker (labelled, keyboard-usable buttons)."""


def measure_label(measure) -> str:
    return f"{measure.area.name} · {measure.title}"


def measure_choices(measures, ids) -> list[tuple[int, str]]:
    """(id, label) of the given measures among those the user may see, by area and title."""
    if not ids:
        return []
    chosen = measures.filter(pk__in=ids).select_related("area").order_by("area__name", "title")
    return [(m.pk, measure_label(m)) for m in chosen]


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
            "agreements": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "measures": _(
                "The priority's progress is derived from these measures. Search by title or "
                "area to add one."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the editor may see can be linked (access.py decides).
        measures = self.fields["measures"]
        measures.queryset = measures_access.measures_visible_to(user)
        # The city has thousands of measures: the select holds only the chosen ones, and the
        # picker (static/js/measure-picker.js) searches the rest through `measure_search`.
        measures.widget = MeasurePicker(
            choices=measure_choices(measures.queryset, self._chosen_measure_ids()),
            attrs={"data-search-url": reverse("priority_measure_search"), **PICKER_TEXTS},
        )
        self.fields["agreements"].queryset = measures_access.agreements_visible_to(user).order_by(
            "title"
        )

    def _chosen_measure_ids(self) -> list[int]:
        """The measures the form shows as chosen: those posted, else the priority's own."""
        if self.is_bound:
            name = self.add_prefix("measures")
            data = self.data
            values = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
            return [int(v) for v in values if str(v).isdigit()]
        if self.instance.pk:
            return list(self.instance.measures.values_list("pk", flat=True))
        return []
