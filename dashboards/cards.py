"""The overview's headline cards: per area, what a director reads in ten seconds — both sides'
latest level and trend, the period's joint summary with its sign-off state and a link to the
joint picture, the top three places, overdue measures and the last exchange — ordered by need.

Built from the overview's rows (`overview.area_overview`) plus three queries whatever the
data size: the joint pictures of the areas' current periods, the incidents of the last
`PLACES_MONTHS` months counted per place (grouped by the database), and those places' names.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from accounts.models import Side
from dashboards.overview import AreaRow
from dashboards.tables import _esc
from dashboards.window import shared_regular_reports, window_start
from districts import periods
from incidents.models import Place
from reports.models import Trend
from tryggportal.lib.written import lang_sv

TOP_PLACES = 3
CITY, POLICE = Side.CITY, Side.POLICE
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
    def level_source(self) -> str:
        """Whose level the headline badge shows: one side's, both sides' when they agree, or
        the higher of both with each side's level ("highest of both: police 3, city 2")."""
        levels = [
            (r.level, side) for side, r in ((CITY, self.row.city), (POLICE, self.row.police)) if r
        ]
        if len(levels) == 1:
            level, side = levels[0]
            text = (
                _("the city's level %(level)s")
                if side == CITY
                else _("the police's level %(level)s")
            )
            return text % {"level": level}
        if levels[0][0] == levels[1][0]:
            return _("both sides' level %(level)s") % {"level": levels[0][0]}
        levels.sort(key=lambda found: found[0], reverse=True)  # the higher first
        names = {CITY: pgettext("whose level", "city"), POLICE: pgettext("whose level", "police")}
        return _("highest of both: %(first)s %(first_level)s, %(second)s %(second_level)s") % {
            "first": names[levels[0][1]],
            "first_level": levels[0][0],
            "second": names[levels[1][1]],
            "second_level": levels[1][0],
        }

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

    `pictures` and `incidents` are what the user may see (the topics' access modules)."""
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
        area_ids = [card.area.pk for card in cards]
        places = (
            incidents.filter(
                area__in=area_ids,
                occurred_at__gte=window_start(today, PLACES_MONTHS),
                place__isnull=False,
            )
            .order_by()
            .values_list("area_id", "place_id")
            .annotate(count=Count("*"))
        )
        # Grouped by the place's id, from the index alone; the places' names are read on their
        # own (joining each of the quarter's incidents to its place cost more).
        per_area = defaultdict(list)
        for area_id, place_id, count in places:
            per_area[area_id].append((place_id, count))
        names = _place_names(Place.objects.filter(area__in=area_ids))
        counted = {place_id for found in per_area.values() for place_id, _count in found}
        if missing := counted - names.keys():  # a predecessor's place, after a reorganisation
            names |= _place_names(Place.objects.filter(pk__in=missing))
        for card in cards:
            found = [(*names[pk], count) for pk, count in per_area.get(card.area.pk, [])]
            card.places = sorted(found, key=lambda p: (-p[2], p[0]))[:TOP_PLACES]
    return sorted(cards, key=lambda card: (card.need, card.area.name))


def _place_names(places: QuerySet) -> dict[int, tuple[str, bool]]:
    rows = places.order_by().values_list("pk", "name", "unsafe")
    return {pk: (name, unsafe) for pk, name, unsafe in rows}


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


def cards_html(cards: list[AreaCard], months: int) -> SafeString:
    """The cards' `<li>` items, built in Python for speed (as the overview's rows are): 50
    cards through template tags cost about 15 ms of a cold overview."""
    # Translations outside the f-strings: xgettext does not look inside them.
    badge = '<span class="badge text-bg-{}">{}</span>'
    need_badges = {0: ("danger", _esc(_("Serious"))), 1: ("warning", _esc(_("Elevated")))}
    report_overdue = badge.format("danger", _esc(_("Report overdue")))
    no_report = f'<span class="text-body-secondary">{_esc(_("no shared report"))}</span>'
    overdue = f' <span class="visually-hidden">{_esc(_("Overdue"))}</span>'
    unsafe = f' <span class="badge text-bg-light border">{_esc(_("unsafe"))}</span>'
    no_places = f'<span class="text-body-secondary">{_esc(_("no incidents at places"))}</span>'
    top_places, no_overdue_measure = _esc(_("Top places")), _esc(_("No overdue measure"))
    no_exchange = _esc(_("No exchange yet"))
    trends = {value: _esc(label) for value, label in Trend.choices}
    labels = {state: _esc(label) for state, label in SignOff.LABELS.items()}
    base = reverse("area_dashboard", args=["-"])[: -len("-/")]
    written = lang_sv()
    city, police = _esc(_("City")), _esc(_("Police"))
    days = {}  # the last exchanges' days, named once each

    def side(label, report, late) -> str:
        if report is None:
            level = no_report
        else:
            level = (
                f'<span class="level-badge level-{int(report.level)}">{int(report.level)}</span> '
                f"{trends.get(report.trend, '')} "
                f'<span class="small text-body-secondary">{_esc(report.period_label)}</span>'
            )
        return f"<div><dt>{label}</dt><dd>{level}{overdue if late else ''}</dd></div>"

    def need_badge(card: AreaCard) -> str:
        """The red or yellow headline badge, saying whose level it shows."""
        if card.need not in need_badges:
            return ""
        colour, word = need_badges[card.need]
        return badge.format(colour, f"{word}: {_esc(card.level_source)}")

    def places(card: AreaCard) -> str:
        if not card.places:
            return no_places
        last = len(card.places) - 1
        return " ".join(
            f'<span class="text-nowrap">{_esc(name)} ({int(count)}){unsafe if is_unsafe else ""}'
            f"{',' if i < last else ''}</span>"
            for i, (name, is_unsafe, count) in enumerate(card.places)
        )

    def picture(card: AreaCard) -> str:
        if not card.period:
            return ""
        text = _("Joint picture %(period)s") % {"period": card.period.label}
        return f'<a href="{_esc(card.picture_url)}">{_esc(text)}</a>: '

    def footer(row: AreaRow) -> str:
        if row.overdue_measures:
            text = ngettext(
                "%(count)s overdue measure", "%(count)s overdue measures", row.overdue_measures
            ) % {"count": row.overdue_measures}
            measures = badge.format("danger", _esc(text))
        else:
            measures = "" if row.overdue_measures is None else no_overdue_measure
        if row.last_exchange:
            local = timezone.localdate(row.last_exchange)
            if (day := days.get(local)) is None:
                day = days[local] = formats.date_format(local, "j F")
            exchange = _esc(
                ngettext(
                    "Last exchange %(day)s (%(days)s day ago)",
                    "Last exchange %(day)s (%(days)s days ago)",
                    row.days_since,
                )
                % {"day": day, "days": row.days_since}
            )
        else:
            exchange = no_exchange
        return f"{measures}\n            · {exchange}"

    items = []
    for card in cards:
        row, slug = card.row, _esc(card.area.slug)
        summary = (
            f'<p class="small mb-1 card-summary"{written}>'
            f"{_esc(Truncator(card.summary).chars(160))}</p>"
            if card.summary
            else ""
        )
        items.append(
            f'<li class="col"><article class="card h-100 area-card need-{int(card.need)}" '
            f'aria-labelledby="card-{slug}"><div class="card-body p-2">'
            f'<h3 class="h6 card-title mb-1" id="card-{slug}">'
            f'<a href="{_esc(base + card.area.slug)}/?months={int(months)}">{_esc(card.area.name)}</a>'
            f" {need_badge(card)} {report_overdue if row.overdue_count else ''}</h3>"
            f'<dl class="card-levels mb-1">{side(city, row.city, row.city_overdue)}'
            f"{side(police, row.police, row.police_overdue)}</dl>"
            f'<p class="small mb-1">{picture(card)}'
            f'<span class="sign-off sign-off-{_esc(card.sign_off)}">{labels[card.sign_off]}</span></p>'
            f'{summary}<p class="small mb-1">{top_places}: {places(card)}</p>'
            f'<p class="small mb-0">{footer(row)}</p></div></article></li>'
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value is escaped by _esc or a number
