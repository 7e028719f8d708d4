"""The municipality's yearly situation picture and action plan (lag (2023:196) 4 §): its
page and PDF read back with pypdf, what it never holds (a police-only incident), who may
write, decide and read it, that a decided version is frozen (edits refused, the PDF the same
bytes), and the one reminder that the next version is due."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from accounts.models import AuditEvent
from conferences.models import Conference, Priority
from districts.models import CollaborationArea
from incidents.models import Place
from measures.models import Measure
from notifications.models import Notification, NotificationKind
from reports.models import Category
from situation_pictures import services
from situation_pictures.models import ActionPlanItem, SituationPicture
from situation_pictures.tasks import notify_situation_picture_due
from tests.documents_helpers import incident, measure, pdf_reader, pdf_text
from tests.report_factory import make_report

pytestmark = pytest.mark.django_db

SECRET = "Spaningsuppgift om lägenheten"
SECRET_PLACE = "Spaningsplatsen Hammarkullen"
SHARED_PLACE = "Hjällbo torg"
OTHER = "Demo: skolorna i Angered rapporterar fler konflikter."
ANALYSIS = "Demo: rekryteringen av unga drivs av den öppna handeln."
ACTION = "Trygghetsvandringar vid Hjällbo torg"


def _place(name):
    return Place.objects.create(
        area=CollaborationArea.objects.get(slug="angered"), name=name, kind="square"
    )


@pytest.fixture
def facts(coordinator, officer, dev_lead):
    """Angered in 2026: both sides' shared reports, a shared and a police-only incident at
    places of their own, a measure started and one done, a conference with a priority."""
    make_report(coordinator, status="shared", level=2, weeks_back=30)
    make_report(officer, status="shared", level=3)
    incident(coordinator, "Klotter vid entrén", place=_place(SHARED_PLACE))
    incident(officer, SECRET, police_only=True, place=_place(SECRET_PLACE), category="violence")
    measure(coordinator, "Belysning vid gångtunneln")
    measure(officer, "Kvällspatruller vid Hjällbo", status="done")
    conference = Conference.objects.create(
        year=2026, date=dt.date(2026, 3, 12), venue="Angereds Gymnasium",
        title="Trygg i Göteborg", theme="Organiserad brottslighet genom narkotikan",
    )  # fmt: skip
    Priority.objects.create(
        conference=conference, title="Stänga den öppna handeln", owner_side="joint"
    )


def _picture(dev_lead, **extra):
    picture = SituationPicture.objects.create(
        year=2026, window_start=dt.date(2026, 1, 1), window_end=dt.date(2026, 12, 31),
        other_information=OTHER, analysis=ANALYSIS, created_by=dev_lead, **extra,
    )  # fmt: skip
    ActionPlanItem.objects.create(
        picture=picture, text=ACTION, owner="Stadsområde Nordost", due_date=dt.date(2027, 6, 30)
    )
    return picture


@pytest.fixture
def picture(facts, dev_lead):
    return _picture(dev_lead)


def _decide(picture, dev_lead, on=dt.date(2026, 12, 1)):
    return services.situation_picture_decide(
        picture=picture, decided_on=on, deciding_body="Kommunstyrelsen",
        reference="KS 2026-123", actor=dev_lead,
    )  # fmt: skip


def _pdf(client, picture):
    return client.get(f"/situation-pictures/{picture.pk}/pdf/")


def test_the_pdf_holds_the_three_sections_of_4_paragraph_and_the_action_plan(
    client_for, dev_lead, picture
):
    text = pdf_text(_pdf(client_for(dev_lead), picture))

    assert "Kommunens lägesbild och åtgärdsplan 2026: hela kommunen" in text
    mapping = text.index("1. Kartläggning av brottsligheten: omfattning och konsekvenser")
    other = text.index("2. Annan relevant information")
    analysis = text.index("3. Analys av orsakerna")
    plan = text.index("Åtgärdsplan", analysis)
    assert mapping < other < analysis < plan
    assert SHARED_PLACE in text[mapping:other] and "Angered" in text[mapping:other]
    assert OTHER in text[other:analysis] and ANALYSIS in text[analysis:plan]
    # The levels as one table: an area a row, each category's latest level and trend arrow
    # (the quarters' series are the page's).
    assert "Område Samlad nivå Narkotika – öppen försäljning och användning" in text
    assert "Angered 3 ↑ 3 ↑" in text[mapping:other] and "2026 K4" not in text
    # The whole municipality's measures are counted per area (started, completed, ongoing,
    # average progress), not listed one by one: that is the measure list's and its export's.
    assert "Angered 2 1 1 100 % Totalt 2 1 1 100 %" in text[other:analysis]
    assert "Periodens 2 åtgärder listas inte var för sig här." in text
    assert "Belysning vid gångtunneln" not in text and "Kvällspatruller vid Hjällbo" not in text
    assert "Organiserad brottslighet genom narkotikan" in text
    assert "Stänga den öppna handeln" in text
    assert ACTION in text[plan:] and "Stadsområde Nordost" in text[plan:]
    assert "Utkast: inte beslutad." in text
    assert f"Utskriven av {dev_lead.get_full_name()}" in text


def test_the_pdf_is_tagged_titled_and_swedish_whatever_the_readers_language(
    client_for, dev_lead, picture
):
    dev_lead.language = "en"
    dev_lead.save()
    reader = pdf_reader(_pdf(client_for(dev_lead), picture))

    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv"
    assert bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Kommunens lägesbild och åtgärdsplan 2026: hela kommunen"
    # The levels' table of areas and categories has a landscape page; the rest is portrait.
    landscape = [page.mediabox.width > page.mediabox.height for page in reader.pages]
    assert landscape.count(True) == 1 and not landscape[0] and not landscape[-1]


def test_a_police_only_incident_is_in_neither_page_nor_pdf(client_for, dev_lead, officer, picture):
    page = client_for(dev_lead).get(f"/situation-pictures/{picture.pk}/").content.decode()
    text = pdf_text(_pdf(client_for(dev_lead), picture))
    _decide(picture, dev_lead)
    # A police reader of the decided version gets the same city-visible document.
    police_page = client_for(officer).get(f"/situation-pictures/{picture.pk}/").content.decode()
    police_text = pdf_text(_pdf(client_for(officer), picture))

    for shown in (page, text, police_page, police_text):
        assert SHARED_PLACE in shown
        assert SECRET_PLACE not in shown and SECRET not in shown
        assert "Våld, skjutningar och explosioner" not in shown  # its category: no count
        assert "1 händelse under perioden" in shown


def test_a_decided_version_refuses_edits_by_form_and_by_service(client_for, dev_lead, picture):
    _decide(picture, dev_lead)
    client = client_for(dev_lead)

    form = client.post(
        f"/situation-pictures/{picture.pk}/edit/",
        {"year": "2026", "window_start": "2026-01-01", "window_end": "2026-12-31",
         "analysis": "Ändrad", "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"},
    )  # fmt: skip
    decide_again = client.post(
        f"/situation-pictures/{picture.pk}/decide/",
        {"decided_on": "2026-12-02", "deciding_body": "KF", "reference": "x"},
    )

    assert form.status_code == 403 and decide_again.status_code == 403
    assert client.get(f"/situation-pictures/{picture.pk}/edit/").status_code == 403
    with pytest.raises(services.PictureDecidedError):
        _decide(picture, dev_lead)
    picture.refresh_from_db()
    assert picture.analysis == ANALYSIS and picture.reference == "KS 2026-123"
    page = client.get(f"/situation-pictures/{picture.pk}/").content.decode()
    assert "Beslutad den 1 december 2026 av Kommunstyrelsen, diarienummer KS 2026-123" in page
    assert "/edit/" not in page and "/decide/" not in page


def test_a_decided_versions_pdf_stays_the_frozen_bytes(client_for, dev_lead, coordinator, picture):
    client = client_for(dev_lead)
    decided = client.post(
        f"/situation-pictures/{picture.pk}/decide/",
        {"decided_on": "2026-12-01", "deciding_body": "Kommunstyrelsen", "reference": "KS 1"},
    )
    assert decided.status_code == 302
    first = _pdf(client, picture).content
    # The portal moves on: new incidents, another reader, another day.
    incident(coordinator, "Ny händelse", place=Place.objects.get(name=SHARED_PLACE))
    ActionPlanItem.objects.update(text="Ändrad bakom ryggen")  # e.g. in the database
    with time_machine.travel(dt.datetime(2027, 2, 1, 9, tzinfo=dt.UTC)):
        again = _pdf(client_for(coordinator), picture).content
        page = client_for(coordinator).get(f"/situation-pictures/{picture.pk}/")

    # The frozen document is the same bytes, first in every download; only the print stamp
    # after it names each reader.
    frozen = bytes(SituationPicture.objects.get(pk=picture.pk).frozen_pdf)
    assert first.startswith(frozen) and again.startswith(frozen)
    assert "Beslutad den 1 december 2026" in pdf_text(_pdf(client, picture))
    html = page.content.decode()
    assert "1 händelse under perioden" in html and ACTION in html  # the frozen document
    assert "Ändrad bakom ryggen" not in html


def test_only_the_development_lead_and_admins_write_others_read_decided_versions(
    client_for, dev_lead, admin_user, coordinator, director, officer, picture
):
    url = f"/situation-pictures/{picture.pk}/"
    for reader in (coordinator, director, officer):
        client = client_for(reader)
        assert client.get(url).status_code == 404  # a draft is the lead's
        assert client.get(url + "pdf/").status_code == 404
        assert client.get("/situation-pictures/new/").status_code == 403
    assert client_for(admin_user).get(url + "edit/").status_code == 200
    _decide(picture, dev_lead)
    for reader in (coordinator, director, officer):
        client = client_for(reader)
        assert client.get(url).status_code == 200
        assert client.get(url + "edit/").status_code == 403
        assert client.post(url + "decide/", {}).status_code == 403


def test_the_lead_writes_a_draft_with_its_action_plan(client_for, dev_lead, facts):
    client = client_for(dev_lead)
    assert "/situation-pictures/" in client.get("/").content.decode()  # in the navigation
    response = client.post(
        "/situation-pictures/new/",
        {"year": "2027", "district": "", "window_start": "2026-01-01",
         "window_end": "2026-12-31", "other_information": OTHER, "analysis": ANALYSIS,
         "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-0-order": "1",
         "items-0-text": ACTION, "items-0-owner": "Polisen", "items-0-due_date": "2027-05-01"},
    )  # fmt: skip

    picture = SituationPicture.objects.get(year=2027)
    assert (
        response.status_code == 302 and response["Location"] == f"/situation-pictures/{picture.pk}/"
    )
    assert picture.created_by == dev_lead and not picture.is_decided
    assert [(i.text, i.owner) for i in picture.action_items.all()] == [(ACTION, "Polisen")]


def test_an_identity_number_is_refused_and_the_text_kept(client_for, dev_lead, facts):
    typed = "Demo: en person 19121212-1212 vid torget"
    response = client_for(dev_lead).post(
        "/situation-pictures/new/",
        {"year": "2027", "window_start": "2026-01-01", "window_end": "2026-12-31",
         "analysis": typed, "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"},
    )  # fmt: skip

    assert response.status_code == 200
    html = response.content.decode()
    assert "ser ut som ett personnummer" in html and typed in html
    assert not SituationPicture.objects.exists()


def test_deciding_refuses_an_identity_number_in_its_free_text(dev_lead, picture):
    picture.analysis = "Demo 19121212-1212"
    picture.save()
    with pytest.raises(services.ValidationError):
        _decide(picture, dev_lead)
    picture.refresh_from_db()
    assert not picture.is_decided


def test_each_download_is_an_audit_event(client_for, dev_lead, picture):
    _pdf(client_for(dev_lead), picture)
    _pdf(client_for(dev_lead), picture)
    events = AuditEvent.objects.filter(
        action="export", object_type="situation_pictures.situationpicture"
    )
    assert events.count() == 2
    assert {e.object_label for e in events} == {f"{picture} (PDF)"}


def test_the_next_version_is_reminded_once(settings, dev_lead, picture):
    settings.SITUATION_PICTURE_INTERVAL_MONTHS = 24
    settings.SITUATION_PICTURE_REMIND_DAYS = 60
    dev_lead.email = "utvecklingsledare@example.se"
    dev_lead.save()
    decided = _decide(picture, dev_lead, on=dt.date(2025, 12, 15))  # next due 15 Dec. 2027
    assert decided.next_due(24) == dt.date(2027, 12, 15)

    with time_machine.travel(dt.datetime(2027, 10, 15, 6, tzinfo=dt.UTC), tick=False):
        assert notify_situation_picture_due() == 0  # 61 days before: not yet
    with time_machine.travel(dt.datetime(2027, 10, 17, 6, tzinfo=dt.UTC), tick=False):
        assert notify_situation_picture_due() == 1
        assert notify_situation_picture_due() == 0  # the sweep again: nothing twice
    with time_machine.travel(dt.datetime(2028, 1, 3, 6, tzinfo=dt.UTC), tick=False):
        assert notify_situation_picture_due() == 0  # later days: still told once

    notices = Notification.objects.filter(kind=NotificationKind.SITUATION_PICTURE_DUE)
    assert [(n.recipient, n.subject, n.due_date, n.link) for n in notices] == [
        (dev_lead, "hela kommunen", dt.date(2027, 12, 15), "/situation-pictures/new/")
    ]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["utvecklingsledare@example.se"]
    assert "15 december 2027" in mail.outbox[0].body


def test_the_reminder_opens_the_scopes_draft(dev_lead, picture):
    _decide(picture, dev_lead, on=dt.date(2025, 12, 15))
    draft = _picture(dev_lead)
    with time_machine.travel(dt.datetime(2027, 11, 1, 6, tzinfo=dt.UTC), tick=False):
        notify_situation_picture_due()
    notice = Notification.objects.get(kind=NotificationKind.SITUATION_PICTURE_DUE)
    assert notice.link == f"/situation-pictures/{draft.pk}/"


def test_a_newer_decided_version_ends_the_reminders(dev_lead, picture):
    _decide(picture, dev_lead, on=dt.date(2024, 1, 10))
    _decide(_picture(dev_lead), dev_lead, on=dt.date(2026, 1, 10))
    with time_machine.travel(dt.datetime(2026, 12, 1, 6, tzinfo=dt.UTC), tick=False):
        assert notify_situation_picture_due() == 0


def _more(coordinator, officer, n):
    for i in range(n):
        incident(coordinator, f"Händelse {i}", place=_place(f"Plats {i}"))
        incident(officer, f"Polisens {i}", police_only=True)
        measure(coordinator, f"Åtgärd {i}")
        make_report(coordinator, status="shared", weeks_back=i + 2)


@pytest.mark.parametrize("extra", [0, 8])
def test_page_and_pdf_query_counts_do_not_grow(
    client_for, dev_lead, coordinator, officer, picture, django_assert_num_queries, extra
):
    _more(coordinator, officer, extra)
    client = client_for(dev_lead)
    client.get("/")

    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(f"/situation-pictures/{picture.pk}/").status_code == 200
    with django_assert_num_queries(PDF_QUERIES):
        assert _pdf(client, picture).status_code == 200
    _decide(picture, dev_lead)
    with django_assert_num_queries(DECIDED_PAGE_QUERIES):
        assert client.get(f"/situation-pictures/{picture.pk}/").status_code == 200
    with django_assert_num_queries(DECIDED_PDF_QUERIES):
        assert _pdf(client, picture).status_code == 200


PAGE_QUERIES = 15  # with the listed measures' secrecy markings
PDF_QUERIES = 16
DECIDED_PAGE_QUERIES = 3
DECIDED_PDF_QUERIES = 4


def test_the_list_shows_drafts_only_to_the_lead(client_for, dev_lead, coordinator, picture):
    decided = _decide(_picture(dev_lead, district=None), dev_lead)
    lead_page = client_for(dev_lead).get("/situation-pictures/").content.decode()
    reader_page = client_for(coordinator).get("/situation-pictures/").content.decode()

    assert f"/situation-pictures/{picture.pk}/" in lead_page
    assert f"/situation-pictures/{decided.pk}/" in lead_page
    assert f"/situation-pictures/{picture.pk}/" not in reader_page
    assert f"/situation-pictures/{decided.pk}/" in reader_page
    assert "Ny lägesbild" in lead_page and "Ny lägesbild" not in reader_page


def test_a_city_areas_picture_holds_only_its_areas(client_for, dev_lead, facts):
    angered = CollaborationArea.objects.get(slug="angered").district
    centrum = CollaborationArea.objects.get(slug="centrum").district
    own = _picture(dev_lead, district=angered)
    other = _picture(dev_lead, district=centrum)
    client = client_for(dev_lead)

    own_text = pdf_text(_pdf(client, own))
    other_text = pdf_text(_pdf(client, other))

    assert f"Kommunens lägesbild och åtgärdsplan 2026: {angered.name}" in own_text
    assert SHARED_PLACE in own_text and "Belysning vid gångtunneln" in own_text
    other_facts = other_text[: other_text.index("3. Analys av orsakerna")]  # not the plan
    assert SHARED_PLACE not in other_facts and "Belysning vid gångtunneln" not in other_facts
    assert "Inga händelser under den här tiden." in other_facts


def _page(client, picture, language="sv") -> str:
    client.cookies["django_language"] = language  # as the language switch sets it
    response = client.get(f"/situation-pictures/{picture.pk}/")
    assert response.status_code == 200
    return response.content.decode()


ENGLISH = [
    "The municipality's situation picture and action plan 2026: the whole municipality",
    "from 1 January 2026 to 31 December 2026",
    "Overall level",
    "Narcotics – open dealing and use",
    "2026\u00a0Q4",
    "November 2026",
    "<td>worse</td>",
    "8 November 2026",  # the measure's start
    "30 June 2027",  # the action plan's date
]
SWEDISH = [
    "Kommunens lägesbild och åtgärdsplan 2026: hela kommunen",
    "från 1 januari 2026 till 31 december 2026",
    "Samlad nivå",
    "Narkotika – öppen försäljning och användning",
    "2026\u00a0K4",
    "november 2026",
    "<td>sämre</td>",
    "8 november 2026",
    "30 juni 2027",
]


def test_the_draft_page_speaks_the_readers_language(client_for, dev_lead, picture):
    # A measure the action plan chose is listed with its dates.
    ActionPlanItem.objects.update(measure=Measure.objects.get(title="Belysning vid gångtunneln"))
    swedish = _page(client_for(dev_lead), picture)
    english = _page(client_for(dev_lead), picture, "en")

    for text in SWEDISH:
        assert text in swedish and text not in english, text
    for text in ENGLISH:
        assert text in english and text not in swedish, text
    # The draft's PDF stays Swedish for the English reader.
    client = client_for(dev_lead)
    client.cookies["django_language"] = "en"
    text = pdf_text(_pdf(client, picture))
    assert "Narkotika – öppen försäljning och användning" in text and "november 2026" in text
    assert "Narcotics" not in text and "Overall level" not in text


def test_a_decided_version_keeps_its_names_as_decided_in_both_languages(
    client_for, dev_lead, picture
):
    decided = _decide(picture, dev_lead)
    snapshot, pdf = decided.snapshot, bytes(decided.frozen_pdf)
    # The category is renamed afterwards: the decided version keeps the names it had.
    Category.objects.filter(code="narcotics").update(name_sv="Narkotika (ny)", name_en="Drugs")
    swedish = _page(client_for(dev_lead), picture)
    english = _page(client_for(dev_lead), picture, "en")

    assert "Narkotika – öppen försäljning och användning" in swedish and "november 2026" in swedish
    assert "Narcotics – open dealing and use" in english and "November 2026" in english
    assert "(ny)" not in swedish + english and "Drugs" not in english
    decided.refresh_from_db()
    assert decided.snapshot == snapshot and bytes(decided.frozen_pdf) == pdf


def test_a_version_decided_before_the_facts_had_languages_shows_as_it_was(
    client_for, dev_lead, picture
):
    decided = _decide(picture, dev_lead)
    # As the first decided versions were frozen: Swedish names, quarter labels, ISO months.
    snapshot = dict(decided.snapshot, scope="hela kommunen", quarters=["2026\u00a0K1"])
    del snapshot["version"]
    snapshot["levels"] = [
        {"area": "Angered", "rows": [{"category": "Samlad nivå", "values": [2.0], "trend": ""}]}
    ]
    snapshot["incidents"] = dict(snapshot["incidents"], categories=["Narkotika – öppen"])
    snapshot["incidents"]["months"] = [{"month": "2026-11", "counts": [1]}]
    SituationPicture.objects.filter(pk=decided.pk).update(snapshot=snapshot)

    page = _page(client_for(dev_lead), picture, "en")

    for text in ("2026: hela kommunen", "2026\u00a0K1", "Samlad nivå", "Narkotika – öppen"):
        assert text in page, text
    assert '<th scope="row">2026-11</th>' in page and "from 2026-01-01 to 2026-12-31" in page


def test_the_whole_municipalitys_measures_are_counted_per_area_for_every_reader(
    client_for, dev_lead, coordinator, other_coordinator, director, officer, chief, picture
):
    lead_page = _page(client_for(dev_lead), picture)
    _decide(picture, dev_lead)

    for reader in (dev_lead, coordinator, other_coordinator, director, officer, chief):
        page = _page(client_for(reader), picture)
        for shown in (lead_page, page):
            assert "Genomsnittligt framsteg" in shown and "<td>100 %</td>" in shown
            assert '<th scope="row">Angered</th><td>2</td><td>1</td><td>1</td>' in shown
            assert "Periodens 2 åtgärder listas inte var för sig här." in shown
            assert 'href="/measures/"' in shown and 'href="/measures/export.xlsx"' in shown
            assert "Belysning vid gångtunneln" not in shown
            assert SECRET not in shown and SECRET_PLACE not in shown


def test_a_city_areas_picture_lists_a_bounded_number_of_measures_chosen_first(
    monkeypatch, client_for, dev_lead, facts
):
    monkeypatch.setattr("situation_pictures.yearly.MEASURES_LISTED", 1)
    angered = CollaborationArea.objects.get(slug="angered").district
    own = _picture(dev_lead, district=angered)
    chosen = Measure.objects.get(title="Kvällspatruller vid Hjällbo")
    own.action_items.update(measure=chosen)
    client = client_for(dev_lead)

    page = _page(client, own)
    text = pdf_text(_pdf(client, own))

    for shown in (page, text):
        assert "Kvällspatruller vid Hjällbo" in shown  # chosen: listed first
        assert "Belysning vid gångtunneln" not in shown.split("Åtgärdsplan")[0]
        assert "1 åtgärd till under perioden visas inte här." in shown
    assert 'href="/measures/"' in page


def test_a_version_decided_with_its_measures_listed_shows_them_as_it_was(
    client_for, dev_lead, picture
):
    decided = _decide(picture, dev_lead)
    # As versions decided before the measures were summed up were frozen: every measure.
    snapshot = dict(decided.snapshot, version=2)
    for key in ("measure_summary", "measure_total", "measures_more"):
        del snapshot[key]
    snapshot["measures"] = [
        {"title": title, "area": "Angered", "status": "ongoing", "start": "2026-11-08",
         "due": "2026-12-18", "percent": None, "started": True, "completed": False}
        for title in ("Belysning vid gångtunneln", "Kvällspatruller vid Hjällbo")
    ]  # fmt: skip
    SituationPicture.objects.filter(pk=decided.pk).update(snapshot=snapshot)

    page = _page(client_for(dev_lead), picture)

    assert "Belysning vid gångtunneln" in page and "Kvällspatruller vid Hjällbo" in page
    assert "8 november 2026" in page
    assert "Genomsnittligt framsteg" not in page and "under perioden visas inte" not in page


def test_a_decided_versions_pdf_names_the_reader_who_prints_it_never_the_decider(
    client_for, dev_lead, coordinator, officer, picture
):
    _decide(picture, dev_lead)

    for reader in (coordinator, officer, dev_lead):
        with time_machine.travel(dt.datetime(2027, 2, 1, 9, tzinfo=dt.UTC)):
            response = _pdf(client_for(reader), picture)
        reader_pdf = pdf_reader(response)
        text = pdf_text(response)
        pages = len(reader_pdf.pages)

        # On every page's foot, as a live document's; the tags and language stay the frozen's.
        assert (
            text.count(f"Utskriven av {reader.get_full_name()} den 1 februari 2027 10:00") == pages
        )
        assert text.count("Utskriven av") == pages, reader
        assert reader_pdf.trailer["/Root"]["/Lang"] == "sv"
        assert "/StructTreeRoot" in reader_pdf.trailer["/Root"]
