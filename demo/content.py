"""Demo content for `manage.py loaddemo`: places, incidents, measures, agreements, situation
reports and today's notifications. Real Göteborg places, no real people. Every loader is
idempotent: running loaddemo twice changes nothing."""

import datetime as dt
import decimal
from importlib import import_module

from django.apps import apps
from django.db.models import Min
from django.utils import timezone

from accounts.models import Side, User
from demo.users import DEMO_USERS
from districts.models import CollaborationArea
from incidents.models import Incident, Place, PlaceKind, Visibility
from measures.models import Agreement, CitizenPromise, Measure, MeasureProgress, MeasureStatus
from notifications.models import Notification
from notifications.services import reminders_sweep
from reports.models import Category, JointPicture, ReportStatus, SituationReport, Trend
from reports.services import report_create

# --- Places, incidents and measures ---

DEMO_USERNAMES = [username for username, *_rest in DEMO_USERS]

# (area slug, name, kind, latitude, longitude, unsafe)
DEMO_PLACES = [
    ("angered", "Gårdstens centrum", PlaceKind.SQUARE, "57.800300", "12.027800", True),
    ("angered", "Hjällbo torg", PlaceKind.SQUARE, "57.770400", "12.022900", True),
    ("angered", "Hammarkullen spårvagnshållplats", PlaceKind.STOP, "57.781100", "12.035800", True),
    ("angered", "Angereds centrum", PlaceKind.SQUARE, "57.796900", "12.048900", False),
    ("angered", "Lövgärdesparken", PlaceKind.PARK, None, None, False),
    ("ostra-goteborg", "Bergsjöns centrum", PlaceKind.SQUARE, "57.754600", "12.066300", True),
]

# (key, area, place, days ago, hour, category, severity, side, visibility, description)
DEMO_INCIDENTS = [
    ("demo-1", "angered", "Hjällbo torg", 2, 21, "narcotics", 2, Side.CITY, Visibility.SHARED,
     "Boende beskriver öppen försäljning vid torget under kvällstid."),
    ("demo-2", "angered", "Gårdstens centrum", 4, 19, "youth", 2, Side.CITY, Visibility.SHARED,
     "Större grupp unga samlas vid centrumet; butikspersonal känner oro."),
    ("demo-3", "angered", "Hammarkullen spårvagnshållplats", 6, 23, "unsafe-places", 1,
     Side.CITY, Visibility.SHARED, "Belysningen vid hållplatsen är släckt sedan en vecka."),
    ("demo-4", "angered", "Angereds centrum", 9, 16, "vandalism", 1, Side.CITY,
     Visibility.SHARED, "Klotter och krossat glas vid entrén mot torget."),
    ("demo-5", "angered", "Hjällbo torg", 3, 22, "violence", 3, Side.POLICE, Visibility.SHARED,
     "Misshandel vid torget, polis på plats, ärendet utreds."),
    ("demo-6", "angered", "Gårdstens centrum", 12, 20, "mopeds-traffic", 1, Side.POLICE,
     Visibility.SHARED, "Mopedåkning på gångbanor runt centrumet."),
    ("demo-7", "ostra-goteborg", "Bergsjöns centrum", 5, 18, "disorder", 2, Side.POLICE,
     Visibility.SHARED, "Ordningsstörningar och berusning vid centrumet."),
    ("demo-8", "angered", "Hjällbo torg", 1, 2, "organised-crime", 3, Side.POLICE,
     Visibility.POLICE_ONLY, "Spaningsuppgift om förråd kopplat till nätverk i området."),
    ("demo-9", "angered", "", 8, 14, "threats", 2, Side.POLICE, Visibility.POLICE_ONLY,
     "Uppgift om hot mot vittne; hanteras inom polisen."),
]  # fmt: skip

