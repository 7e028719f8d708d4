"""Demo content: the municipality's yearly situation picture and action plan for Göteborg, a
decided 2025 version and a 2027 draft, both made from the demo data and marked as demo.

The demo's incidents and reports lie in the weeks before loading, so both versions cover the
12 months up to the loading day (a real one covers the year before its decision); the decided
one is decided on the loading day and frozen then, as deciding any version freezes it."""

import datetime as dt

from django.utils import timezone

from accounts.models import User
from situation_pictures import services
from situation_pictures.models import ActionPlanItem, SituationPicture

DECIDED_TEXTS = {
    "other_information": (
        "DEMO – framtagen ur portalens demodata, inte ett verkligt beslut.\n"
        "Skolorna i Angered och Östra Göteborg beskriver fler konflikter på rasterna, och "
        "handlarna vid Angereds centrum upplever otrygghet kvällstid."
    ),
    "analysis": (
        "DEMO – framtagen ur portalens demodata.\n"
        "Den öppna narkotikahandeln vid torgen drar till sig unga och håller i gång "
        "rekryteringen; dålig belysning och få vuxna ute på kvällarna gör platserna otrygga."
    ),
}
DRAFT_TEXTS = {
    "other_information": "DEMO – utkast ur portalens demodata.",
    "analysis": "",
}
# (text, owner, months after loading)
ACTIONS = [
    ("Trygghetsvandringar vid Angereds centrum varje kvartal", "Stadsområde Nordost", 3),
    ("Bättre belysning vid Hjällbo torg och gångtunnlarna", "Fastighetsägarna och staden", 6),
    (
        "Vuxna på plats vid skolorna i Östra Göteborg kvällstid",
        "Stadsområde Nordost och polisen",
        9,
    ),
]


def _picture(year: int, texts: dict, lead: User, today: dt.date) -> SituationPicture:
    picture, _created = SituationPicture.objects.get_or_create(
        year=year,
        district=None,
        defaults={
            "window_start": today - dt.timedelta(days=365),
            "window_end": today,
            "created_by": lead,
            **texts,
        },
    )
    if not picture.action_items.exists():
        for order, (text, owner, months) in enumerate(ACTIONS, start=1):
            ActionPlanItem.objects.create(
                picture=picture,
                order=order,
                text=text,
                owner=owner,
                due_date=today + dt.timedelta(days=30 * months),
            )
    return picture


def load_situation_pictures() -> None:
    """Idempotent: a decided version stays as it was; the draft is made once."""
    lead = User.objects.get(username="utvecklingsledare")
    today = timezone.localdate()
    decided = _picture(2025, DECIDED_TEXTS, lead, today)
    if not decided.is_decided:
        services.situation_picture_decide(
            picture=decided,
            decided_on=today,
            deciding_body="Kommunstyrelsen (demo)",
            reference="DEMO-2025-001",
            actor=lead,
        )
    _picture(2027, DRAFT_TEXTS, lead, today)
