"""How the two sides' reports of a joint picture differ: one function for the page and its PDF.

`compare(by_side)` takes the shared reports of an area and period by side (from
`access.joint_picture_reports`, assessments prefetched) and gives each category's row with
every way the two sides differ (levels differ, rated by one side only, trends differ), the
overall row's differences, and how many rows differ. The joint picture's page
(`reports.picture_views`) and its PDF (`documents.pdfs`) both show exactly this, so the PDF
flags what the page marks.
"""

from accounts.models import Side

from .models import CategoryAssessment

# Every way two assessments can differ, in the order the page and the PDF name them.
KINDS = ("levels_differ", "one_sided", "trends_differ")


def _rated(assessment) -> bool:
    return bool(assessment and (assessment.level or assessment.trend or assessment.note))


def differences(city, police) -> dict:
    """How two assessments (or reports) differ, when both sides have shared: levels differ,
    one side rated a level and the other did not, trends differ."""
    if city is None or police is None:
        return {}
    city_level, police_level = (city.level or None), (police.level or None)
    return {
        "levels_differ": bool(city_level and police_level and city_level != police_level),
        "one_sided": bool(city_level) != bool(police_level),
        "trends_differ": bool(city.trend and police.trend and city.trend != police.trend),
    }


def _kinds(found: dict) -> list[str]:
    return [kind for kind in KINDS if found.get(kind)]


def picture_rows(by_side: dict) -> list[dict]:
    """One row per category: each side's assessment, and every way they differ (`kinds`,
    and each kind as a flag). A row neither side rated is marked `rated` False."""
    assessments = {
        side: {a.category.code: a for a in report.assessments.all()}
        for side, report in by_side.items()
    }
    categories = {
        a.category.code: a.category for r in by_side.values() for a in r.assessments.all()
    }
    both = Side.CITY in by_side and Side.POLICE in by_side
    empty = CategoryAssessment(level=None, trend="", note="")
    rows = []
    for category in sorted(categories.values(), key=lambda c: (c.order, c.code)):
        city = assessments.get(Side.CITY, {}).get(category.code)
        police = assessments.get(Side.POLICE, {}).get(category.code)
        found = differences(city or empty, police or empty) if both else {}
        rows.append(
            {
                "category": category,
                "city": city,
                "police": police,
                "rated": _rated(city) or _rated(police),
                "differs": any(found.values()),
                "kinds": _kinds(found),
                **found,
            }
        )
    return rows


def compare(by_side: dict) -> dict:
    """The joint picture's comparison of both sides' reports, for its page and its PDF."""
    city, police = by_side.get(Side.CITY), by_side.get(Side.POLICE)
    rows = picture_rows(by_side)
    overall = differences(city, police)
    overall_differs = any(overall.values())
    return {
        "city": city,
        "police": police,
        "overall": {**overall, "kinds": _kinds(overall)},
        "overall_differs": overall_differs,
        "rows": [r for r in rows if r["rated"]],
        "unrated_rows": [r for r in rows if not r["rated"]],
        "differences_count": sum(r["differs"] for r in rows) + overall_differs,
    }
