"""Helpers for tests/test_hostile_input.py: hostile text, and forms read from a page's HTML."""

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser

from hypothesis import strategies as st

# Payloads every text field gets, besides hypothesis' own text.
PAYLOADS = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE incidents_incident; --",
    "1' OR '1'='1",
    "Robert'); DELETE FROM accounts_user WHERE ('1'='1",
    "{{ 7*7 }} {% debug %} ${7*7}",
    "Åäö ÅÄÖ – “citat” 😀 中文 العربية \u202e",
    "line\r\nbreak\ttab\x0bvt\x0cff\x1besc",
    "a\x00b",
    "x" * 20000,
]
# Raw markup that must never come back unescaped.
DANGEROUS = ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>"]

hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x3FF), max_size=200),
    st.sampled_from(PAYLOADS),
    st.builds(lambda a, b: a + b, st.sampled_from(PAYLOADS), st.text(max_size=50)),
    st.text(min_size=3000, max_size=6000),
)


@dataclass
class Form:
    action: str
    method: str
    values: dict = field(default_factory=dict)  # name -> str or list of str
    text_fields: list = field(default_factory=list)
    kinds: dict = field(default_factory=dict)


class FormParser(HTMLParser):
    """The forms of a page as a browser would submit them, with empty fields given sample values."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form = None
        self.select = None
        self.select_options = []
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.form = Form(
                action=a.get("action") or self.page_url, method=a.get("method", "get").lower()
            )
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and a.get("name"):
            self._input(a)
        elif tag == "textarea" and a.get("name"):
            self.textarea = a["name"]
            self.form.values[self.textarea] = ""
            self.form.text_fields.append(self.textarea)
            self.form.kinds[self.textarea] = "textarea"
        elif tag == "select" and a.get("name"):
            self.select = (a["name"], "multiple" in a)
            self.select_options = []
        elif tag == "option" and self.select is not None:
            self.select_options.append((a.get("value", ""), "selected" in a))

    def _input(self, a):
        name, kind, value = a["name"], a.get("type", "text").lower(), a.get("value", "")
        if kind in ("submit", "button", "image", "reset", "file"):
            return
        if a.get("tabindex") == "-1" and kind == "text":
            self.form.values[name] = ""  # a honeypot, out of the tab order: a person leaves it
            return
        if kind in ("checkbox", "radio"):
            if "checked" in a:
                self.form.values.setdefault(name, [])
                self.form.values[name].append(value or "on")
            elif kind == "radio" and name not in self.form.values:
                self.form.values[name] = [value]
            return
        samples = {
            "date": dt.date.today().isoformat(),
            "time": "12:00",
            "datetime-local": f"{dt.date.today().isoformat()}T12:00",
            "number": "1",
            "email": "test@example.se",
            "url": "https://example.se/",
        }
        if not value and kind != "hidden" and kind != "password":
            value = samples.get(kind, "Test")
        self.form.values[name] = value
        self.form.kinds[name] = kind
        if kind in ("text", "search", "password", "email", "url", "tel"):
            self.form.text_fields.append(name)

    def handle_data(self, data):
        if self.textarea is not None:
            self.form.values[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            name = self.textarea
            self.form.values[name] = self.form.values[name].lstrip("\n") or "Test"
            self.textarea = None
        elif tag == "select" and self.select is not None:
            name, multiple = self.select
            chosen = [v for v, selected in self.select_options if selected and v]
            if not chosen:  # nothing chosen yet: take the first real option, as a person would
                non_empty = [v for v, _ in self.select_options if v]
                chosen = non_empty[:1] if (multiple or non_empty) else [""]
            self.form.values[name] = chosen if multiple else chosen[0]
            self.select = None
        elif tag == "form":
            self.form = None


SKIPPED_ACTIONS = ("/accounts/logout/", "/accounts/language/")


def forms_of(html: str, page_url: str) -> list[Form]:
    parser = FormParser(page_url)
    parser.feed(html)
    return [f for f in parser.forms if not f.action.startswith(SKIPPED_ACTIONS) and f.values]