# (title, area, owner username, owner side, categories, places, start offset, due offset,
#  status, target, unit, progress entries as (days ago, amount, note))
DEMO_MEASURES = [
    ("Polispatruller vid Hjällbo centrum", "angered", "kommunpolis-nordost", Side.POLICE,
     ["narcotics", "disorder"], ["Hjällbo torg"], -90, 275, MeasureStatus.ONGOING, 200,
     "patruller", [(75, 38, "Kvällspass fredag–lördag"), (45, 45, ""), (15, 41, "")]),
    ("Bättre belysning vid Hammarkullens hållplats", "angered", "samordnare-angered", Side.CITY,
     ["unsafe-places"], ["Hammarkullen spårvagnshållplats"], -60, -10, MeasureStatus.ONGOING,
     None, "", []),
    ("Trygghetsvandringar i Gårdsten", "angered", "samordnare-angered", Side.CITY,
     ["unsafe-places", "youth"], ["Gårdstens centrum"], -30, 60, MeasureStatus.ONGOING, 4,
     "vandringar", [(20, 1, "Med bostadsbolaget och föreningar")]),
    ("Fältassistenter kvällstid vid Angereds centrum", "angered", "samordnare-angered",
     Side.CITY, ["youth"], ["Angereds centrum"], -120, -20, MeasureStatus.DONE, None, "", []),
    ("Samverkan mot öppen narkotikahandel i Bergsjön", "ostra-goteborg", "kommunpolis-nordost",
     Side.POLICE, ["narcotics"], ["Bergsjöns centrum"], -14, 120, MeasureStatus.PLANNED, None,
     "", []),
]  # fmt: skip

AGREEMENT_TITLE = "Samverkansöverenskommelse Nordost 2026–2027"
AGREEMENT_TEXT = (
    "Staden och Polisen samverkar i Angered och Östra Göteborg för att minska den öppna "
    "narkotikahandeln, förebygga att unga rekryteras till kriminalitet och göra otrygga "
    "platser tryggare. Parterna följer upp åtgärderna i den gemensamma lägesbilden."
)


def load_incidents_and_measures() -> None:
    today = timezone.localdate()
    tz = timezone.get_default_timezone()
    areas = {
        a.slug: a for a in CollaborationArea.objects.filter(slug__in=["angered", "ostra-goteborg"])
    }
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    # Categories are reference data from a migration; a flushed test database lacks them.
    import_module("reports.migrations.0002_categories").add_categories(apps, None)
    categories = {c.code: c for c in Category.objects.all()}

    places = {}
    for slug, name, kind, lat, lon, unsafe in DEMO_PLACES:
        place, _ = Place.objects.get_or_create(
            area=areas[slug],
            name=name,
            defaults={"kind": kind, "latitude": lat, "longitude": lon, "unsafe": unsafe},
        )
        places[name] = place

    authors = {Side.CITY: users["samordnare-angered"], Side.POLICE: users["kommunpolis-nordost"]}
    for key, slug, place, days, hour, category, severity, side, visibility, text in DEMO_INCIDENTS:
        when = dt.datetime.combine(today - dt.timedelta(days=days), dt.time(hour, 15), tz)
        Incident.objects.get_or_create(
            area=areas[slug],
            fingerprint=key,
            defaults={
                "place": places.get(place),
                "occurred_at": when,
                "category": categories[category],
                "description": text,
                "severity": severity,
                "reported_side": side,
                "visibility": visibility,
                "created_by": authors[side],
            },
        )

    measures = {}
    for (title, slug, owner, side, codes, place_names, start, due, status, target, unit,
         entries) in DEMO_MEASURES:  # fmt: skip
        # By title alone: `loaddemo --history` moves open measures to Angered's successor.
        measure, created = Measure.objects.get_or_create(
            title=title,
            defaults={
                "area": areas[slug],
                "owner_side": side,
                "owner_user": users[owner],
                "start_date": today + dt.timedelta(days=start),
                "due_date": today + dt.timedelta(days=due),
                "status": status,
                "target": target,
                "target_unit": unit,
                "created_by": users[owner],
            },
        )
        if created:
            measure.categories.set([categories[code] for code in codes])
            measure.places.set([places[name] for name in place_names])
            MeasureProgress.objects.bulk_create(
                MeasureProgress(
                    measure=measure,
                    date=today - dt.timedelta(days=days_ago),
                    amount=decimal.Decimal(amount),
                    note=note,
                    recorded_by=users[owner],
                )
                for days_ago, amount, note in entries
            )
        measures[title] = measure

    agreement, created = Agreement.objects.get_or_create(
        title=AGREEMENT_TITLE,
        defaults={
            "valid_from": dt.date(2026, 1, 1),
            "valid_to": dt.date(2027, 12, 31),
            "signatories": "Stadsdelsdirektör, Angered\nStadsdelsdirektör, Östra Göteborg\n"
            "Lokalpolisområdeschef, LPO Nordost",
            "signed_on": dt.date(2025, 12, 15),
            "text": AGREEMENT_TEXT,
            "created_by": users["utvecklingsledare"],
        },
    )
    if created:
        agreement.areas.set([areas["angered"], areas["ostra-goteborg"]])
        agreement.categories.set([categories[c] for c in ("narcotics", "youth", "unsafe-places")])
    for slug, text, title, published in [
        ("hjallbo-200-patruller", "Minst 200 polispatruller vid Hjällbo centrum",
         "Polispatruller vid Hjällbo centrum", True),
        ("gardsten-trygghetsvandringar", "Fyra trygghetsvandringar i Gårdsten under året",
         "Trygghetsvandringar i Gårdsten", False),
    ]:  # fmt: skip
        promise, created = CitizenPromise.objects.get_or_create(
            slug=slug, defaults={"agreement": agreement, "text": text, "published": published}
        )
        if created:
            promise.measures.set([measures[title]])


