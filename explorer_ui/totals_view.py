"""Totals for a set of rows: one per group that may be read on its own (never
one grand sum), as KPI cards or a table; and the B − A differences for 情景对比."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import jjdata
from jjdata import Tables, bases
from jjdata.query import MEASURE_UNITS, MEASURES, Quantity, compare_totals

from . import frames
from .frames import MEASURE_LABELS
from .page import PageContext
from .text import escape_markdown


def quantity_help(quantity: Quantity, what: str) -> str:
    parts = []
    if quantity.approx:
        parts.append("含“约”数，合计为约数")
    if quantity.bound == "at_least":
        parts.append("含“以上”或只知部分的数，合计是下限")
    if quantity.bound == "more_than":
        parts.append("含“超”数，合计是下限（实际更多）")
    if quantity.undisclosed:
        parts.append(f"另有 {quantity.undisclosed} 行未披露{what}，未计入")
    return "；".join(parts) or "原文数字直接相加"


def group_label(tables: Tables, total: jjdata.GroupTotal) -> str:
    return group_label_of(tables, total.scope, total.city_list or "", total.period, total.basis)


def group_label_of(tables: Tables, scope: str, city_list: str, period: str, basis: str) -> str:
    names = frames.labels(tables)
    scope_label = f"全市口径（{names.dept[city_list]}）" if city_list else jjdata.vocab.SCOPES[scope]
    return f"{jjdata.vocab.PERIODS[period]} · {scope_label} · {names.basis[basis]}"


def difference_frame(tables: Tables, a: list[jjdata.GroupTotal], b: list[jjdata.GroupTotal]) -> pd.DataFrame:
    records = []
    for key, measures in compare_totals(a, b):
        record = {"口径": group_label_of(tables, *key)}
        for name, (qa, qb, diff) in measures.items():
            label = MEASURE_LABELS[name]
            record[f"A {label}"] = qa.label(MEASURE_UNITS[name]) if qa else "原文未给出"
            record[f"B {label}"] = qb.label(MEASURE_UNITS[name]) if qb else "原文未给出"
            if diff is None:
                given = qa is not None and qb is not None and qa.value is not None and qb.value is not None
                record[f"{label}差"] = "无法确定" if given else "—"
            else:
                sign = "+" if diff.value and diff.value > 0 else ""
                partial = "（仅已披露部分）" if diff.undisclosed else ""
                record[f"{label}差"] = (
                    f"{diff.symbol}{sign}{diff.label(MEASURE_UNITS[name]).lstrip(diff.symbol)}{partial}"
                )
        records.append(record)
    return pd.DataFrame(records)


def render_totals(
    ctx: PageContext,
    rows: pd.DataFrame,
    empty: str = "当前筛选没有匹配的项目。可在左侧放宽筛选，或点“重置筛选”。",
    compact: bool = False,
) -> None:
    """Totals, one per group that may be read on its own, never one grand sum.

    Up to two groups are shown as KPI cards; more (or ``compact``) as one table.
    """
    groups = jjdata.totals(ctx.tables, rows)
    if not groups:
        st.info(empty)
        return
    goal_bases = set(bases.goal_bases(ctx.tables))
    status = [g for g in groups if g.basis not in goal_bases]
    goals = [g for g in groups if g.basis in goal_bases]
    short = frames.labels(ctx.tables).dept
    stated = [g for g in status if any(getattr(g, name).value is not None for name in MEASURES)]
    if len(stated) <= 2 and not compact:
        for total in stated:
            _total_line(ctx, total, short)
        for total in status:
            if total not in stated:
                st.caption(f"另有{group_label(ctx.tables, total)}：{total.rows} 行，原文未给出项目数或投资。")
    else:
        if len(status) > 1:
            st.caption(f"当前筛选跨 {len(status)} 个不可相加的口径（时期、统计范围或项目阶段不同），分行列出，不合计。")
        _totals_table(ctx, status, short)
    if goals:
        with st.expander(f"目标与预计（{len(goals)} 项，不与已有项目相加）", expanded=not status):
            _totals_table(ctx, goals, short)


def _totals_table(ctx: PageContext, groups: list[jjdata.GroupTotal], short: dict[str, str]) -> None:
    records = []
    for total in groups:
        record = {"口径": group_label(ctx.tables, total)}
        notes = []
        for name in MEASURES:
            quantity: Quantity = getattr(total, name)
            record[MEASURE_LABELS[name]] = quantity.label(MEASURE_UNITS[name])
            if quantity.undisclosed and quantity.value is not None:
                notes.append(f"{MEASURE_LABELS[name]}另有 {quantity.undisclosed} 行未披露")
        record["部门"] = "、".join(short[d] for d in total.departments)
        record["说明"] = "；".join(notes)
        records.append(record)
    st.dataframe(pd.DataFrame(records), hide_index=True, width="stretch", placeholder="")


def _total_line(ctx: PageContext, total: jjdata.GroupTotal, short: dict[str, str]) -> None:
    st.markdown(f"**{escape_markdown(group_label(ctx.tables, total))}**")
    cols = st.columns(4)
    for col, name in zip(cols, MEASURES, strict=False):
        quantity: Quantity = getattr(total, name)
        col.metric(
            f"{MEASURE_LABELS[name]}（{MEASURE_UNITS[name]}）",
            quantity.label(""),
            help=quantity_help(quantity, MEASURE_LABELS[name]),
        )
    names = "、".join(short[d] for d in total.departments)
    cols[3].metric("涉及部门（个）", str(len(total.departments)), help=names)
    partial = [
        f"{MEASURE_LABELS[name]}另有 {q.undisclosed} 行未披露、未计入"
        for name in MEASURES
        if (q := getattr(total, name)).value is not None and q.undisclosed
    ]
    note = f"注意：{'；'.join(partial)}。" if partial else ""
    st.caption(f"{note}{total.rows} 行，其中 {total.counted} 行计入合计（其余是已计入行的组成部分）。部门：{names}")
