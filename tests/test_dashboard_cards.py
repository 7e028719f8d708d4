"""The overview's headline cards: both sides' latest level and trend, the period's joint
summary with its sign-off state and a link to the joint picture, the top three places, overdue
measures and the last exchange; most in need first; only what the reader may see.

The clock stands at Wednesday 2026-11-25 12:00 in Stockholm (week 48; week 47 is past due).
"""

import datetime as dt

import pytest
import time_machine

from accounts.models import Side, User
from districts.models import CollaborationArea
from incidents.models import Incident, Place, Visibility
from reports.models import Category, JointPicture
from tests.test_dashboard import NOW, STOCKHOLM, measure, report, week_start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def area(slug: str) -> CollaborationArea:
    return CollaborationArea.objects.get(slug=slug)


def cards_of(response) -> dict:
    return {card.area.slug: card for card in response.context["cards"]}


def incident(where, place, *, days_ago=3, visibility=Visibility.SHARED, side=Side.POLICE):
    return Incident.objects.create(
        area=where, place=place, category=Category.objects.first(), description="Händelse.",
        occurred_at=NOW - dt.timedelta(days=days_ago), severity=2, reported_side=side,
        visibility=visibility, created_by=User.objects.filter(side=side).order_by("pk").first(),
    )  # fmt: skip


def place(where, name, *, unsafe=False):
    return Place.objects.create(
        area=where, name=name, kind="square", latitude=57.7, longitude=12.0, unsafe=unsafe
    )


def picture(where, week, *, summary, city=False, police=False):
    start = week_start(week)
    signed = dt.datetime.combine(start + dt.timedelta(days=5), dt.time(9), tzinfo=STOCKHOLM)
    return JointPicture.objects.create(
        area=where, period_kind="weekly", period_start=start,
        period_end=start + dt.timedelta(days=6), summary=summary,
        city_signed_at=signed if city else None, police_signed_at=signed if police else None,
    )  # fmt: skip


def test_a_director_sees_a_card_for_each_area_of_the_district_and_no_other(client_for, director):
    cards = cards_of(client_for(director).get("/dashboard/"))
    assert set(cards) == {"angered"}


def test_the_card_shows_both_sides_level_trend_and_the_joint_summary(client_for, director):
    angered = area("angered")
    report(angered, Side.CITY, 47, level=3, trend="worse")
    report(angered, Side.POLICE, 47, level=2, trend="unchanged")
    picture(angered, 47, summary="Oro kring torget på kvällarna.", city=True)
    response = client_for(director).get("/dashboard/")
    card = cards_of(response)["angered"]
    assert (card.row.city.level, card.row.police.level) == (3, 2)
    assert card.period.key == "2026-W47"
    assert card.summary == "Oro kring torget på kvällarna."
    assert card.sign_off == "city"
    html = response.content.decode()
    assert 'href="/areas/angered/picture/2026-W47/"' in html
    assert "Oro kring torget på kvällarna." in html
    assert "Undertecknad av staden; polisen har inte undertecknat" in html  # Swedish default


def test_an_agreed_picture_and_one_without_a_summary(client_for, dev_lead):
    report(area("angered"), Side.CITY, 47)
    report(area("centrum"), Side.CITY, 47)
    picture(area("angered"), 47, summary="Lugnt.", city=True, police=True)
    picture(area("centrum"), 47, summary="   ")
    cards = cards_of(client_for(dev_lead).get("/dashboard/"))
    assert cards["angered"].sign_off == "agreed"
    assert cards["centrum"].sign_off == "none"
    assert cards["centrum"].summary == ""
    assert cards["askim-frolunda-hogsbo"].period is None  # no report: no picture to link


