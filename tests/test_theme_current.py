"""Which conference's theme is current: the latest held on or before the day, for at most
about 18 months (`THEME_CURRENT_DAYS`), until the next conference is held."""

import datetime as dt

import pytest

from conferences.models import THEME_CURRENT_DAYS, Conference, focus_category_ids
from reports.models import Category

pytestmark = pytest.mark.django_db


def conference(year, month=11, day=14) -> Conference:
    return Conference.objects.create(
        year=year, date=dt.date(year, month, day), venue="Gårdsten", title="T", theme=f"T{year}"
    )


def test_no_conference_means_no_current_theme():
    assert Conference.objects.current(dt.date(2026, 11, 25)) is None


def test_the_theme_is_current_from_the_conference_day_until_the_next_conference():
    c2024, c2025 = conference(2024), conference(2025, 11, 13)
    current = Conference.objects.current
    assert current(dt.date(2024, 11, 13)) is None  # not yet held
    assert current(dt.date(2024, 11, 14)) == c2024
    assert current(dt.date(2025, 11, 12)) == c2024
    assert current(dt.date(2025, 11, 13)) == c2025
    assert current(dt.date(2026, 6, 1)) == c2025


def test_a_theme_lapses_after_about_eighteen_months_without_a_new_conference():
    c2024 = conference(2024)
    last_day = c2024.date + dt.timedelta(days=THEME_CURRENT_DAYS)
    assert Conference.objects.current(last_day) == c2024
    assert Conference.objects.current(last_day + dt.timedelta(days=1)) is None


def test_a_recorded_future_conference_is_not_yet_current():
    c2025 = conference(2025)
    conference(2026, 11, 26)
    assert Conference.objects.current(dt.date(2026, 11, 25)) == c2025


def test_focus_category_ids_for_dashboards(goteborg):
    c = conference(2025)
    narcotics = Category.objects.get(code="narcotics")
    c.focus_categories.set([narcotics])
    assert focus_category_ids(dt.date(2026, 1, 1)) == {narcotics.pk}
    assert focus_category_ids(dt.date(2025, 1, 1)) == set()


def test_the_demo_conference_of_2019_is_no_longer_current_in_2026():
    conference(2019)
    assert Conference.objects.current(dt.date(2026, 11, 25)) is None
