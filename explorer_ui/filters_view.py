"""The filters: kept in the session, drawn as widgets, written to the URL.

Why the filters live in ``st.session_state[MAIN.store]`` and not in the widgets:
with legacy ``pages/``, widget state is dropped on a page switch (and a
value that came from the URL is lost), so each page re-seeds its widgets
from the store and writes the store back to the URL on every run. The URL
is read into the store on a session's first run and whenever the browser
goes Back or Forward: then the address bar names the view to show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from jjdata import Filters

from . import urlstate
from .url_view import NOTICES, add_notice, clear_notices, current_query, seeded_from_url, write_query

RANGE_NOTICE = "range_notice"
CHART_VERSION = "chart_version"  # bumped when a chart click narrows the filters: the charts start unselected

BAND_HELP = "按每条记录自己的总投资比较：项目组按整组的合计算，不是组里某个单个项目的投资。"
WIDGETS = {  # filter field -> (widget key, label, help)
    "departments": ("w_departments", "部门", None),
    "types": ("w_types", "项目类型", None),
    "bands": ("w_bands", "投资规模", BAND_HELP),
    "periods": ("w_periods", "时期", "“十三五”即 2016–2020 年，“十四五”即 2021–2025 年。"),
    "stages": ("w_stages", "阶段", None),
}
MIN_KEY, MAX_KEY = "w_min_investment", "w_max_investment"
NUMBER_WIDTH = 120  # px: at most 7.5rem, below which Streamlit hides the +/- buttons and the English hints
BOUND_WIDGETS = ((MIN_KEY, "最低（亿元）"), (MAX_KEY, "最高（亿元）"))
SINGLE_KEY, SINGLE_LABEL = "w_single", "只看单个项目"
SINGLE_HELP = "原文常按组给数（如“38 个储备项目”）。打开后只列原文中的单个项目，不列项目组。"


@dataclass(frozen=True)
class FilterSet:
    """One set of filters: where it is stored, and its widget and URL prefix."""

    store: str
    prefix: str


MAIN = FilterSet("filters", "")
COMPARE = FilterSet("filters_b", "b_")  # 情景对比's set B


def stored_filters(fs: FilterSet, options: dict[str, dict[str, str]]) -> Filters:
    """The set's filters from the session store, read from the URL first on the
    session's first run and on Back/Forward (values the data does not know are
    dropped with a notice)."""
    state = st.session_state
    if seeded_from_url(fs.store):
        filters, notices = urlstate.filters_from_query(current_query(), options, fs.prefix)
        state[fs.store] = filters
        for notice in notices:
            add_notice(notice.text())
    return state[fs.store]


def main_filters(options: dict[str, dict[str, str]], own_params: tuple[str, ...]) -> Filters:
    """The sidebar's filter set; on a session's first run, note the URL's unknown parameters."""
    state = st.session_state
    if MAIN.store not in state:  # first run of this session: the URL is the source
        known = urlstate.filter_params() | urlstate.filter_params(COMPARE.prefix) | set(own_params)
        state[NOTICES] = [n.text() for n in urlstate.unknown_params(current_query(), known)]
    return stored_filters(MAIN, options)


def link_query(sets: tuple[FilterSet, ...] = (MAIN,)) -> dict[str, list[str]]:
    """The stored filter sets as URL parameters: what a link to another page carries,
    so the page opens with its whole address at once (one history entry)."""
    state = st.session_state
    query: dict[str, list[str]] = {}
    for fs in sets:
        if fs.store in state:
            query |= urlstate.query_from_filters(state[fs.store], fs.prefix)
    return query


def sidebar_filters(options: dict[str, dict[str, str]]) -> Filters:
    bar = st.sidebar
    bar.header("筛选")
    filters = draw_filters(MAIN, options, bar)
    bar.caption("约数按所写数值；“以上”“超”的数值是下限，只要范围可能包含就算在内。")
    bar.button("重置筛选", on_click=_reset, width="stretch", disabled=filters == Filters())
    return filters


