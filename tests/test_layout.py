"""Every page fits a meeting room's screen (issue 9): at 1280×720 and 1440×900
in Chromium, nothing sticks out of the main area or needs sideways
scrolling (not even inside a table), no chart text lies outside its chart,
no card or total value is cut short, and the active-filter line is there."""

import pytest

from explorer_ui.navigation import PAGES

from .browser_support import require_chromium, settle, start_server, stop

require_chromium()

SIZES = [(1280, 720), (1440, 900)]
# Every page as it opens, and the pages whose content the filters change with a meeting's link.
SHARED = "?dept=jt&dept=sl&period=2021-2025&b_dept=sl"
VIEWS = [(page.url_path, "") for page in PAGES.values()] + [
    (PAGES[title].url_path, SHARED) for title in ("总览", "项目", "部门", "情景对比")
]


@pytest.fixture(scope="module")
def server():
    process, base = start_server({})
    yield base
    stop(process)


def open_view(browser, base: str, path: str, query: str, size: tuple[int, int]):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(f"{base}/{path}{query}")
    settle(page)
    page.locator("[data-testid='stMain'] .st-key-active_filters").wait_for(timeout=30_000)
    if page.locator("[data-testid='stDataFrame']:visible").count():  # not those in a closed expander
        page.locator("[data-testid='stDataFrame']:visible canvas").first.wait_for(timeout=30_000)
    if page.locator(".stPlotlyChart").count():
        page.locator(".stPlotlyChart .main-svg").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)  # charts and grids lay themselves out after the run
    return context, page


# What the reader sees (text, charts, tables' canvases, inputs) sticking out to the right of
# the main block's content (beyond a pixel of rounding), and the main area's own overflow.
# Inside a chart only its text counts (CHART_TEXT): plotly's drag layers overhang on purpose.
OVERFLOW = """() => {
    const main = document.querySelector('[data-testid=stMain]');
    const block = document.querySelector('[data-testid=stMainBlockContainer]');
    const right = block.getBoundingClientRect().right - parseFloat(getComputedStyle(block).paddingRight);
    const seen = el => ['CANVAS', 'svg', 'IMG', 'INPUT', 'BUTTON', 'TEXTAREA'].includes(el.tagName)
        || [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const out = [];
    for (const el of block.querySelectorAll('*')) {
        if (el.parentElement.closest('svg') || !seen(el)) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (box.right > right + 1) out.push(`${el.tagName} ${(el.textContent || '').slice(0, 20)} right=${Math.round(box.right)}`);
    }
    return {main: [main.scrollWidth, main.clientWidth], right: Math.round(right), out: out.slice(0, 5)};
}"""
# Tables whose cells need sideways scrolling inside the grid.
GRID_SCROLL = """() => [...document.querySelectorAll('[data-testid=stDataFrame] .dvn-scroller')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => [e.scrollWidth, e.clientWidth])"""
# Card and total values cut short with an ellipsis (“原文未…” for 原文未给出).
CUT_VALUES = """() => [...document.querySelectorAll('[data-testid=stMetricValue], [data-testid=stMetricValue] *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""
# Chart text (labels, ticks, titles, legends) outside its chart's drawing.
CHART_TEXT = """() => {
    const out = [];
    for (const chart of document.querySelectorAll('[data-testid=stMain] .js-plotly-plot')) {
        const svg = chart.querySelector('.main-svg').getBoundingClientRect();
        for (const text of chart.querySelectorAll('text')) {
            const box = text.getBoundingClientRect();
            if (box.width === 0 || !text.textContent.trim()) continue;
            if (box.left < svg.left - 1 || box.right > svg.right + 1 || box.top < svg.top - 1 || box.bottom > svg.bottom + 1)
                out.push(`${text.textContent} [${Math.round(box.left)}, ${Math.round(box.right)}] in [${Math.round(svg.left)}, ${Math.round(svg.right)}]`);
        }
    }
    return out;
}"""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    ("path", "query"), VIEWS, ids=[f"{p or '总览'}{'-shared-link' if q else ''}" for p, q in VIEWS]
)
def test_the_page_fits_the_screen(server, browser, path, query, size):
    context, page = open_view(browser, server, path, query, size)
    try:
        line = page.locator("[data-testid='stMain'] .st-key-active_filters").inner_text()
        assert "当前筛选" in line or "未筛选" in line or "情景 A" in line
        layout = page.evaluate(OVERFLOW)
        assert layout["main"][0] <= layout["main"][1], layout  # no sideways scrolling of the main area
        assert not layout["out"], layout
        assert not page.evaluate(GRID_SCROLL)  # no sideways scrolling inside a table
        assert not page.evaluate(CUT_VALUES)
        assert not page.evaluate(CHART_TEXT)
    finally:
        context.close()
