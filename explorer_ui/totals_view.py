"""Totals and answers on screen: the report's headline cards, the answer
sentences, the department × period grid, and the totals of a set of rows (one
per 统计范围, never one grand sum) as KPI cards or a table. The words come
from ``answers`` (pure); this module only draws them."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

import jjdata
from jjdata import bases, vocab
from jjdata.memo import IdentityMemo, per_tables
from jjdata.query import MEASURE_UNITS, MEASURES, Quantity

from . import answers, frames
from .answers import NOT_GIVEN, SCOPE_HELP, SCOPE_WORD, Answer, HeadlineCard
from .arrow_cache import arrow_table
from .frames import MEASURE_LABELS
from .page import PageContext
from .source_view import link_to_source
from .text import escape_markdown

SHOWN_ANSWERS = 6  # sentences shown at once; the rest wait in an expander
GRID_NOTE = (
    f"“{NOT_GIVEN}”：报道没有给出这个数，不是 0。“{answers.FILTERED_OUT}”：报道给出了，但不符合当前的其他筛选。"
    "每格只含该部门该时期、该统计范围自己的数；不同时期、不同统计范围不相加；目标与预计不列入。"
)


# --------------------------------------------------------------------------
# Headline cards


def render_headline_cards(cards: list[HeadlineCard], with_unit: bool = True) -> None:
    """The report's lead figures as large cards, one under the other with the same
    columns (项目数 under 项目数), each with a link to its sentence; ``with_unit``
    names the unit after the title (a unit's own page says it already)."""
    width = max((len(card.figures) for card in cards), default=0)
    for card in cards:
        with st.container(border=True):
            head, link = st.columns([5, 1], vertical_alignment="center")
            unit = f"（{escape_markdown(card.unit_name)}）" if with_unit else ""
            head.markdown(f"**{escape_markdown(card.title)}**{unit}")
            with link:
                link_to_source(frames.figure_query(card.figures[0].figure_id), "看原文")
            for slot, figure in zip(st.columns(width), card.figures, strict=False):
                slot.metric(f"{figure.label}（{figure.unit}）", figure.value)


def unit_headline_cards(tables: jjdata.Tables, dept_id: str) -> list[HeadlineCard]:
    """A unit's own headline cards, in the report's order: those 总览 does not lead
    with (its ``primary`` ones are there); none for a unit without any."""
    return _unit_cards(tables).get(dept_id, [])


@per_tables
def _unit_cards(tables: jjdata.Tables) -> dict[str, list[HeadlineCard]]:
    # A card names its unit only in words: find it by its first figure's headline.
    unit_of_figure = {
        figure: dept
        for ids, dept in zip(tables.headlines["figure_ids"], tables.headlines["dept_id"], strict=True)
        for figure in ids.split(",")
    }
    _, others = answers.headline_cards(tables)
    cards: dict[str, list[HeadlineCard]] = {}
    for card in others:
        cards.setdefault(unit_of_figure[card.figures[0].figure_id], []).append(card)
    return cards


def render_unit_headline_cards(tables: jjdata.Tables, dept_id: str) -> None:
    """部门's first block (also its first slide in 投影模式): the unit's own headline cards, or nothing."""
    cards = unit_headline_cards(tables, dept_id)
    if cards:
        render_headline_cards(cards, with_unit=False)


def render_headline_table(cards: list[HeadlineCard]) -> None:
    """Every other headline card, one line each, with the report's own sentence."""
    st.table(_HEADLINE_TABLES.get((), cards, lambda: _headline_table(cards)), hide_index=True)


# Built once per list of cards (answers.headline_cards keeps the same list for a data set).
_HEADLINE_TABLES = IdentityMemo(4)


def _headline_table(cards: list[HeadlineCard]) -> pa.Table:
    return pa.table(
        {
            "部门": [card.unit_name for card in cards],
            "内容": [card.title for card in cards],
            "数字": ["；".join(f"{f.label} {f.value} {f.unit}" for f in card.figures) for card in cards],
            "原文": [card.quote for card in cards],
        }
    )


# --------------------------------------------------------------------------
# Answers


def render_answers(
    lines: list[Answer], empty: str = "当前筛选没有匹配的记录。可在左侧放宽筛选，或点“重置筛选”。"
) -> None:
    """The answer sentences as a list: what exists first (the first few, the rest on
    request; a line about what the filters leave out or the report does not give is
    always shown), then the targets and 预计 set apart."""
    facts = [line for line in lines if not line.goal and not line.about_the_rest]
    rest_lines = [line for line in lines if not line.goal and line.about_the_rest]
    goals = [line for line in lines if line.goal]
    if not facts and not rest_lines and not goals:
        st.info(empty)
        return
    if facts or rest_lines:
        st.markdown(_bullets(facts[:SHOWN_ANSWERS] + rest_lines))
    if len(facts) > SHOWN_ANSWERS:
        with st.expander(f"其余 {len(facts) - SHOWN_ANSWERS} 条"):
            st.markdown(_bullets(facts[SHOWN_ANSWERS:]))
    if goals:
        with st.expander(f"目标与预计（{len(goals)} 条：要争取的数，不是已有项目，不与上面相加）"):
            st.markdown(_bullets(goals))


def _bullets(lines: list[Answer]) -> str:
    return "\n".join(f"- {escape_markdown(line.text)}" for line in lines)


def render_grid(grid: pd.DataFrame) -> None:
    """The department × period grid; every cell a number, 原文未给出 or 不在当前筛选内."""
    if grid.empty:
        st.caption("当前筛选没有可列的部门。")
        return
    st.table(arrow_table(grid), hide_index=True)
    st.caption(GRID_NOTE + answers.PERIOD_NOTE)


# --------------------------------------------------------------------------
# Totals of a set of rows (项目, 部门)


def quantity_help(quantity: Quantity, what: str) -> str:
    parts = []
    if quantity.approx:
        parts.append("含“约”数，合计为约数")
    if quantity.bound == "at_least":
        parts.append("含“以上”或只知部分的数，合计是下限")
    if quantity.bound == "more_than":
        parts.append("含“超”数，合计是下限（实际更多）")
    if quantity.undisclosed:
        parts.append(f"另有 {quantity.undisclosed} 条记录原文未给出{what}，未计入")
    return "；".join(parts) or "原文数字直接相加"


def total_title(tables: jjdata.Tables, total: jjdata.GroupTotal) -> str:
    """E.g. "“十四五”（2021–2025） · 交通局 · 储备项目"."""
    whose = answers.who(tables, total.scope, total.city_list or "", total.departments)
    return f"{vocab.PERIODS[total.period]} · {whose} · {bases.basis_labels(tables)[total.basis]}"


def render_totals(
    ctx: PageContext,
    rows: pd.DataFrame,
    empty: str = "当前筛选没有匹配的项目。可在左侧放宽筛选，或点“重置筛选”。",
) -> None:
    """Totals, one per 统计范围, never one grand sum.

    Up to two are shown as KPI cards; more as one table. Targets and 预计 are set apart.
    """
    groups = jjdata.totals(ctx.tables, rows)
    if not groups:
        st.info(empty)
        return
    goal_bases = set(bases.goal_bases(ctx.tables))
    status = [g for g in groups if g.basis not in goal_bases]
    goals = [g for g in groups if g.basis in goal_bases]
    stated = [g for g in status if any(getattr(g, name).value is not None for name in MEASURES)]
    if len(stated) <= 2:
        for total in stated:
            _total_line(ctx, total)
        for total in status:
            if total not in stated:
                st.caption(f"另有 {total_title(ctx.tables, total)}：{total.rows} 条记录，{NOT_GIVEN}项目数和投资。")
    else:
        if len(status) > 1:
            st.caption(
                f"当前筛选含 {len(status)} 个统计范围（时期、统计对象或项目类别不同），分行列出，不相加。",
                help=SCOPE_HELP,
            )
        _totals_table(ctx, status)
    if goals:
        with st.expander(f"目标与预计（{len(goals)} 项，要争取的数，不与已有项目相加）", expanded=not status):
            _totals_table(ctx, goals)


def _totals_table(ctx: PageContext, groups: list[jjdata.GroupTotal]) -> None:
    key = tuple(groups)
    table = _TOTALS_TABLES.get((key,), ctx.tables, lambda: _totals_frame(ctx.tables, groups))
    st.table(table, hide_index=True)


# The same totals come back on every rerun (jjdata.totals is memoised, as new lists).
_TOTALS_TABLES = IdentityMemo(16)


def _totals_frame(tables: jjdata.Tables, groups: list[jjdata.GroupTotal]) -> pa.Table:
    records = []
    for total in groups:
        record = {SCOPE_WORD: total_title(tables, total)}
        notes = []
        for name in MEASURES:
            quantity: Quantity = getattr(total, name)
            record[MEASURE_LABELS[name]] = answers.short_value(quantity, MEASURE_UNITS[name])
            if quantity.undisclosed and quantity.value is not None:
                notes.append(f"另有 {quantity.undisclosed} 条记录原文未给出{MEASURE_LABELS[name]}，未计入")
        record["说明"] = "；".join(notes)
        records.append(record)
    frame = pd.DataFrame(records)
    return pa.Table.from_pandas(frame if frame["说明"].any() else frame.drop(columns="说明"), preserve_index=False)


def _total_line(ctx: PageContext, total: jjdata.GroupTotal) -> None:
    st.markdown(f"**{escape_markdown(total_title(ctx.tables, total))}**", help=SCOPE_HELP)
    cols = st.columns(4)
    for col, name in zip(cols, MEASURES, strict=False):
        quantity: Quantity = getattr(total, name)
        col.metric(
            f"{MEASURE_LABELS[name]}（{MEASURE_UNITS[name]}）",
            quantity.label("") if quantity.value is not None else NOT_GIVEN,
            help=quantity_help(quantity, MEASURE_LABELS[name]),
        )
    names = "、".join(frames.labels(ctx.tables).dept[d] for d in total.departments)
    cols[3].metric("涉及部门（个）", str(len(total.departments)), help=names)
    partial = [
        f"另有 {q.undisclosed} 条记录原文未给出{MEASURE_LABELS[name]}，未计入"
        for name in MEASURES
        if (q := getattr(total, name)).value is not None and q.undisclosed
    ]
    parts_note = (
        f"其中 {total.rows - total.counted} 条已含在上一级的数字中，不重复相加。" if total.rows > total.counted else ""
    )
    note = f"注意：{'；'.join(partial)}。" if partial else ""
    st.caption(f"{note}共 {total.rows} 条记录。{parts_note}部门：{names}")
