"""The home page of those who lead rather than file: directors (city) and police chiefs.

Three parts, each built from the user's scoped querysets (each topic's `access.py`):
- the overview's headline for their reach: the cards of the areas they reach today, most in
  need first (dashboards/cards.py), and a line of counts;
- what changed since their previous sign-in (from the audit log; the last week when there was
  none): reports shared, acknowledged or revised in their reach;
- what awaits them: their side's reports overdue in their reach (by the one rule of what an
  area owes, as on the dashboard) and measures they own that are overdue.

A fixed number of queries, whatever the data size.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent, User
from dashboards.cards import area_cards, cards_html
from dashboards.overview import area_overview
from districts import access as districts_access
from incidents import access as incidents_access
from measures import access as measures_access
from reports import access as reports_access
from reports.models import ReportRevision, SituationReport

# Changes listed on the home page; the rest are in the report list.
CHANGES_SHOWN = 10
# Without an earlier sign-in to count from, the home page looks this far back.
DEFAULT_SINCE = dt.timedelta(days=7)
CARD_MONTHS = 3  # the cards link to the area dashboards with this window


@dataclass
class Change:
    at: dt.datetime
    kind: str  # shared, acknowledged, revised
    report: SituationReport

    @property
    def url(self) -> str:
        return self.report.get_absolute_url()


def previous_sign_in(user: User) -> dt.datetime | None:
    """When the user signed in before this session: the second latest sign-in in the audit
    log (the latest is this session's)."""
    found = (
        AuditEvent.objects.filter(user=user, action=AuditAction.SIGN_IN)
        .order_by("-at")
        .values_list("at", flat=True)[1:2]
    )
    return next(iter(found), None)


def changes_since(user: User, since: dt.datetime) -> tuple[list[Change], bool]:
    """Reports shared, acknowledged or revised in the user's reach since `since`, newest
    first, at most CHANGES_SHOWN (and whether there were more); two queries."""
    reports = reports_access.shared_reports_visible_to(user)
    # Acknowledged after shared: the later of the two is the acknowledgement when there is one.
    latest = (
        reports.filter(Q(shared_at__gt=since) | Q(acknowledged_at__gt=since))
        .select_related("area")
        .order_by(Coalesce("acknowledged_at", "shared_at").desc(), "-pk")[: CHANGES_SHOWN + 1]
    )
    events = []
    for report in latest:
        if report.shared_at and report.shared_at > since:
            events.append(Change(report.shared_at, "shared", report))
        if report.acknowledged_at and report.acknowledged_at > since:
            events.append(Change(report.acknowledged_at, "acknowledged", report))
    revisions = (
        ReportRevision.objects.filter(report__in=reports, changed_at__gt=since)
        .select_related("report__area")
        .order_by("-changed_at")[: CHANGES_SHOWN + 1]
    )
    events += [Change(r.changed_at, "revised", r.report) for r in revisions]
    events.sort(key=lambda change: change.at, reverse=True)
    return events[:CHANGES_SHOWN], len(events) > CHANGES_SHOWN


def reader_home(user: User, today: dt.date, now: dt.datetime) -> dict:
    """The context of a director's or chief's home."""
    areas = districts_access.areas_visible_to(user).valid_on(today)
    rows = area_overview(
        areas,
        reports_access.shared_reports_visible_to(user),
        measures=measures_access.measures_visible_to(user),
        today=today,
    )
    cards = area_cards(
        rows,
        pictures=reports_access.joint_pictures_visible_to(user),
        incidents=incidents_access.incidents_visible_to(user),
        today=today,
    )
    previous = previous_sign_in(user)
    since = previous or now - DEFAULT_SINCE
    changes, more = changes_since(user, since)
    return {
        "cards_html": cards_html(cards, CARD_MONTHS),
        "headline": {
            "areas": len(rows),
            "serious": sum(1 for card in cards if card.need == 0),
            "elevated": sum(1 for card in cards if card.need == 1),
            "overdue": sum(1 for row in rows if row.overdue_count),
        },
        "since": since,
        "since_sign_in": previous is not None,
        "changes": changes,
        "more_changes": more,
        "awaiting": {
            "overdue": [row for row in rows if row.overdue.get(user.side)],
            "measures": list(measures_access.overdue_measures_for(user, today)),
        },
        "dashboard_url": reverse("dashboard"),
    }
