"""Forms of measures, agreements and citizen promises; every free-text field is guarded against identity numbers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from districts import access as districts_access
from incidents import access as incidents_access
from measures import access
from reports.models import Category
from tryggportal.lib.identity import GuardedModelForm
from tryggportal.lib.widgets import DATE

from .models import Agreement, CitizenPromise, Measure, MeasureProgress


class MeasureForm(GuardedModelForm):
    class Meta:
        model = Measure
        fields = ["area", "title", "description", "owner_side", "owner_user", "categories"]
        fields += ["places", "start_date", "due_date", "status", "target", "target_unit"]
        fields += ["public"]
        widgets = {
            "start_date": DATE,
            "due_date": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "categories": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user: User, proposed_in=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposed_in = proposed_in  # the report a new measure is proposed in, if any
        areas = incidents_access.logging_areas_for(user).order_by("name")
        self.fields["area"].queryset = areas
        self.fields["owner_user"].queryset = (
            User.objects.filter(areas__in=areas).distinct().order_by("last_name", "username")
        )
        self.fields["places"].queryset = incidents_access.places_for_logging(user)
        self.fields["places"].label_from_instance = lambda place: f"{place.name} ({place.area})"
        self.fields["categories"].queryset = Category.objects.active()

    def clean(self):
        cleaned = super().clean()
        area, owner = cleaned.get("area"), cleaned.get("owner_user")
        if area and owner and not owner.areas.filter(pk=area.pk).exists():
            self.add_error("owner_user", _("Choose an owner who works in the measure's area."))
        if owner and cleaned.get("owner_side") and owner.side != cleaned["owner_side"]:
            self.add_error("owner_user", _("The owner works on the other side."))
        report = self.proposed_in
        # Proposed in a report: in the report's area, or in a successor that carries it on.
        if (
            area
            and report
            and report.area_id not in set(area.history().values_list("pk", flat=True))
        ):
            self.add_error(
                "area", _("A measure proposed in a report belongs to the report's area.")
            )
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
        self.fields["areas"].queryset = districts_access.areas_visible_to(user).order_by("name")
        self.fields["categories"].queryset = Category.objects.active()

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
