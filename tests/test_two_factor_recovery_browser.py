"""A lost phone in the browser: the admin issues an enrolment code, the officer enrols again."""

import base64

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.test_accessibility import WCAG, violations_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page):
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, violations_text(results)


def test_admin_resets_a_lost_phone_and_the_officer_enrols_with_the_code(
    page, sign_in, browser, live_server, officer, admin_user
):
    # The admin: user page → "Issue enrolment code" → tick "remove" → issue (3 clicks).
    sign_in("admin")
    page.goto(f"/admin/accounts/user/{officer.pk}/change/")
    page.get_by_role("link", name="Utfärda registreringskod").click()
    page.get_by_label("Ta också bort användarens autentiseringsapp").check()
    page.get_by_role("button", name="Utfärda registreringskod").click()
    code = page.locator(".enrolment-code code").inner_text()
    assert not TOTPDevice.objects.filter(user=officer).exists()

    # The officer, in another browser: password, then the code (a typo first), then the app.
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    officer_page = context.new_page()
    officer_page.set_default_timeout(10_000)
    officer_page.goto("/areas/")
    officer_page.get_by_label("Användarnamn").fill("kommunpolis-nordost")
    officer_page.get_by_label("Lösenord").fill("trygg-demo")
    officer_page.get_by_role("button", name="Logga in").click()
    officer_page.wait_for_url("**/accounts/two-factor/enrolment-code/**")
    assert officer_page.locator("svg").count() == 0
    officer_page.get_by_label("Registreringskod").fill("AAAA-BBBB-CCCC")
    officer_page.get_by_role("button", name="Fortsätt").click()
    # In the error summary (a link to the field) and beside the field.
    assert officer_page.get_by_role("link", name="Registreringskoden är fel").is_visible()
    assert (
        officer_page.locator("#id_code_error").get_by_text("Registreringskoden är fel").is_visible()
    )
    assert_accessible(officer_page)
    officer_page.get_by_label("Registreringskod").fill(code)
    officer_page.get_by_role("button", name="Fortsätt").click()
    officer_page.wait_for_url("**/accounts/two-factor/?**")
    secret = officer_page.locator(".secret-key").inner_text()
    app_code = f"{totp(base64.b32decode(secret)):06d}"
    officer_page.get_by_label("Kod från din autentiseringsapp").fill(app_code)
    officer_page.get_by_role("button", name="Slå på tvåstegsinloggning").click()
    officer_page.wait_for_url("**/accounts/two-factor/backup-codes/**")
    assert officer_page.locator(".backup-codes li").count() == 10
    assert_accessible(officer_page)
    officer_page.get_by_role("link", name="Jag har sparat koderna, fortsätt").click()
    officer_page.wait_for_url("**/areas/")
    assert officer_page.get_by_role("heading", level=1).is_visible()
    context.close()
