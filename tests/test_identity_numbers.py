import re

import pytest
from django import forms
from personnummer import personnummer

from tests.identity_corpus import NEAR_MISSES, TRUE_POSITIVES
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


@pytest.mark.parametrize("number", IDENTITY_NUMBERS)
def test_identity_numbers_are_found_in_text(number):
    assert find_identity_numbers(f"Sågs vid torget, {number}, igår.") == [number]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_ordinary_numbers_pass(text):
    assert find_identity_numbers(f"Ring {text} vid behov.") == []


@pytest.mark.parametrize(("text", "expected"), TRUE_POSITIVES)
def test_corpus_identity_number_is_found_as_typed(text, expected):
    assert find_identity_numbers(text) == expected


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_corpus_near_miss_raises_no_alarm(text):
    assert find_identity_numbers(text) == []


def test_corpus_recall_is_complete_and_nothing_else_raises_an_alarm():
    found = sum(find_identity_numbers(text) == expected for text, expected in TRUE_POSITIVES)
    alarms = sum(bool(find_identity_numbers(text)) for text in NEAR_MISSES)
    recall = found / len(TRUE_POSITIVES)
    false_alarm_rate = alarms / len(NEAR_MISSES)
    figures = (
        f"recall {recall:.1%} ({found}/{len(TRUE_POSITIVES)} true positives), "
        f"false alarms {false_alarm_rate:.1%} ({alarms}/{len(NEAR_MISSES)} near-misses)"
    )
    print(figures)
    assert len(TRUE_POSITIVES) >= 60 and len(NEAR_MISSES) >= 60, figures
    assert (recall, false_alarm_rate) == (1.0, 0.0), figures


@pytest.mark.parametrize("amount", ["1 212 121 212 kr", "12 121 212,12"])
def test_grouped_amount_is_refused_by_its_grouping_not_its_digits(amount):
    # Stripped of spaces these amounts are Skatteverket's example number, so only the
    # grouping rule keeps them from being flagged.
    assert personnummer.valid(re.sub(r"\D", "", amount)[:10])
    assert find_identity_numbers(amount) == []


@pytest.mark.parametrize("number", ["212000-1355", "556036-0793", "202100-5489"])
def test_organisation_numbers_in_the_corpus_are_no_personnummer(number):
    assert number in NEAR_MISSES
    assert not personnummer.valid(number)


class NoteForm(GuardedForm):
    note = forms.CharField(label="Anteckning")


def test_guarded_form_names_the_field_and_keeps_the_text():
    form = NoteForm({"note": "Personen 19121212-1212 syntes"})
    assert not form.is_valid()
    assert "Anteckning" in form.errors["note"][0]
    assert form["note"].value() == "Personen 19121212-1212 syntes"


def test_guarded_form_refuses_a_number_typed_with_spaces_and_an_en_dash():
    form = NoteForm({"note": "Personen 1912 12 12 – 1212 syntes"})
    assert not form.is_valid()
    assert "Anteckning" in form.errors["note"][0]
