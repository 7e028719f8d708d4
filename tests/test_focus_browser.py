"""A visible focus (WCAG 2.4.7, 1.4.11): the accessibility sweep checks it on every page
(`assert_visible_focus` in tests/a11y_checks.py); here, what the sweep cannot see."""

import pytest

from tests.a11y_checks import FOCUSED, focus_problems, ring

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focus_ring_differs_from_the_current_page_marker(page, sign_in, coordinator):
    """The menu marks the current page in bold with a thick underline; focus adds a ring."""
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in("samordnare-angered")
    page.goto("/reports/")
    current = page.locator("header [aria-current='page']")
    current_look = current.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.fontWeight, s.textDecorationLine]; }"  # noqa: E501
    )
    assert current_look == ["none", "600", "underline"]

    for _ in range(40):
        page.keyboard.press("Tab")
        if current.evaluate("el => el === document.activeElement"):
            break
    focused = page.evaluate(FOCUSED)
    assert ring(focused) == (3, "rgb(255, 212, 59)")  # yellow on the navy header
    assert not focus_problems(focused)
