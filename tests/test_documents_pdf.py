"""PDFs of a situation report and of a joint picture, read back with pypdf: who may download
them, what they hold (both sides' texts, signatures, who printed them), what they never hold
(a police-only incident for a city reader), and that each download is audited."""

import pytest

from accounts.models import AuditEvent
from tests.documents_helpers import incident, measure, pdf_reader, pdf_text
from tests.report_factory import make_report

pytestmark = pytest.mark.django_db

SECRET = "Spaningsuppgift X vid torget"
SHARED = "Klotter vid entrén"
PERSONAS = ["coordinator", "officer", "director", "chief", "dev_lead", "admin_user"]
POLICE = {"officer", "chief"}


@pytest.fixture
def picture(client_for, coordinator, officer):
    """Both sides' shared reports of Angered, v. 47 2026, a signed joint summary, one shared
    and one police-only incident and an open measure in the period."""
    city = make_report(
        coordinator, status="shared", level=2, summary="Staden: lugnt vid torget.",
        assessments={"narcotics": {"level": 2, "trend": "unchanged", "note": "Som vanligt."}},
    )  # fmt: skip
    police = make_report(
        officer, status="acknowledged", acknowledger=coordinator, level=3,
        summary="Polisen: förhöjt läge.",
        assessments={"narcotics": {"level": 4, "trend": "worse", "note": "Öppen handel."}},
    )  # fmt: skip
    base = f"/areas/angered/picture/{city.period.key}/"
    client_for(coordinator).post(base + "summary/", {"summary": "Gemensamt: oro.", "version": "1"})
    client_for(coordinator).post(base + "sign/", {"version": "2"})
    client_for(officer).post(base + "sign/", {"version": "2"})
    incident(officer, SECRET, police_only=True)
    incident(coordinator, SHARED)
    measure(officer, "Kvällspatruller vid Hjällbo")
    return {"city": city, "police": police, "url": base + "pdf/"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_joint_picture_pdf_for_every_reader(request, client_for, picture, persona):
    user = request.getfixturevalue(persona)

    response = client_for(user).get(picture["url"])

    assert response.status_code == 200
    text = pdf_text(response)
    assert "Gemensam lägesbild: Angered, v. 47 2026" in text
    assert "Staden: lugnt vid torget." in text and "Polisen: förhöjt läge." in text
    assert "Som vanligt." in text and "Öppen handel." in text
    assert "nivåerna skiljer sig" in text
    assert "Gemensamt: oro." in text
    assert "underskriven av Samordnare Angered" in text
    assert "underskriven av Kommunpolis Nordost" in text
    assert "Överenskommen: båda sidor har skrivit under" in text
    assert SHARED in text and "Kvällspatruller vid Hjällbo" in text
    assert (SECRET in text) is (persona in POLICE)
    assert f"Utskriven av {user.get_full_name()}" in text


def test_joint_picture_pdf_is_404_outside_reach(client_for, picture, other_coordinator):
    assert client_for(other_coordinator).get(picture["url"]).status_code == 404


def test_joint_picture_pdf_of_an_unknown_period_is_404(client_for, picture, coordinator):
    assert client_for(coordinator).get("/areas/angered/picture/2026-W99/pdf/").status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_report_pdf_for_every_reader(request, client_for, picture, persona):
    user = request.getfixturevalue(persona)

    response = client_for(user).get(f"/reports/{picture['police'].pk}/pdf/")

    assert response.status_code == 200
    text = pdf_text(response)
    assert "Lägesbild: Angered, v. 47 2026" in text
    assert "Polisen: förhöjt läge." in text and "Öppen handel." in text
    assert "Kvitterad av Samordnare Angered" in text and "Vi delar bilden." in text
    assert SHARED in text
    assert (SECRET in text) is (persona in POLICE)


def test_report_pdf_is_404_outside_reach_and_for_the_other_sides_draft(
    client_for, coordinator, other_coordinator, officer
):
    draft = make_report(coordinator, summary="Stadens utkast.")
    assert client_for(other_coordinator).get(f"/reports/{draft.pk}/pdf/").status_code == 404
    assert client_for(officer).get(f"/reports/{draft.pk}/pdf/").status_code == 404
    assert client_for(coordinator).get(f"/reports/{draft.pk}/pdf/").status_code == 200


def test_pdf_is_tagged_titled_and_swedish(client_for, picture, director):
    reader = pdf_reader(client_for(director).get(picture["url"]))

    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Gemensam lägesbild Angered v. 47 2026"


def test_each_download_is_an_audit_event(client_for, picture, director):
    client_for(director).get(picture["url"])
    client_for(director).get(f"/reports/{picture['city'].pk}/pdf/")

    events = AuditEvent.objects.filter(action="export", user=director).order_by("pk")
    labels = [e.object_label for e in events]
    assert labels == [
        f"Angered: joint picture {picture['city'].period.key} (PDF)",
        f"{picture['city']} (PDF)",
    ]
    assert events[0].object_type == "reports.jointpicture"
    assert events[1].object_type == "reports.situationreport"


def test_a_city_users_pdf_audit_row_is_not_police_only(client_for, picture, coordinator):
    client_for(coordinator).get(picture["url"])
    assert not AuditEvent.objects.get(action="export").police_only


def test_pages_link_to_their_pdf(client_for, picture, director):
    client = client_for(director)
    page = client.get(picture["url"].removesuffix("pdf/")).content.decode()
    assert f'href="{picture["url"]}"' in page
    report_page = client.get(f"/reports/{picture['city'].pk}/").content.decode()
    assert f'href="/reports/{picture["city"].pk}/pdf/"' in report_page


def _more_data(coordinator, officer, n):
    for i in range(n):
        incident(coordinator, f"Händelse {i}")
        incident(officer, f"Polisens händelse {i}", police_only=True)
        measure(coordinator, f"Åtgärd {i}")


@pytest.mark.parametrize("extra", [0, 12])
def test_pdf_query_counts_do_not_grow(
    client_for, picture, coordinator, officer, django_assert_num_queries, extra
):
    _more_data(coordinator, officer, extra)
    client = client_for(officer)
    client.get("/")  # the session's first-request work (two-factor check, language) done

    with django_assert_num_queries(PICTURE_PDF_QUERIES):
        assert client.get(picture["url"]).status_code == 200
    with django_assert_num_queries(REPORT_PDF_QUERIES):
        assert client.get(f"/reports/{picture['police'].pk}/pdf/").status_code == 200


# + one query per model for the secrecy markings of the objects shown (reports, incidents,
# measures): a marking travels with its object.
PICTURE_PDF_QUERIES = 14
REPORT_PDF_QUERIES = 10  # (this report proposes no measure: no query for their markings)
