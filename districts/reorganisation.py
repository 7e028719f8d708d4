"""Reorganisations: a YAML plan ends districts and collaboration areas and creates successors.

A plan (see `plans/goteborg-2021.yaml`) names its effective date, the successor districts and
the successor collaboration areas, each with its predecessors. Applying it, in one
transaction: ends every predecessor the day before the effective date, creates the successors
valid from it, pairs each new area with its police area, gives the successors the
predecessors' members, directors and exchange schedule, moves open measures (planned or
ongoing) to the successor and adds the successor to agreements still in force. Reports,
incidents, places and closed measures stay with the area they belong to: a successor's history
is its predecessors' records, reached through the lineage (`CollaborationArea.history()`).

Predecessors keep their members and directors as the record of who worked there then; the
same people are members of the successor from its first day.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import yaml
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from districts.models import (
    MAX_GENERATIONS,
    CollaborationArea,
    District,
    PoliceArea,
    Reorganisation,
)

# The exchange schedule a successor copies from its predecessor.
SCHEDULE_FIELDS = [
    "cadence",
    "due_weekday",
    "due_day_of_month",
    "remind_days_before",
    "grace_days",
    "review_days",
    "max_days_between",
]
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


# --- Parsing ------------------------------------------------------------------------------


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


# --- Checking -----------------------------------------------------------------------------


def _depth(area: CollaborationArea) -> int:
    """How many reorganisations back the area's lineage goes."""
    depth, level = 0, {area.pk}
    while level:
        level = set(
            CollaborationArea.objects.filter(successors__in=level).values_list("pk", flat=True)
        )
        depth += 1 if level else 0
    return depth


def _label(day: dt.date) -> str:
    return day.isoformat()


