"""Demo data before Göteborg's 2021 reorganisation, for the reorganisation tests.

`load_demo_2020` loads the demo (`loaddemo`), gives every old area members on both sides, a year
of shared reports (and one draft), incidents, an open and a closed measure and an agreement,
so applying the real plan has everything to carry over or leave in place.
"""

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from accounts.models import Side, User
from demo.history import GOTEBORG_2021, create_history_reports, create_history_users
from districts.models import CollaborationArea

PLAN = str(GOTEBORG_2021)


def reorganise(*args: str) -> str:
    out = io.StringIO()
    call_command("reorganise", *args, stdout=out)
    return out.getvalue()


def write_plan(tmp_path, text: str) -> str:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def real_plan_text() -> str:
    return GOTEBORG_2021.read_text(encoding="utf-8")


def load_demo_2020(settings) -> dict:
    from incidents.models import Incident
    from measures.models import Agreement, Measure, MeasureStatus
    from reports.models import Category, ReportStatus, SituationReport

    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    settings.DEBUG = False
    create_history_users("trygg-demo")
    areas = CollaborationArea.objects.valid_on(dt.date(2020, 12, 31))
    create_history_reports(areas, dt.date(2020, 7, 1), dt.date(2020, 12, 31))
    angered = CollaborationArea.objects.get(slug="angered")
    coordinator = User.objects.get(username="samordnare-angered")
    SituationReport.objects.get_or_create(
        area=angered,
        side=Side.CITY,
        period_start=dt.date(2020, 6, 1),
        defaults={
            "period_kind": angered.cadence,
            "period_end": dt.date(2020, 6, 7),
            "status": ReportStatus.DRAFT,
            "level": 2,
            "trend": "unchanged",
            "summary": "Utkast som aldrig delades.",
            "created_by": coordinator,
            "updated_by": coordinator,
        },
    )
    category = Category.objects.first()
    for area in (angered, CollaborationArea.objects.get(slug="ostra-goteborg")):
        Incident.objects.create(
            area=area,
            occurred_at=timezone.make_aware(dt.datetime(2020, 10, 3, 22, 15)),
            category=category,
            description="Stenkastning mot buss vid hållplatsen.",
            severity=2,
            reported_side=Side.POLICE,
            created_by=User.objects.get(username="kommunpolis-nordost"),
        )
    for title, status in [
        ("Trygghetsvandring", MeasureStatus.ONGOING),
        ("Ny belysning", MeasureStatus.PLANNED),
        ("Klottersanering", MeasureStatus.DONE),
        ("Inställd patrull", MeasureStatus.CANCELLED),
    ]:
        Measure.objects.create(
            area=angered,
            title=title,
            owner_side=Side.CITY,
            start_date=dt.date(2020, 3, 1),
            due_date=dt.date(2021, 6, 30),
            status=status,
            created_by=coordinator,
        )
    in_force = Agreement.objects.create(
        title="Samverkansöverenskommelse Angered 2020–2022",
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2022, 12, 31),
        signatories="Stadsdelsdirektör och lokalpolisområdeschef",
        signed_on=dt.date(2019, 12, 15),
        text="Gemensamma prioriteringar.",
        created_by=coordinator,
    )
    in_force.areas.add(angered)
    expired = Agreement.objects.create(
        title="Samverkansöverenskommelse Angered 2017–2019",
        valid_from=dt.date(2017, 1, 1),
        valid_to=dt.date(2019, 12, 31),
        signatories="Stadsdelsdirektör och lokalpolisområdeschef",
        signed_on=dt.date(2016, 12, 15),
        text="Gemensamma prioriteringar.",
        created_by=coordinator,
    )
    expired.areas.add(angered)
    return {"in_force": in_force, "expired": expired}
