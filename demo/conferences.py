"""Demo content: the fifth annual joint conference (2019). Earlier years' themes are not
recorded here on purpose: we do not know them, so we do not invent them."""

import datetime as dt

from conferences.models import Conference, OwnerSide, ParticipantGroup, Priority, PriorityStatus
from reports.models import Category

OUTCOMES = [
    "Stärka det förebyggande arbetet på alla nivåer, med skolan i fokus.",
    "Full fokus på att bekämpa narkotika med alla tillgängliga resurser.",
    "En tydlig plan för återgången till samhället, klar innan frigivningen.",
]

# (title, linked category codes); each follows one outcome and awaits a decision in 2020.
PRIORITIES = [
    ("Förebyggande arbete på alla nivåer med skolan i fokus", ["school", "youth"]),
    ("Narkotikabekämpning med alla tillgängliga resurser", ["narcotics"]),
    ("Plan för återgång i samhället före frigivning", ["organised-crime"]),
]


def load_conferences() -> Conference:
    """Idempotent: running it again changes nothing."""
    conference, _created = Conference.objects.update_or_create(
        year=2019,
        defaults={
            "date": dt.date(2019, 11, 14),
            "venue": "Gårdsten",
            "title": "Femte årliga konferensen i Trygg i Göteborg",
            "theme": "Organiserad brottslighet ur ett narkotikaperspektiv",
            "participant_groups": [
                ParticipantGroup.DISTRICT_DIRECTORS,
                ParticipantGroup.POLICE_CHIEFS,
                ParticipantGroup.COMMUNITY_OFFICERS,
                ParticipantGroup.SAFETY_COORDINATORS,
            ],
            "summary": (
                "Stadsdelsdirektörer, polischefer, kommunpoliser och trygghetssamordnare möttes "
                "i Gårdsten för att diskutera organiserad brottslighet ur ett "
                "narkotikaperspektiv. Diskussionerna ledde fram till tre prioriteringar som "
                "föreslogs för beslut under det följande året."
            ),
        },
    )
    conference.focus_categories.set(Category.objects.filter(code="narcotics"))
    for order, text in enumerate(OUTCOMES, start=1):
        conference.outcomes.update_or_create(order=order, defaults={"text": text})
    for order, (title, codes) in enumerate(PRIORITIES, start=1):
        priority, created = Priority.objects.get_or_create(
            conference=conference,
            title=title,
            defaults={
                "order": order,
                "description": "Föreslagen vid konferensen 2019; beslut fattas under 2020.",
                "status": PriorityStatus.PROPOSED,
                "decision_date": dt.date(2020, 12, 31),
                "owner_side": OwnerSide.JOINT,
            },
        )
        if created:
            priority.categories.set(Category.objects.filter(code__in=codes))
    return conference
