"""After the load test: every acknowledged save must be in the database, and no server errors.

Prints the figures and exits non-zero when anything is missing.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tryggportal.settings")

import django  # noqa: E402

django.setup()

from incidents.models import Incident  # noqa: E402
from reports.models import SituationReport  # noqa: E402


def main() -> int:
    path = Path(os.environ.get("LOADTEST_ACKED", "loadtest/results/acked.json"))
    acked = json.loads(path.read_text())
    created = acked["reports"]  # report id -> summary as created
    edits = acked["report_edits"]  # report id -> summary of the last acknowledged edit
    ids = [int(pk) for pk in {*created, *edits}]
    summaries = dict(SituationReport.objects.filter(pk__in=ids).values_list("pk", "summary"))
    missing_reports = [pk for pk in created if int(pk) not in summaries]
    unedited = {pk: text for pk, text in created.items() if pk not in edits}  # none acknowledged
    sent = acked["edits_sent"]  # report id -> every edit sent, in order

    def holds(pk: str, acknowledged: str) -> bool:
        """The acknowledged text is there, or an edit sent after it (its answer was cut off)."""
        later = sent.get(pk, [])
        later = later[later.index(acknowledged) + 1 :] if acknowledged in later else later
        return summaries.get(int(pk)) in {acknowledged, *later}

    changed = [pk for pk, text in unedited.items() if not holds(pk, text)]
    lost_edits = [pk for pk, text in edits.items() if not holds(pk, text)]
    stored = Incident.objects.filter(description__startswith="Lasttest incident")
    descriptions = set(stored.values_list("description", flat=True))
    missing_incidents = [t for t in acked["incidents"] if t not in descriptions]

    print(f"users signed in: {len(acked['signed_in'])}, not: {len(acked['not_signed_in'])}")
    print(f"server errors (5xx): {len(acked['server_errors'])}")
    print(
        f"new reports acknowledged: {len(created)}, in the database: "
        f"{len(created) - len(missing_reports)}; as created or edited since: "
        f"{len(unedited) - len(changed)} of {len(unedited)}"
    )
    print(
        f"report edits: {len(edits)} reports, the last acknowledged edit in the database: "
        f"{len(edits) - len(lost_edits)}"
    )
    print(
        f"incidents acknowledged: {len(acked['incidents'])}, in the database: "
        f"{len(acked['incidents']) - len(missing_incidents)}"
    )
    failed = (
        acked["server_errors"]
        or acked["not_signed_in"]
        or missing_reports
        or changed
        or lost_edits
        or missing_incidents
    )
    print("LOAD TEST FAILED" if failed else "LOAD TEST PASSED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
