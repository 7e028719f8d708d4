"""A visible focus on every interactive element (WCAG 2.4.7, 1.4.11), found by pressing Tab.

Over every page of the accessibility sweep, each element the Tab key reaches must show an
outline (or a box-shadow ring) of at least 2 px whose colour has at least 3:1 contrast against
what is behind it: the background just outside the element on each side, found with
`elementsFromPoint` (so the skip link over the navy header is judged against the header).
"""

import re

import pytest

from tests.test_accessibility import PAGES, demo_content  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAB_LIMIT = 250  # the longest page (a report form) has about 120 stops

# What has the focus, its focus style, and the background colours behind its outline: for each
# side of the element, the layers from the element found there up to the first opaque one.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (el.hasAttribute("data-tab-reached")) return { again: true };
  el.setAttribute("data-tab-reached", "");
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const reach = Math.max((parseFloat(style.outlineOffset) || 0) + (parseFloat(style.outlineWidth) || 0) / 2, 1);
  const layers = (node) => {
    const found = [];
    for (let n = node; n; n = n.parentElement) {
      const colour = getComputedStyle(n).backgroundColor;
      found.push(colour);
      if (/^rgb\\(/.test(colour)) break;
    }
    return found;
  };
  const sides = [
    [box.left - reach, box.top + box.height / 2], [box.right + reach, box.top + box.height / 2],
    [box.left + box.width / 2, box.top - reach], [box.left + box.width / 2, box.bottom + reach],
  ];
  const behind = [];
  for (const [x, y] of sides) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const hit = document.elementsFromPoint(x, y).find((n) => n !== el && !el.contains(n));
    if (hit) behind.push(layers(hit));
  }
  if (!behind.length) behind.push(layers(el.parentElement));
  const label = (el.getAttribute("aria-label") || el.innerText || el.value || el.name || "").trim();
  return {
    element: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${label.slice(0, 40)}"`,
    focusVisible: el.matches(":focus-visible"),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor,
    boxShadow: style.boxShadow,
    behind,
  };
}"""


def rgba(text: str) -> tuple[float, float, float, float]:
    values = [float(v) for v in re.findall(r"[\d.]+", text)]
    return (*values[:3], values[3] if len(values) > 3 else 1.0)


def flatten(layers: list[str]) -> tuple[float, float, float]:
    """The colour a stack of backgrounds shows, the topmost first (the page is white below)."""
    red, green, blue = 255.0, 255.0, 255.0
    for layer in reversed(layers):
        r, g, b, a = rgba(layer)
        red, green, blue = (r * a + red * (1 - a), g * a + green * (1 - a), b * a + blue * (1 - a))
    return red, green, blue


def luminance(colour) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = colour[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one, other) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ring(focused: dict) -> tuple[float, str] | None:
    """The focus ring's width and colour: the outline, or else a box-shadow ring (no blur)."""
    if focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0:
        return focused["outlineWidth"], focused["outlineColor"]
    for shadow in re.finditer(r"(rgba?\([^)]*\))\s+(-?[\d.]+)px (-?[\d.]+)px ([\d.]+)px ([\d.]+)px", focused["boxShadow"]):  # fmt: skip
        colour, blur, spread = shadow.group(1), float(shadow.group(4)), float(shadow.group(5))
        if blur == 0 and spread > 0 and rgba(colour)[3] == 1:
            return spread, colour
    return None


def focus_problems(focused: dict) -> list[str]:
    found = ring(focused)
    if found is None:
        return [f"{focused['element']}: no outline and no box-shadow ring"]
    width, colour = found
    problems = []
    if width < 2:
        problems.append(f"{focused['element']}: focus ring {width}px < 2px")
    for layers in focused["behind"]:
        ratio = contrast(rgba(colour), flatten(layers))
        if ratio < 3:
            problems.append(
                f"{focused['element']}: focus ring {colour} on {flatten(layers)} is {ratio:.2f}:1"
            )
    return problems


def tab_through(page) -> list[dict]:
    """Every element the Tab key reaches, once each: from where the page puts the focus (an
    autofocused field, or the top) to the end, and round from the top again to where it began."""
    reached, outside = [], 0
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:  # past the last element, in the browser's own controls
            outside += 1
            if outside > 3:
                break
            continue
        if focused.get("again"):
            break
        outside = 0
        reached.append(focused)
    return reached


@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize(("path", "username"), PAGES)
def test_every_focusable_element_shows_a_visible_focus(page, sign_in, path, username):
    page.set_viewport_size({"width": 1366, "height": 900})
    if username:
        sign_in(username)
    response = page.goto(path() if callable(path) else path)
    assert response.status == 200
    reached = tab_through(page)

    assert reached, "the Tab key reaches nothing"
    assert any("Hoppa till innehållet" in f["element"] for f in reached), "no skip link"
    assert all(f["focusVisible"] for f in reached), "the Tab key gave a focus without focus-visible"
    problems = sorted({problem for focused in reached for problem in focus_problems(focused)})
    assert not problems, "\n".join(problems)


def test_focus_ring_differs_from_the_current_page_marker(page, sign_in, coordinator):
    """The menu marks the current page in bold with a thick underline; focus adds a ring."""
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in("samordnare-angered")
    page.goto("/reports/")
    current = page.locator("header [aria-current='page']")
    current_look = current.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.fontWeight, s.textDecorationLine]; }"  # noqa: E501
    )
    assert current_look == ["none", "600", "underline"]

    for _ in range(40):
        page.keyboard.press("Tab")
        if current.evaluate("el => el === document.activeElement"):
            break
    focused = page.evaluate(FOCUSED)
    assert ring(focused) == (3, "rgb(255, 212, 59)")  # yellow on the navy header
    assert not focus_problems(focused)