def test_top_three_places_leave_out_police_only_incidents_for_a_city_director(
    client_for, director, chief
):
    angered = area("angered")
    torget = place(angered, "Hjällbo torg", unsafe=True)
    gangen = place(angered, "Gårdstensgången")
    skolan = place(angered, "Rannebergsskolan")
    hemligt = place(angered, "Polisens spaningsplats")
    parken = place(angered, "Lärjeåns park")
    for _n in range(3):
        incident(angered, torget)
    for _n in range(2):
        incident(angered, gangen)
    incident(angered, skolan)
    incident(angered, parken, days_ago=200)  # outside the cards' three months
    for _n in range(5):
        incident(angered, hemligt, visibility=Visibility.POLICE_ONLY)
    city_card = cards_of(client_for(director).get("/dashboard/"))["angered"]
    assert city_card.places == [
        ("Hjällbo torg", True, 3),
        ("Gårdstensgången", False, 2),
        ("Rannebergsskolan", False, 1),
    ]
    html = client_for(director).get("/dashboard/").content.decode()
    assert "Polisens spaningsplats" not in html
    police_card = cards_of(client_for(chief).get("/dashboard/"))["angered"]
    assert police_card.places[0] == ("Polisens spaningsplats", False, 5)


def test_a_place_kept_by_another_area_is_named_on_the_card(client_for, dev_lead):
    # After a reorganisation a successor's incidents can be at its predecessor's places.
    elsewhere = place(area("centrum"), "Brunnsparken")
    for _n in range(2):
        incident(area("angered"), elsewhere)
    card = cards_of(client_for(dev_lead).get("/dashboard/"))["angered"]
    assert card.places == [("Brunnsparken", False, 2)]


def test_cards_are_ordered_by_need(client_for, dev_lead, coordinator):
    report(area("centrum"), Side.CITY, 47, level=3)
    report(area("centrum"), Side.POLICE, 47, level=3)
    report(area("angered"), Side.POLICE, 47, level=4)
    report(area("angered"), Side.CITY, 47, level=1)
    for slug in ["lundby", "majorna-linne"]:
        for side in (Side.CITY, Side.POLICE):
            report(area(slug), side, 47)
    measure(area("lundby"), due=dt.date(2026, 11, 1), author=coordinator)  # overdue measure
    order = [card.area.slug for card in client_for(dev_lead).get("/dashboard/").context["cards"]]
    assert order[:2] == ["angered", "centrum"]  # serious, then elevated
    # Then the overdue: areas with a report missing for week 47 and Lundby's overdue measure,
    # by name; Majorna-Linné (both sides shared, nothing overdue) comes last.
    assert order[-1] == "majorna-linne"
    assert order.index("lundby") < order.index("majorna-linne")
    assert order.index("askim-frolunda-hogsbo") < order.index("lundby")


def test_overdue_measures_and_last_exchange_on_the_card(client_for, director, coordinator):
    angered = area("angered")
    report(angered, Side.CITY, 46)  # shared Friday 2026-11-13
    measure(angered, due=dt.date(2026, 11, 1), author=coordinator)
    measure(angered, due=dt.date(2026, 11, 2), author=coordinator)
    html = client_for(director).get("/dashboard/").content.decode()
    assert "2 försenade åtgärder" in html
    assert "Senaste utbyte 13 november (12 dagar sedan)" in html


def test_the_cards_run_a_fixed_number_of_queries(
    client_for, dev_lead, coordinator, django_assert_num_queries
):
    client = client_for(dev_lead)
    client.get("/dashboard/")  # the session's first request stamps it
    angered = area("angered")
    report(angered, Side.CITY, 47)
    picture(angered, 47, summary="Lugnt.", city=True)
    incident(angered, place(angered, "Hjällbo torg"))
    with django_assert_num_queries(10):
        assert client.get("/dashboard/").status_code == 200
    for number, where in enumerate(CollaborationArea.objects.all()):
        spot = place(where, f"Plats {number}")
        for week in range(40, 47):
            report(where, Side.CITY, week, level=1 + week % 4)
            report(where, Side.POLICE, week)
            picture(where, week, summary=f"Sammanfattning {week}", police=week % 2 == 0)
            incident(where, spot, days_ago=week - 39)
        measure(where, due=dt.date(2026, 11, 2), author=coordinator)
    with django_assert_num_queries(10):
        assert client.get("/dashboard/").status_code == 200
