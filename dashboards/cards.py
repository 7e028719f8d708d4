"""The overview's headline cards: per area, what a director reads in ten seconds — both sides'
latest level and trend, the period's joint summary with its sign-off state and a link to the
joint picture, the top three places, overdue measures and the last exchange — ordered by need.

Built from the overview's rows (`overview.area_overview`) plus two queries whatever the data
size: the joint pictures of the areas' current periods, and the places with the most
incidents in the last `PLACES_MONTHS` months (grouped by the database).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dashboards.overview import AreaRow
from dashboards.window import shared_regular_reports, window_start
from districts import periods

TOP_PLACES = 3
PLACES_MONTHS = 3  # the cards show the current picture: places of the last quarter


class SignOff:
    """A joint picture's state, as the card names it."""

    NONE = "none"  # no joint summary written
    UNSIGNED = "unsigned"
    CITY = "city"  # signed by the city only
    POLICE = "police"
    AGREED = "agreed"

    LABELS = {
        NONE: _("No joint summary yet"),
        UNSIGNED: _("Not signed yet"),
        CITY: _("Signed by the city; the police have not signed"),
        POLICE: _("Signed by the police; the city has not signed"),
        AGREED: _("Agreed: signed by both sides"),
    }


@dataclass
class AreaCard:
    row: AreaRow
    period: periods.Period | None  # the latest period either side has reported
    summary: str = ""
    sign_off: str = SignOff.NONE
    places: list = field(default_factory=list)  # (name, unsafe, incidents), most first

    @property
    def area(self):
        return self.row.area

    @property
    def highest_level(self) -> int:
        return max((r.level for r in (self.row.city, self.row.police) if r), default=0)

    @property
    def need(self) -> int:
        """0 serious, 1 elevated, 2 overdue (reports or measures), 3 the rest."""
        if self.highest_level >= 4:
            return 0
        if self.highest_level == 3:
            return 1
        if self.row.overdue_count or self.row.overdue_measures:
            return 2
        return 3

    @property
    def sides(self) -> list[tuple]:
        """(side's name, its latest report or None, overdue) for the city, then the police."""
        return [
            (_("City"), self.row.city, self.row.city_overdue),
            (_("Police"), self.row.police, self.row.police_overdue),
        ]

    @property
    def sign_off_label(self) -> str:
        return SignOff.LABELS[self.sign_off]

    @property
    def picture_url(self) -> str | None:
        if self.period is None:
            return None
        return reverse("joint_picture", args=[self.area.slug, self.period.key])


def _current_period(row: AreaRow) -> periods.Period | None:
    reports = [r for r in (row.city, row.police) if r is not None and r.period is not None]
    if not reports:
        return None
    return max(reports, key=lambda r: r.period_start).period


def area_cards(
    rows: list[AreaRow], *, pictures: QuerySet, incidents: QuerySet | None, today: dt.date
) -> list[AreaCard]:
    """A card per row, most in need first (serious, elevated, overdue; then by name).

    `pictures` and `incidents` are what the user may see (`tryggportal.access`)."""
    cards = [AreaCard(row=row, period=_current_period(row)) for row in rows]
    wanted = [card for card in cards if card.period is not None]
    if wanted:
        by_start = defaultdict(list)  # areas mostly share their current period: few terms
        for card in wanted:
            by_start[card.period.start].append(card.area.pk)
        condition = Q()
        for start, area_ids in by_start.items():
            condition |= Q(area__in=area_ids, period_start=start)
        found = {
            (p["area_id"], p["period_start"]): p
            for p in pictures.filter(condition).values(
                "area_id", "period_start", "summary", "city_signed_at", "police_signed_at"
            )
        }
        for card in wanted:
            picture = found.get((card.area.pk, card.period.start))
            if picture is None or not picture["summary"].strip():
                continue
            card.summary = picture["summary"]
            card.sign_off = sign_off_of(picture["city_signed_at"], picture["police_signed_at"])
    if incidents is not None and cards:
        places = (
            incidents.filter(
                area__in=[card.area.pk for card in cards],
                occurred_at__gte=window_start(today, PLACES_MONTHS),
                place__isnull=False,
            )
            .order_by()
            .values("area_id", "place__name", "place__unsafe")
            .annotate(count=Count("*"))
        )
        per_area = defaultdict(list)
        for place in places:
            per_area[place["area_id"]].append(
                (place["place__name"], place["place__unsafe"], place["count"])
            )
        for card in cards:
            top = sorted(per_area.get(card.area.pk, []), key=lambda p: (-p[2], p[0]))
            card.places = top[:TOP_PLACES]
    return sorted(cards, key=lambda card: (card.need, card.area.name))


def sign_off_of(city_signed_at, police_signed_at) -> str:
    if city_signed_at and police_signed_at:
        return SignOff.AGREED
    if city_signed_at:
        return SignOff.CITY
    if police_signed_at:
        return SignOff.POLICE
    return SignOff.UNSIGNED


def current_picture(area, reports: QuerySet, *, pictures: QuerySet, today: dt.date) -> dict | None:
    """The area dashboard's top: the joint summary of the latest period either side has
    reported (begun by today), its sign-off state and the joint picture's address; two
    queries. None when no side has shared a report."""
    latest = (
        shared_regular_reports(reports)
        .filter(area=area, period_start__lte=today)
        .order_by("-period_start")
        .values("period_kind", "period_start", "period_end")
        .first()
    )
    if latest is None:
        return None
    period = periods.Period(latest["period_kind"], latest["period_start"], latest["period_end"])
    picture = (
        pictures.filter(area=area, period_start=period.start)
        .values("summary", "city_signed_at", "police_signed_at")
        .first()
    )
    summary = (picture or {}).get("summary", "").strip()
    state = (
        sign_off_of(picture["city_signed_at"], picture["police_signed_at"])
        if summary
        else (SignOff.NONE)
    )
    return {
        "period": period,
        "summary": summary,
        "sign_off": state,
        "sign_off_label": SignOff.LABELS[state],
        "url": reverse("joint_picture", args=[area.slug, period.key]),
    }
