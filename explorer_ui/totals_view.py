"""Totals and answers on screen: the report's headline cards, the answer
sentences, the department × period grid, and the totals of a set of rows (one
per 统计范围, never one grand sum) as KPI cards or a table. The words come
from ``answers`` (pure); this module only draws them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import jjdata
from jjdata import Measured, bases
from jjdata.amounts import COLUMN_NAMES, MEASURE_NAMES, MEASURES, NOT_GIVEN, TOOL_SUM
from jjdata.memo import IdentityMemo, per_tables
from jjdata.phrases import total_title, unit_names, within_words

from . import answers, frames
from .answers import SCOPE_HELP, SCOPE_WORD, Answer, HeadlineCard
from .arrow_cache import plain_table
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
            # a unit's own page names the unit already, but not a reading of its scope
            unit = f" · {escape_markdown(card.unit_name)}" if with_unit or card.read else ""
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
    _, others = answers.headline_cards(tables)
    cards: dict[str, list[HeadlineCard]] = {}
    for card in others:
        cards.setdefault(card.dept_id, []).append(card)
    return cards


def render_unit_headline_cards(tables: jjdata.Tables, dept_id: str) -> None:
    """部门's first block (also its first slide in 投影模式): the unit's own headline cards, or nothing."""
    cards = unit_headline_cards(tables, dept_id)
    if cards:
        render_headline_cards(cards, with_unit=False)


def render_headline_table(cards: list[HeadlineCard]) -> None:
    """Every other headline card, one line each, with the report's own sentence."""
    st.table(plain_table(_HEADLINE_TABLES.get((), cards, lambda: _headline_table(cards))), hide_index=True)


# Built once per list of cards (answers.headline_cards keeps the same list for a data set).
_HEADLINE_TABLES = IdentityMemo(4)


def _headline_table(cards: list[HeadlineCard]) -> pd.DataFrame:
    return pd.DataFrame(
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
    st.table(plain_table(grid), hide_index=True)
    st.caption(GRID_NOTE + answers.PERIOD_NOTE)


# --------------------------------------------------------------------------
# Totals of a set of rows (项目, 部门)


def measured_help(measured: Measured) -> str:
    """What a total's number holds, in words: 约, a lower bound, the tool's sum, rows without it."""
    parts = []
    amounts = measured.amounts
    if any(a.approx for a in amounts):
        parts.append("含“约”数，合计为约数")
    if any(a.bound == "at_least" for a in amounts):
        parts.append("含“以上”或只知部分的数，合计是下限")
    if any(a.bound == "more_than" for a in amounts):
        parts.append("含“超”数，合计是下限（实际更多）")
    if any(a.tool_sum for a in amounts):
        parts.append(f"报道没有给出这个合计，{TOOL_SUM}（同一口径的数）")
    if len(amounts) > 1:
        parts.append("各行用词或单位不同，分别列出，不相加")
    if measured.undisclosed:
        parts.append(f"另有 {measured.undisclosed} 条记录原文未给出{MEASURE_NAMES[measured.measure]}，未计入")
    return "；".join(parts) or "原文数字"


def metric_of(measured: Measured) -> tuple[str, str]:
    """A total's measure as a KPI card: its label with the unit ("完成投资（亿元）", "项目包数（个）",
    "项目数（个，本工具相加）") and its value ("≈137.8", 原文未给出)."""
    amount = measured.amount
    if amount is None:
        if measured.given:  # rows word it differently: listed in the help and the table, never added
            return f"{MEASURE_NAMES[measured.measure]}", "口径不同"
        unit = "个" if measured.measure == "projects" else "亿元"
        return f"{MEASURE_NAMES[measured.measure]}（{unit}）", NOT_GIVEN
    extra = f"，{TOOL_SUM}" if amount.tool_sum else ""
    return f"{amount.kind.label}（{amount.kind.unit}{extra}）", amount.value_text()


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
    stated = [g for g in status if g.gives_a_number]
    if len(stated) <= 2:
        for total in stated:
            _total_line(ctx, total)
        for total in status:
            if total not in stated:
                st.caption(f"另有 {total_title(ctx.tables, total)}：{total.rows} 条记录，{NOT_GIVEN}项目数和投资。")
    else:
        if len(status) > 1:
            st.caption(
                f"当前筛选含 {len(status)} 个统计范围（时期、统计对象、阶段或类别、计量单位不同），分行列出，不相加。",
                help=SCOPE_HELP,
            )
        _totals_table(ctx, status)
    if goals:
        with st.expander(f"目标与预计（{len(goals)} 项，要争取的数，不与已有项目相加）", expanded=not status):
            _totals_table(ctx, goals)


def _totals_table(ctx: PageContext, groups: list[jjdata.GroupTotal]) -> None:
    key = tuple(groups)
    table = _TOTALS_TABLES.get((key,), ctx.tables, lambda: _totals_frame(ctx.tables, groups))
    st.table(plain_table(table), hide_index=True)


# The same totals come back on every rerun (jjdata.totals is memoised, as new lists).
_TOTALS_TABLES = IdentityMemo(16)


def _totals_frame(tables: jjdata.Tables, groups: list[jjdata.GroupTotal]) -> pd.DataFrame:
    records = []
    for total in groups:
        record = {SCOPE_WORD: total_title(tables, total)}
        notes = []
        for name in MEASURES:
            measured = total.measured(name)
            record[COLUMN_NAMES[name]] = measured.column_cell()
            if measured.undisclosed and measured.given:
                notes.append(f"另有 {measured.undisclosed} 条记录原文未给出{MEASURE_NAMES[name]}，未计入")
        notes.append(within_words(tables, total))
        record["说明"] = "；".join(n for n in notes if n)
        records.append(record)
    frame = pd.DataFrame(records)
    return frame if frame["说明"].any() else frame.drop(columns="说明")


def _total_line(ctx: PageContext, total: jjdata.GroupTotal) -> None:
    st.markdown(f"**{escape_markdown(total_title(ctx.tables, total))}**", help=SCOPE_HELP)
    cols = st.columns(4)
    for col, name in zip(cols, MEASURES, strict=False):
        measured = total.measured(name)
        label, value = metric_of(measured)
        col.metric(label, value, help=measured_help(measured))
    names = "、".join(unit_names(ctx.tables)[d] for d in total.departments)
    cols[3].metric("涉及部门（个）", str(len(total.departments)), help=names)
    partial = [
        f"另有 {q.undisclosed} 条记录原文未给出{MEASURE_NAMES[name]}，未计入"
        for name in MEASURES
        if (q := total.measured(name)).given and q.undisclosed
    ]
    parts_note = (
        f"其中 {total.rows - total.counted} 条已含在上一级的数字中，不重复相加。" if total.rows > total.counted else ""
    )
    note = f"注意：{'；'.join(partial)}。" if partial else ""
    st.caption(f"{note}共 {total.rows} 条记录。{parts_note}部门：{names}")
