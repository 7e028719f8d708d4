"""A reorganisation plan: the YAML text parsed into dataclasses, its form checked.

A plan (see `plans/goteborg-2021.yaml`) names its effective date, the successor districts and
the successor collaboration areas, each with its predecessors. Whether the database allows it
is `checks.py`'s question; applying it is `apply.py`'s.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

# The plans shipped with the portal.
PLANS_DIR = Path(__file__).resolve().parent / "plans"

PLAN_KEYS = {"name", "effective", "districts", "areas"}
DISTRICT_KEYS = {"code", "slug", "name", "predecessors"}
AREA_KEYS = {"slug", "name", "district", "police_area", "predecessors", "schedule_from", "members"}


class PlanError(Exception):
    """A plan that cannot be applied; `problems` says every reason, one per line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class DistrictPlan:
    code: str
    slug: str
    name: str
    predecessors: list[str] = field(default_factory=list)  # district codes


@dataclass
class AreaPlan:
    slug: str
    name: str
    district: str  # a code: a successor district of this plan or a district that stays
    police_area: str  # a police area code
    predecessors: list[str] = field(default_factory=list)  # area slugs
    schedule_from: str | None = None  # area slug; the first predecessor by default
    members: list[str] | None = None  # usernames; all predecessors' members by default


@dataclass
class Plan:
    name: str
    effective_on: dt.date
    text: str
    districts: list[DistrictPlan]
    areas: list[AreaPlan]

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def last_day(self) -> dt.date:
        """The old structure's last day."""
        return self.effective_on - dt.timedelta(days=1)


def _strings(value, where: str, problems: list[str]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(_("%(where)s: expected a list of names.") % {"where": where})
        return []
    return value


def _entries(data: dict, key: str, keys: set, required: set, problems: list[str]) -> list[dict]:
    entries = data.get(key) or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(_("“%(key)s” must be a list of entries.") % {"key": key})
        return []
    for number, entry in enumerate(entries, start=1):
        where = f"{key}[{number}]"
        for unknown in sorted(set(entry) - keys):
            problems.append(
                _("%(where)s: unknown key “%(key)s”.") % {"where": where, "key": unknown}
            )
        for needed in sorted(required - set(entry)):
            problems.append(_("%(where)s: “%(key)s” is missing.") % {"where": where, "key": needed})
    return entries


def parse_plan(text: str) -> Plan:
    """The plan a YAML text describes, or PlanError saying what is wrong with its form."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise PlanError([_("The plan is not valid YAML: %(error)s") % {"error": error}]) from None
    if not isinstance(data, dict):
        raise PlanError([_("The plan must be a YAML mapping with name, effective and areas.")])
    problems = [
        _("Unknown key “%(key)s” in the plan.") % {"key": key}
        for key in sorted(set(data) - PLAN_KEYS)
    ]
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(_("The plan needs a name."))
    effective = data.get("effective")
    if isinstance(effective, str):
        try:
            effective = dt.date.fromisoformat(effective)
        except ValueError:
            effective = None
    if not isinstance(effective, dt.date) or isinstance(effective, dt.datetime):
        problems.append(_("“effective” must be a date (YYYY-MM-DD)."))
    raw_districts = _entries(data, "districts", DISTRICT_KEYS, {"code", "slug", "name"}, problems)
    raw_areas = _entries(
        data, "areas", AREA_KEYS, {"slug", "name", "district", "police_area"}, problems
    )
    if not raw_areas:
        problems.append(_("The plan creates no collaboration area."))
    if problems:
        raise PlanError(problems)
    districts = [
        DistrictPlan(
            code=str(d["code"]),
            slug=str(d["slug"]),
            name=str(d["name"]),
            predecessors=_strings(d.get("predecessors"), f"districts {d['code']}", problems),
        )
        for d in raw_districts
    ]
    areas = []
    for a in raw_areas:
        members = a.get("members")
        areas.append(
            AreaPlan(
                slug=str(a["slug"]),
                name=str(a["name"]),
                district=str(a["district"]),
                police_area=str(a["police_area"]),
                predecessors=_strings(a.get("predecessors"), f"areas {a['slug']}", problems),
                schedule_from=a.get("schedule_from"),
                members=None
                if members is None
                else _strings(members, f"areas {a['slug']} members", problems),
            )
        )
    if problems:
        raise PlanError(problems)
    return Plan(
        name=name.strip(), effective_on=effective, text=text, districts=districts, areas=areas
    )
