"""Real-browser tests: Playwright driving Debian's Chromium against a live server.

Locally they skip when Chromium is missing (apt-get install chromium
fonts-noto-cjk); with JJ_REQUIRE_BROWSER=1 (set by .ci/run) a missing
browser fails the run instead.
"""

from urllib.parse import unquote

import pytest

import jjdata
from explorer_ui import frames
from jjdata import Filters

from .browser_support import (
    answer_lines,
    free_port,
    metric_values,
    query_of,
    require_chromium,
    settle,
    start_server,
    stop,
    wait_for_query,
)

require_chromium()


OPEN: dict[str, str] = {}  # no password (JJ_PASSWORD="" would be a configuration error, and no data)
LOCKED = {"JJ_PASSWORD": "sesame"}


@pytest.fixture(scope="module")
def server():
    process, base = start_server(OPEN)
    yield base
    stop(process)


@pytest.fixture(scope="module")
def locked_server():
    process, base = start_server(LOCKED)
    yield base
    stop(process)


SHARED = "/?dept=jt&dept=sl&period=2021-2025&band=100to1000&band=ge1000"
TRANSPORT_RESERVE = "交通局“十四五”（2021–2025）储备项目：38 个，总投资约 405 亿元；原文未给出年度计划投资"


def test_shared_link_survives_page_switches(server, page):
    page.goto(server + SHARED)
    settle(page)
    assert answer_lines(page)[0].startswith(TRANSPORT_RESERVE)
    for label in ("项目", "部门", "原文", "总览"):
        page.get_by_test_id("stSidebar").get_by_role("link", name=label, exact=True).click()
        settle(page)
        wait_for_query(page, "dept", ["jt", "sl"])
        assert query_of(page)["period"] == ["2021-2025"], (label, page.url)
        assert query_of(page)["band"] == ["100to1000", "ge1000"]
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text("交通局", exact=True).is_visible()
    assert sidebar.get_by_text("水利局", exact=True).is_visible()
    assert answer_lines(page)[0].startswith(TRANSPORT_RESERVE)


def test_changing_a_filter_updates_url_and_numbers(server, page):
    page.goto(server + "/?dept=jt&dept=sl&period=2021")
    settle(page)
    assert answer_lines(page)[0].startswith("水利局2021年推进项目（多阶段）：32 个")  # only 水利局 has 2021 rows
    page.get_by_role("button", name="重置筛选").click()
    settle(page)
    wait_for_query(page, "dept", None)
    multiselect = page.locator(".st-key-w_departments")
    multiselect.click()
    page.get_by_role("option", name="交通局").click()
    page.keyboard.press("Escape")
    settle(page)
    wait_for_query(page, "dept", ["jt"])
    lines = answer_lines(page)  # 十三五 and 十四五 apart, never 82
    assert lines[0].startswith("交通局“十三五”（2016–2020）已实施项目：44 个") and lines[1].startswith(
        TRANSPORT_RESERVE
    )


def test_clicking_a_bar_narrows_the_filters(server, page):
    page.goto(server + "/?dept=jt")
    settle(page)
    # 交通局 · 十三五: 已实施项目, the default series
    bar = page.locator(".stPlotlyChart").first.locator("g.point path").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.click(
        box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    )  # as a user: plotly's drag layer is on top
    settle(page)
    wait_for_query(page, "period", ["2016-2020"])
    assert query_of(page)["dept"] == ["jt"]
    # 横九线、东石连接线、大深线 are listed beside the 44, not "left out" of them (jjdata GroupTotal.listed_apart)
    assert answer_lines(page) == [
        "交通局“十三五”（2016–2020）已实施项目：44 个，完成投资约 137.8 亿元；原文未给出年度计划投资；"
        "另列出省、泉州市重点项目（国省干线横九线、快速通道东石连接线、大深线），原文未说明是否在这 44 个之内。"
    ]


def test_csv_download_is_exactly_the_filtered_rows(server, page, tmp_path):
    page.goto(server + "/项目?dept=jt&period=2021-2025")
    settle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 CSV").click()
    path = tmp_path / "rows.csv"
    info.value.save_as(path)
    tables = jjdata.load_tables()
    rows = jjdata.filter_projects(tables, Filters(departments=("jt",), periods=("十四五",)))
    # after the header block (filters, source, dates, link: tests/test_meeting_kit.py), the rows with absolute links
    header, _, table = path.read_bytes().decode("utf-8-sig").partition("\n\n")
    assert table == frames.exported(frames.project_frame(tables, rows), server).to_csv(index=False)
    assert "本视图链接," + server + "/%E9%A1%B9%E7%9B%AE?dept=jt&period=2021-2025" in header
    assert unquote(info.value.suggested_filename) == "晋江重点项目_交通局_十四五.csv"


def test_figure_link_opens_its_place_in_the_text(server, page):
    page.goto(server + "/原文?fig=jt-14-investment")
    settle(page)
    text = page.locator("body").inner_text()
    assert "定位：交通局 · “十四五”重点储备项目总投资：≈405 亿元" in text
    assert text.count("总投资约405亿元") >= 2  # in the box and in the full text


