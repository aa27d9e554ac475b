"""Every page's frame: ``setup_page`` first (configuration, password, data,
the active-filter line, sidebar), ``end_page`` last (URL, share link,
notices); and the page-level choices kept in the URL."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import jjdata
from jjdata import Filters, Tables

from . import charts, frames, urlstate
from .access import require_password
from .filters_view import COMPARE, MAIN, link_query, main_filters, sidebar_filters, stored_filters
from .navigation import APP_TITLE, COMPARE_PAGE, PAGES, Page, draw_navigation
from .page_style import apply_page_style
from .text import escape_markdown
from .url_view import add_notice, current_query, flush_query, seeded_from_url, show_notices, start_run, write_query

FILTER_LINE_KEY = "active_filters"


@dataclass(frozen=True)
class PageContext:
    tables: Tables
    filters: Filters
    rows: pd.DataFrame  # the project rows the filters select
    options: dict[str, dict[str, str]]
    colors: dict[str, str]
    url_path: str
    notice_slot: DeltaGenerator  # filled by end_page, once every URL parameter has been read
    link_slot: DeltaGenerator
    filter_line_slot: DeltaGenerator  # emptied by 投影模式, whose banner says the same in large type


def setup_page(title: str, own_params: tuple[str, ...] = ()) -> PageContext:
    """Configure the page, load the data, say which filters are on, draw the sidebar.

    ``own_params`` are the page's own query parameters (kept in the URL,
    not reported as unknown).
    """
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", layout="wide")
    apply_page_style()
    start_run()
    require_password()
    try:
        tables = jjdata.load_tables()
    except jjdata.JJDataError as exc:
        st.error(f"数据无法载入。{exc}")
        st.stop()
    options = jjdata.filter_options(tables)
    filters = main_filters(options, own_params)
    notice_slot = st.empty()
    filter_line_slot = st.empty()
    _draw_filter_line(filter_line_slot, _filter_lines(PAGES[title], filters, options))
    draw_navigation(
        {page.title: link_query((MAIN, COMPARE) if page == COMPARE_PAGE else (MAIN,)) for page in PAGES.values()}
    )
    filters = sidebar_filters(options)
    link_slot = st.sidebar.empty()
    rows = jjdata.filter_projects(tables, filters)
    colors = charts.department_colors(tables.departments)
    return PageContext(
        tables, filters, rows, options, colors, PAGES[title].url_path, notice_slot, link_slot, filter_line_slot
    )


def _filter_lines(page: Page, filters: Filters, options: dict[str, dict[str, str]]) -> list[str]:
    """What the page shows, in words; 情景对比 names its set B too."""
    if page != COMPARE_PAGE:
        return [frames.active_filters_line(filters, options)]
    return [
        frames.active_filters_line(filters, options, "情景 A（左侧筛选）"),
        frames.active_filters_line(stored_filters(COMPARE, options), options, "情景 B"),
    ]


def _draw_filter_line(slot: DeltaGenerator, lines: list[str]) -> None:
    """At the top of the main area, so a room that cannot see the sidebar knows what it looks at."""
    shown = []
    for line in lines:
        name, _, words = line.partition("：")
        # No icon: Streamlit reads a Material icon out as its English name ("filter_alt icon").
        shown.append(f"**{escape_markdown(name)}**：{escape_markdown(words)}")
    with slot.container(key=FILTER_LINE_KEY):
        st.markdown("  \n".join(shown))


def end_page(ctx: PageContext) -> None:
    """Last call of every page: the URL (written once), the share link and the
    notices, now that the page has written (and read) all its parameters."""
    flush_query()
    _share_link(ctx)
    show_notices(ctx.notice_slot)


def _share_link(ctx: PageContext) -> None:
    """The link that reproduces the view, with a copy button. In a popover: the
    code block's syntax highlighter (1.6 MB of front-end code) then loads only
    when someone opens it, not with every page."""
    with ctx.link_slot.container(), st.popover("分享当前视图", icon=":material/share:", width="stretch"):
        st.caption("复制下面的链接（点它右上角的按钮），发给同事即可打开同样的视图。")
        st.code(urlstate.share_url(st.context.url or "", ctx.url_path, current_query()), language=None, wrap_lines=True)


def page_choice(
    param: str, label: str, options: list[str], labels: dict[str, str], default: str, help: str | None = None
) -> str:
    """A selectbox whose value lives in the URL parameter ``param`` (shareable);
    the default is left out of the URL."""
    key = f"page_{param}"
    state = st.session_state
    if seeded_from_url(key):
        wanted = st.query_params.get(param)
        if wanted is not None and wanted not in options:
            add_notice(urlstate.Notice(param, wanted, "不是可选值").text())
        state[key] = wanted if wanted in options else default
    elif state[key] not in options:  # the options changed with the filters
        state[key] = default
    choice = st.selectbox(
        label, options, format_func=labels.__getitem__, key=key, help=help, width=320, placeholder="请选择"
    )
    write_query({param: [choice]} if choice != default else {}, {param})
    return choice


def page_text(param: str, label: str) -> str:
    """A text input whose value lives in the URL parameter ``param``."""
    key = f"page_{param}"
    state = st.session_state
    if seeded_from_url(key):
        state[key] = (st.query_params.get(param) or "")[:100]
    value = st.text_input(label, key=key, max_chars=100).strip()
    write_query({param: [value]} if value else {}, {param})
    return value
