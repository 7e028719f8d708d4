"""The Swedish catalogue is complete: no empty translation, no fuzzy guess left for a human to
check, every plural form filled in, and each placeholder of the English kept in the Swedish."""

import re
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/sv/LC_MESSAGES/django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def problems(po: polib.POFile) -> list[str]:
    """What a Swedish reader would notice: an English text (an empty msgstr falls back to the
    msgid), a fuzzy entry (gettext skips it, so also English), or a broken placeholder."""
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        name = f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {name}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(nplurals)]
            if not all(form.strip() for form in forms):
                found.append(f"empty plural form: {name}")
            english = set(PLACEHOLDER.findall(entry.msgid_plural))
            translations = forms
        else:
            if not entry.msgstr.strip():
                found.append(f"empty: {name}")
            english = set(PLACEHOLDER.findall(entry.msgid))
            translations = [entry.msgstr]
        for swedish in translations:
            if swedish.strip() and set(PLACEHOLDER.findall(swedish)) != english:
                found.append(f"placeholders differ: {name}")
    return found


def test_the_swedish_catalogue_has_no_empty_or_fuzzy_entry():
    assert problems(polib.pofile(str(CATALOGUE))) == []


def test_the_check_finds_empty_fuzzy_and_plural_gaps():
    po = polib.pofile(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Saved"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Shared"\nmsgstr "Delad"\n\n'
        'msgid "%(n)s report"\nmsgid_plural "%(n)s reports"\n'
        'msgstr[0] "%(n)s lägesbild"\nmsgstr[1] ""\n\n'
        'msgctxt "verb"\nmsgid "Open %(name)s"\nmsgstr "Öppna"\n'
    )
    assert problems(po) == [
        "empty: 'Saved'",
        "fuzzy: 'Shared'",
        "empty plural form: '%(n)s report'",
        "placeholders differ: verb | 'Open %(name)s'",
    ]
