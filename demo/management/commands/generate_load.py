"""`manage.py generate_load --areas N --years Y`: a realistic data set for benchmarks.

For each of N collaboration areas over Y years: weekly situation reports of both sides (most
shared on time, some late, a few missing) with category assessments, about 40 incidents a week
(a tenth of them police-only) at the area's places, measures with targets and dated progress,
and one agreement per police area with a citizen promise. Ten years of 50 areas are 52,000
reports and about a million incidents.

The bench's personas (`bench-samordnare`, `bench-kommunpolis`, `bench-direktor`,
`bench-polischef`, `bench-utvecklingsledare`) work in the first areas, whose last weeks hold a
to-do as a real one does: drafts, overdue periods, the other side's reports awaiting
acknowledgement, joint summaries awaiting a signature, overdue measures, and ten years of read
notifications with a few unread. The to-do is the same at every size (`TODO`), so pages show
the same work, and run the same queries, at one year and at ten.

Rows are written with PostgreSQL's COPY (or bulk_create on other databases) in large batches,
with ids assigned here so that children can point at their parents without reading them back.
Every column the generator does not set gets the model field's default, so fields other issues
add with a default do not break it.
"""

import datetime as dt
import io
import random
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import Role, Side, User
from districts import periods
from districts.models import CollaborationArea, District, PoliceArea
from incidents.models import Incident, Place
from measures.models import Agreement, CitizenPromise, Measure, MeasureProgress, MeasureStatus
from notifications.models import Notification, NotificationKind
from reports.models import (
    Category,
    CategoryAssessment,
    JointPicture,
    ReportStatus,
    SituationReport,
)
from tryggportal.lib import data_version

BATCH = 50_000
AREAS_PER_POLICE_AREA = 5
PLACES_PER_AREA = 15
INCIDENTS_PER_WEEK = 40
CATEGORIES_PER_REPORT = 6
MEASURES_PER_MONTH = 2
SLUG_PREFIX = "load-"
DRAFT, SHARED = ReportStatus.DRAFT, ReportStatus.SHARED
MISSING = None
# The bench personas' last weeks, (area number, side) -> {weeks back: status}, 0 the current
# week (which the history otherwise leaves unstarted); MISSING is a period never started.
# Weeks 2 and more back are past their due day on any schedule: overdue when not shared.
TODO = {
    (1, Side.CITY): {0: DRAFT, 2: MISSING, 3: DRAFT},
    (2, Side.CITY): {2: DRAFT},
    (3, Side.CITY): {1: SHARED, 2: SHARED},
    (1, Side.POLICE): {0: DRAFT, 1: SHARED, 2: SHARED},
    (2, Side.POLICE): {1: SHARED, 3: MISSING},
    (3, Side.POLICE): {2: DRAFT, 4: MISSING},
}
# Joint summaries awaiting a signature: (area number, weeks back, side that has signed).
UNSIGNED_PICTURES = [(1, 4, Side.POLICE), (2, 4, Side.CITY), (3, 3, None)]
# username, role, side, member of areas (numbers); the director and the chief reach the first
# police area's five areas through their districts and police area.
PERSONAS = [
    ("bench-samordnare", Role.COORDINATOR, Side.CITY, [1, 2]),
    ("bench-kommunpolis", Role.COMMUNITY_OFFICER, Side.POLICE, [1, 2, 3]),
    ("bench-direktor", Role.DIRECTOR, Side.CITY, []),
    ("bench-polischef", Role.POLICE_CHIEF, Side.POLICE, []),
    ("bench-utvecklingsledare", Role.DEVELOPMENT_LEAD, Side.CITY, []),
]
PLACE_NAMES = [
    ("Centrum", "square"), ("Torget", "square"), ("Skolan", "school"), ("Parken", "park"),
    ("Hållplatsen", "stop"), ("Stationen", "stop"), ("Gården", "yard"), ("Idrottsplatsen", "other"),
    ("Biblioteket", "other"), ("Badplatsen", "park"), ("Fritidsgården", "other"),
    ("Gångtunneln", "other"), ("Parkeringen", "other"), ("Vårdcentralen", "other"),
    ("Lekplatsen", "park"),
]  # fmt: skip
SUMMARIES = [
    "Lugnt i området. Fortsatt fokus på centrum kvällstid.",
    "Oro kring ungdomsgrupperingar vid torget; ökad närvaro planeras.",
    "Skadegörelse vid skolan under helgen; fastighetsägaren informerad.",
    "Öppen narkotikaförsäljning vid hållplatsen; gemensam insats pågår.",
]


