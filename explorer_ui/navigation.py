"""The app's pages, listed once, and the sidebar links to them.

The app, the tests and the benchmarks all take the page list from ``PAGES``.
Our own sidebar links: the legacy navigation would call the home page "app".
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

APP_TITLE = "晋江重点项目数据浏览器"


@dataclass(frozen=True)
class Page:
    title: str  # shown in the sidebar and the browser tab
    script: str  # relative to the app folder
    url_path: str  # "" for the home page


PAGES: dict[str, Page] = {
    page.title: page
    for page in (
        Page("总览", "app.py", ""),
        Page("项目", "pages/1_项目.py", "项目"),
        Page("部门", "pages/2_部门.py", "部门"),
        Page("领导点评", "pages/3_领导点评.py", "领导点评"),
        Page("情景对比", "pages/4_情景对比.py", "情景对比"),
        Page("原文", "pages/5_原文.py", "原文"),
        Page("数据说明", "pages/6_数据说明.py", "数据说明"),
    )
}
HOME = PAGES["总览"]
COMPARE_PAGE = PAGES["情景对比"]  # its links carry filter set B too


def draw_navigation(queries: dict[str, dict[str, list[str]]]) -> None:
    """The sidebar links; ``queries[title]``: the URL parameters the link to that page
    carries (the filters), so a page opens with its whole address in one history entry."""
    st.sidebar.markdown(f"**{APP_TITLE}**")
    for page in PAGES.values():
        st.sidebar.page_link(page.script, label=page.title, query_params=queries.get(page.title) or None)
