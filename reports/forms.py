"""Forms of situation reports and the joint picture; every free-text field is guarded against identity numbers."""

import secrets
import string

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from districts import owed
from tryggportal.lib.identity import GuardedForm, GuardedModelForm

from . import themes
from .exchange import PERIODS_BACK
from .models import (
    AD_HOC,
    SHARING_NEEDS,
    TEXT_MAX,
    Category,
    Level,
    LevelDefinition,
    SituationReport,
    Trend,
)

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
            "level": _("Needed before sharing."),
            "trend": _("Needed before sharing."),
            "summary": _(
                "The situation in the area this period, as your side sees it. Needed before "
                "sharing."
            ),
            "places_text": _("Places that matter this period, and why."),
        }

    def __init__(self, *args, categories, sharing=False, **kwargs):
        super().__init__(*args, **kwargs)
        # A draft saves without the overall level, trend and summary; sharing needs them.
        self.sharing = sharing
        # The conference theme (conferences app) has its own section and notes field while a
        # theme is current; with none current both are absent and stored notes stay as they are.
        self.theme_conference = themes.current(timezone.localdate())
        if self.theme_conference is None:
            del self.fields["theme_notes"]
        self.categories = list(categories)
        self.level_definitions = LevelDefinition.objects.as_dict()
        current = {}
        if self.instance.pk:
            current = {a.category_id: a for a in self.instance.assessments.all()}
        for category in self.categories:
            assessment = current.get(category.pk)
            prefix = f"cat-{category.code}-"
            # Radio groups: one Tab stop each, the value chosen with the arrow keys.
            self.fields[prefix + "level"] = forms.TypedChoiceField(
                label=_("%(category)s: level") % {"category": category.name},
                choices=[("", _("not rated"))] + list(Level.choices),
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=(assessment.level if assessment else None) or "",
            )
            self.fields[prefix + "trend"] = forms.ChoiceField(
                label=_("%(category)s: trend") % {"category": category.name},
                choices=[("", "–")] + list(Trend.choices),
                required=False,
                widget=forms.RadioSelect,
                initial=assessment.trend if assessment else "",
            )
            self.fields[prefix + "note"] = forms.CharField(
                label=_("%(category)s: note") % {"category": category.name},
                max_length=TEXT_MAX,
                required=False,
                widget=_textarea(1),
                initial=assessment.note if assessment else "",
            )

    def clean(self):
        cleaned = super().clean()
        if self.sharing:
            for name in SHARING_NEEDS:
                if name in self.fields and name not in self.errors and not cleaned.get(name):
                    self.add_error(name, _("Fill this in before sharing."))
        return cleaned

    @property
    def category_rows(self) -> list[tuple[Category, list]]:
        """(category, [level, trend, note] bound fields) for the template's compact rows."""
        return [
            (c, [self[f"cat-{c.code}-{name}"] for name in ASSESSMENT_FIELDS])
            for c in self.categories
        ]

    @property
    def levels(self) -> list[dict]:
        """Each level with its definition, for the legend the radio buttons point to."""
        return [
            {"value": value, "label": label, "definition": self.level_definitions.get(value, "")}
            for value, label in Level.choices
        ]

    @property
    def main_fields(self) -> list:
        return [
            self[name]
            for name in self.fields
            # the theme has its own section; the hidden fields are rendered apart
            if not name.startswith("cat-") and name not in ("theme_notes", "version", "draft_key")
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

    # The page's own key: its first save (often an autosave) creates the draft, and a later
    # save that still comes from the new-report address updates that draft (views.py).
    # Letters only, so that the identity-number guard never sees digits in it.
    draft_key = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    field_order = ["area", "period", "event_date"]

    def __init__(self, *args, user, areas, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["draft_key"].initial = "".join(
            secrets.choice(string.ascii_lowercase) for _i in range(24)
        )
        if not self.is_bound:  # a new report starts in its first field (WCAG 2.4.3)
            self.fields["area"].widget.attrs["autofocus"] = True
        self.user = user
        self.today = today
        self.fields["area"].queryset = areas
        choices = {}
        # Owed periods that have begun: never one before the exchange started, nor a week
        # that has not begun.
        for area in areas:
            for period in owed.recent_owed_periods(area, today, PERIODS_BACK):
                choices.setdefault(period.key, period.label)
        self.fields["period"].choices = sorted(choices.items(), reverse=True) + [
            (AD_HOC, _("Extraordinary event (outside the schedule)"))
        ]
        self.resolved_period = None
        self.existing = None  # the side's report of the chosen period, when it has one

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
        if self.resolved_period.start > self.today:
            self.add_error(
                "period",
                _(
                    "This period has not started yet. File it once it has begun, or choose "
                    "an extraordinary event."
                ),
            )
            return cleaned
        if not area.owes(self.resolved_period):
            self.add_error(
                "period",
                _(
                    "%(area)s owes no report for this period: its exchange in the portal "
                    "started on %(start)s. Choose one of its periods or an extraordinary event."
                )
                % {"area": area, "start": formats.date_format(area.exchange_started_on)},
            )
            return cleaned
        self.existing = (
            SituationReport.objects.regular()
            .filter(area=area, side=self.user.side, period_start=self.resolved_period.start)
            .first()
        )
        if self.existing:
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
