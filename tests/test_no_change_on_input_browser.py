"""WCAG 3.2.2: choosing in the language select does not navigate; only its button submits."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_arrow_down_in_language_select_does_not_navigate(page):
    page.goto("/accounts/login/")
    url, lang = page.url, page.locator("html").get_attribute("lang")
    page.focus("#language-select")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(500)
    assert page.url == url
    assert page.locator("html").get_attribute("lang") == lang
