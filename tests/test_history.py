"""The browser's Back and Forward buttons restore the view the address bar shows
(issue 9 item 6), in Chromium against a live server.

What went wrong before: every parameter the app wrote was a history entry
of its own (重置筛选 from 交通局 + “十四五” pushed ``?period=…`` and then the
empty query; a sidebar link pushed the bare page and then its filters), and
on Back the app wrote its session's filters over the address bar, so Back
did nothing, or showed one view under another view's address.
"""

from urllib.parse import unquote, urlparse

import pytest

from .browser_support import query_of, require_chromium, settle, start_server, stop

require_chromium()

TRANSPORT = "交通局"
THIRTEENTH = "“十三五”（2016–2020）"
FOURTEENTH = "“十四五”（2021–2025）"


@pytest.fixture(scope="module")
def server():
    process, base = start_server({})
    yield base
    stop(process)


def filter_line(page) -> str:
    """The active-filter line at the top of the main area: what the page shows."""
    line = page.get_by_test_id("stMain").locator("[class*='st-key-active_filters']")
    line.first.wait_for(timeout=30_000)
    return line.first.inner_text().strip()


def chosen(page, key: str) -> list[str]:
    """The options chosen in a sidebar multiselect, as the widget shows them."""
    return [tag.get_attribute("aria-label") for tag in page.locator(f".st-key-{key} [data-tag]").all()]


def where(page) -> tuple[str, dict[str, list[str]]]:
    return unquote(urlparse(page.url).path), query_of(page)


def loaded(page):
    settle(page)
    page.locator(".st-key-w_departments [data-testid='stMultiSelect']").wait_for(timeout=30_000)
    settle(page)


def pick(page, key: str, option: str):
    page.locator(f".st-key-{key} input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    loaded(page)


def go(page, direction: str):
    page.go_back() if direction == "back" else page.go_forward()
    loaded(page)


def assert_shows(page, path: str, query: dict[str, list[str]], line: str, departments: list[str], periods: list[str]):
    """The address bar, the active-filter line and the sidebar widgets all name the same view."""
    assert where(page) == (path, query)
    assert filter_line(page) == line
    assert chosen(page, "w_departments") == departments
    assert chosen(page, "w_periods") == periods


def test_back_and_forward_restore_the_view_the_address_bar_shows(server, page):
    page.goto(server + "/")
    loaded(page)
    history_start = page.evaluate("history.length")
    assert_shows(page, "/", {}, "未筛选：显示全部", [], [])

    pick(page, "w_departments", TRANSPORT)  # a widget change
    assert_shows(page, "/", {"dept": ["jt"]}, "当前筛选：部门：交通局", [TRANSPORT], [])

    bar = page.locator(".stPlotlyChart").first.locator("g.point path").first  # 交通局 · 十三五
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # a chart click
    loaded(page)
    thirteenth = {"dept": ["jt"], "period": ["2016-2020"]}
    assert_shows(page, "/", thirteenth, f"当前筛选：部门：交通局；时期：{THIRTEENTH}", [TRANSPORT], [THIRTEENTH])

    page.get_by_test_id("stSidebar").get_by_role("link", name="项目", exact=True).click()  # a page link
    loaded(page)
    assert_shows(page, "/项目", thirteenth, f"当前筛选：部门：交通局；时期：{THIRTEENTH}", [TRANSPORT], [THIRTEENTH])

    pick(page, "w_periods", FOURTEENTH)  # one change, two periods chosen
    both = {"dept": ["jt"], "period": ["2016-2020", "2021-2025"]}
    line = f"当前筛选：部门：交通局；时期：{THIRTEENTH}、{FOURTEENTH}"
    assert_shows(page, "/项目", both, line, [TRANSPORT], [THIRTEENTH, FOURTEENTH])

    page.get_by_role("button", name="重置筛选").click()  # two parameters dropped at once
    loaded(page)
    assert_shows(page, "/项目", {}, "未筛选：显示全部", [], [])
    # one history entry per action: nothing in between that was never a view
    assert page.evaluate("history.length") == history_start + 5

    go(page, "back")  # before the reset
    assert_shows(page, "/项目", both, line, [TRANSPORT], [THIRTEENTH, FOURTEENTH])
    go(page, "back")
    assert_shows(page, "/项目", thirteenth, f"当前筛选：部门：交通局；时期：{THIRTEENTH}", [TRANSPORT], [THIRTEENTH])
    go(page, "back")  # back across the page link, to 总览
    assert_shows(page, "/", thirteenth, f"当前筛选：部门：交通局；时期：{THIRTEENTH}", [TRANSPORT], [THIRTEENTH])
    go(page, "back")  # before the chart click
    assert_shows(page, "/", {"dept": ["jt"]}, "当前筛选：部门：交通局", [TRANSPORT], [])
    go(page, "back")
    assert_shows(page, "/", {}, "未筛选：显示全部", [], [])

    go(page, "forward")
    assert_shows(page, "/", {"dept": ["jt"]}, "当前筛选：部门：交通局", [TRANSPORT], [])
    go(page, "forward")
    go(page, "forward")
    assert_shows(page, "/项目", thirteenth, f"当前筛选：部门：交通局；时期：{THIRTEENTH}", [TRANSPORT], [THIRTEENTH])
    # the history ahead is intact: Back/Forward rewrote nothing
    assert page.evaluate("history.length") == history_start + 5


def test_back_from_the_source_returns_to_the_table(server, page):
    """A 看原文 link is one history entry; Back returns to the page and filters it came from."""
    page.goto(server + "/项目?dept=jt&period=2021-2025")
    loaded(page)
    table = page.get_by_test_id("stDataFrame").last
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 36 + 18)  # the first row's selection box
    loaded(page)
    page.get_by_test_id("stMain").get_by_role("link").filter(has_text="原文").first.click()
    loaded(page)
    assert where(page) == ("/原文", {"fig": ["jt-14-count"], "dept": ["jt"], "period": ["2021-2025"]})
    go(page, "back")
    assert where(page) == ("/项目", {"dept": ["jt"], "period": ["2021-2025"]})
    assert filter_line(page) == f"当前筛选：部门：交通局；时期：{FOURTEENTH}"


def test_back_restores_a_pages_own_choice(server, page):
    """部门's unit lives in the link too; Back brings the earlier unit back."""
    page.goto(server + "/部门")
    loaded(page)
    first = page.get_by_test_id("stMain").locator("h1").first.inner_text()
    page.locator(".st-key-page_unit").click()
    page.get_by_role("option", name="水利局", exact=True).click()
    loaded(page)
    assert where(page) == ("/部门", {"unit": ["sl"]})
    assert page.get_by_test_id("stMain").locator("h1").first.inner_text() == "晋江市水利局"
    go(page, "back")
    assert where(page) == ("/部门", {})
    assert page.get_by_test_id("stMain").locator("h1").first.inner_text() == first
