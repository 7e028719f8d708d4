"""The browser checks the accessibility sweep (tests/test_accessibility.py) runs on every page,
once the page is open: a visible focus on each element the Tab key reaches (WCAG 2.4.7, 1.4.11)
and reflow without sideways scrolling at 320 and 390 px (1.4.10). Their own tests, on a few
pages, are tests/test_focus_browser.py and tests/test_reflow_browser.py.

Focus: each element the Tab key reaches must show an outline (or a box-shadow ring) of at
least 2 px whose colour has at least 3:1 contrast against what is behind it: the background
just outside the element on each side, found with `elementsFromPoint` (so the skip link over
the navy header is judged against the header).

Reflow: at 320 CSS px (a 1280 px screen at 400 % zoom) and at 390×844 (a common phone) the page
is no wider than the window: wide tables scroll inside their own region, which is labelled by
the table's caption and is a Tab stop while it scrolls.
"""

import re

TAB_LIMIT = 250  # the longest page (a report form) has about 120 stops

# What has the focus, its focus style, and the background colours behind its outline: for each
# side of the element, the layers from the element found there up to the first opaque one.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  // A date field takes several Tabs (day, month, year) while it keeps the focus: not "again".
  if (el === window.__lastTabbed) return { same: true };
  if (el.hasAttribute("data-tab-reached")) return { again: true };
  el.setAttribute("data-tab-reached", "");
  window.__lastTabbed = el;
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
        if focused.get("same"):
            continue
        if focused.get("again"):
            break
        outside = 0
        reached.append(focused)
    return reached


def assert_visible_focus(page) -> None:
    """Tab through the open page: every element reached shows a ring of 2 px and 3:1."""
    # Bootstrap scrolls smoothly: from an autofocused field the Tab key wraps round to the
    # skip link while the page is still gliding up, and what is behind the ring would be
    # measured mid-way. The ring's colours are the same either way.
    page.emulate_media(reduced_motion="reduce")
    reached = tab_through(page)
    assert reached, "the Tab key reaches nothing"
    assert any("Hoppa till innehållet" in f["element"] for f in reached), "no skip link"
    assert all(f["focusVisible"] for f in reached), "the Tab key gave a focus without focus-visible"
    problems = sorted({problem for focused in reached for problem in focus_problems(focused)})
    assert not problems, "\n".join(problems)


SIZES = [{"width": 320, "height": 640}, {"width": 390, "height": 844}]

# Wait for layout and the ResizeObserver in static/js/site.js (it runs before the next paint).
SETTLED = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"

# What sticks out past the window's right edge, outside any scrolling region (for the message).
TOO_WIDE = """() => {
  const width = window.innerWidth;
  const scrolled = (el) => el.parentElement.closest(".table-responsive") && !/absolute|fixed/.test(getComputedStyle(el).position);
  return [...document.querySelectorAll("body *")]
    .filter((el) => !scrolled(el) && el.getBoundingClientRect().right > width + 1)
    .slice(0, 8)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(el.getBoundingClientRect().right)}`);
}"""

# Each table's region: its label, whether it scrolls and whether it is a Tab stop.
REGIONS = """() => [...document.querySelectorAll("main table")].map((table) => {
  const region = table.closest(".table-responsive[role='region']");
  if (!region) return { table: table.caption ? table.caption.textContent.trim() : table.outerHTML.slice(0, 80) };
  const label = document.getElementById(region.getAttribute("aria-labelledby"));
  return {
    table: label ? label.textContent.trim() : region.outerHTML.slice(0, 120),
    region: true,
    label: label ? label.textContent.trim() : "",
    shown: region.checkVisibility(),
    width: region.clientWidth,
    scrolls: region.scrollWidth > region.clientWidth,
    tabIndex: region.tabIndex,
  };
})"""

# Text cut off by a box that hides its overflow (screen-reader-only text is meant to be).
CLIPPED = """() => [...document.querySelectorAll("body *")].filter((el) => {
  const style = getComputedStyle(el);
  if (!/hidden|clip/.test(style.overflowX + style.overflowY)) return false;
  if (el.closest(".visually-hidden, .visually-hidden-focusable, .form-trap")) return false;
  if (!el.textContent.trim() || !el.getClientRects().length) return false;
  return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
}).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}: ${el.textContent.trim().slice(0, 40)}`)"""

# WCAG 1.4.12: what a reader's own style sheet may set; nothing may be lost with it.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }
"""


def scroll_width(page) -> tuple[int, int]:
    return page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")


def open_page(page, sign_in, path, username):
    if username:
        sign_in(username)
    response = page.goto(path() if callable(path) else path)
    assert response.status == 200


def assert_reflows(page) -> None:
    """At 320 and 390 px the open page is no wider than the window; its tables scroll in
    labelled regions, each a Tab stop while it scrolls."""
    for size in SIZES:
        page.set_viewport_size(size)
        page.evaluate(SETTLED)
        width, window = scroll_width(page)
        assert width <= window, f"{width} px wide at {size}: {page.evaluate(TOO_WIDE)}"

        regions = page.evaluate(REGIONS)
        unwrapped = [r["table"] for r in regions if not r.get("region")]
        assert not unwrapped, f"tables outside a scrolling region: {unwrapped}"
        assert all(r["label"] for r in regions), f"a region without its label: {regions}"
        # A region sized by its container, not its table, must not shrink to nothing.
        assert all(r["width"] > 100 for r in regions if r["shown"]), (
            f"a collapsed region: {regions}"
        )
        assert all(r["tabIndex"] == 0 for r in regions if r["scrolls"]), (
            f"a scrolling region the keyboard cannot reach at {size}: {regions}"
        )
