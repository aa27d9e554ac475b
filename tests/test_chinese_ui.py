"""A Chinese interface throughout (issue 10 item 5): every page, and the
presentation, at 1440×900 in Chromium, with a chart and a table hovered (their
toolbars show) and a filter's list open; all visible text and every title,
aria-label and placeholder is collected, and no English word may remain
beyond a short list (file types, units). Streamlit's own words that no
parameter or setting changes are listed in README (“界面中无法改成中文的地方”)
and here, each with where it comes from."""

import re

import pytest

from explorer_ui.navigation import PAGES

from .browser_support import require_chromium, settle, start_server, stop

require_chromium()

# Words a Chinese reader meets in Chinese office work as they are.
ALLOWED = {"PDF", "PPT", "PNG", "CSV", "Excel", "WPS", "PowerPoint"}
# Streamlit 1.67's own words for screen readers (aria-label, never drawn), which no
# parameter, config option or theme changes (README, “界面中无法改成中文的地方”):
SPOKEN_ONLY = [
    re.compile(pattern)
    for pattern in (
        r"Sidebar|Collapse sidebar|Expand sidebar",  # the sidebar and its «/» button
        r"Help|Help for .*",  # the (?) beside a label (its tooltip's text is ours)
        r"Dismiss",  # a popover's hidden close button
        r"Shortcut .",  # a button's key hint (← →)
        r"Remove .*|Selected values|Clear all|Clear value|Open|Close",  # a multiselect's chips and ×, ▾
        r"Link to heading",  # the hover link beside a heading
        r"Search|Fullscreen|Close fullscreen|Show/hide columns",  # a table's toolbar (two of them hidden)
    )
]
# Drawn, but only when the keyboard's Tab lands on it (the skip link).
SHOWN_ON_TAB = {"Skip to main content"}
WORD = re.compile(r"[A-Za-z]{3,}")
URL = re.compile(r"https?://\S+")

# Visible text (icons drawn from a ligature font excluded: they show as pictures), and
# the words of every element's title, aria-label, placeholder and plotly's data-title.
COLLECT = """() => {
    const icon = n => n.parentElement && n.parentElement.closest('[data-testid=stIconMaterial], [role=img]');
    const seen = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        const parent = node.parentElement;
        if (!text || icon(node) || !parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
        if (!parent.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
        const box = parent.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) continue;  // screen-reader only (a 1 px clipped box)
        seen.push(['text', text]);
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [data-title]')) {
        for (const attribute of ['title', 'aria-label', 'placeholder', 'data-title']) {
            const value = el.getAttribute(attribute);
            if (value && value.trim()) seen.push([attribute, value.trim()]);
        }
    }
    return seen;
}"""

VIEWS = [f"/{page.url_path}?dept=jt&dept=sl" for page in PAGES.values()] + [
    "/?dept=jt&dept=sl&view=present&step=4",
    "/部门?unit=jt&view=present&step=3",
    "/情景对比?dept=jt&b_dept=sl&view=present&step=2",
]


@pytest.fixture(scope="module")
def server():
    process, base = start_server({})
    yield base
    stop(process)


def english_in(found: list[list[str]]) -> list[str]:
    problems = []
    for where, text in found:
        if where == "aria-label" and any(pattern.fullmatch(text) for pattern in SPOKEN_ONLY):
            continue
        if text in SHOWN_ON_TAB:
            continue
        for word in WORD.findall(URL.sub("", text)):
            if word not in ALLOWED:
                problems.append(f"{where}: {text[:80]!r} ({word})")
    return sorted(set(problems))


def hover_each(page, buttons) -> list[list[str]]:
    """Hover each button past the tooltip delay and collect what is on screen then."""
    found = []
    for button in buttons.all():
        button.hover()
        page.wait_for_timeout(1200)  # a tooltip appears after a delay
        found += page.evaluate(COLLECT)
    return found


def show_every_control(page) -> list[list[str]]:
    """Hover a chart (its toolbar) and a table (its toolbar), open a filter's list: collect after each."""
    found = page.evaluate(COLLECT)
    chart = page.locator("[data-testid=stPlotlyChart]").first
    if chart.count():
        chart.scroll_into_view_if_needed()
        chart.hover()
        page.wait_for_timeout(400)
        found += page.evaluate(COLLECT)
        found += hover_each(page, page.locator(".modebar-btn:visible, [data-testid=stElementToolbar] button:visible"))
    table = page.locator("[data-testid=stDataFrame]:visible").first
    if table.count():
        table.scroll_into_view_if_needed()
        table.hover()
        page.wait_for_timeout(400)
        found += page.evaluate(COLLECT)
        found += hover_each(page, page.locator("[data-testid=stElementToolbar] button:visible"))
    chooser = page.locator("[data-testid=stSidebar][data-collapsed=false] [data-testid=stMultiSelect]").first
    if chooser.count():
        chooser.locator("input").click()
        page.get_by_role("option").first.wait_for(timeout=10_000)  # the list is open
        found += page.evaluate(COLLECT)
        page.keyboard.press("Escape")
    return found


@pytest.mark.parametrize("view", VIEWS)
def test_no_english_is_left_on_screen(server, browser, view):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto(server + view)
        settle(page)
        page.wait_for_timeout(1500)  # charts and tables lay themselves out after the run
        problems = english_in(show_every_control(page))
        assert not problems, "English on screen:\n" + "\n".join(problems)
    finally:
        context.close()


def test_the_checker_finds_english():
    """The check itself can fail: drawn English is found (even a word Streamlit only
    speaks when it is drawn), what a screen reader alone hears, allowed words and URLs are not."""
    found = [
        ["text", "Download plot as a PNG"],
        ["text", "Search"],
        ["aria-label", "Search"],
        ["title", "导出简报（PDF）"],
        ["text", "http://host/?dept=jt"],
    ]
    assert english_in(found) == [
        "text: 'Download plot as a PNG' (Download)",
        "text: 'Download plot as a PNG' (plot)",
        "text: 'Search' (Search)",
    ]
