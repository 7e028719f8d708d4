"""After the load test: every acknowledged save must be in the database, every kind of write
must have landed often enough, and the run must meet its goals (loadtest/run.sh sets them).

Prints per kind of write the tries, the saves acknowledged (the redirect that follows a save)
and those found in the database afterwards, then the throughput and p95 from locust's figures,
and PASSED or FAILED against the goals; exits non-zero on FAILED.
"""

import csv
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tryggportal.settings")

import django  # noqa: E402

django.setup()

from incidents.models import Incident  # noqa: E402
from loadtest import flow  # noqa: E402
from reports.models import SituationReport  # noqa: E402

RESULTS = Path(os.environ.get("LOADTEST_RESULTS", "loadtest/results"))
GOALS = {
    "requests_per_second": float(os.environ.get("LOADTEST_GOAL_RPS", "60")),
    "p95_ms": float(os.environ.get("LOADTEST_GOAL_P95_MS", "1000")),
    # Of each kind's tries, at least this share must be acknowledged saves.
    "landed_share": float(os.environ.get("LOADTEST_GOAL_LANDED_SHARE", "0.9")),
    # And each kind at least this many acknowledged saves: a kind that hardly ran tells nothing.
    "acknowledged_per_kind": int(os.environ.get("LOADTEST_GOAL_ACKNOWLEDGED", "50")),
    # Every simulated user signed in and working (a sign-in still waiting at the end is not).
    "users": int(os.environ.get("LOADTEST_USERS", "50")),
}


def found_per_kind(acked: dict) -> dict:
    """How many of each kind's acknowledged saves the database holds. An edit or draft save
    holds when its text is there, or a text sent to the same report after it (the later save's
    answer may have been cut off)."""
    ids = {int(pk) for pk in acked["reports"]} | {int(pk) for pk in acked["edits_sent"]}
    ids |= {int(pk) for pk in acked["shared"]}
    rows = SituationReport.objects.filter(pk__in=ids).values_list("pk", "summary", "status")
    summaries = {pk: summary for pk, summary, _status in rows}
    shared = {pk for pk, _summary, status in rows if status != "draft"}
    sent = acked["edits_sent"]

    def holds(pk, text: str) -> bool:
        later = sent.get(str(pk), [])
        later = later[later.index(text) + 1 :] if text in later else later
        return summaries.get(int(pk)) in {text, *later}

    descriptions = set(
        Incident.objects.filter(description__startswith="Lasttest incident").values_list(
            "description", flat=True
        )
    )
    return {
        flow.NEW_REPORT: sum(holds(pk, text) for pk, text in acked["reports"].items()),
        flow.DRAFT_SAVE: sum(holds(pk, text) for pk, text in acked["draft_saves"]),
        flow.SHARE: sum(int(pk) in shared for pk in acked["shared"]),
        flow.REPORT_EDIT: sum(holds(pk, text) for pk, text in acked["edits"]),
        flow.INCIDENT: sum(text in descriptions for text in acked["incidents"]),
    }


def locust_totals(path: Path) -> dict:
    """The aggregated row of locust's statistics: requests, requests/s, p95 and failures."""
    with path.open(newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["Name"] == "Aggregated")
    return {
        "requests": int(row["Request Count"]),
        "requests_per_second": float(row["Requests/s"]),
        "p95_ms": float(row["95%"]) if row["95%"] not in ("", "N/A") else float("inf"),
        "failures": int(row["Failure Count"]),
    }


def judge(kinds: dict, found: dict, totals: dict, acked: dict, goals: dict = GOALS) -> list[str]:
    """What keeps the run from passing (empty: it passed)."""
    misses = []
    if totals["requests_per_second"] < goals["requests_per_second"]:
        misses.append(
            f"{totals['requests_per_second']:.1f} requests/s < {goals['requests_per_second']:g}"
        )
    if totals["p95_ms"] > goals["p95_ms"]:
        misses.append(f"p95 {totals['p95_ms']:.0f} ms > {goals['p95_ms']:.0f} ms")
    errors = len(acked["server_errors"]) + len(acked.get("no_answer", []))
    if errors:
        misses.append(f"{errors} errors (server errors or no answer)")
    if acked["not_signed_in"]:
        misses.append(f"{len(acked['not_signed_in'])} users not signed in")
    if len(acked["signed_in"]) < goals["users"]:
        misses.append(f"{len(acked['signed_in'])} of {goals['users']} users signed in")
    for kind in flow.WRITE_KINDS:
        tried, saved = kinds[kind]["tried"], kinds[kind]["acknowledged"]
        if found[kind] < saved:
            misses.append(f"{kind}: {saved - found[kind]} acknowledged saves lost")
        if saved < goals["acknowledged_per_kind"]:
            misses.append(f"{kind}: {saved} acknowledged < {goals['acknowledged_per_kind']}")
        if tried and saved < goals["landed_share"] * tried:
            misses.append(f"{kind}: {saved} of {tried} tries landed < {goals['landed_share']:.0%}")
    return misses


def main() -> int:
    acked = json.loads(Path(os.environ.get("LOADTEST_ACKED", RESULTS / "acked.json")).read_text())
    kinds = acked["kinds"]
    found = found_per_kind(acked)
    totals = locust_totals(RESULTS / "locust_stats.csv")

    print(f"users signed in: {len(acked['signed_in'])}, not: {len(acked['not_signed_in'])}")
    print(
        f"requests: {totals['requests']}, {totals['requests_per_second']:.1f}/s "
        f"(goal ≥ {GOALS['requests_per_second']:g}), p95 {totals['p95_ms']:.0f} ms "
        f"(goal ≤ {GOALS['p95_ms']:.0f}), locust failures (incl. saves not acknowledged): "
        f"{totals['failures']}"
    )
    print(
        f"errors: {len(acked['server_errors'])} server errors (5xx), "
        f"{len(acked.get('no_answer', []))} without an answer (goal 0)"
    )
    print(f"{'write':12} {'tried':>7} {'acknowledged':>13} {'found':>7}  other answers")
    for kind in flow.WRITE_KINDS:
        figures = kinds[kind]
        other = ", ".join(f"{answer}: {n}" for answer, n in sorted(figures["refused"].items()))
        print(
            f"{kind:12} {figures['tried']:>7} {figures['acknowledged']:>13} {found[kind]:>7}  "
            f"{other or '–'}"
        )
    misses = judge(kinds, found, totals, acked)
    for miss in misses:
        print(f"  missed: {miss}")
    print("LOAD TEST FAILED" if misses else "LOAD TEST PASSED")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
