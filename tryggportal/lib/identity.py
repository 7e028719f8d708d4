"""Swedish personal identity and coordination numbers in free text.

Reports describe places and phenomena, not people: a personnummer or samordningsnummer in any
free-text field is refused. A regex finds candidates as people actually type them, and
`personnummer` confirms each one by its date (day + 60 for samordningsnummer) and Luhn check
digit, so a phone number, a case number, a wrong check digit or an impossible date passes.

A candidate is the date part, an optional separator, then the last four digits:

- date part: YYMMDD or YYYYMMDD (century 18, 19 or 20), either unbroken (`121212`,
  `19121212`) or grouped in pairs by single spaces (`12 12 12`, `1912 12 12`, `19 12 12 12`);
- separator: nothing, `+`, or any dash (hyphen, non-breaking hyphen, soft hyphen, figure, en
  and em dash, minus sign, fullwidth hyphen), with or without one space either side; or a
  single space alone (`121212 1212`);
- a space is any of space, no-break space, figure space, thin space, narrow no-break space;
  a digit is any Unicode digit, so fullwidth `１２１２１２-１２１２` counts too.

The number may stand anywhere: at the start or end of the text, in parentheses, before
punctuation, or glued to a word (`Ref-121212-1212`). It may not start or end inside a longer
run of digits (the tail of a 14-digit number is no candidate), nor right after a `+` (a
telephone country code). Only these groupings count, because the digits of ordinary numbers
often spell a valid personnummer once their spaces are removed: the amount `1 212 121 212 kr`
and `12 121 212,12` both read `1212121212`, but neither is grouped the way anyone writes a
personnummer, so neither is a candidate.

A candidate is normalised to digits with `-` or `+` before the last four and handed to
`personnummer.valid`. A candidate that fails does not hide one overlapping it.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from personnummer import personnummer

SPACES = "\u0020\u00a0\u2007\u2009\u202f"
DASHES = "\u002d\u00ad\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"

_S = f"[{SPACES}]"
_DATE = rf"(?:(?:18|19|20)?\d{{6}}|(?:(?:18|19|20){_S}?)?\d\d{_S}\d\d{_S}\d\d)"
_SEPARATOR = rf"(?:{_S}?[{DASHES}+]{_S}?|{_S})?"
CANDIDATE = re.compile(rf"(?<![\d+]){_DATE}{_SEPARATOR}\d{{4}}(?!\d)")

_DROP_SPACES = str.maketrans("", "", SPACES)
_DASH_TO_HYPHEN = str.maketrans(dict.fromkeys(DASHES, "-"))


def _normalised(candidate: str) -> str:
    """`1912 12 12 – 1212` -> `19121212-1212`: the form `personnummer` parses."""
    return candidate.translate(_DROP_SPACES).translate(_DASH_TO_HYPHEN)


def find_identity_numbers(text: str) -> list[str]:
    """The valid personal identity or coordination numbers in the text, as they were typed."""
    return [match.group() for match in _identity_matches(text)]


def mask_identity_numbers(text: str) -> str:
    """The text with each valid identity number replaced by `MASK`: what a log may keep of a
    user name or a search term that held one."""
    text = text or ""
    parts, position = [], 0
    for match in _identity_matches(text):
        parts += [text[position : match.start()], MASK]
        position = match.end()
    return "".join(parts) + text[position:]


MASK = "[personnummer]"


def _identity_matches(text: str):
    text, position = text or "", 0
    while match := CANDIDATE.search(text, position):
        if personnummer.valid(_normalised(match.group())):
            yield match
            position = match.end()
        else:
            # Not past the whole window: in `123456 121212-1212` the first, invalid
            # candidate `123456 1212` overlaps the real number.
            position = match.start() + 1


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
