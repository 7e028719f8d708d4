"""Markup lives in templates (issue 27): no Python f-string builds HTML outside tryggportal/lib/.

The hot fragments are Jinja2 templates (templates/jinja2/, tryggportal/jinja2.py); escaping is
the template engine's job, never the standard library's `html.escape` on the way.
"""

import ast
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:[\s>/]|$)")
ALLOWED = ("tryggportal/lib/", "tests/")
# Still built in Python until the next step of issue 27 moves them into templates as well.
LATER = {"dashboards/area.py", "dashboards/cards.py", "dashboards/overview.py"}


def python_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [name for name in listed.stdout.split() if "/migrations/" not in name]


def f_strings_with_tags(source: str, name: str) -> list[str]:
    tree = ast.parse(source, filename=name)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            if TAG.search(text):
                found.append(f"{name}:{node.lineno}: {text[:60]!r}")
    return found


def test_no_python_f_string_builds_html():
    found = [
        line
        for name in python_files()
        if not name.startswith(ALLOWED) and name not in LATER
        for line in f_strings_with_tags((ROOT / name).read_text(), name)
    ]
    assert found == []


def test_the_check_sees_markup_in_an_f_string():
    source = 'name = "x"\nrow = f"<tr><td>{name}</td></tr>"\nnot_html = f"a < b: {name}"\n'
    assert [line.split(":")[1] for line in f_strings_with_tags(source, "builder.py")] == ["2"]
