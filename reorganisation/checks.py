"""Whether a plan can be applied to the database as it is now, one section of the plan at a time:
the plan as a whole (applied before? overlapping?), its successor districts, its successor areas,
and what it would leave behind (active areas without a successor, members without an area)."""

import datetime as dt

from django.utils.translation import gettext as _

from accounts.models import User
from districts.models import (
    MAX_GENERATIONS,
    CollaborationArea,
    District,
    PoliceArea,
    Reorganisation,
)
from reorganisation.plans import AreaPlan, Plan


def check_plan(plan: Plan) -> list[str]:
    """Every reason the plan cannot be applied to the database as it is now; empty when it can."""
    applied = Reorganisation.objects.filter(plan_hash=plan.checksum).first()
    if applied:
        return [
            _("This plan was already applied on %(day)s (“%(name)s”); it is not applied twice.")
            % {"day": f"{applied.applied_at:%Y-%m-%d}", "name": applied.name}
        ]
    problems = _overlap_problems(plan)
    districts = {d.code: d for d in District.objects.all()}
    problems += _district_problems(plan, districts)
    areas = {a.slug: a for a in CollaborationArea.objects.select_related("district")}
    problems += _area_problems(plan, districts, areas)
    problems += _left_behind_problems(plan, areas)
    return problems


def _predecessor_problem(old, last_day: dt.date, *, missing: str, ended: str) -> str | None:
    """Why a predecessor (a district or an area) cannot end on `last_day`, or None when it can:
    `missing` when it does not exist, `ended` (about its name and the day) when it is not valid
    on that day."""
    if old is None:
        return missing
    if not old.is_valid_on(last_day):
        return ended % {"name": old.name, "day": last_day.isoformat()}
    return None


def _depth(area: CollaborationArea) -> int:
    """How many reorganisations back the area's lineage goes."""
    depth, level = 0, {area.pk}
    while level:
        level = set(
            CollaborationArea.objects.filter(successors__in=level).values_list("pk", flat=True)
        )
        depth += 1 if level else 0
    return depth


# --- The plan as a whole ------------------------------------------------------------------


def _overlap_problems(plan: Plan) -> list[str]:
    later = Reorganisation.objects.filter(effective_on__gte=plan.effective_on).first()
    if not later:
        return []
    return [
        _(
            "The plan overlaps the reorganisation “%(name)s”, effective %(day)s: a new plan "
            "must take effect after the last one applied."
        )
        % {"name": later.name, "day": later.effective_on.isoformat()}
    ]


# --- Successor districts ------------------------------------------------------------------


def _district_problems(plan: Plan, old_districts: dict[str, District]) -> list[str]:
    problems = []
    new_codes, new_slugs = set(), set()
    for d in plan.districts:
        if d.code in old_districts or d.code in new_codes:
            problems.append(_("District code %(code)s is already taken.") % {"code": d.code})
        if District.objects.filter(slug=d.slug).exists() or d.slug in new_slugs:
            problems.append(_("District address %(slug)s is already taken.") % {"slug": d.slug})
        new_codes.add(d.code)
        new_slugs.add(d.slug)
        for code in d.predecessors:
            problem = _predecessor_problem(
                old_districts.get(code),
                plan.last_day,
                missing=_("District %(code)s (predecessor of %(name)s) does not exist.")
                % {"code": code, "name": d.name},
                ended=_("District %(name)s does not exist on %(day)s, so it cannot end then."),
            )
            if problem:
                problems.append(problem)
    return problems


# --- Successor areas ----------------------------------------------------------------------


def _area_problems(
    plan: Plan, old_districts: dict[str, District], old_areas: dict[str, CollaborationArea]
) -> list[str]:
    problems = []
    new_codes = {d.code for d in plan.districts}
    ending_districts = {code for d in plan.districts for code in d.predecessors}
    police_areas = {p.code: p for p in PoliceArea.objects.all()}
    effective = plan.effective_on.isoformat()
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
                    % {"name": a.name, "code": a.district, "day": effective}
                )
        police_area = police_areas.get(a.police_area)
        if police_area is None or not police_area.is_valid_on(plan.effective_on):
            problems.append(
                _("Area %(name)s: police area %(code)s does not exist on %(day)s.")
                % {"name": a.name, "code": a.police_area, "day": effective}
            )
        for slug in a.predecessors:
            old = old_areas.get(slug)
            problem = _predecessor_problem(
                old,
                plan.last_day,
                missing=_("Area %(slug)s (predecessor of %(name)s) does not exist.")
                % {"slug": slug, "name": a.name},
                ended=_("Area %(name)s does not exist on %(day)s, so it cannot end then."),
            )
            if problem:
                problems.append(problem)
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
    return problems


# --- What the plan would leave behind -----------------------------------------------------


def _left_behind_problems(plan: Plan, old_areas: dict[str, CollaborationArea]) -> list[str]:
    problems = []
    last_day = plan.last_day
    ending_districts = {code for d in plan.districts for code in d.predecessors}
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
                % {"name": area.name, "day": last_day.isoformat()}
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