# --- Situation reports ---


def _demo_report(area, author, period, *, status, level, trend, summary, places, assessments,
                 acknowledger=None, comment="", view_differs=False):  # fmt: skip
    """One demo report, made once: an existing report of that area, side and period is kept."""
    existing = area.reports.regular().filter(side=author.side, period_start=period.start).first()
    if existing is not None:
        return existing
    report = report_create(
        area=area,
        actor=author,
        period=period,
        fields={"level": level, "trend": trend, "summary": summary, "places_text": places},
        assessments={
            code: {"level": lvl, "trend": tr, "note": note}
            for code, (lvl, tr, note) in assessments.items()
        },
    )
    # Set the states directly: loading the demo notifies nobody.
    if status != ReportStatus.DRAFT:
        report.status = status
        report.shared_at = timezone.now()
    if status == ReportStatus.ACKNOWLEDGED:
        report.acknowledged_by = acknowledger
        report.acknowledged_at = timezone.now()
        report.acknowledgement_comment = comment
        report.view_differs = view_differs
    report.save()
    return report


def load_reports() -> None:
    """Angered: both sides' shared reports for last week, each acknowledged by the other side,
    and the city's draft for this week. Centrum: a shared city report for last week."""
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    coordinator, officer = users["samordnare-angered"], users["kommunpolis-nordost"]
    angered = CollaborationArea.objects.get(slug="angered")
    centrum = CollaborationArea.objects.get(slug="centrum")
    today = timezone.localdate()
    this_week = angered.period_containing(today)
    last_week = this_week.previous()
    _demo_report(
        angered, coordinator, last_week, status=ReportStatus.ACKNOWLEDGED, level=3,
        trend=Trend.WORSE,
        summary="Oroligt kring Hjällbo torg på kvällarna, med fler ungdomsgrupper än tidigare.\n"
                "Skolorna rapporterar oro i sociala medier efter helgen.",
        places="Hjällbo torg: grupper samlas efter kl. 21.\nGårdstens centrum: dålig belysning vid gångtunneln.",
        assessments={
            "youth": (3, Trend.WORSE, "Fler grupper, yngre än tidigare."),
            "unsafe-places": (3, Trend.UNCHANGED, "Belysningen vid gångtunneln är fortfarande trasig."),
            "social-media": (3, Trend.WORSE, "Hotfulla inlägg riktade mot en skola."),
            "narcotics": (2, Trend.UNCHANGED, ""),
        },
        acknowledger=officer, comment="Vi delar bilden. Polisen ökar närvaron vid torget.",
    )  # fmt: skip
    _demo_report(
        angered, officer, last_week, status=ReportStatus.ACKNOWLEDGED, level=3,
        trend=Trend.UNCHANGED,
        summary="Öppen narkotikaförsäljning vid Hammarkullens hållplats; ingen ökning av våldet.",
        places="Hammarkullen spårvagnshållplats.",
        assessments={
            "narcotics": (4, Trend.WORSE, "Öppen försäljning dagtid."),
            "violence": (2, Trend.UNCHANGED, ""),
            "youth": (3, Trend.UNCHANGED, "Rekryteringsförsök iakttagna."),
        },
        acknowledger=coordinator,
        comment="Vi ser inte samma narkotikaläge från skolorna; vår bild skiljer sig något.",
        view_differs=True,
    )  # fmt: skip
    _demo_report(
        angered, coordinator, this_week, status=ReportStatus.DRAFT, level=2,
        trend=Trend.BETTER,
        summary="Lugnare veckan efter den ökade närvaron. Utkast: fylls på före fredag.",
        places="",
        assessments={"youth": (2, Trend.BETTER, "Färre grupper vid torget.")},
    )  # fmt: skip
    _demo_report(
        centrum, users["samordnare-centrum"], centrum.period_containing(today).previous(),
        status=ReportStatus.SHARED, level=2, trend=Trend.UNCHANGED,
        summary="Normalt läge i centrum. Ordningsstörningar kring Brunnsparken på fredagskvällar.",
        places="Brunnsparken.",
        assessments={"disorder": (3, Trend.UNCHANGED, "Berusning fredag och lördag kväll.")},
    )  # fmt: skip
    # Last week's joint picture in Angered: a joint summary both sides have signed.
    now = timezone.now()
    JointPicture.objects.get_or_create(
        area=angered,
        period_start=last_week.start,
        defaults={
            "period_kind": last_week.cadence,
            "period_end": last_week.end,
            "summary": "Båda sidor ser oro kring Hjällbo torg och Hammarkullens hållplats. "
            "Polisen ökar närvaron på kvällarna; staden lagar belysningen vid gångtunneln.",
            "version": 2,
            "updated_by": coordinator,
            "updated_at": now,
            "city_signed_by": coordinator,
            "city_signed_at": now,
            "police_signed_by": officer,
            "police_signed_at": now,
        },
    )


# --- Reminders and notifications ---


def load_notifications() -> None:
    """Today's reminders for the demo users, shown at /notifications/ but never mailed (the
    demo addresses do not exist): the sweep claims them, and they are marked as sent."""
    claimed = [
        notification.pk for _reminder, notification in reminders_sweep(today=timezone.localdate())
    ]
    Notification.objects.filter(pk__in=claimed, sent_at__isnull=True).update(sent_at=timezone.now())


def start_exchange_at_first_report(areas=None) -> None:
    """The demo's areas started exchanging in the portal with their first demo report (never
    before they began), so completeness counts from there, as it would after a real launch."""
    areas = CollaborationArea.objects.all() if areas is None else areas
    first = dict(
        SituationReport.objects.filter(area__in=areas)
        .order_by()
        .values("area_id")
        .annotate(first=Min("period_start"))
        .values_list("area_id", "first")
    )
    for area in areas:
        day = first.get(area.pk)
        if day is not None and day < area.exchange_started_on:
            area.exchange_started_on = max(day, area.valid_from)
            area.save(update_fields=["exchange_started_on"])
