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

from jjdata import Filters, Tables, bases
from jjdata.memo import IdentityMemo
from jjdata.query import MEASURES, counted_rows, summarize

from . import chart_context, charts, frames, provenance, urlstate
from .filters_view import CHART_VERSION, narrow_filters
from .frames import MEASURE_LABELS
from .page import PageContext
from .url_view import add_notice, seeded_from_url, write_query

MEASURE_PARAM = "measure"  # a page that draws measure_choice lists it in setup_page(own_params=...)
DEFAULT_MEASURE = "projects"
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


def chart_basis(tables: Tables, row_sets: list[pd.DataFrame], measure: str) -> str | None:
    """The one kind of total the bar charts show: 实施项目 when any of the row sets
    gives it a number for ``measure``, else the first other kind that has one
    (never targets or 预计). Charts set side by side share it."""
    goals = set(bases.goal_bases(tables))
    present: set[str] = set()
    for rows in row_sets:
        summary = summarize(tables, rows, by=("dept_id",))
        if not summary.empty:
            present |= set(summary.loc[summary[measure].notna(), "basis"])
    primary = [b for b in bases.primary_bases(tables) if b in present]
    others = [b for b in bases.basis_labels(tables) if b in present and b not in goals]
    return (primary or others or [None])[0]


def bar_axis_end(tables: Tables, row_sets: list[pd.DataFrame], measure: str, basis: str | None) -> float | None:
    """The longest bar among the row sets: one axis range for charts set side by side."""
    values = [
        summary.loc[summary["basis"] == basis, measure].max()
        for rows in row_sets
        if not (summary := summarize(tables, rows, by=("dept_id",))).empty
    ]
    known = [float(v) for v in values if pd.notna(v)]
    return max(known) if known else None


def render_bar_chart(
    ctx: PageContext,
    rows: pd.DataFrame,
    measure: str,
    key: str,
    clickable: bool = True,
    basis: str | None = None,
    x_max: float | None = None,
    view: ChartView | None = None,
) -> None:
    """Bars per unit and period for one kind of total (``basis``; default: see ``chart_basis``)."""
    view = view or chart_view(ctx)
    basis = basis or chart_basis(ctx.tables, [rows], measure)
    label = bases.basis_labels(ctx.tables)[basis] if basis else ""
    summary = summarize(ctx.tables, rows, by=("dept_id",))
    what = f"{label}的{MEASURE_LABELS[measure]}" if basis else MEASURE_LABELS[measure]
    title = f"{what}（按部门与时期）"

    def build() -> go.Figure | None:
        shown = summary[summary["basis"] == basis] if not summary.empty else summary
        if shown.empty or shown[measure].isna().all():
            return None
        names = frames.labels(ctx.tables).dept
        read = frames.city_wide_by_reading(ctx.tables)
        figure = charts.bar_by_department(shown, names, ctx.colors, measure, x_max=x_max, read_as_city=read)
        if view.large:
            bars = int(shown[measure].notna().sum())
            figure = chart_context.for_projector(figure, height=110 + 58 * bars)
        return _in_context(ctx, figure, title, view)

    on_click = _narrow_from_bars if clickable else None
    kind = ("bar", measure, basis, x_max, view)
    _chart(_figure(kind, summary, build), key, on_click, f"当前筛选下原文没有{what}可画。", title, view)
    hint = "点击柱子可筛选到该部门与时期。" if clickable else ""
    st.caption(f"每根柱子是一个单独的数，不同时期不相加；其他类别的项目见上方文字。{hint}")


def render_side_by_side(
    ctx: PageContext, filters_b: Filters, rows_b: pd.DataFrame, measure: str, key: str, large: bool = False
) -> None:
    """情景对比's A (the sidebar's filters) and B charts side by side, one kind of total and
    one axis for both; only A's bars narrow the filters (B has its own filters on the page)."""
    basis = chart_basis(ctx.tables, [ctx.rows, rows_b], measure)
    axis_end = bar_axis_end(ctx.tables, [ctx.rows, rows_b], measure, basis)
    sides = (("A", ctx.filters, ctx.rows), ("B", filters_b, rows_b))
    for column, (side, filters, rows) in zip(st.columns(2, gap="large"), sides, strict=True):
        with column:
            st.markdown(f"#### 情景 {side}")
            own = chart_view(ctx, filters, f"情景 {side}", columns=2, large=large)
            view = ChartView(own.words, ("情景对比", side, *own.name_parts), own.columns, own.large)
            render_bar_chart(
                ctx, rows, measure, f"{key}_{side.lower()}", side == "A", basis=basis, x_max=axis_end, view=view
            )


def render_treemap(ctx: PageContext, rows: pd.DataFrame, measure: str, key: str, view: ChartView | None = None) -> None:
    """Period → unit → project type, one treemap per period, for the departments' own 实施项目."""
    view = view or chart_view(ctx)
    counted = counted_rows(ctx.tables, rows)
    primary = "、".join(bases.basis_labels(ctx.tables)[b] for b in bases.primary_bases(ctx.tables))
    what = f"{primary}的{MEASURE_LABELS[measure]}"
    title = f"各时期{what}：时期 → 部门 → 项目类型"

    def build() -> go.Figure | None:
        own = counted[counted["basis"].isin(bases.primary_bases(ctx.tables)) & (counted["scope"] == "department")]
        if not (own["counted"] & own[f"{measure}_value"].notna()).any():
            return None
        names = frames.labels(ctx.tables)
        figure = charts.treemap(own, names.dept, names.type_short, ctx.colors, measure)
        if view.large:
            figure = chart_context.for_projector(figure, height=PROJECTOR_TREEMAP_HEIGHT)
        return _in_context(ctx, figure, title, view)

    empty = f"当前筛选下原文没有{what}可画。"
    _chart(_figure(("treemap", measure, view), counted, build), key, _narrow_from_treemap, empty, title, view)
    st.caption("每个时期一张图，各自按本时期的数画，不同时期不比面积；只含各部门自己统计的数。点击方块可筛选。")


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
