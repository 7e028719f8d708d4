"""`loaddemo --history`: two years of the old districts, the 2021 reorganisation, and the city
areas since, so the demo shows one history across the change. Idempotent: reports that exist
are left alone and the plan is applied once.

Reports are made directly (shared, most acknowledged) because the reports demo has no loader
for past years; names describe roles, never real people.
"""

import datetime as dt
import random

from django.utils import timezone

from accounts.models import Role, Side, User
from demo.content import start_exchange_at_first_report
from districts.models import CollaborationArea, Reorganisation
from measures.models import Measure, MeasureStatus
from reorganisation.apply import reorganisation_apply
from reorganisation.plans import PLANS_DIR, parse_plan
from reports.models import ReportStatus, SituationReport, Trend

HISTORY_FROM = dt.date(2019, 1, 1)
GOTEBORG_2021 = PLANS_DIR / "goteborg-2021.yaml"

# Members for the districts the main demo leaves empty, so every old area has both sides:
# username, side, role, areas
HISTORY_USERS = [
    ("samordnare-ostra-goteborg", Side.CITY, Role.COORDINATOR, ["ostra-goteborg"]),
    ("samordnare-majorna-linne", Side.CITY, Role.COORDINATOR, ["majorna-linne"]),
    ("samordnare-orgryte-harlanda", Side.CITY, Role.COORDINATOR, ["orgryte-harlanda"]),
    ("samordnare-askim-frolunda-hogsbo", Side.CITY, Role.COORDINATOR, ["askim-frolunda-hogsbo"]),
    ("samordnare-vastra-goteborg", Side.CITY, Role.COORDINATOR, ["vastra-goteborg"]),
    ("samordnare-lundby", Side.CITY, Role.COORDINATOR, ["lundby"]),
    ("samordnare-norra-hisingen", Side.CITY, Role.COORDINATOR, ["norra-hisingen"]),
    ("samordnare-vastra-hisingen", Side.CITY, Role.COORDINATOR, ["vastra-hisingen"]),
    (
        "kommunpolis-city",
        Side.POLICE,
        Role.COMMUNITY_OFFICER,
        ["centrum", "majorna-linne", "orgryte-harlanda"],
    ),
    (
        "kommunpolis-syd",
        Side.POLICE,
        Role.COMMUNITY_OFFICER,
        ["askim-frolunda-hogsbo", "vastra-goteborg"],
    ),
    (
        "kommunpolis-hisingen",
        Side.POLICE,
        Role.COMMUNITY_OFFICER,
        ["lundby", "norra-hisingen", "vastra-hisingen"],
    ),
]

SUMMARIES = [
    "Lugnt i området. Enstaka klotter vid hållplatserna, sanerat inom ett dygn.",
    "Normalt läge. Ungdomar samlas kvällstid vid torget; fältarbetare på plats.",
    "Förhöjt läge efter inbrott i förråd; gemensam trygghetsvandring planerad.",
    "Oro kring narkotikaförsäljning vid centrumanläggningen; polisen har ökat närvaron.",
    "Läget har förbättrats sedan belysningen i gångtunneln byttes.",
]


def create_history_users(password: str) -> list[User]:
    users = []
    for username, side, role, slugs in HISTORY_USERS:
        first, _, last = username.partition("-")
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first.capitalize(),
                "last_name": last.replace("-", " ").title(),
                "email": f"{username}@demo.tryggportal.invalid",
                "side": side,
                "role": role,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.areas.add(*CollaborationArea.objects.filter(slug__in=slugs))
        users.append(user)
    return users


def _author(area: CollaborationArea, side: str) -> User | None:
    return area.members.filter(side=side).order_by("username").first()


def create_history_reports(areas, start: dt.date, end: dt.date) -> int:
    """Shared reports of both sides for every period of each area due within [start, end]
    while the area exists."""
    made = []
    for area in areas:
        existing = set(
            SituationReport.objects.filter(area=area).values_list("period_start", "side")
        )
        rng = random.Random(area.slug)  # the same demo every time
        authors = {side: _author(area, side) for side in (Side.CITY, Side.POLICE)}
        level = 2
        period = area.period_containing(max(start, area.valid_from))
        while area.due_date(period) <= end:
            due = area.due_date(period)
            if not area.is_valid_on(due):  # a period straddling the change belongs to one side
                period = period.next()
                continue
            level = min(4, max(1, level + rng.choice([-1, 0, 0, 0, 1])))
            for side in (Side.CITY, Side.POLICE):
                author = authors[side]
                if author is None or (period.start, side) in existing:
                    continue
                shared_at = timezone.make_aware(dt.datetime.combine(due, dt.time(15)))
                made.append(
                    SituationReport(
                        area=area,
                        side=side,
                        period_kind=area.cadence,
                        period_start=period.start,
                        period_end=period.end,
                        status=ReportStatus.ACKNOWLEDGED,
                        level=level,
                        trend=rng.choice(list(Trend.values)),
                        summary=rng.choice(SUMMARIES),
                        created_by=author,
                        updated_by=author,
                        shared_at=shared_at,
                        acknowledged_by=authors[Side(side).other],
                        acknowledged_at=shared_at + dt.timedelta(days=1),
                    )
                )
            period = period.next()
    SituationReport.objects.bulk_create(made, batch_size=500)
    return len(made)


def create_history_measures() -> None:
    """In Angered, one measure finished in 2020 (it stays) and one still ongoing (it moves)."""
    angered = CollaborationArea.objects.get(slug="angered")
    author = _author(angered, Side.CITY)
    for title, status, due in [
        ("Ny belysning i gångtunneln vid Hjällbo torg", MeasureStatus.DONE, dt.date(2020, 6, 30)),
        (
            "Trygghetsvandringar i Hammarkullen varje månad",
            MeasureStatus.ONGOING,
            dt.date(2027, 6, 30),
        ),
    ]:
        Measure.objects.get_or_create(
            title=title,
            defaults={
                "area": angered,
                "owner_side": Side.CITY,
                "owner_user": author,
                "start_date": dt.date(2020, 2, 1),
                "due_date": due,
                "status": status,
                "created_by": author,
            },
        )


def load_history(password: str, today: dt.date | None = None) -> str:
    """The demo's history across Göteborg's 2021 reorganisation; returns a line to print."""
    today = today or timezone.localdate()
    plan = parse_plan(GOTEBORG_2021.read_text(encoding="utf-8"))
    create_history_users(password)
    count = 0
    if not Reorganisation.objects.filter(plan_hash=plan.checksum).exists():
        old = CollaborationArea.objects.valid_on(plan.last_day).filter(
            slug__in=[slug for area in plan.areas for slug in area.predecessors]
        )
        count += create_history_reports(old, HISTORY_FROM, plan.last_day)
        start_exchange_at_first_report(list(old))  # the successors carry it on
        create_history_measures()
        reorganisation_apply(plan=plan)
    successors = CollaborationArea.objects.filter(slug__in=[a.slug for a in plan.areas])
    last_due = today - dt.timedelta(days=7)
    count += create_history_reports(successors, plan.effective_on, last_due)
    return f"History: {count} reports added; {plan.name} applied."
