"""The home page is a to-do list for coordinators and community officers (issue 14): per
area this period's report with the one button that continues it, overdue periods, the other
side's reports to acknowledge, joint summaries to sign, overdue measures; and for the
development lead the yearly situation picture's draft or next version (issue 17); fixed
queries."""

import datetime as dt

import pytest
import time_machine

from districts.models import CollaborationArea
from measures.models import Measure
from reports import services
from situation_pictures.models import SituationPicture
from tests.report_factory import make_report

# Wednesday of week 47 2026: the week is due on Friday the 20th.
pytestmark = pytest.mark.usefixtures("_wednesday_week_47")


@pytest.fixture
def _wednesday_week_47():
    with time_machine.travel(dt.datetime(2026, 11, 18, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def home(client_for, user) -> str:
    response = client_for(user).get("/")
    assert response.status_code == 200
    return response.content.decode()


def angered():
    return CollaborationArea.objects.get(slug="angered")


def overdue_measure(owner, *, area="angered", days=3, status="ongoing", title="Belysning"):
    return Measure.objects.create(
        area=CollaborationArea.objects.get(slug=area),
        title=title,
        owner_side=owner.side,
        owner_user=owner,
        start_date=dt.date(2026, 10, 1),
        due_date=dt.date(2026, 11, 18) - dt.timedelta(days=days),
        status=status,
        created_by=owner,
    )


def signed_by_police(officer, weeks_back=0, summary="Vi prioriterar torget."):
    area = angered()
    period = area.period_containing(dt.date(2026, 11, 18) - dt.timedelta(weeks=weeks_back))
    picture = services.joint_picture_save_summary(
        area=area, period=period, actor=officer, summary=summary, expected_version=1
    )
    return services.joint_picture_sign(
        area=area, period=period, actor=officer, expected_version=picture.version
    )


def test_this_weeks_draft_is_continued_with_one_button(client_for, coordinator):
    draft = make_report(coordinator)

    page = home(client_for, coordinator)

    assert "Att göra" in page
    assert f'href="/reports/{draft.pk}/edit/">Fortsätt på utkastet' in page
    assert "utkast</span>" in page


def test_a_week_not_started_links_to_the_report_form_for_exactly_that_week(client_for, coordinator):
    page = home(client_for, coordinator)

    assert 'href="/reports/new/?area=angered&amp;period=2026-W47">Påbörja lägesbilden' in page
    assert "inte påbörjad" in page


def test_shared_this_week_opens_the_report(client_for, coordinator, officer):
    report = make_report(coordinator, status="shared")

    page = home(client_for, coordinator)

    assert f'href="/reports/{report.pk}/">Öppna lägesbilden' in page
    assert "delad, väntar på kvittering" in page


def test_past_weeks_not_shared_are_overdue_until_shared(client_for, coordinator):
    make_report(coordinator, weeks_back=1)  # a draft of week 46, never shared

    page = home(client_for, coordinator)
    assert "Försenad" in page
    assert "/reports/new/?area=angered&amp;period=2026-W45" in page
    assert "v. 46 2026" in page

    for weeks_back in (2, 3, 4):
        make_report(coordinator, status="shared", weeks_back=weeks_back)
    services.report_share(
        report=angered().reports.get(period_start="2026-11-09"), actor=coordinator
    )
    assert "Försenad" not in home(client_for, coordinator)


def test_the_other_sides_shared_report_awaits_acknowledgement_until_acknowledged(
    client_for, coordinator, officer
):
    police = make_report(officer, status="shared", summary="Polisens bild.")

    page = home(client_for, coordinator)
    assert f'href="/reports/{police.pk}/">Angered, v. 47 2026</a>' in page

    services.report_acknowledge(report=police, actor=coordinator, comment="", view_differs=False)
    assert f'href="/reports/{police.pk}/">' not in home(client_for, coordinator)


def test_a_draft_of_the_other_side_is_no_item_of_mine(client_for, coordinator, officer):
    police_draft = make_report(officer)

    page = home(client_for, coordinator)

    assert f"/reports/{police_draft.pk}/" not in page
    assert "Inget att kvittera." in page


def test_another_areas_coordinator_sees_none_of_angereds_work(
    client_for, coordinator, officer, other_coordinator
):
    draft = make_report(coordinator)
    police = make_report(officer, status="shared")
    signed_by_police(officer)
    overdue_measure(coordinator)

    page = home(client_for, other_coordinator)

    assert f"/reports/{draft.pk}/" not in page
    assert f"/reports/{police.pk}/" not in page
    assert "/areas/angered/picture/" not in page
    assert "Belysning" not in page
    assert "Centrum" in page


def test_a_joint_summary_signed_by_the_police_awaits_the_citys_signature(
    client_for, coordinator, officer
):
    signed_by_police(officer)

    page = home(client_for, coordinator)
    assert 'href="/areas/angered/picture/2026-W47/">Angered, v. 47 2026</a>' in page
    assert "den andra sidan har skrivit under" in page
    # The police signed already: nothing for them to sign.
    assert "/areas/angered/picture/2026-W47/" not in home(client_for, officer)

    area = angered()
    period = area.period_containing(dt.date(2026, 11, 18))
    picture = area.joint_pictures.get()
    services.joint_picture_sign(
        area=area, period=period, actor=coordinator, expected_version=picture.version
    )
    assert "/areas/angered/picture/2026-W47/" not in home(client_for, coordinator)


def test_my_overdue_measures_and_no_one_elses(client_for, coordinator, officer):
    overdue_measure(coordinator, title="Belysning vid gångtunneln")
    overdue_measure(coordinator, title="Avslutad åtgärd", status="done")
    overdue_measure(officer, title="Polisens patruller")

    page = home(client_for, coordinator)

    assert "Belysning vid gångtunneln" in page
    assert "Avslutad åtgärd" not in page
    assert "Polisens patruller" not in page
    assert "Polisens patruller" in home(client_for, officer)


def test_readers_get_no_to_do_but_their_areas(client_for, director):
    page = home(client_for, director)

    assert "Att göra" not in page
    assert "Angered" in page


def _load(coordinator, officer, rows: int) -> None:
    """`rows` of every kind of to-do item in Angered (and for the officer in Östra Göteborg)."""
    for weeks_back in range(rows):
        make_report(coordinator, weeks_back=weeks_back + 10, status="shared")
        make_report(officer, weeks_back=weeks_back, status="shared", summary="Polisen.")
        signed_by_police(officer, weeks_back=weeks_back)
        overdue_measure(coordinator, days=weeks_back + 1, title=f"Åtgärd {weeks_back}")
    make_report(coordinator)


@pytest.mark.parametrize("rows", [1, 4])
def test_the_home_page_runs_a_fixed_number_of_queries(
    client_for, coordinator, officer, django_assert_num_queries, rows
):
    _load(coordinator, officer, rows)
    client = client_for(coordinator)
    client.get("/")

    with django_assert_num_queries(8):
        page = client.get("/").content.decode()
    assert page.count("/areas/angered/picture/") == rows
    assert page.count("Åtgärd ") == rows


# --- The development lead's to-do: the municipality's yearly situation picture ---


def yearly_picture(dev_lead, *, year=2027, decided_on=None, district=None):
    return SituationPicture.objects.create(
        year=year,
        district=district,
        window_start=dt.date(year - 1, 1, 1),
        window_end=dt.date(year - 1, 12, 31),
        status="decided" if decided_on else "draft",
        decided_on=decided_on,
        created_by=dev_lead,
    )


def test_the_lead_continues_the_yearly_draft_from_home(client_for, dev_lead):
    yearly_picture(dev_lead, year=2025, decided_on=dt.date(2025, 1, 20))
    draft = yearly_picture(dev_lead)

    page = home(client_for, dev_lead)

    assert "Att göra" in page and "Kommunens lägesbild och åtgärdsplan" in page
    assert "Hela kommunen:" in page and "Utkastet för 2027 är påbörjat." in page
    assert f'href="/situation-pictures/{draft.pk}/edit/">Fortsätt på utkastet' in page
    assert "Påbörja kommunens lägesbild" not in page


def test_the_next_picture_due_within_the_reminder_days_is_started_from_home(
    client_for, dev_lead, settings
):
    settings.SITUATION_PICTURE_INTERVAL_MONTHS = 24
    settings.SITUATION_PICTURE_REMIND_DAYS = 60
    yearly_picture(dev_lead, year=2024, decided_on=dt.date(2024, 12, 15))  # due in 27 days

    page = home(client_for, dev_lead)

    assert "Nästa lägesbild ska vara klar den 15 december 2026." in page
    assert 'href="/situation-pictures/new/">Påbörja kommunens lägesbild' in page
    assert "försenad" not in page


def test_an_overdue_picture_is_marked_and_a_city_areas_start_names_its_area(
    client_for, dev_lead, settings
):
    settings.SITUATION_PICTURE_INTERVAL_MONTHS = 24
    district = angered().district
    yearly_picture(dev_lead, year=2024, decided_on=dt.date(2024, 10, 1), district=district)
    yearly_picture(dev_lead, year=2026, decided_on=dt.date(2026, 2, 1))  # the city: not yet

    page = home(client_for, dev_lead)

    assert f"{district.name}:" in page and "försenad" in page
    assert "Nästa lägesbild ska vara klar den 1 oktober 2026." in page
    assert f'href="/situation-pictures/new/?district={district.pk}">' in page
    assert "Hela kommunen:" not in page  # nothing to do for the whole municipality
    form = client_for(dev_lead).get(f"/situation-pictures/new/?district={district.pk}")
    assert f'<option value="{district.pk}" selected>' in form.content.decode()


def test_nothing_due_says_when_the_next_picture_is(client_for, dev_lead):
    yearly_picture(dev_lead, year=2026, decided_on=dt.date(2026, 2, 10))

    page = home(client_for, dev_lead)

    assert "Inget att göra med den just nu." in page
    assert "Nästa lägesbild ska vara klar den 10 februari 2028." in page
    assert "/situation-pictures/new/" not in page


def test_no_decided_picture_yet_asks_for_the_first(client_for, dev_lead):
    page = home(client_for, dev_lead)

    assert "Hela kommunen:" in page and "Ingen lägesbild har beslutats ännu." in page
    assert 'href="/situation-pictures/new/">Påbörja kommunens lägesbild' in page


def test_the_yearly_picture_is_on_no_one_elses_home(
    client_for, dev_lead, coordinator, other_coordinator, officer, director, chief, admin_user
):
    yearly_picture(dev_lead, year=2024, decided_on=dt.date(2024, 12, 15))  # due soon
    draft = yearly_picture(dev_lead)

    for reader in (coordinator, other_coordinator, officer, director, chief, admin_user):
        page = home(client_for, reader)
        assert "Kommunens lägesbild och åtgärdsplan" not in page, reader
        assert f"/situation-pictures/{draft.pk}/" not in page and "Nästa lägesbild" not in page
    assert f"/situation-pictures/{draft.pk}/edit/" in home(client_for, dev_lead)


@pytest.mark.parametrize("versions", [1, 5])
def test_the_leads_home_page_runs_a_fixed_number_of_queries(
    client_for, dev_lead, django_assert_num_queries, versions
):
    areas = list(CollaborationArea.objects.order_by("name"))
    for i in range(versions):
        district = areas[i % len(areas)].district
        yearly_picture(dev_lead, year=2020 + i, decided_on=dt.date(2020 + i, 1, 5))
        yearly_picture(dev_lead, year=2020 + i, decided_on=dt.date(2024, 12, 1), district=district)
        yearly_picture(dev_lead, year=2027 + i, district=district)
    client = client_for(dev_lead)
    client.get("/")

    with django_assert_num_queries(LEAD_HOME_QUERIES):
        page = client.get("/").content.decode()
    assert page.count("Fortsätt på utkastet") == len({a.district for a in areas[:versions]})


# Session, user, areas, and one for every version of the yearly picture (its to-do).
LEAD_HOME_QUERIES = 4