def check_plan(plan: Plan) -> list[str]:
    """Every reason the plan cannot be applied to the database as it is now; empty when it can."""
    problems: list[str] = []
    applied = Reorganisation.objects.filter(plan_hash=plan.checksum).first()
    if applied:
        return [
            _("This plan was already applied on %(day)s (“%(name)s”); it is not applied twice.")
            % {"day": f"{applied.applied_at:%Y-%m-%d}", "name": applied.name}
        ]
    later = Reorganisation.objects.filter(effective_on__gte=plan.effective_on).first()
    if later:
        problems.append(
            _(
                "The plan overlaps the reorganisation “%(name)s”, effective %(day)s: a new plan "
                "must take effect after the last one applied."
            )
            % {"name": later.name, "day": _label(later.effective_on)}
        )
    last_day = plan.last_day

    # Successor districts.
    old_districts = {d.code: d for d in District.objects.all()}
    new_codes, new_slugs = set(), set()
    for d in plan.districts:
        if d.code in old_districts or d.code in new_codes:
            problems.append(_("District code %(code)s is already taken.") % {"code": d.code})
        if District.objects.filter(slug=d.slug).exists() or d.slug in new_slugs:
            problems.append(_("District address %(slug)s is already taken.") % {"slug": d.slug})
        new_codes.add(d.code)
        new_slugs.add(d.slug)
        for code in d.predecessors:
            old = old_districts.get(code)
            if old is None:
                problems.append(
                    _("District %(code)s (predecessor of %(name)s) does not exist.")
                    % {"code": code, "name": d.name}
                )
            elif not old.is_valid_on(last_day):
                problems.append(
                    _("District %(name)s does not exist on %(day)s, so it cannot end then.")
                    % {"name": old.name, "day": _label(last_day)}
                )
    ending_districts = {code for d in plan.districts for code in d.predecessors}

    # Successor areas.
    old_areas = {a.slug: a for a in CollaborationArea.objects.select_related("district")}
    police_areas = {p.code: p for p in PoliceArea.objects.all()}
    area_slugs = set()
    for a in plan.areas:
        if a.slug in old_areas or a.slug in area_slugs:
            problems.append(_("Area address %(slug)s is already taken.") % {"slug": a.slug})
        area_slugs.add(a.slug)
        if a.district not in new_codes:
            district = old_districts.get(a.district)
            if district is None:
                problems.append(
                    _("Area %(name)s: district %(code)s does not exist.")
                    % {"name": a.name, "code": a.district}
                )
            elif a.district in ending_districts or not district.is_valid_on(plan.effective_on):
                problems.append(
                    _("Area %(name)s: district %(code)s has ended by %(day)s.")
                    % {"name": a.name, "code": a.district, "day": _label(plan.effective_on)}
                )
        police_area = police_areas.get(a.police_area)
        if police_area is None or not police_area.is_valid_on(plan.effective_on):
            problems.append(
                _("Area %(name)s: police area %(code)s does not exist on %(day)s.")
                % {"name": a.name, "code": a.police_area, "day": _label(plan.effective_on)}
            )
        for slug in a.predecessors:
            old = old_areas.get(slug)
            if old is None:
                problems.append(
                    _("Area %(slug)s (predecessor of %(name)s) does not exist.")
                    % {"slug": slug, "name": a.name}
                )
            elif not old.is_valid_on(last_day):
                problems.append(
                    _("Area %(name)s does not exist on %(day)s, so it cannot end then.")
                    % {"name": old.name, "day": _label(last_day)}
                )
            elif _depth(old) + 1 > MAX_GENERATIONS:
                problems.append(
                    _("Area %(name)s already has %(count)s generations of predecessors.")
                    % {"name": old.name, "count": MAX_GENERATIONS}
                )
        if a.schedule_from and a.schedule_from not in a.predecessors:
            problems.append(
                _("Area %(name)s: schedule_from must name one of its predecessors.")
                % {"name": a.name}
            )
        if a.members:
            known = set(
                User.objects.filter(username__in=a.members).values_list("username", flat=True)
            )
            for username in sorted(set(a.members) - known):
                problems.append(
                    _("Area %(name)s: no user %(username)s.")
                    % {"name": a.name, "username": username}
                )
    ending_areas = {slug for a in plan.areas for slug in a.predecessors}

    # Nothing active may be left without a successor.
    active = CollaborationArea.objects.valid_on(last_day).select_related("district")
    for area in active:
        if area.district.code in ending_districts and area.slug not in ending_areas:
            problems.append(
                _(
                    "Area %(name)s is active on %(day)s but its district ends and the plan gives "
                    "it no successor."
                )
                % {"name": area.name, "day": _label(last_day)}
            )

    # Nobody may be left without an area.
    successors_of: dict[str, list[AreaPlan]] = {}
    for a in plan.areas:
        for slug in a.predecessors:
            successors_of.setdefault(slug, []).append(a)
    for slug, successors in sorted(successors_of.items()):
        area = old_areas.get(slug)
        if area is None:
            continue
        for member in area.members.order_by("username"):
            if not any(s.members is None or member.username in s.members for s in successors):
                problems.append(
                    _("Member %(username)s of %(area)s would be left without an area.")
                    % {"username": member.username, "area": area.name}
                )
    return problems


# --- Applying -----------------------------------------------------------------------------


@dataclass
class Outcome:
    reorganisation: Reorganisation | None
    changes: list[str]
    dry_run: bool


def _end(thing, last_day: dt.date) -> bool:
    """End `thing` on `last_day`; one already ending then (the seed's districts) stays as it is."""
    if thing.valid_to is not None and thing.valid_to <= last_day:
        return False
    thing.valid_to = last_day
    thing.save(update_fields=["valid_to"])
    return True