def _copy_value(value) -> str:
    """A value in PostgreSQL's COPY text format."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "")
        )
    return text


class Writer:
    """Inserts rows given as tuples of chosen fields; other columns get their defaults."""

    def __init__(self, model, fields: list[str]):
        self.model = model
        self.fields = fields
        self.rows = []
        self.count = 0
        concrete = list(model._meta.concrete_fields)
        by_attname = {f.attname: f for f in concrete}
        unknown = set(fields) - set(by_attname)
        if unknown:
            raise CommandError(f"{model.__name__} has no field {sorted(unknown)}")
        now = timezone.now()
        self.defaults = {}
        for field in concrete:
            if field.attname in fields or isinstance(field, models.AutoField | models.BigAutoField):
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults[field.attname] = now
            elif field.has_default():
                self.defaults[field.attname] = field.get_default()
            elif field.null:
                self.defaults[field.attname] = None
            elif isinstance(field, models.CharField | models.TextField):
                self.defaults[field.attname] = ""
            else:
                raise CommandError(f"generate_load does not know what to put in {field}")
        self.columns = [by_attname[name].column for name in fields] + [
            by_attname[name].column for name in self.defaults
        ]
        self.tail = tuple(self.defaults.values())

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if connection.vendor == "postgresql":
            tail = "\t".join(_copy_value(value) for value in self.tail)
            buffer = io.StringIO()
            for row in self.rows:
                line = "\t".join(_copy_value(value) for value in row)
                buffer.write(f"{line}\t{tail}\n" if self.tail else f"{line}\n")
            buffer.seek(0)
            columns = ", ".join(f'"{column}"' for column in self.columns)
            with connection.cursor() as cursor:
                cursor.cursor.copy_expert(
                    f'COPY "{self.model._meta.db_table}" ({columns}) FROM STDIN', buffer
                )
        else:
            names = self.fields + list(self.defaults)
            self.model.objects.bulk_create(
                [self.model(**dict(zip(names, row + self.tail, strict=True))) for row in self.rows],
                batch_size=1000,
            )
        self.count += len(self.rows)
        self.rows = []


def next_id(model) -> int:
    return (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1


def reset_sequences(*model_list) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite continues from the highest id by itself
    with connection.cursor() as cursor:
        for model in model_list:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
            )


class Command(BaseCommand):
    help = (
        "Generate a realistic load data set (areas, reports, incidents, measures) for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--areas", type=int, default=50)
        parser.add_argument("--years", type=float, default=1)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--incidents-per-week", type=int, default=INCIDENTS_PER_WEEK, dest="incidents"
        )
        parser.add_argument(
            "--force", action="store_true", help="run even with DEBUG off (a benchmark database)"
        )

    def handle(self, *args, areas, years, seed, incidents, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "generate_load refuses to run with DEBUG off unless --force: it is for benchmark "
                "databases, never production."
            )
        if CollaborationArea.objects.filter(slug__startswith=SLUG_PREFIX).exists():
            raise CommandError("Load data exists already: generate it into a fresh database.")
        self.random = random.Random(seed)
        self.today = timezone.localdate()
        self.weeks = max(1, round(years * 52))
        self.incidents_per_week = incidents
        self.categories = list(Category.objects.values_list("pk", flat=True))
        if not self.categories:
            raise CommandError("No categories: run migrate first.")
        started = timezone.now()
        with transaction.atomic():
            self.make_structure(areas)
            self.make_places()
            self.make_reports()
            self.make_incidents()
            self.make_measures()
            self.make_people()
            data_version.bump()  # COPY sends no signal: cached dashboards are of no data
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            f"Generated {areas} areas over {self.weeks} weeks in {seconds:.1f} s: "
            + ", ".join(f"{count} {name}" for name, count in self.counts.items())
        )

    # --- Structure: districts, police areas, areas, authors -------------------------------

    def make_structure(self, count: int) -> None:
        start = self.today - dt.timedelta(weeks=self.weeks + 1)
        self.counts = {}
        police_areas = []
        for number in range(1, (count - 1) // AREAS_PER_POLICE_AREA + 2):
            police_areas.append(
                PoliceArea.objects.create(
                    name=f"Last-LPO {number:02d}",
                    code=f"LOAD-LPO-{number:02d}",
                    slug=f"{SLUG_PREFIX}lpo-{number:02d}",
                    valid_from=start,
                )
            )
        self.city_author, _ = User.objects.get_or_create(
            username="load-samordnare",
            defaults={"side": Side.CITY, "role": Role.COORDINATOR, "first_name": "Last"},
        )
        self.police_author, _ = User.objects.get_or_create(
            username="load-kommunpolis",
            defaults={"side": Side.POLICE, "role": Role.COMMUNITY_OFFICER, "first_name": "Last"},
        )
        self.areas = []
        for number in range(1, count + 1):
            district = District.objects.create(
                name=f"Last-stadsdel {number:02d}",
                code=f"LOAD-SDN-{number:02d}",
                slug=f"{SLUG_PREFIX}sdn-{number:02d}",
                valid_from=start,
            )
            area = CollaborationArea.objects.create(
                name=f"Lastområde {number:02d}",
                slug=f"{SLUG_PREFIX}{number:02d}",
                district=district,
                police_area=police_areas[(number - 1) // AREAS_PER_POLICE_AREA],
                valid_from=start,
                exchange_started_on=start,  # the generated history is all in the portal
            )
            area.members.add(self.city_author, self.police_author)
            self.areas.append(area)
        self.counts["areas"] = count

    def make_places(self) -> None:
        writer = Writer(Place, ["id", "area_id", "name", "kind", "unsafe"])
        pk = next_id(Place)
        self.places = {}
        for area in self.areas:
            self.places[area.pk] = []
            for index, (name, kind) in enumerate(PLACE_NAMES[:PLACES_PER_AREA]):
                writer.add((pk, area.pk, f"{name} {area.name[-2:]}", kind, index % 4 == 0))
                self.places[area.pk].append(pk)
                pk += 1
        writer.flush()
        reset_sequences(Place)
        self.counts["places"] = writer.count

    # --- Reports and their category assessments -----------------------------------------

    def make_reports(self) -> None:
        reports = Writer(
            SituationReport,
            [
                "id", "area_id", "side", "period_kind", "period_start", "period_end", "status",
                "level", "trend", "summary", "created_by_id", "updated_by_id", "created_at",
                "updated_at", "shared_at", "acknowledged_by_id", "acknowledged_at",
            ],
        )  # fmt: skip
        assessments = Writer(
            CategoryAssessment, ["id", "report_id", "category_id", "level", "trend"]
        )
        pk, assessment_pk = next_id(SituationReport), next_id(CategoryAssessment)
        rnd = self.random
        tz = timezone.get_default_timezone()
        current = periods.period_containing(periods.WEEKLY, self.today)
        self.report_ids = {}  # (area number, side, weeks back) -> id, for the to-do's rows
        for number, area in enumerate(self.areas, start=1):
            for side, author, other in (
                (Side.CITY, self.city_author, self.police_author),
                (Side.POLICE, self.police_author, self.city_author),
            ):
                level = rnd.randint(1, 3)
                planned = TODO.get((number, side), {})
                period = current
                for week in range(self.weeks + 1):
                    # The current week (0) only when the to-do plans it, the history after it.
                    period = period.previous() if week else period
                    draw = rnd.random()
                    status = planned.get(week, "history" if week else MISSING)
                    if status is MISSING or (status == "history" and draw < 0.03):
                        continue  # missing
                    previous_level = level
                    level = min(4, max(1, level + rnd.choice((-1, 0, 0, 0, 1))))
                    trend = (
                        "worse"
                        if level > previous_level
                        else "better"
                        if level < previous_level
                        else "unchanged"
                    )
                    due = area.due_date(period)
                    late_days = rnd.randint(1, 6) if draw < 0.13 else 0
                    shared_at = dt.datetime.combine(
                        due + dt.timedelta(days=late_days - rnd.randint(0, 2) * (not late_days)),
                        dt.time(rnd.randint(8, 16), rnd.randint(0, 59)),
                        tzinfo=tz,
                    )
                    acknowledged = shared_at + dt.timedelta(days=1)
                    is_acknowledged = acknowledged.date() < self.today and status == "history"
                    if status == DRAFT:
                        shared_at = None
                        state = ReportStatus.DRAFT
                    elif is_acknowledged:
                        state = ReportStatus.ACKNOWLEDGED
                    else:
                        state = ReportStatus.SHARED
                    created = (shared_at or timezone.now()) - dt.timedelta(days=1)
                    reports.add(
                        (
                            pk, area.pk, side, periods.WEEKLY, period.start, period.end,
                            state, level, trend, SUMMARIES[level - 1], author.pk, author.pk,
                            created, shared_at or created, shared_at,
                            other.pk if is_acknowledged else None,
                            acknowledged if is_acknowledged else None,
                        )
                    )  # fmt: skip
                    self.report_ids[(number, side, week)] = pk
                    for category in rnd.sample(self.categories, CATEGORIES_PER_REPORT):
                        category_level = min(4, max(1, level + rnd.choice((-1, 0, 0, 1))))
                        assessments.add(
                            (assessment_pk, pk, category, category_level, rnd.choice(TRENDS))
                        )
                        assessment_pk += 1
                    pk += 1
            reports.flush()  # reports before their assessments (foreign keys)
            assessments.flush()
        reset_sequences(SituationReport, CategoryAssessment)
        self.counts["reports"] = reports.count
        self.counts["category assessments"] = assessments.count

    # --- Incidents -----------------------------------------------------------------------

    def make_incidents(self) -> None:
        writer = Writer(
            Incident,
            [
                "area_id", "place_id", "occurred_at", "category_id", "description", "severity",
                "reported_side", "visibility", "created_by_id", "created_at", "updated_at",
            ],
        )  # fmt: skip
        rnd = self.random
        now = timezone.now()
        seconds = self.weeks * 7 * 24 * 3600
        # Some categories are far more common than others, as in real logs.
        weights = [1 / (index + 1) for index in range(len(self.categories))]
        for area in self.areas:
            places = self.places[area.pk]
            total = self.weeks * self.incidents_per_week
            categories = rnd.choices(self.categories, weights=weights, k=total)
            for index in range(total):
                occurred = now - dt.timedelta(seconds=rnd.randrange(seconds))
                police = rnd.random() < 0.4
                writer.add(
                    (
                        area.pk,
                        rnd.choice(places) if rnd.random() < 0.8 else None,
                        occurred,
                        categories[index],
                        "Händelse vid platsen, anmäld och dokumenterad.",
                        rnd.choice((1, 1, 2, 2, 3)),
                        Side.POLICE if police else Side.CITY,
                        "police_only" if police and rnd.random() < 0.25 else "shared",
                        (self.police_author if police else self.city_author).pk,
                        occurred,
                        occurred,
                    )
                )
        writer.flush()
        self.counts["incidents"] = writer.count

    # --- Measures, progress, agreements and citizen promises -------------------------------

    def make_measures(self) -> None:
        measures = Writer(
            Measure,
            [
                "id", "area_id", "title", "description", "owner_side", "start_date", "due_date",
                "status", "target", "target_unit", "created_by_id",
            ],
        )  # fmt: skip
        progress = Writer(
            MeasureProgress, ["measure_id", "date", "amount", "note", "recorded_by_id"]
        )
        rnd = self.random
        pk = next_id(Measure)
        months = max(1, round(self.weeks * 12 / 52))
        promised = {}  # police area id -> measure ids for its promise
        for area in self.areas:
            for month in range(months):
                for number in range(MEASURES_PER_MONTH):
                    start = self.today - dt.timedelta(days=30 * (months - month))
                    due = start + dt.timedelta(days=rnd.choice((30, 60, 90)))
                    if due < self.today - dt.timedelta(days=30):
                        status = rnd.choice((MeasureStatus.DONE,) * 9 + (MeasureStatus.CANCELLED,))
                    elif start > self.today - dt.timedelta(days=14):
                        status = MeasureStatus.PLANNED
                    else:
                        status = MeasureStatus.ONGOING
                    side = Side.CITY if number % 2 == 0 else Side.POLICE
                    target = Decimal(rnd.choice((20, 50, 100, 200))) if number == 0 else None
                    measures.add(
                        (
                            pk, area.pk, f"Åtgärd {month + 1}.{number + 1} i {area.name}",
                            "Gemensam insats enligt lägesbilden.", side, start, due, status,
                            target, "patruller" if target else "",
                            (self.city_author if side == Side.CITY else self.police_author).pk,
                        )
                    )  # fmt: skip
                    if target:
                        day = start
                        while day <= min(due, self.today):
                            progress.add(
                                (pk, day, Decimal(rnd.randint(1, 10)), "", self.police_author.pk)
                            )
                            day += dt.timedelta(days=7)
                        if month >= months - 3:
                            promised.setdefault(area.police_area_id, []).append(pk)
                    pk += 1
        measures.flush()
        progress.flush()
        reset_sequences(Measure)
        self.counts["measures"] = measures.count
        self.counts["progress entries"] = progress.count
        for police_area in PoliceArea.objects.filter(pk__in=promised):
            agreement = Agreement.objects.create(
                title=f"Samverkansöverenskommelse {police_area.name}",
                valid_from=self.today.replace(month=1, day=1),
                signatories="Stadsdelsdirektör och lokalpolisområdeschef",
                signed_on=self.today.replace(month=1, day=1),
                text="Gemensamma prioriteringar för året.",
                created_by=self.city_author,
            )
            agreement.areas.set(police_area.areas.all())
            promise = CitizenPromise.objects.create(
                agreement=agreement,
                slug=f"{police_area.slug}-patruller",
                text="Minst 200 polispatruller i områdets centrum under året.",
                published=True,
            )
            promise.measures.set(promised[police_area.pk])
        self.counts["agreements"] = len(promised)

    # --- The bench personas and their to-do -------------------------------------------------

    def make_people(self) -> None:
        """The personas (PERSONAS) in the first areas, the joint summaries they have to sign,
        and their notifications: one read per week and area for the other side's share, and
        an unread one per open item (overdue period, report awaiting acknowledgement)."""
        first_police_area = self.areas[0].police_area
        people = {}
        for username, role, side, numbers in PERSONAS:
            numbers = [number for number in numbers if number <= len(self.areas)]
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={"role": role, "side": side, "first_name": "Bench", "last_name": role},
            )
            user.areas.set([self.areas[number - 1] for number in numbers])
            people[username] = (user, numbers)
        director = people["bench-direktor"][0]
        director.directed_districts.set(
            [area.district for area in self.areas if area.police_area == first_police_area]
        )
        people["bench-polischef"][0].led_police_areas.set([first_police_area])
        current = periods.period_containing(periods.WEEKLY, self.today)
        now = timezone.now()
        for number, back, signed in UNSIGNED_PICTURES:
            if number > len(self.areas):
                continue
            period = current
            for _ in range(back):
                period = period.previous()
            JointPicture.objects.create(
                area=self.areas[number - 1],
                period_kind=periods.WEEKLY,
                period_start=period.start,
                period_end=period.end,
                summary="Gemensam bild: lugnare vid torget, oro kring skolan kvällstid.",
                city_signed_by=self.city_author if signed == Side.CITY else None,
                city_signed_at=now if signed == Side.CITY else None,
                police_signed_by=self.police_author if signed == Side.POLICE else None,
                police_signed_at=now if signed == Side.POLICE else None,
            )
        writer = Writer(
            Notification,
            [
                "recipient_id", "kind", "area_id", "side", "period_kind", "period_start",
                "period_end", "due_date", "report_id", "occurrence", "link", "created_at",
                "read_at", "sent_at",
            ],
        )  # fmt: skip
        for user, numbers in people.values():
            other = Side.POLICE if user.side == Side.CITY else Side.CITY
            for number in numbers:
                area = self.areas[number - 1]
                period = current
                for week in range(self.weeks + 1):
                    period = period.previous() if week else period
                    pk = self.report_ids.get((number, other, week))
                    status = TODO.get((number, other), {}).get(week, "history")
                    if pk is not None and status != DRAFT:  # the other side shared it
                        at = dt.datetime.combine(period.end, dt.time(12), tzinfo=now.tzinfo)
                        open_item = status == SHARED  # awaiting our acknowledgement
                        writer.add(
                            (
                                user.pk, NotificationKind.REVIEW_PENDING if open_item
                                else NotificationKind.SHARED, area.pk, other, periods.WEEKLY,
                                period.start, period.end, None, pk, f"report-{pk}",
                                f"/reports/{pk}/", at, None if open_item else at, at,
                            )
                        )  # fmt: skip
                    own = TODO.get((number, user.side), {}).get(week, "history")
                    if week >= 2 and own in (MISSING, DRAFT):  # our side's period is overdue
                        link = f"/reports/new/?area={area.slug}&period={period.key}"
                        writer.add(
                            (
                                user.pk, NotificationKind.OVERDUE, area.pk, user.side,
                                periods.WEEKLY, period.start, period.end, area.due_date(period),
                                None, "", link, now, None, now,
                            )
                        )  # fmt: skip
        writer.flush()
        self.counts["bench personas"] = len(people)
        self.counts["notifications"] = writer.count


TRENDS = ["better", "unchanged", "unchanged", "worse"]
