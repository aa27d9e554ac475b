"""Charts that narrow the filters when clicked (总览, 项目, 情景对比), and the
measure they show, kept in the link (``?measure=``). Each chart carries its
title, the filters in words, the source and the build time in the figure
(``chart_context``), so a saved image says what it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from jjdata import Filters, Tables
from jjdata.amounts import MEASURE_NAMES, MEASURES
from jjdata.memo import IdentityMemo
from jjdata.phrases import bar_label, series_title
from jjdata.query import SeriesKind, counted_amounts, counted_rows, counted_series, series_kinds, series_rows, summarize

from . import chart_context, charts, frames, provenance, urlstate
from .filters_view import CHART_VERSION, narrow_filters
from .page import PageContext
from .url_view import add_notice, seeded_from_url, write_query

MEASURE_PARAM = "measure"  # a page that draws measure_choice lists it in setup_page(own_params=...)
SERIES_PARAM = "series"  # likewise for series_choice
DEFAULT_MEASURE = "projects"
MEASURE_LABELS = MEASURE_NAMES
PROJECTOR_TREEMAP_HEIGHT = 380  # fits under the presentation's banner at 1280×720


@dataclass(frozen=True)
class ChartView:
    """Which view a chart belongs to, as it says so in its title lines and its image's file name."""

    words: str  # the filters in words, e.g. "当前筛选：部门：交通局"
    name_parts: tuple[str, ...]  # the same for a file name, e.g. ("交通局",)
    columns: int = 1  # charts side by side: their lines wrap narrower
    large: bool = False  # for the projector


def chart_view(
    ctx: PageContext, filters: Filters | None = None, name: str | None = None, columns: int = 1, large: bool = False
) -> ChartView:
    """The chart view of ``filters`` (default: the sidebar's); ``name`` ("情景 A") heads its words."""
    filters = ctx.filters if filters is None else filters
    parts = tuple(provenance.filter_name_parts(filters, ctx.options))
    return ChartView(frames.active_filters_line(filters, ctx.options, name), parts, columns, large)


def measure_choice(key: str) -> str:
    """项目数 / 总投资 / 年度计划投资, seeded from the link (also on Back/Forward) and
    written back to it; the default is left out of the link."""
    state = st.session_state
    if seeded_from_url(key):
        wanted = st.query_params.get(MEASURE_PARAM)
        if wanted is not None and wanted not in MEASURES:
            add_notice(urlstate.Notice(MEASURE_PARAM, wanted, "不是可选值").text())
        state[key] = wanted if wanted in MEASURES else DEFAULT_MEASURE
    measure = st.segmented_control(
        "图表与表格的指标", list(MEASURES), format_func=MEASURE_LABELS.__getitem__, key=key, required=True
    )
    write_query({MEASURE_PARAM: [measure]} if measure != DEFAULT_MEASURE else {}, {MEASURE_PARAM})
    return measure


def series_tokens(kinds: list[SeriesKind]) -> dict[str, SeriesKind]:
    """A short name for each series in the link: its basis ("reserve"), numbered where one basis
    has several series ("under_construction-2": 子项目 after 项目包)."""
    tokens: dict[str, SeriesKind] = {}
    for kind in kinds:
        same = sorted((k for k in kinds if k.basis == kind.basis), key=lambda k: (k.label, k.unit))
        token = kind.basis if len(same) == 1 else f"{kind.basis}-{same.index(kind) + 1}"
        tokens[token] = kind
    return tokens


def series_from_link(tables: Tables, row_sets: list[pd.DataFrame], measure: str) -> SeriesKind | None:
    """The series the link names (``?series=``), else the one with the most bars; None when there is none."""
    kinds = series_kinds(tables, row_sets, measure)
    return series_tokens(kinds).get(st.query_params.get(SERIES_PARAM, ""), kinds[0] if kinds else None)


