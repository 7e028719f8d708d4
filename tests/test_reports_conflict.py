"""Two people editing the same report: the second save is a conflict, never an overwrite."""

from accounts.models import Role, Side, User
from districts.models import CollaborationArea
from reports import services
from tests.report_factory import form_data, make_report


def second_coordinator():
    user = User.objects.create_user(
        "samordnare-angered-2", password="x", side=Side.CITY, role=Role.COORDINATOR,
        first_name="Andra", last_name="Samordnaren",
    )  # fmt: skip
    CollaborationArea.objects.get(slug="angered").members.add(user)
    return user


def test_second_save_on_an_old_version_shows_both_texts_and_overwrites_nothing(client, coordinator):
    report = make_report(coordinator, status="shared", summary="Ursprunglig text.")
    colleague = second_coordinator()
    services.report_update(
        report=report,
        actor=colleague,
        expected_version=1,
        fields={"summary": "Kollegans text.\nAndra raden.", "level": 2, "trend": "unchanged"},
        assessments={},
    )
    client.force_login(coordinator)

    mine = form_data(report, summary="Min text, skriven samtidigt.")  # still version 1
    response = client.post(f"/reports/{report.pk}/edit/", mine)

    page = response.content.decode()
    assert response.status_code == 409
    assert "Någon annan sparade lägesbilden medan du redigerade" in page
    assert "Andra Samordnaren" in page
    assert "Kollegans text.<br>Andra raden." in page  # the current text
    assert "Min text, skriven samtidigt." in page  # the user's text, kept in the form
    assert 'name="version" value="2"' in page
    report.refresh_from_db()
    assert report.summary == "Kollegans text.\nAndra raden."
    assert report.version == 2

    # Saving again from the conflict page is a deliberate choice, based on the current version.
    again = client.post(f"/reports/{report.pk}/edit/", form_data(report, summary=mine["summary"]))
    assert again.status_code == 302
    report.refresh_from_db()
    assert (report.summary, report.version) == ("Min text, skriven samtidigt.", 3)
    assert report.revisions.count() == 2


def test_joint_summary_written_by_both_at_once_is_a_conflict(client_for, coordinator, officer):
    report = make_report(coordinator, status="shared")
    url = f"/areas/angered/picture/{report.period.key}/summary/"
    client_for(officer).post(url, {"summary": "Polisens förslag.", "version": "1"})

    response = client_for(coordinator).post(url, {"summary": "Stadens förslag.", "version": "1"})

    page = response.content.decode()
    assert response.status_code == 409
    assert "Polisens förslag." in page and "Stadens förslag." in page
