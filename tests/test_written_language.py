"""Text users write (in Swedish) is marked lang="sv" when the interface is in English, so a
screen reader reads it with a Swedish voice; in the Swedish interface the page says it already."""

import re

import pytest

from tests.report_factory import make_report

pytestmark = pytest.mark.django_db


def marked_swedish(html: str) -> list[str]:
    """The texts inside elements marked lang="sv", but for the page itself and the language list."""
    html = re.sub(r'<select id="language-select".*?</select>', "", html, flags=re.S)
    found = re.finditer(r'<(?!html)(\w+)[^>]*\slang="sv"[^>]*>(.*?)</\1>', html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", m.group(2)).split()) for m in found]


@pytest.fixture
def report(coordinator, officer):
    return make_report(
        coordinator,
        status="acknowledged",
        acknowledger=officer,
        summary="Oro vid torget kvällstid.",
        assessments={"narcotics": {"level": 3, "trend": "worse", "note": "Öppen försäljning."}},
    )


def test_the_report_detail_in_english_marks_what_users_wrote_as_swedish(
    client_for, coordinator, report, settings
):
    client = client_for(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert '<html lang="en">' in html
    marked = marked_swedish(html)
    assert "Oro vid torget kvällstid." in marked
    assert "Öppen försäljning." in marked
    # The interface's own English words are not marked Swedish.
    assert not any("Situation report" in text or "Summary" in text for text in marked)


def test_the_acknowledgement_comment_is_marked_too(client_for, coordinator, report, settings):
    report.acknowledgement_comment = "Vi ser samma sak."
    report.save(update_fields=["acknowledgement_comment"])
    client = client_for(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Vi ser samma sak." in marked_swedish(html)


def test_in_the_swedish_interface_nothing_is_marked_twice(client_for, coordinator, report):
    html = client_for(coordinator).get(f"/reports/{report.pk}/").content.decode()
    assert '<html lang="sv">' in html
    assert marked_swedish(html) == []


def test_the_joint_picture_in_english_marks_both_sides_texts(client_for, officer, report, settings):
    from districts.models import CollaborationArea
    from districts.periods import Period

    area = CollaborationArea.objects.get(slug="angered")
    period = Period(report.period_kind, report.period_start, report.period_end)
    client = client_for(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/areas/{area.slug}/picture/{period.key}/").content.decode()
    assert "Oro vid torget kvällstid." in marked_swedish(html)


def test_the_incident_and_measure_lists_in_english_mark_what_users_wrote(
    client_for, coordinator, officer, settings
):
    from tests.documents_helpers import incident, measure

    incident(coordinator, "Fyrverkerier mot bussen.")
    incident(officer, "Spaning vid torget.", police_only=True)
    measure(coordinator, "Trygghetsvandring i Hjällbo")
    client = client_for(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    incidents = marked_swedish(client.get("/incidents/").content.decode())
    assert "Fyrverkerier mot bussen." in incidents
    assert not any("Spaning" in text for text in incidents)  # police-only: not in the list at all
    assert "Trygghetsvandring i Hjällbo" in marked_swedish(
        client.get("/measures/").content.decode()
    )