def series_choice(ctx: PageContext, row_sets: list[pd.DataFrame], measure: str, key: str) -> SeriesKind | None:
    """Which kind of amount the charts show: one series at a time (储备项目的项目数（个）, …), so bars
    of different kinds never share an axis; offered only when the rows give several. The default is
    the series with the most bars and follows the filters; a series the reader picks is kept (in the
    link too) while the filters still give it."""
    kinds = series_kinds(ctx.tables, row_sets, measure)
    tokens = series_tokens(kinds)
    default = next(iter(tokens), None)
    chosen = f"{key}_chosen"  # the reader picked this series (or the link named it): not the default
    state = st.session_state
    if seeded_from_url(key):
        wanted = st.query_params.get(SERIES_PARAM)
        if wanted is not None and wanted not in tokens:
            add_notice(urlstate.Notice(SERIES_PARAM, wanted, "不是当前可选的类别").text())
        state[chosen] = wanted in tokens
        state[key] = wanted if wanted in tokens else default
    elif not state.get(chosen) or state.get(key) not in tokens:
        state[chosen], state[key] = False, default
    if len(kinds) <= 1:
        write_query({}, {SERIES_PARAM})
        return kinds[0] if kinds else None
    names = {token: series_title(ctx.tables, kind) for token, kind in tokens.items()}
    token = st.selectbox(
        "图表显示的类别（每张图只画同一类的数，不同类别不相加、不同轴比较）",
        list(tokens),
        format_func=names.__getitem__,
        key=key,
        placeholder="请选择",
        on_change=_picked,
        args=(chosen,),
    )
    write_query({SERIES_PARAM: [token]} if state[chosen] and token != default else {}, {SERIES_PARAM})
    return tokens[token]


def _picked(chosen: str) -> None:
    st.session_state[chosen] = True


def bar_axis_end(tables: Tables, row_sets: list[pd.DataFrame], series: SeriesKind | None) -> float | None:
    """The longest bar among the row sets: one axis range for charts set side by side."""
    if series is None:
        return None
    values = [
        float(shown[series.measure].max())
        for rows in row_sets
        if not (shown := series_rows(summarize(tables, rows, by=("dept_id",)), series)).empty
    ]
    return max(values) if values else None


def render_bar_chart(
    ctx: PageContext,
    rows: pd.DataFrame,
    series: SeriesKind | None,
    key: str,
    clickable: bool = True,
    x_max: float | None = None,
    view: ChartView | None = None,
) -> None:
    """Bars per unit and period for one series (one kind of amount: ``series_choice``)."""
    view = view or chart_view(ctx)
    summary = summarize(ctx.tables, rows, by=("dept_id",))
    what = series_title(ctx.tables, series) if series else "数字"
    title = f"{series_title(ctx.tables, series, with_unit=False)}（{series.unit}，按部门与时期）" if series else what

    def build() -> go.Figure | None:
        shown = series_rows(summary, series) if series else summary.iloc[0:0]
        if shown.empty:
            return None
        labels = [bar_label(ctx.tables, r["pool"], str(r["dept_id"])) for r in shown.to_dict("records")]
        figure = charts.bar_by_department(shown, labels, ctx.colors, series.measure, series.unit, x_max=x_max)
        if view.large:
            figure = chart_context.for_projector(figure, height=110 + 58 * len(shown))
        return _in_context(ctx, figure, title, view)

    on_click = _narrow_from_bars if clickable else None
    kind = ("bar", series, x_max, view)
    _chart(_figure(kind, summary, build), key, on_click, f"当前筛选下原文没有{what}可画。", title, view)
    hint = "点击柱子可筛选到该部门与时期。" if clickable else ""
    st.caption(f"每根柱子是一个单独的数，不同时期、不同统计范围不相加；其他类别的数见上方文字。{hint}")


