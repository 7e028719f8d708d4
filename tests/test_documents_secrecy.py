"""Secrecy marking ("Sekretess enligt … OSL") on reports, joint pictures, incidents and
measures: set and removed by whoever may change the object, shown to whoever may see it, in
PDFs and exports; each change an audit event and a revision. It warns; it grants or denies
nothing."""

import pytest

from accounts.models import AuditEvent
from documents.models import SecrecyMarking, SecrecyMarkingRevision
from tests.documents_helpers import incident, measure, pdf_text
from tests.report_factory import make_report

pytestmark = pytest.mark.django_db

PROVISION = "18 kap. 1 §"
SHOWN = "Sekretess enligt 18 kap. 1 § OSL"
READERS = ["coordinator", "officer", "director", "chief", "dev_lead", "admin_user"]


@pytest.fixture
def report(coordinator):
    return make_report(coordinator, status="shared", summary="Staden: oro vid torget.")


def mark(client, url, provision=PROVISION):
    return client.post(url, {"provision": provision})


def test_the_author_side_marks_a_report_and_every_reader_sees_it(
    request, client_for, report, coordinator
):
    response = mark(client_for(coordinator), f"/reports/{report.pk}/secrecy/")

    assert response.status_code == 302
    marking = SecrecyMarking.objects.get()
    assert (marking.provision, marking.marked_by) == (PROVISION, coordinator)
    for persona in READERS:
        user = request.getfixturevalue(persona)
        client = client_for(user)
        page = client.get(f"/reports/{report.pk}/").content.decode()
        assert SHOWN in page and "markerad av Samordnare Angered" in page
        assert SHOWN in pdf_text(client.get(f"/reports/{report.pk}/pdf/"))
        assert SHOWN in client.get("/reports/export.csv").content.decode("utf-8-sig")


def test_setting_and_removing_are_audited_and_kept_as_revisions(client_for, report, coordinator):
    client = client_for(coordinator)
    mark(client, f"/reports/{report.pk}/secrecy/")
    mark(client, f"/reports/{report.pk}/secrecy/", "")

    assert not SecrecyMarking.objects.exists()
    revisions = list(SecrecyMarkingRevision.objects.order_by("pk"))
    assert [(r.change, r.provision, r.changed_by) for r in revisions] == [
        ("set", PROVISION, coordinator),
        ("removed", PROVISION, coordinator),
    ]
    labels = list(
        AuditEvent.objects.filter(action="change", object_id=str(report.pk))
        .order_by("pk")
        .values_list("object_label", flat=True)
    )
    assert labels == [
        f"{report}: secrecy marking {PROVISION}",
        f"{report}: secrecy marking removed",
    ]
    assert SHOWN not in client.get(f"/reports/{report.pk}/").content.decode()


def test_removing_nothing_writes_nothing(client_for, report, coordinator):
    mark(client_for(coordinator), f"/reports/{report.pk}/secrecy/", "")
    assert not SecrecyMarkingRevision.objects.exists()
    assert not AuditEvent.objects.filter(action="change").exists()


@pytest.mark.parametrize(
    "persona,status", [("other_coordinator", 404), ("officer", 403), ("director", 403),
                       ("chief", 403), ("dev_lead", 403), ("admin_user", 403)]
)  # fmt: skip
def test_only_the_author_side_marks_a_report(request, client_for, report, persona, status):
    user = request.getfixturevalue(persona)
    assert mark(client_for(user), f"/reports/{report.pk}/secrecy/").status_code == status
    assert not SecrecyMarking.objects.exists()


def test_an_identity_number_in_the_provision_is_refused(client_for, report, coordinator):
    client = client_for(coordinator)
    response = mark(client, f"/reports/{report.pk}/secrecy/", "19121212-1212")
    assert not SecrecyMarking.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "personnummer" in page


def test_a_marking_is_not_an_access_rule(client_for, coordinator, officer, other_coordinator):
    draft = make_report(coordinator, summary="Utkast.")
    mark(client_for(coordinator), f"/reports/{draft.pk}/secrecy/")
    # The draft stays hidden from the police and the marked shared report stays readable.
    assert client_for(officer).get(f"/reports/{draft.pk}/").status_code == 404
    assert client_for(other_coordinator).get(f"/reports/{draft.pk}/").status_code == 404
    assert client_for(coordinator).get(f"/reports/{draft.pk}/").status_code == 200


def test_a_police_only_incident_is_marked_by_police_and_never_reaches_the_city(
    client_for, officer, chief, coordinator, dev_lead
):
    secret = incident(officer, "Spaningsuppgift X", police_only=True)

    assert mark(client_for(officer), f"/incidents/{secret.pk}/secrecy/").status_code == 302
    assert SHOWN in client_for(chief).get(f"/incidents/{secret.pk}/").content.decode()
    for city_user in (coordinator, dev_lead):
        client = client_for(city_user)
        assert mark(client, f"/incidents/{secret.pk}/secrecy/").status_code == 404
        assert client.get(f"/incidents/{secret.pk}/").status_code == 404
        assert SHOWN not in client.get("/incidents/export.csv").content.decode("utf-8-sig")
    assert SHOWN in client_for(officer).get("/incidents/export.csv").content.decode("utf-8-sig")
    assert AuditEvent.objects.get(action="change").police_only


def test_a_measure_is_marked_by_its_areas_members(client_for, officer, coordinator, director):
    planned = measure(coordinator, "Trygghetsvandring")

    assert mark(client_for(director), f"/measures/{planned.pk}/secrecy/").status_code == 403
    assert mark(client_for(officer), f"/measures/{planned.pk}/secrecy/").status_code == 302
    assert SHOWN in client_for(director).get(f"/measures/{planned.pk}/").content.decode()
    assert SHOWN in client_for(director).get("/measures/export.csv").content.decode("utf-8-sig")


def test_a_joint_picture_is_marked_by_either_side_and_shown_in_its_pdf(
    client_for, report, coordinator, officer, director, other_coordinator
):
    url = f"/areas/angered/picture/{report.period.key}/"
    assert mark(client_for(director), url + "secrecy/").status_code == 403
    assert mark(client_for(other_coordinator), url + "secrecy/").status_code == 404

    assert mark(client_for(officer), url + "secrecy/").status_code == 302

    client = client_for(director)
    assert SHOWN in client.get(url).content.decode()
    assert SHOWN in pdf_text(client.get(url + "pdf/"))


def test_a_refused_provision_comes_back_as_typed(client_for, report, coordinator):
    """Too long for the field: nothing saved, and the form shows the text again with its
    error (it was lost behind a redirect)."""
    client = client_for(coordinator)
    typed = "18 kap. 1 § " + "och vidare " * 12
    response = mark(client, f"/reports/{report.pk}/secrecy/", typed)
    assert not SecrecyMarking.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert f'value="{typed}"' in page
    assert 'aria-invalid="true"' in page
    # Shown once: the next view offers the marking's own (empty) value again.
    assert f'value="{typed}"' not in client.get(response["Location"]).content.decode()
