"""Charts that narrow the filters when clicked (总览, 项目, 情景对比)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from jjdata import bases
from jjdata.memo import IdentityMemo
from jjdata.query import counted_rows, summarize

from . import charts, frames
from .filters_view import CHART_VERSION, narrow_filters
from .frames import MEASURE_LABELS
from .page import PageContext


def measure_choice(key: str) -> str:
    choice = st.segmented_control(
        "图表指标",
        ["projects", "investment"],
        format_func=MEASURE_LABELS.__getitem__,
        default="projects",
        key=key,
    )
    return choice or "projects"


def render_bar_chart(ctx: PageContext, rows: pd.DataFrame, measure: str, key: str, clickable: bool = True) -> None:
    summary = summarize(ctx.tables, rows, by=("dept_id",))

    def build() -> go.Figure | None:
        status = summary[summary["basis"].isin(bases.primary_bases(ctx.tables))] if not summary.empty else summary
        if status.empty or status[measure].isna().all():
            return None
        return charts.bar_by_department(status, frames.labels(ctx.tables).dept, ctx.colors, measure)

    hint = "点击柱子可筛选到该部门与时期。" if clickable else ""
    _chart(_figure(("bar", measure), summary, build), key, _narrow_from_bars if clickable else None, measure)
    st.caption(f"按部门与时期分列的实施项目（不同时期不相加；储备、策划生成等见上方合计）。{hint}")


def render_treemap(ctx: PageContext, rows: pd.DataFrame, measure: str, key: str) -> None:
    counted = counted_rows(ctx.tables, rows)

    def build() -> go.Figure | None:
        own = counted[counted["basis"].isin(bases.primary_bases(ctx.tables)) & (counted["scope"] == "department")]
        if not (own["counted"] & own[f"{measure}_value"].notna()).any():
            return None
        names = frames.labels(ctx.tables)
        return charts.treemap(own, names.dept, names.type_short, ctx.colors, measure)

    _chart(_figure(("treemap", measure), counted, build), key, _narrow_from_treemap, measure)
    st.caption(
        "时期 → 部门 → 项目类型，仅部门口径的实施项目；储备、策划生成等见上方合计，全市口径另计。点击方块可筛选。"
    )


def _chart(figure: go.Figure | None, key: str, on_click: Callable[[str], None] | None, measure: str) -> None:
    if figure is None:
        st.caption(f"当前筛选下没有可画的{MEASURE_LABELS[measure]}。")
        return
    chart_key = f"{key}_{st.session_state.get(CHART_VERSION, 0)}"
    st.plotly_chart(
        figure,
        key=chart_key,
        on_select=partial(on_click, chart_key) if on_click else "ignore",
        selection_mode="points",
        config={"displaylogo": False},
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
