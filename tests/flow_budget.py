"""Counting what a person does in a browser flow, so a test can fail when a flow costs too much.

`Flow` wraps a Playwright page: `click` counts a click that is not filling in a field, `press`
counts a key press, `tab_to` presses Tab until an element has the focus (counting each press).
Filling in a field (`fill`, `check`, `select`) and typing text are what the work is, and are
counted apart. Every page the flow opens is checked for an error: an HTTP status of 400 or
more, or an error alert.
"""

from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page, expect

ERRORS = ".alert-danger, .invalid-feedback, .errorlist"


@dataclass
class Flow:
    page: Page
    clicks: int = 0
    keys: int = 0
    filled: int = 0
    typed: int = 0
    statuses: list = field(default_factory=list)

    def __post_init__(self):
        self.page.on(
            "response",
            lambda r: (
                self.statuses.append((r.status, r.url))
                if r.request.resource_type == "document"
                else None
            ),
        )

    # --- counted: the cost of the flow ---
    def click(self, target: Locator) -> None:
        self.clicks += 1
        target.click()

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.keys += 1
            self.page.keyboard.press(key)

    def tab_to(self, target: Locator, limit: int = 120, backwards: bool = False) -> None:
        """Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would."""
        target.wait_for(state="attached")
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(limit):
            if target.evaluate("el => el === document.activeElement"):
                return
            self.press(key)
        raise AssertionError(f"{target} not reached with {limit} presses of {key}")

    # --- the work itself: filling in fields and typing text ---
    def fill(self, target: Locator, text: str) -> None:
        self.filled += 1
        target.fill(text)

    def check(self, target: Locator) -> None:
        self.filled += 1
        target.check()

    def select(self, target: Locator, value: str) -> None:
        self.filled += 1
        target.select_option(value)

    def type(self, text: str) -> None:
        self.typed += len(text)
        self.page.keyboard.type(text)

    def choose_with_arrows(self, key: str = "ArrowRight", times: int = 1) -> None:
        """Choosing a value in a focused radio group or select: the work, not the flow's cost."""
        for _ in range(times):
            self.filled += 1
            self.page.keyboard.press(key)

    # --- checks ---
    def assert_no_error(self) -> None:
        self.page.wait_for_load_state()
        bad = [(s, u) for s, u in self.statuses if s >= 400]
        assert not bad, f"error pages on the way: {bad}"
        expect(self.page.locator(ERRORS)).to_have_count(0)

    def __str__(self) -> str:
        return f"{self.clicks} clicks, {self.keys} key presses ({self.filled} fields filled)"
