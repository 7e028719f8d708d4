"""The conference theme a report form has a section on, while one is current.

Conferences sit above reports (priorities link measures, which link reports), so reports
never import them: the conferences app registers its lookup at start-up
(`ConferencesConfig.ready`). Without it, no theme is current and the section is absent.
"""

import datetime as dt
from collections.abc import Callable

_current_theme: Callable[[dt.date], object | None] | None = None


def register(lookup: Callable[[dt.date], object | None]) -> None:
    """Set how to find the conference whose theme is current on a day (or None)."""
    global _current_theme
    _current_theme = lookup


def current(today: dt.date):
    """The conference (with `year` and `theme`) whose theme guides the work on `today`."""
    return _current_theme(today) if _current_theme else None
