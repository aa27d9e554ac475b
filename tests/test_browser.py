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


@pytest.fixture(scope="module")
def server():
    process, base = start_server({"JJ_PASSWORD": ""})
    yield base
    stop(process)


@pytest.fixture(scope="module")
def locked_server():
    process, base = start_server({"JJ_PASSWORD": "sesame"})
    yield base
    stop(process)


SHARED = "/?dept=jt&dept=sl&period=2021-2025&band=100to1000&band=ge1000"


def test_shared_link_survives_page_switches(server, page):
    page.goto(server + SHARED)
    settle(page)
    assert metric_values(page)["项目数（个）"] == ["38"]
    assert metric_values(page)["总投资（亿元）"] == ["≈405"]
    for label in ("项目", "部门", "原文", "总览"):
        page.get_by_test_id("stSidebar").get_by_role("link", name=label, exact=True).click()
        settle(page)
        wait_for_query(page, "dept", ["jt", "sl"])
        assert query_of(page)["period"] == ["2021-2025"], (label, page.url)
        assert query_of(page)["band"] == ["100to1000", "ge1000"]
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text("交通局", exact=True).is_visible()
    assert sidebar.get_by_text("水利局", exact=True).is_visible()
    assert metric_values(page)["项目数（个）"] == ["38"]


def test_changing_a_filter_updates_url_and_numbers(server, page):
    page.goto(server + "/?dept=jt&dept=sl&period=2021")
    settle(page)
    assert metric_values(page)["项目数（个）"] == ["32"]  # only 水利局 has 2021 rows among the two
    page.get_by_role("button", name="重置筛选").click()
    settle(page)
    wait_for_query(page, "dept", None)
    multiselect = page.locator(".st-key-w_departments")
    multiselect.click()
    page.get_by_role("option", name="交通局").click()
    page.keyboard.press("Escape")
    settle(page)
    wait_for_query(page, "dept", ["jt"])
    assert metric_values(page)["项目数（个）"] == ["44", "38"]  # 十三五 and 十四五, never 82


def test_clicking_a_bar_narrows_the_filters(server, page):
    page.goto(server + "/?dept=jt")
    settle(page)
    bar = page.locator(".stPlotlyChart").first.locator("g.point path").first  # 交通局 · 十三五
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.click(
        box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    )  # as a user: plotly's drag layer is on top
    settle(page)
    wait_for_query(page, "period", ["2016-2020"])
    assert query_of(page)["dept"] == ["jt"]
    assert metric_values(page)["项目数（个）"] == ["44"]
    assert metric_values(page)["总投资（亿元）"] == ["≈137.8"]


def test_csv_download_is_exactly_the_filtered_rows(server, page, tmp_path):
    page.goto(server + "/项目?dept=jt&period=2021-2025")
    settle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 CSV").click()
    path = tmp_path / "rows.csv"
    info.value.save_as(path)
    tables = jjdata.load_tables()
    expected = frames.csv_bytes(
        frames.project_frame(tables, jjdata.filter_projects(tables, Filters(departments=("jt",), periods=("十四五",))))
    )
    assert path.read_bytes() == expected
    assert unquote(info.value.suggested_filename).endswith(".csv")


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
    page.get_by_label("访问密码").fill("sesame")
    page.get_by_role("button", name="进入").click()
    settle(page)
    assert metric_values(page)["项目数（个）"] == ["38"]


def test_pages_reconnect_after_a_server_restart(page):
    port = free_port()
    process, base = start_server({"JJ_PASSWORD": ""}, port)
    try:
        page.goto(base + SHARED)
        assert metric_values(page)["项目数（个）"] == ["38"]
        stop(process)
        process, _ = start_server({"JJ_PASSWORD": ""}, port)
        # the open page reconnects by itself (the old DOM proves nothing: act on it)
        for _ in range(30):  # a click before the reconnection has no effect: retry
            page.get_by_role("button", name="重置筛选").click(timeout=60_000)
            page.wait_for_timeout(1000)
            if "dept" not in query_of(page):
                break
        wait_for_query(page, "dept", None)
        # a reload of the shared link restores the same view
        page.goto(base + SHARED)
        assert metric_values(page)["项目数（个）"] == ["38"]
        assert query_of(page)["band"] == ["100to1000", "ge1000"]
    finally:
        stop(process)
