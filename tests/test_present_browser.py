"""The meeting kit in Chromium (issue 10): 投影模式 at a projector's 1280×720 and
1920×1080 (sidebar out of the way, the filters as a banner, nothing wider than
the screen, stepping by button, key, link and Back, leaving with the same
filters), and the files a meeting takes away: the brief, the chart image."""

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from .browser_support import query_of, require_chromium, settle, start_server, stop, wait_for_query
from .test_brief_pdf import poppler

require_chromium()

BANNER = "[data-testid=stMain] .st-key-present_banner"
SIDEBAR = "[data-testid=stSidebar]"
# Anything drawn wider than the screen, and the main area's own sideways scrolling.
OVERFLOW = """() => {
    const main = document.querySelector('[data-testid=stMain]');
    const wide = [...main.querySelectorAll('*')].filter(e => {
        const box = e.getBoundingClientRect();
        return box.width > 0 && box.right > window.innerWidth + 1;
    }).map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 30));
    return {scroll: [main.scrollWidth, main.clientWidth], wide: wide.slice(0, 5)};
}"""


@pytest.fixture(scope="module")
def server():
    process, base = start_server({})
    yield base
    stop(process)


@pytest.fixture(params=[(1280, 720), (1920, 1080)], ids=lambda size: f"{size[0]}x{size[1]}")
def projector(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    yield context.new_page()
    context.close()


def slide_title(page) -> str:
    return page.locator("[data-testid=stMain] .st-key-present_nav h3").inner_text()


def fits(page) -> None:
    layout = page.evaluate(OVERFLOW)
    assert layout["scroll"][0] <= layout["scroll"][1], layout
    assert not layout["wide"], layout


def test_the_presentation_fits_the_projector_and_steps_through_the_view(server, projector):
    page = projector
    page.goto(server + "/?dept=jt&dept=sl")
    settle(page)
    assert page.locator(SIDEBAR).get_attribute("data-collapsed") == "false"
    page.get_by_role("button", name="投影模式").click()
    settle(page)
    wait_for_query(page, "step", ["1"])
    assert query_of(page)["view"] == ["present"] and query_of(page)["dept"] == ["jt", "sl"]
    assert page.locator(SIDEBAR).get_attribute("data-collapsed") == "true"  # out of the way, on this rerun
    banner = page.locator(BANNER)
    assert banner.inner_text().strip() == "当前筛选：部门：交通局、水利局"
    assert banner.bounding_box()["y"] < 250  # at the top of the screen
    titles = []
    for step in range(1, 7):
        wait_for_query(page, "step", [str(step)])
        settle(page)
        titles.append(slide_title(page))
        assert f"（第 {step} / 6 页）" in titles[-1]
        fits(page)
        if step == 6:
            break
        if step % 2:
            page.keyboard.press("ArrowRight")  # the → key
        else:
            page.get_by_role("button", name=re.compile("^下一页")).click()
    # a filtered view opens on its own answer, the city's figures after it (issue 15 item 11)
    assert titles[0].startswith("当前筛选的答案") and titles[1].startswith("全市背景")
    assert titles[2].startswith("图表：按部门与时期")
    assert titles[-1].startswith("水利局")  # each chosen unit's answer comes last
    page.go_back()  # the browser's Back steps back a slide
    wait_for_query(page, "step", ["5"])
    settle(page)
    assert slide_title(page).startswith("交通局")
    page.get_by_role("button", name=re.compile("退出投影模式")).click()
    settle(page)
    for _ in range(50):
        if "view" not in query_of(page):
            break
        page.wait_for_timeout(100)
    assert query_of(page) == {"dept": ["jt", "sl"]}  # the same filters
    assert page.locator(SIDEBAR).get_attribute("data-collapsed") == "false"  # the sidebar is back
    assert page.locator(BANNER).count() == 0


def test_a_link_opens_on_the_same_slide(server, projector):
    page = projector
    page.goto(server + "/情景对比?dept=jt&period=2021-2025&b_dept=sl&view=present&step=3")
    settle(page)
    page.locator("[data-testid=stPlotlyChart]").first.wait_for(timeout=30_000)
    assert slide_title(page) == "图表：情景 A 与情景 B（第 3 / 3 页）"
    banner = page.locator(BANNER).inner_text()
    assert "情景 A：部门：交通局；时期：“十四五”（2021–2025）" in banner and "情景 B：部门：水利局" in banner
    fits(page)


def test_the_brief_is_downloaded_with_its_name_and_links_to_this_server(server, page):
    page.goto(server + "/部门?unit=sl")
    settle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("导出简报")).click()
    download = info.value
    assert unquote(download.suggested_filename) == "晋江重点项目_水利局_部门_简报.pdf"
    text = subprocess.run(
        [poppler("pdftotext"), "-enc", "UTF-8", download.path(), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "32 个" in text or "32个" in text
    assert f"本视图链接：{server}/部门?unit=sl" in re.sub(r"\s+", "", text)


def test_a_saved_chart_is_named_after_the_view(server, page):
    page.goto(server + "/?dept=jt&period=2021-2025&measure=investment")
    settle(page)
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.locator(".js-plotly-plot text").first.wait_for(timeout=30_000)
    chart.hover()
    button = chart.locator(".modebar-btn")
    assert button.count() == 1 and button.get_attribute("data-title") == "下载图片（PNG，含标题、筛选与来源）"
    with page.expect_download() as info:
        button.click()
    assert (
        unquote(info.value.suggested_filename)
        == "晋江重点项目_交通局_十四五_储备项目的总投资（亿元，按部门与时期）.png"
    )
    assert Path(info.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