def test_clicking_a_treemap_cell_narrows_the_filters(server, page):
    page.goto(server + "/?dept=jt")
    settle(page)
    treemap = page.locator(".stPlotlyChart").nth(1)
    treemap.scroll_into_view_if_needed()
    cell = treemap.locator("g.slice").filter(has_text="综合交通").first
    box = cell.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    settle(page)
    wait_for_query(page, "type", ["transport.general"])
    assert query_of(page)["period"] == ["2021-2025"] or query_of(page)["period"] == ["2016-2020"]


def test_a_page_opened_by_its_url_asks_for_the_password_first(locked_server, page):
    page.goto(locked_server + "/项目?dept=jt&period=2021-2025")
    settle(page)
    text = page.locator("body").inner_text()
    assert "访问密码" in text
    assert "交通局" not in text and "亿元" not in text
    log_in(page)
    assert metric_values(page)["项目数（个）"] == ["38"]


def log_in(page, password="sesame"):
    page.get_by_label("访问密码").fill(password)
    page.get_by_role("button", name="进入").click()
    settle(page)


def test_a_comment_link_opens_the_source_in_the_same_tab_and_session(locked_server, page):
    """Issue 7 (Low): each 看原文 link opened a new tab that asked for the password again."""
    page.goto(locked_server + "/领导点评")
    settle(page)
    log_in(page)
    page.get_by_test_id("stMain").get_by_role("link", name="在原文中查看").first.click()
    settle(page)
    assert len(page.context.pages) == 1
    assert unquote(page.url).split("/")[-1] == "原文?at=280"  # 吴志朴's comment on 自然资源局
    text = page.locator("body").inner_text()
    assert "访问密码" not in text and "晋江市领导吴志朴" in text


def test_a_table_row_links_to_its_source_in_the_same_session(locked_server, page):
    page.goto(locked_server + "/项目?dept=jt&period=2021-2025")
    settle(page)
    log_in(page)
    table = page.get_by_test_id("stDataFrame").last
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 36 + 18)  # the first row's selection box, under the header
    settle(page)
    page.get_by_role("link", name="在原文中查看：“十四五”交通重点储备项目").click()
    settle(page)
    assert len(page.context.pages) == 1
    assert query_of(page)["fig"] == ["jt-14-count"]  # the row's first figure: 重点储备项目38个
    text = page.locator("body").inner_text()
    assert "访问密码" not in text and "定位：交通局" in text


def test_after_a_restart_a_protected_page_asks_again_without_a_click(page):
    """Issue 7 (Low): after a restart a protected page kept showing its data until the first click."""
    port = free_port()
    process, base = start_server(LOCKED, port)
    try:
        page.goto(base + "/?dept=jt&period=2021-2025")
        settle(page)
        log_in(page)
        assert answer_lines(page)[0].startswith(TRANSPORT_RESERVE)
        stop(process)
        process, _ = start_server(LOCKED, port)
        page.get_by_label("访问密码").wait_for(timeout=60_000)  # no click: the page reruns on reconnecting
        settle(page)
        assert page.get_by_test_id("stMetric").count() == 0
        assert "38" not in page.locator("body").inner_text()
    finally:
        stop(process)


def test_values_from_a_link_show_as_plain_text(server, page):
    """Issue 7 (Low): GFM turned a quoted https://… into a link, a newline plus an indent into a code block."""
    page.goto(server + "/原文?fig=https://evil.example/phish&dept=%0A%20%20%20%20code")
    settle(page)
    notice = page.get_by_test_id("stText").first.inner_text()
    assert "'fig'='https://evil.example/phish'" in notice and "code" in notice
    assert page.locator("a[href*='evil']").count() == 0
    assert page.get_by_test_id("stMain").locator("code, pre").count() == 0


def test_pages_reconnect_after_a_server_restart(page):
    port = free_port()
    process, base = start_server(OPEN, port)
    try:
        page.goto(base + SHARED)
        assert answer_lines(page)[0].startswith(TRANSPORT_RESERVE)
        stop(process)
        process, _ = start_server(OPEN, port)
        # the open page reconnects by itself (the old DOM proves nothing: act on it)
        for _ in range(30):  # a click before the reconnection has no effect: retry
            reset = page.get_by_role("button", name="重置筛选")
            if reset.is_enabled():  # disabled: the reset took, its run has not written the URL yet
                reset.click(timeout=60_000)
            page.wait_for_timeout(1000)
            if "dept" not in query_of(page):
                break
        wait_for_query(page, "dept", None)
        # a reload of the shared link restores the same view
        page.goto(base + SHARED)
        assert answer_lines(page)[0].startswith(TRANSPORT_RESERVE)
        assert query_of(page)["band"] == ["100to1000", "ge1000"]
    finally:
        stop(process)
