"""What the load test's users do and what counts as a save, apart from locust so that tests can
check it (tests/test_loadtest_flow.py).

A user works as people now do: the home page's to-do names the next piece of work (the draft
to continue, or the owed period's new report); the report is saved, then shared through the
preview and its confirm button. A save counts only when the server answers with the redirect
that follows a save (302 to the saved object's page, or to the share preview when the user
chose "Save and share…"). A 200 with the form again, a 409 conflict, a 403 or anything else
is a try that did not land, counted by its answer.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

NEW_REPORT = "new report"
DRAFT_SAVE = "draft save"
SHARE = "share"
REPORT_EDIT = "report edit"
INCIDENT = "incident"
WRITE_KINDS = (NEW_REPORT, DRAFT_SAVE, SHARE, REPORT_EDIT, INCIDENT)

# The addresses of the to-do's work: a draft's form, or a new report for an area and period.
DRAFT_LINK = re.compile(r"^/reports/(\d+)/edit/$")
NEW_LINK = re.compile(r"^/reports/new/\?area=[\w-]+&period=[\w-]+$")
REPORT_PAGE = re.compile(r"^/reports/(\d+)/$")
REPORT_SAVED = re.compile(r"^/reports/(\d+)/(share/)?$")
INCIDENT_PAGE = re.compile(r"^/incidents/(\d+)/$")


class _TodoLinks(HTMLParser):
    """The links inside the home page's to-do section (`<section class="… todo">`)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # nesting of <section> inside the to-do; 0 outside it
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            if self.depth:
                self.depth += 1
            elif "todo" in (a.get("class") or "").split():
                self.depth = 1
        elif tag == "a" and self.depth and a.get("href"):
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "section" and self.depth:
            self.depth -= 1


def todo_work(html: str) -> list[str]:
    """The to-do's links that lead to writing: drafts to continue and reports to start, in the
    page's order (the current period of each area first, then its overdue ones)."""
    parser = _TodoLinks()
    parser.feed(html)
    work = []
    for link in parser.links:
        if (DRAFT_LINK.match(link) or NEW_LINK.match(link)) and link not in work:
            work.append(link)
    return work


def report_values(values: dict, text: str) -> dict:
    """A report form's values as a person fills them in: the summary written, and the overall
    level and trend chosen where the form has none yet; the categories left as they are."""
    filled = {}
    for name, value in values.items():
        if value == ["on"]:
            # tests.hostile.forms_of reads a checked radio with an empty value (a category
            # not assessed) as "on", a checkbox's default; a browser sends the empty value.
            value = ""
        elif name.startswith("cat-") and name.endswith("-note") and value == "Test":
            value = ""  # forms_of's sample text in an empty note: a person leaves it empty
        filled[name] = value
    filled["summary"] = text
    for name, choice in (("level", "2"), ("trend", "unchanged")):
        current = filled.get(name)
        if isinstance(current, list):
            current = current[0] if current else ""
        filled[name] = current or choice
    return filled


ERROR_SUMMARY = re.compile(r'class="[^"]*error-summary.*?<li>(.*?)</li>', re.S)


def form_problem(html: str) -> str:
    """The first problem a form shown again names (its error summary), as plain text."""
    found = ERROR_SUMMARY.search(html or "")
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()[:80] if found else ""


def _path(location: str | None) -> str:
    return urlsplit(location or "").path


def saved_id(kind: str, status: int, location: str | None, pk: int | None = None) -> int | None:
    """The saved object's id when the answer is the redirect that follows a save of `kind`,
    else None. `pk` is the report a draft save, edit or share was for."""
    if status != 302:
        return None  # 200 with the form again (not saved), 409 conflict, 403, 5xx …
    path = _path(location)
    if kind == NEW_REPORT:
        found = REPORT_SAVED.match(path)
    elif kind in (DRAFT_SAVE, REPORT_EDIT):
        found = REPORT_SAVED.match(path)
        found = found if found and int(found.group(1)) == pk else None
    elif kind == SHARE:
        found = REPORT_PAGE.match(path)
        found = found if found and int(found.group(1)) == pk else None
    elif kind == INCIDENT:
        found = INCIDENT_PAGE.match(path)
    else:
        raise ValueError(f"unknown write kind {kind!r}")
    return int(found.group(1)) if found else None


@dataclass
class Tally:
    """Per write kind: the tries, the saves the server acknowledged, and the other answers."""

    tried: Counter = field(default_factory=Counter)
    acknowledged: Counter = field(default_factory=Counter)
    refused: dict = field(default_factory=dict)  # kind -> Counter of answers ("200", "409" …)

    def count(
        self, kind: str, status: int, location: str | None, pk: int | None = None, html: str = ""
    ):
        """One try of `kind` and its answer; the saved object's id when it counts as a save.
        A form shown again is counted with the first problem it names."""
        self.tried[kind] += 1
        saved = saved_id(kind, status, location, pk)
        if saved is None:
            answer = f"{status} → {_path(location)}" if status in (301, 302, 303) else str(status)
            problem = form_problem(html) if status == 200 else ""
            answer = f"{answer} ({problem})" if problem else answer
            self.refused.setdefault(kind, Counter())[answer] += 1
        else:
            self.acknowledged[kind] += 1
        return saved

    def as_json(self) -> dict:
        return {
            kind: {
                "tried": self.tried[kind],
                "acknowledged": self.acknowledged[kind],
                "refused": dict(self.refused.get(kind, {})),
            }
            for kind in WRITE_KINDS
        }
