"""Every page's frame: ``setup_page`` first (configuration, password, data,
sidebar), ``end_page`` last (share link, URL notices); and the page-level
choices kept in the URL."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import jjdata
from jjdata import Filters, Tables

from . import charts, urlstate
from .access import require_password
from .filters_view import sidebar_filters
from .navigation import APP_TITLE, PAGES, draw_navigation
from .url_view import add_notice, current_query, show_notices, write_query


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


def setup_page(title: str, own_params: tuple[str, ...] = ()) -> PageContext:
    """Configure the page, load the data, draw the sidebar filters.

    ``own_params`` are the page's own query parameters (kept in the URL,
    not reported as unknown).
    """
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", layout="wide")
    require_password()
    try:
        tables = jjdata.load_tables()
    except jjdata.JJDataError as exc:
        st.error(f"数据无法载入。{exc}")
        st.stop()
    options = jjdata.filter_options(tables)
    notice_slot = st.empty()
    draw_navigation()
    filters = sidebar_filters(options, own_params)
    link_slot = st.sidebar.empty()
    rows = jjdata.filter_projects(tables, filters)
    colors = charts.department_colors(tables.departments)
    return PageContext(tables, filters, rows, options, colors, PAGES[title].url_path, notice_slot, link_slot)


def end_page(ctx: PageContext) -> None:
    """Last call of every page: the share link and the URL notices, now that
    the page has written (and read) all its parameters."""
    with ctx.link_slot.container():
        st.caption("分享当前视图（点右上角复制链接）")
        st.code(urlstate.share_url(st.context.url or "", ctx.url_path, current_query()), language=None, wrap_lines=True)
    show_notices(ctx.notice_slot)


def page_choice(param: str, label: str, options: list[str], labels: dict[str, str], default: str) -> str:
    """A selectbox whose value lives in the URL parameter ``param`` (shareable)."""
    key = f"page_{param}"
    state = st.session_state
    if key not in state:
        wanted = st.query_params.get(param)
        if wanted is not None and wanted not in options:
            add_notice(urlstate.Notice(param, wanted, "不是可选值").text())
        state[key] = wanted if wanted in options else default
    choice = st.selectbox(label, options, format_func=labels.__getitem__, key=key)
    write_query({param: [choice]}, {param})
    return choice


def page_text(param: str, label: str) -> str:
    """A text input whose value lives in the URL parameter ``param``."""
    key = f"page_{param}"
    state = st.session_state
    if key not in state:
        state[key] = (st.query_params.get(param) or "")[:100]
    value = st.text_input(label, key=key, max_chars=100).strip()
    write_query({param: [value]} if value else {}, {param})
    return value