def draw_filters(
    fs: FilterSet, options: dict[str, dict[str, str]], container: DeltaGenerator, columns: int = 1
) -> Filters:
    """Draw one filter set's widgets (in ``columns`` columns), seeded from its store; keep the URL in step."""
    state = st.session_state
    filters = stored_filters(fs, options)
    # Re-seed the widgets from the store: they forget on a page switch.
    for field, (key, _, _) in WIDGETS.items():
        state[fs.prefix + key] = list(getattr(filters, field))
    state[fs.prefix + MIN_KEY], state[fs.prefix + MAX_KEY] = filters.min_investment, filters.max_investment
    state[fs.prefix + SINGLE_KEY] = filters.single_only
    slots = container.columns(columns) if columns > 1 else [container]
    for i, (field, (key, label, help_text)) in enumerate(WIDGETS.items()):
        labels = options[field]
        slots[i % len(slots)].multiselect(
            label,
            list(labels),
            format_func=labels.__getitem__,
            key=fs.prefix + key,
            placeholder="全部",
            help=help_text,
            on_change=_store_from_widgets,
            args=(fs, options),
            # No typing (its “No results” line is English) and no “Select all”: a short list to tick.
            filter_mode=None,
            select_all=False,
        )
    last = slots[len(WIDGETS) % len(slots)]
    low, high = last.columns(2)
    for col, (key, label) in zip((low, high), BOUND_WIDGETS, strict=True):
        col.number_input(
            label,
            min_value=0.0,
            max_value=urlstate.BOUND_MAX,
            step=10.0,
            key=fs.prefix + key,
            on_change=_store_from_widgets,
            args=(fs, options),
            # Narrow: Streamlit then shows neither its +/- buttons nor “Press Enter to apply” (English).
            width=NUMBER_WIDTH,
        )
    last.toggle(
        SINGLE_LABEL, key=fs.prefix + SINGLE_KEY, help=SINGLE_HELP, on_change=_store_from_widgets, args=(fs, options)
    )
    if RANGE_NOTICE in state:
        container.warning(state.pop(RANGE_NOTICE))
    write_query(urlstate.query_from_filters(filters, fs.prefix), urlstate.filter_params(fs.prefix))
    return filters


def _store_from_widgets(fs: FilterSet, options: dict[str, dict[str, str]]) -> None:
    """Widgets -> store. The values are checked again here: a modified client can
    send anything, and only options and plain bounds may reach the store and the URL."""
    state = st.session_state
    clear_notices()
    values = {}
    for field, (key, label, _) in WIDGETS.items():
        values[field], rejected = urlstate.valid_choices(list(state[fs.prefix + key] or []), options[field])
        for value in rejected:
            add_notice(f"“{label}”收到的值 {urlstate.shown(value)} 已忽略：不是可选值")
    low, high = (_bound_from_widget(state[fs.prefix + key], label) for key, label in BOUND_WIDGETS)
    if low is not None and high is not None and low > high:
        state[RANGE_NOTICE] = (
            f"最高 {urlstate.format_bound(high)} 亿元小于最低 {urlstate.format_bound(low)} 亿元，暂不按最高值筛选。"
        )
        high = None  # as for a link with min > max: keep the lower bound, say so
    single = state[fs.prefix + SINGLE_KEY] is True
    state[fs.store] = Filters(**values, min_investment=low, max_investment=high, single_only=single)


def _bound_from_widget(value: object, label: str) -> float | None:
    bound = urlstate.valid_bound(value)
    if value is not None and bound is None:
        add_notice(f"“{label}”收到的值 {urlstate.shown(str(value))} 已忽略：{urlstate.BOUND_RULE}")
    return bound


def _reset() -> None:
    st.session_state[MAIN.store] = Filters()
    clear_notices()


def narrow_filters(**changes: tuple[str, ...]) -> None:
    """Replace some filter fields (a chart click); used from callbacks."""
    st.session_state[MAIN.store] = replace(st.session_state[MAIN.store], **changes)
    clear_notices()
    st.session_state[CHART_VERSION] = st.session_state.get(CHART_VERSION, 0) + 1
