import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_signs_in_and_lands_on_home(page, sign_in, coordinator):
    sign_in("samordnare-angered")
    assert page.url.endswith("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Välkommen, Samordnare Angered"
    assert page.get_by_role(
        "link", name="Angered", exact=True
    ).is_visible()  # issue 14: to-do links name the area too


def test_language_switch_in_the_header(page, sign_in, coordinator):
    sign_in("samordnare-angered")
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt").click()  # the select alone does not submit (WCAG 3.2.2)
    page.get_by_role("button", name="Sign out").wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Samordnare Angered"
