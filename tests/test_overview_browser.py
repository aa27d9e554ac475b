"""总览 and 情景对比 in Chromium at the meeting room's sizes (issue 9): the
headline cards in the first screen, no chart label outside its plot, no
horizontal scrolling, and A and B charts on one axis."""

import pytest

from .browser_support import require_chromium, settle, start_server, stop

require_chromium()

SIZES = [(1280, 720), (1440, 900)]
HEADLINE_VALUES = ["800", "4,244.2", "835.6", "160", "2,152.9"]
VIEWS = [
    "/",
    "/?measure=investment",
    "/?dept=jt&dept=sl&period=2021-2025",
    "/?band=100to1000&band=ge1000&measure=investment",
    "/情景对比?dept=jt&period=2021-2025&b_dept=sl",
    "/情景对比?period=2021&b_dept=sl&measure=investment",
]

# Per plotly chart: its plot area (the drag layer over the axes, or the whole svg for a
# treemap) and every text element's box, in page coordinates.
CHART_TEXTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
    const svg = plot.querySelector('svg.main-svg').getBoundingClientRect();
    const drag = plot.querySelector('.cartesianlayer .nsewdrag');
    const area = drag ? drag.getBoundingClientRect() : svg;
    const texts = [...plot.querySelectorAll('text.bartext, .treemaplayer text, g.ytick text, g.xtick text')]
        .filter(t => t.textContent.trim())
        .map(t => { const b = t.getBoundingClientRect();
                    return {text: t.textContent, bar: t.classList.contains('bartext'),
                            left: b.left, right: b.right, top: b.top, bottom: b.bottom}; });
    return {area: {left: area.left, right: area.right}, svg: {left: svg.left, right: svg.right,
            top: svg.top, bottom: svg.bottom}, texts, range: plot._fullLayout.xaxis ? plot._fullLayout.xaxis.range : null};
})"""


@pytest.fixture(scope="module")
def server():
    process, base = start_server({})
    yield base
    stop(process)


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def sized_page(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page(), width, height
    context.close()


# Every chart element holds a drawn plotly figure with its text laid out.
CHARTS_DRAWN = """() => {
    const charts = document.querySelectorAll("[data-testid='stPlotlyChart']");
    return [...charts].every(c => c.querySelector('.js-plotly-plot text'));
}"""


def open_view(page, url):
    page.goto(url)
    settle(page)
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    page.wait_for_timeout(300)


def drawn_charts(page, bar_labels: frozenset[str] = frozenset()) -> list[dict]:
    """CHART_TEXTS once every chart element holds its drawn figure and the ``bar_labels``
    expected are among the drawn ones (a busy machine draws late, and plotly redraws a
    figure once Streamlit has sized it)."""
    for _ in range(60):
        settle(page)
        charts = page.evaluate(CHART_TEXTS)
        all_there = len(charts) == page.get_by_test_id("stPlotlyChart").count() and all(c["texts"] for c in charts)
        bars_labelled = all(any(t["bar"] for t in c["texts"]) for c in charts if c["range"] is not None)
        drawn = {t["text"] for c in charts for t in c["texts"] if t["bar"]}
        if all_there and bars_labelled and bar_labels <= drawn:
            return charts
        page.wait_for_timeout(500)
    raise AssertionError("the charts were not drawn")


def test_the_headline_cards_are_in_the_first_screen(server, sized_page):
    """Issue 9 item 1: the city's key figures sat in row 6 of a table."""
    page, width, height = sized_page
    open_view(page, server + "/")
    for value in HEADLINE_VALUES:
        metric = page.get_by_test_id("stMetricValue").filter(has_text=value).first
        box = metric.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (value, box)
        assert box["x"] + box["width"] <= width, (value, box)
        shown = metric.evaluate("e => e.scrollWidth <= e.clientWidth")
        assert shown, f"{value} is cut off"
    labels = page.get_by_test_id("stMetricLabel").all()
    assert all(label.evaluate("e => e.scrollWidth <= e.clientWidth + 1") for label in labels)
    source = page.get_by_role("link", name="看原文")
    assert source.count() == 2 and source.first.bounding_box()["y"] < height


@pytest.mark.parametrize("view", VIEWS)
def test_nothing_is_clipped_and_nothing_scrolls_sideways(server, sized_page, view):
    """Issue 9 item 4: “80(” for 800 and “4,2” for 4,244.2 at the bar's end."""
    page, _, _ = sized_page
    open_view(page, server + view)
    main = page.get_by_test_id("stMain")
    assert main.evaluate("e => e.scrollWidth <= e.clientWidth"), view
    charts = drawn_charts(page)
    assert not charts or any(t["bar"] for chart in charts for t in chart["texts"]), "no value label found"
    for chart in charts:
        for text in chart["texts"]:
            assert chart["svg"]["left"] - 1 <= text["left"] and text["right"] <= chart["svg"]["right"] + 1, text
            if text["bar"]:  # a value label stays within the plot area, not only the figure
                assert chart["area"]["left"] - 1 <= text["left"] and text["right"] <= chart["area"]["right"] + 1, text


def test_the_longest_bars_label_is_whole(server, sized_page):
    page, _, _ = sized_page
    open_view(page, server + "/?measure=investment")
    # the series with the most bars: 储备项目's 总投资, the city's “十四五” 2,152.9 and 交通局's ≈405
    # (every other kind of investment is one bar of its own: 完成投资, 计划总投资, 估算总投资, …)
    expected = frozenset({"2,152.9", "≈405"})
    labels = [t["text"] for chart in drawn_charts(page, expected) for t in chart["texts"] if t["bar"]]
    assert expected <= set(labels)


def test_a_and_b_share_one_axis(server, sized_page):
    """Issue 9 item 4: A and B charts used different x ranges."""
    page, _, _ = sized_page
    open_view(page, server + "/情景对比?period=2021&b_dept=sl&measure=investment")
    ranges = [chart["range"] for chart in drawn_charts(page)]
    # the one series both sides give: 水利局's 推进项目 101.78 (A: 2021 of all units; B: 水利局), one axis
    assert len(ranges) == 2 and ranges[0] == ranges[1] and ranges[0][1] >= 101.78
