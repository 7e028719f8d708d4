import pytest
from django import forms

from tryggportal.lib.identity import GuardedForm, find_identity_numbers

# Skatteverket's published example and test numbers; never invented ones.
IDENTITY_NUMBERS = [
    "19121212-1212",
    "191212121212",
    "121212-1212",
    "1212121212",
    "121212+1212",
    "701063-2391",  # samordningsnummer (day + 60)
    "19701063-2391",
]
NEAR_MISSES = [
    "121212-1213",  # wrong check digit
    "19121232-1212",  # impossible date
    "031-365 00 00",  # a Göteborg phone number
    "0701234567",  # a mobile number failing the date and Luhn checks
    "Dnr 2026-1234",
    "200 patruller",
]


@pytest.mark.parametrize("number", IDENTITY_NUMBERS)
def test_identity_numbers_are_found_in_text(number):
    assert find_identity_numbers(f"Sågs vid torget, {number}, igår.") == [number]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_ordinary_numbers_pass(text):
    assert find_identity_numbers(f"Ring {text} vid behov.") == []


class NoteForm(GuardedForm):
    note = forms.CharField(label="Anteckning")


def test_guarded_form_names_the_field_and_keeps_the_text():
    form = NoteForm({"note": "Personen 19121212-1212 syntes"})
    assert not form.is_valid()
    assert "Anteckning" in form.errors["note"][0]
    assert form["note"].value() == "Personen 19121212-1212 syntes"
