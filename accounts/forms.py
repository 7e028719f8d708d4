import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tryggportal.lib.identity import GuardedForm

from .audit_labels import object_type_choices
from .models import AuditAction, AuditEvent, User


class OneTimeCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("Enter the six digits your authenticator app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class SignInCodeForm(forms.Form):
    """The verification step: the app's six digits, or one of the user's backup codes."""

    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*(\d{6}|[A-Za-z2-7]{4}[\s-]?[A-Za-z2-7]{4})\s*$",
        max_length=20,
        help_text=_("Lost your phone? Enter one of your backup codes instead."),
        error_messages={
            "invalid": _(
                "Enter the six digits your authenticator app shows, or one of your backup codes."
            )
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Enrolment code"),
        max_length=40,
        help_text=_("The code your system administrator gave you, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class IssueEnrolmentCodeForm(forms.Form):
    """The admin's form on a user's page: issue an enrolment code, optionally removing the
    user's authenticator and backup codes at the same time (a lost phone)."""

    remove_authenticator = forms.BooleanField(
        label=_("Also remove the user's authenticator app and backup codes (lost phone)"),
        required=False,
    )


class AuditFilter(django_filters.FilterSet):
    """The /audit/ page's filters: who, what, which object and when."""

    user = django_filters.ModelChoiceFilter(
        label=_("User"), queryset=User.objects.order_by("username")
    )
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditAction.choices)
    object_type = django_filters.ChoiceFilter(
        label=_("Object type"), choices=object_type_choices, method="filter_object_type"
    )
    object_id = django_filters.CharFilter(label=_("Object id"), max_length=64)
    date_from = django_filters.DateFilter(
        label=_("From date"),
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To date"),
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields = ["user", "action", "object_type", "object_id", "date_from", "date_to"]

    def filter_object_type(self, queryset, name, value):
        # Rows written before a model moved to another app name it by its old app
        # ("incidents.situationreport"); the log shows them as the same type.
        model_name = value.partition(".")[2]
        return queryset.filter(Q(object_type=value) | Q(object_type__endswith=f".{model_name}"))


class BarrierReportForm(GuardedForm):
    """Report an accessibility barrier (the DOS law's feedback function); no sign-in needed."""

    page = forms.CharField(label=_("Page or function"), max_length=300)
    description = forms.CharField(
        label=_("What did not work for you?"), max_length=4000, widget=forms.Textarea
    )
    email = forms.EmailField(
        label=_("Your email address, if you want an answer"), max_length=254, required=False
    )
    # A honeypot: hidden from sight by the `form-trap` class (static/css/site.css), skipped by
    # the keyboard, labelled for screen readers; only robots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    TRAP = "website"

    @property
    def filled_in_by_a_robot(self) -> bool:
        return bool(self.cleaned_data.get(self.TRAP))

    def barrier_fields(self) -> dict:
        """What a barrier report stores: the form's fields without the honeypot."""
        return {name: value for name, value in self.cleaned_data.items() if name != self.TRAP}