def reorganisation_apply(*, plan: Plan, dry_run: bool = False) -> Outcome:
    """Apply the plan in one transaction, or PlanError and no change at all.

    A dry run goes through every step and rolls it back, so what it reports is exactly what a
    real run would do.
    """
    from measures.models import OPEN_STATUSES, Agreement, Measure

    changes: list[str] = []
    with transaction.atomic():
        # Lock the districts (never an empty table, unlike the reorganisations) so that a second
        # run waits for the first and then sees it in its checks.
        list(District.objects.select_for_update().values_list("pk", flat=True))
        problems = check_plan(plan)
        if problems:
            raise PlanError(problems)
        last_day = plan.last_day
        changes.append(
            _("“%(name)s”: the old structure ends %(last)s, the new one begins %(first)s.")
            % {"name": plan.name, "last": _label(last_day), "first": _label(plan.effective_on)}
        )
        districts = {d.code: d for d in District.objects.all()}
        for d in plan.districts:
            predecessors = [districts[code] for code in d.predecessors]
            district = District.objects.create(
                code=d.code, slug=d.slug, name=d.name, valid_from=plan.effective_on
            )
            district.predecessors.set(predecessors)
            directors = {u for p in predecessors for u in p.directors.all()}
            district.directors.add(*directors)
            districts[d.code] = district
            changes.append(
                _("New district %(name)s (%(code)s) from %(from)s; directors: %(count)s.")
                % {
                    "name": d.name,
                    "code": d.code,
                    "from": ", ".join(p.name for p in predecessors) or "—",
                    "count": len(directors),
                }
            )
            for old in predecessors:
                if _end(old, last_day):
                    changes.append(
                        _("District %(name)s ends %(day)s.")
                        % {"name": old.name, "day": _label(last_day)}
                    )

        old_areas = {a.slug: a for a in CollaborationArea.objects.all()}
        police_areas = {p.code: p for p in PoliceArea.objects.all()}
        successors_of: dict[str, list[CollaborationArea]] = {}
        for a in plan.areas:
            predecessors = [old_areas[slug] for slug in a.predecessors]
            schedule = old_areas[a.schedule_from or a.predecessors[0]] if predecessors else None
            area = CollaborationArea.objects.create(
                slug=a.slug,
                name=a.name,
                district=districts[a.district],
                police_area=police_areas[a.police_area],
                valid_from=plan.effective_on,
                **{f: getattr(schedule, f) for f in SCHEDULE_FIELDS if schedule},
            )
            area.predecessors.set(predecessors)
            if a.members is None:
                members = User.objects.filter(areas__in=predecessors).distinct()
            else:
                members = User.objects.filter(username__in=a.members)
            area.members.add(*members)
            for old in predecessors:
                successors_of.setdefault(old.slug, []).append(area)
            changes.append(
                _(
                    "New collaboration area %(name)s (%(district)s with %(police)s) from "
                    "%(from)s; members: %(count)s; schedule of %(schedule)s."
                )
                % {
                    "name": a.name,
                    "district": area.district.name,
                    "police": area.police_area.name,
                    "from": ", ".join(p.name for p in predecessors) or "—",
                    "count": len(members),
                    "schedule": schedule.name if schedule else "—",
                }
            )

        for slug, successors in successors_of.items():
            old = old_areas[slug]
            if _end(old, last_day):
                changes.append(
                    _("Collaboration area %(name)s ends %(day)s.")
                    % {"name": old.name, "day": _label(last_day)}
                )
            # A split hands open work to the first successor the plan names.
            heir = successors[0]
            moved = Measure.objects.filter(area=old, status__in=OPEN_STATUSES).update(area=heir)
            if moved:
                changes.append(
                    _("Open measures moved from %(old)s to %(new)s: %(count)s.")
                    % {"count": moved, "old": old.name, "new": heir.name}
                )
            in_force = Agreement.objects.filter(areas=old).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=plan.effective_on)
            )
            for agreement in in_force:
                agreement.areas.add(*successors)
                changes.append(
                    _("Agreement “%(title)s” now also covers %(areas)s.")
                    % {"title": agreement.title, "areas": ", ".join(s.name for s in successors)}
                )
        changes.append(_("Reports, incidents, places and closed measures stay where they are."))
        reorganisation = Reorganisation.objects.create(
            name=plan.name,
            effective_on=plan.effective_on,
            plan_text=plan.text,
            plan_hash=plan.checksum,
            summary="\n".join(changes),
        )
        if dry_run:
            transaction.set_rollback(True)
            reorganisation = None
    return Outcome(reorganisation=reorganisation, changes=changes, dry_run=dry_run)
