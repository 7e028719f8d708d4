"""Two-factor sign-in in the browser: a police user gives the code after the password."""

import pytest
from playwright.sync_api import expect

from tests.conftest import one_time_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_police_officer_signs_in_with_password_and_code(page, officer):
    page.goto("/areas/")
    page.get_by_label("Användarnamn").fill("kommunpolis-nordost")
    page.get_by_label("Lösenord").fill("trygg-demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/accounts/two-factor/verify/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Tvåstegsinloggning"
    page.get_by_label("Kod från din autentiseringsapp").fill("000000")
    page.get_by_role("button", name="Verifiera").click()
    # Said in the error summary, which takes the focus, and beside the field.
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Koden är fel eller för gammal")
    assert page.locator("#id_code_error").get_by_text("Koden är fel eller för gammal").is_visible()
    page.wait_for_timeout(1100)  # django-otp makes the next try wait a second after a miss
    page.get_by_label("Kod från din autentiseringsapp").fill(one_time_code("kommunpolis-nordost"))
    page.get_by_role("button", name="Verifiera").click()
    page.wait_for_url("**/areas/")
    assert page.get_by_role("heading", level=1).is_visible()


def test_sign_in_fixture_gives_the_code_for_enrolled_users(page, sign_in, users):
    sign_in("polischef-nordost")
    assert "/two-factor/" not in page.url
