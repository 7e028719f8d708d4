"""Period names follow the reader's language, also once a name has been worked out (they are
kept per period and language: lists and dashboards name the same periods hundreds of times)."""

import datetime as dt

from django.utils import translation

from districts.periods import FORTNIGHTLY, MONTHLY, WEEKLY, period_containing

DAY = dt.date(2026, 11, 18)  # Wednesday of ISO week 47


def test_a_period_is_named_in_the_active_language_each_time():
    week = period_containing(WEEKLY, DAY)
    for _round in range(2):
        with translation.override("sv"):
            assert week.label == "v. 47 2026"
        with translation.override("en"):
            assert week.label == "w. 47 2026"


def test_fortnights_and_months_are_named_in_the_active_language():
    fortnight, month = period_containing(FORTNIGHTLY, DAY), period_containing(MONTHLY, DAY)
    with translation.override("sv"):
        assert (fortnight.label, month.label) == ("v. 47–48 2026", "november 2026")
    with translation.override("en"):
        assert (fortnight.label, month.label) == ("w. 47–48 2026", "November 2026")