def render_side_by_side(
    ctx: PageContext,
    filters_b: Filters,
    rows_b: pd.DataFrame,
    series: SeriesKind | None,
    key: str,
    large: bool = False,
) -> None:
    """情景对比's A (the sidebar's filters) and B charts side by side, one series and
    one axis for both; only A's bars narrow the filters (B has its own filters on the page)."""
    axis_end = bar_axis_end(ctx.tables, [ctx.rows, rows_b], series)
    sides = (("A", ctx.filters, ctx.rows), ("B", filters_b, rows_b))
    for column, (side, filters, rows) in zip(st.columns(2, gap="large"), sides, strict=True):
        with column:
            st.markdown(f"#### 情景 {side}")
            own = chart_view(ctx, filters, f"情景 {side}", columns=2, large=large)
            view = ChartView(own.words, ("情景对比", side, *own.name_parts), own.columns, own.large)
            render_bar_chart(ctx, rows, series, f"{key}_{side.lower()}", side == "A", x_max=axis_end, view=view)


def render_treemap(
    ctx: PageContext, rows: pd.DataFrame, series: SeriesKind | None, key: str, view: ChartView | None = None
) -> None:
    """Period → unit → project type, one treemap per period, for the departments' own amounts of one series."""
    view = view or chart_view(ctx)
    counted = counted_rows(ctx.tables, rows)
    what = series_title(ctx.tables, series) if series else "数字"
    title = f"各时期{what}：时期 → 部门 → 项目类型"

    def build() -> go.Figure | None:
        if series is None:
            return None
        own = counted_series(counted[counted["scope"] == "department"], series)
        if own.empty:
            return None
        amounts = counted_amounts(own, series.measure)
        units, types = own["dept_id"].astype("object"), own["type_id"].astype("object")
        leaves = list(zip(own["pool"], units, types, amounts, strict=True))
        names = frames.labels(ctx.tables)
        figure = charts.treemap(leaves, names.dept, names.type_short, ctx.colors)
        if view.large:
            figure = chart_context.for_projector(figure, height=PROJECTOR_TREEMAP_HEIGHT)
        return _in_context(ctx, figure, title, view)

    empty = f"当前筛选下原文没有{what}可画。"
    _chart(_figure(("treemap", series, view), counted, build), key, _narrow_from_treemap, empty, title, view)
    st.caption(
        "每个时期一张图，各自按本时期的数画，不同时期不比面积；只含各单位自己统计的同一类数，"
        "上一级方块含几条记录时，是本工具把同一类的数相加的合计。点击方块可筛选。"
    )


def _in_context(ctx: PageContext, figure: go.Figure, title: str, view: ChartView) -> go.Figure:
    """The figure with its title, and the view, source and build time over the plot."""
    facts = provenance.report_facts(ctx.tables)
    lines = [view.words, provenance.source_line(ctx.tables), f"数据生成：{facts['built_at']}"]
    return chart_context.with_context(figure, title, lines, view.columns)


def _chart(
    figure: go.Figure | None,
    key: str,
    on_click: Callable[[str], None] | None,
    empty: str,
    title: str,
    view: ChartView,
) -> None:
    if figure is None:
        st.caption(empty)
        return
    chart_key = f"{key}_{st.session_state.get(CHART_VERSION, 0)}"
    stem = provenance.file_name(list(view.name_parts), title, "png").removesuffix(".png")
    st.plotly_chart(
        figure,
        key=chart_key,
        on_select=partial(on_click, chart_key) if on_click else "ignore",
        selection_mode="points",
        config=chart_context.image_config(stem),
    )


# Charts built once per source frame (jjdata hands out the same frame for the same rows).
_FIGURES = IdentityMemo(32)


def _figure(kind: tuple, source: pd.DataFrame, build: Callable[[], go.Figure | None]) -> go.Figure | None:
    return _FIGURES.get(kind, source, build)


def _narrow_from_bars(chart_key: str) -> None:
    changes = charts.bar_point_filters(st.session_state[chart_key]["selection"]["points"])
    if changes:
        narrow_filters(**changes)


def _narrow_from_treemap(chart_key: str) -> None:
    points = st.session_state[chart_key]["selection"]["points"]
    node = next((p.get("id") for p in points if p.get("id")), None)
    if node:
        narrow_filters(**charts.treemap_node_filters(node))
