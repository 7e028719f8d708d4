"""The joint picture: both sides' reports of one period side by side, a joint summary both sign."""

from reports.models import JointPicture
from tests.report_factory import make_report


def picture_url(report, suffix=""):
    return f"/areas/{report.area.slug}/picture/{report.period.key}/{suffix}"


def both_sides(coordinator, officer):
    city = make_report(
        coordinator, status="shared", level=2, summary="Staden: lugnt.",
        assessments={"narcotics": {"level": 2, "trend": "unchanged", "note": "Som vanligt."},
                     "youth": {"level": 3, "trend": "worse", "note": "Fler grupper."}},
    )  # fmt: skip
    police = make_report(
        officer, status="shared", level=3, summary="Polisen: förhöjt.",
        assessments={"narcotics": {"level": 4, "trend": "worse", "note": "Öppen handel."},
                     "youth": {"level": 3, "trend": "worse", "note": ""}},
    )  # fmt: skip
    return city, police


def test_both_sides_side_by_side_with_differing_levels_marked(
    client_for, coordinator, officer, director
):
    city, police = both_sides(coordinator, officer)

    response = client_for(director).get(picture_url(city))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Staden: lugnt." in page and "Polisen: förhöjt." in page
    assert "Som vanligt." in page and "Öppen handel." in page
    # Overall (2 against 3) and narcotics (2 against 4) differ; youth (3 and 3) does not.
    assert page.count("nivåerna skiljer sig</span>") == 2
    assert "Skriv under för min sida" not in page  # the director reads, does not sign


def test_a_draft_is_not_in_the_other_sides_picture(client_for, coordinator, officer):
    city = make_report(coordinator, summary="Stadens utkast.")
    page = client_for(officer).get(picture_url(city)).content.decode()
    assert "Stadens utkast." not in page
    assert "Staden har inte delat någon lägesbild för perioden." in page


def test_both_sides_sign_and_the_picture_is_agreed(client_for, coordinator, officer):
    city, _police = both_sides(coordinator, officer)
    city_client = client_for(coordinator)
    city_client.post(
        picture_url(city, "summary/"), {"summary": "Gemensamt: oro kring ungdomar.", "version": "1"}
    )
    picture = JointPicture.objects.get()
    assert picture.version == 2

    city_client.post(picture_url(city, "sign/"), {"version": "2"})
    police_client = client_for(officer)
    police_client.post(picture_url(city, "sign/"), {"version": "2"})

    picture.refresh_from_db()
    assert picture.is_agreed
    assert (picture.city_signed_by, picture.police_signed_by) == (coordinator, officer)
    page = police_client.get(picture_url(city)).content.decode()
    assert "Överenskommen: båda sidor har skrivit under" in page


def test_changing_the_summary_removes_the_signatures(client_for, coordinator, officer):
    city, _police = both_sides(coordinator, officer)
    client = client_for(coordinator)
    client.post(picture_url(city, "summary/"), {"summary": "Första texten.", "version": "1"})
    client.post(picture_url(city, "sign/"), {"version": "2"})

    client_for(officer).post(
        picture_url(city, "summary/"), {"summary": "Ändrad text.", "version": "2"}
    )

    picture = JointPicture.objects.get()
    assert picture.summary == "Ändrad text."
    assert picture.city_signed_at is None and not picture.is_agreed


def test_signing_an_outdated_summary_is_refused(client_for, coordinator, officer):
    city, _police = both_sides(coordinator, officer)
    client_for(coordinator).post(
        picture_url(city, "summary/"), {"summary": "Text.", "version": "1"}
    )
    client_for(officer).post(picture_url(city, "summary/"), {"summary": "Ny text.", "version": "2"})

    client_for(coordinator).post(picture_url(city, "sign/"), {"version": "2"})

    assert JointPicture.objects.get().city_signed_at is None


def test_only_members_write_and_sign(client_for, coordinator, officer, director, other_coordinator):
    city, _police = both_sides(coordinator, officer)
    data = {"summary": "Från fel person.", "version": "1"}
    assert client_for(director).post(picture_url(city, "summary/"), data).status_code == 403
    assert (
        client_for(director).post(picture_url(city, "sign/"), {"version": "1"}).status_code == 403
    )
    assert client_for(other_coordinator).get(picture_url(city)).status_code == 404
    assert (
        client_for(other_coordinator).post(picture_url(city, "summary/"), data).status_code == 404
    )
    assert not JointPicture.objects.exists()


def test_a_period_key_that_does_not_fit_the_cadence_is_404(client_for, coordinator):
    client = client_for(coordinator)
    assert client.get("/areas/angered/picture/2026-11/").status_code == 404
    assert client.get("/areas/angered/picture/nonsense/").status_code == 404
    assert client.get("/areas/angered/picture/2026-W47/").status_code == 200


def test_report_page_links_to_its_joint_picture(client_for, coordinator):
    city = make_report(coordinator)
    page = client_for(coordinator).get(f"/reports/{city.pk}/").content.decode()
    assert f'href="{picture_url(city)}"' in page


def test_viewing_the_picture_is_in_each_reports_history(client_for, coordinator, officer, director):
    from accounts.models import AuditEvent

    city, police = both_sides(coordinator, officer)
    client_for(director).get(picture_url(city))
    for report in (city, police):
        event = AuditEvent.objects.for_object(report).get(action="view")
        assert (event.user, event.path) == (director, picture_url(city))
        assert event.object_label.endswith(f"joint picture {city.period.key}")
