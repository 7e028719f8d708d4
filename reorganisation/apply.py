"""Applying a checked plan, in one transaction, one section at a time.

Structure: every predecessor district and collaboration area ends the day before the effective
date and the successors begin on it, each new area paired with its police area. People and
schedules: the successors get the predecessors' members, directors and exchange schedule.
Open work: open measures (planned or ongoing) move to the successor and agreements still in
force also cover it. Reports, incidents, places and closed measures stay with the area they
belong to: a successor's history is its predecessors' records, reached through the lineage
(`CollaborationArea.history()`).

Predecessors keep their members and directors as the record of who worked there then; the
same people are members of the successor from its first day.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from districts.models import CollaborationArea, District, PoliceArea, Reorganisation
from measures.models import OPEN_STATUSES, Agreement, Measure
from reorganisation.checks import check_plan
from reorganisation.plans import AreaPlan, Plan, PlanError
from tryggportal.lib import data_version

# The exchange schedule a successor copies from its predecessor.
SCHEDULE_FIELDS = [
    "cadence",
    "due_weekday",
    "due_day_of_month",
    "remind_days_before",
    "grace_days",
    "review_days",
    "max_days_between",
    # The exchange goes on across the change: the successor's completeness is then counted
    # from its first day (its validity), not from the day the plan happened to be applied.
    "exchange_started_on",
]


@dataclass
class Outcome:
    reorganisation: Reorganisation | None
    changes: list[str]
    dry_run: bool


def reorganisation_apply(*, plan: Plan, dry_run: bool = False) -> Outcome:
    """Apply the plan in one transaction, or PlanError and no change at all.

    A dry run goes through every step and rolls it back, so what it reports is exactly what a
    real run would do.
    """
    changes: list[str] = []
    with transaction.atomic():
        # Lock the districts (never an empty table, unlike the reorganisations) so that a second
        # run waits for the first and then sees it in its checks.
        list(District.objects.select_for_update().values_list("pk", flat=True))
        problems = check_plan(plan)
        if problems:
            raise PlanError(problems)
        changes.append(
            _("“%(name)s”: the old structure ends %(last)s, the new one begins %(first)s.")
            % {
                "name": plan.name,
                "last": plan.last_day.isoformat(),
                "first": plan.effective_on.isoformat(),
            }
        )
        districts = _create_districts(plan, changes)
        successors_of = _create_areas(plan, districts, changes)
        for old, successors in successors_of.items():
            _end_area(old, plan.last_day, changes)
            _hand_over_open_work(old, successors, plan, changes)
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
        else:
            data_version.bump()  # measures moved with update(), which sends no signal
    return Outcome(reorganisation=reorganisation, changes=changes, dry_run=dry_run)


# --- Structure: successors begin, predecessors end ----------------------------------------


def _end(thing, last_day: dt.date) -> bool:
    """End `thing` on `last_day`; one already ending then (the seed's districts) stays as it is."""
    if thing.valid_to is not None and thing.valid_to <= last_day:
        return False
    thing.valid_to = last_day
    thing.save(update_fields=["valid_to"])
    return True


def _create_districts(plan: Plan, changes: list[str]) -> dict[str, District]:
    """Create the successor districts and end their predecessors; every district by code."""
    districts = {d.code: d for d in District.objects.all()}
    for d in plan.districts:
        predecessors = [districts[code] for code in d.predecessors]
        district = District.objects.create(
            code=d.code, slug=d.slug, name=d.name, valid_from=plan.effective_on
        )
        district.predecessors.set(predecessors)
        directors = _hand_over_directors(district, predecessors)
        districts[d.code] = district
        changes.append(
            _("New district %(name)s (%(code)s) from %(from)s; directors: %(count)s.")
            % {
                "name": d.name,
                "code": d.code,
                "from": ", ".join(p.name for p in predecessors) or "—",
                "count": directors,
            }
        )
        for old in predecessors:
            if _end(old, plan.last_day):
                changes.append(
                    _("District %(name)s ends %(day)s.")
                    % {"name": old.name, "day": plan.last_day.isoformat()}
                )
    return districts


def _create_areas(
    plan: Plan, districts: dict[str, District], changes: list[str]
) -> dict[CollaborationArea, list[CollaborationArea]]:
    """Create the successor areas; each predecessor with its successors, in the plan's order."""
    old_areas = {a.slug: a for a in CollaborationArea.objects.all()}
    police_areas = {p.code: p for p in PoliceArea.objects.all()}
    successors_of: dict[CollaborationArea, list[CollaborationArea]] = {}
    for a in plan.areas:
        predecessors = [old_areas[slug] for slug in a.predecessors]
        schedule = old_areas[a.schedule_from or a.predecessors[0]] if predecessors else None
        area = CollaborationArea.objects.create(
            slug=a.slug,
            name=a.name,
            district=districts[a.district],
            police_area=police_areas[a.police_area],
            valid_from=plan.effective_on,
            **_schedule_of(schedule),
        )
        area.predecessors.set(predecessors)
        members = _hand_over_members(area, a, predecessors)
        for old in predecessors:
            successors_of.setdefault(old, []).append(area)
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
                "count": members,
                "schedule": schedule.name if schedule else "—",
            }
        )
    return successors_of


def _end_area(old: CollaborationArea, last_day: dt.date, changes: list[str]) -> None:
    if _end(old, last_day):
        changes.append(
            _("Collaboration area %(name)s ends %(day)s.")
            % {"name": old.name, "day": last_day.isoformat()}
        )


# --- People and schedules: members, directors, exchange schedule --------------------------


def _hand_over_directors(district: District, predecessors: list[District]) -> int:
    """The predecessors' directors direct the successor too; how many they are."""
    directors = {u for p in predecessors for u in p.directors.all()}
    district.directors.add(*directors)
    return len(directors)


def _hand_over_members(
    area: CollaborationArea, plan: AreaPlan, predecessors: list[CollaborationArea]
) -> int:
    """The plan's members, or by default every predecessor's, join the successor; how many."""
    members: QuerySet[User]
    if plan.members is None:
        members = User.objects.filter(areas__in=predecessors).distinct()
    else:
        members = User.objects.filter(username__in=plan.members)
    area.members.add(*members)
    return len(members)


def _schedule_of(area: CollaborationArea | None) -> dict:
    """The exchange schedule a successor copies (none without a predecessor: the defaults)."""
    return {f: getattr(area, f) for f in SCHEDULE_FIELDS} if area else {}


# --- Open work: measures and agreements ---------------------------------------------------


def _hand_over_open_work(
    old: CollaborationArea, successors: list[CollaborationArea], plan: Plan, changes: list[str]
) -> None:
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
