"""Swedish personal identity and coordination numbers in free text.

Reports describe places and phenomena, not people: a personnummer or samordningsnummer in any
free-text field is refused. Candidates are found with a regex (10 or 12 digits, with or
without "-" or "+" before the last four) and confirmed by `personnummer`, which checks the
date (day + 60 for samordningsnummer) and the Luhn check digit, so ordinary numbers — phone
numbers, case numbers, a wrong check digit or an impossible date — pass.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from personnummer import personnummer

CANDIDATE = re.compile(r"(?<![\d+-])(?:\d{2})?\d{6}[-+]?\d{4}(?![\d-])")


def find_identity_numbers(text: str) -> list[str]:
    """The valid personal identity or coordination numbers that occur in the text."""
    return [m for m in CANDIDATE.findall(text or "") if personnummer.valid(m)]


class IdentityNumberGuard:
    """Form mixin: any text field holding an identity number gets an error naming the field."""

    identity_number_message = _(
        "“%(field)s” contains what looks like a personal identity number. Describe places "
        "and phenomena, not people: remove the number and save again."
    )

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and find_identity_numbers(value):
                label = self.fields[name].label or name
                self.add_error(name, self.identity_number_message % {"field": label})
        return cleaned


class GuardedForm(IdentityNumberGuard, forms.Form):
    pass


class GuardedModelForm(IdentityNumberGuard, forms.ModelForm):
    pass
