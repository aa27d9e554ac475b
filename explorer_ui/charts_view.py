"""Charts that narrow the filters when clicked (总览, 项目, 情景对比), and the
measure they show, kept in the link (``?measure=``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from jjdata import Tables, bases
from jjdata.memo import IdentityMemo
from jjdata.query import MEASURES, counted_rows, summarize

from . import charts, frames, urlstate
from .filters_view import CHART_VERSION, narrow_filters
from .frames import MEASURE_LABELS
from .page import PageContext
from .url_view import add_notice, seeded_from_url, write_query

MEASURE_PARAM = "measure"  # a page that draws measure_choice lists it in setup_page(own_params=...)
DEFAULT_MEASURE = "projects"


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
) -> None:
    """Bars per unit and period for one kind of total (``basis``; default: see ``chart_basis``)."""
    basis = basis or chart_basis(ctx.tables, [rows], measure)
    label = bases.basis_labels(ctx.tables)[basis] if basis else ""
    summary = summarize(ctx.tables, rows, by=("dept_id",))

    def build() -> go.Figure | None:
        shown = summary[summary["basis"] == basis] if not summary.empty else summary
        if shown.empty or shown[measure].isna().all():
            return None
        return charts.bar_by_department(shown, frames.labels(ctx.tables).dept, ctx.colors, measure, x_max=x_max)

    what = f"{label}的{MEASURE_LABELS[measure]}" if basis else MEASURE_LABELS[measure]
    if basis:
        st.markdown(f"**{what}（按部门与时期）**")
    on_click = _narrow_from_bars if clickable else None
    _chart(_figure(("bar", measure, basis, x_max), summary, build), key, on_click, f"当前筛选下原文没有{what}可画。")
    hint = "点击柱子可筛选到该部门与时期。" if clickable else ""
    st.caption(f"每根柱子是一个单独的数，不同时期不相加；其他类别的项目见上方文字。{hint}")


def render_treemap(ctx: PageContext, rows: pd.DataFrame, measure: str, key: str) -> None:
    """Period → unit → project type, one treemap per period, for the departments' own 实施项目."""
    counted = counted_rows(ctx.tables, rows)

    def build() -> go.Figure | None:
        own = counted[counted["basis"].isin(bases.primary_bases(ctx.tables)) & (counted["scope"] == "department")]
        if not (own["counted"] & own[f"{measure}_value"].notna()).any():
            return None
        names = frames.labels(ctx.tables)
        return charts.treemap(own, names.dept, names.type_short, ctx.colors, measure)

    what = f"{'、'.join(bases.basis_labels(ctx.tables)[b] for b in bases.primary_bases(ctx.tables))}的{MEASURE_LABELS[measure]}"
    st.markdown(f"**各时期{what}：时期 → 部门 → 项目类型**")
    _chart(_figure(("treemap", measure), counted, build), key, _narrow_from_treemap, f"当前筛选下原文没有{what}可画。")
    st.caption("每个时期一张图，各自按本时期的数画，不同时期不比面积；只含各部门自己统计的数。点击方块可筛选。")


def _chart(figure: go.Figure | None, key: str, on_click: Callable[[str], None] | None, empty: str) -> None:
    if figure is None:
        st.caption(empty)
        return
    chart_key = f"{key}_{st.session_state.get(CHART_VERSION, 0)}"
    st.plotly_chart(
        figure,
        key=chart_key,
        on_select=partial(on_click, chart_key) if on_click else "ignore",
        selection_mode="points",
        config={"displaylogo": False, "displayModeBar": False},
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
