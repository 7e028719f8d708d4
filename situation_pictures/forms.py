"""The yearly situation picture's forms: a draft with its action plan, and the decision."""

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import Priority
from districts.models import District
from measures import access as measures_access
from tryggportal.lib.identity import GuardedForm, GuardedModelForm

from .models import ActionPlanItem, SituationPicture, picture_year_error, picture_years


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SituationPictureForm(GuardedModelForm):
    """The parts of a draft the development lead writes; the rest is prefilled."""

    class Meta:
        model = SituationPicture
        fields = [
            "year",
            "district",
            "window_start",
            "window_end",
            "other_information",
            "analysis",
        ]
        widgets = {
            "window_start": DateInput(),
            "window_end": DateInput(),
            "other_information": forms.Textarea(attrs={"rows": 6}),
            "analysis": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.order_by("name")
        self.fields["district"].empty_label = _("The whole municipality")
        years = picture_years(timezone.localdate())
        self.fields["year"].widget.attrs.update(min=years[0], max=years[-1])

    def clean_year(self):
        year = self.cleaned_data["year"]
        if error := picture_year_error(year, timezone.localdate()):
            raise forms.ValidationError(error)
        return year

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("window_start"), cleaned.get("window_end")
        if start and end and start > end:
            self.add_error("window_end", _("The window must end on or after its first day."))
        return cleaned


class ActionPlanItemForm(GuardedModelForm):
    class Meta:
        model = ActionPlanItem
        fields = ["order", "text", "priority", "measure", "owner", "due_date"]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        priorities = Priority.objects.select_related("conference").order_by(
            "-conference__year", "order"
        )
        self.fields["priority"].queryset = priorities
        # Open measures, and the one already chosen even if it has since been done.
        measures = measures_access.measures_for_municipality_documents()
        self.fields["measure"].queryset = measures.filter(
            Q(pk__in=measures.open().values("pk")) | Q(pk=self.instance.measure_id)
        ).order_by("title")


ActionPlanFormSet = inlineformset_factory(
    SituationPicture, ActionPlanItem, form=ActionPlanItemForm, extra=3, can_delete=True
)


class PictureDecisionForm(GuardedForm):
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    deciding_body = forms.CharField(
        label=_("Deciding body"),
        max_length=200,
        help_text=_("E.g. “Kommunstyrelsen” or “Kommunfullmäktige”."),
    )
    reference = forms.CharField(
        label=_("Reference"), max_length=100, help_text=_("The decision's case number (dnr).")
    )
