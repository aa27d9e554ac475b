"""Tables of project rows and figures, and the downloads.

The grid holds the short columns a reader compares (name, unit, single or
group, investment, period, stage, …); a row's sentence from the report, its
notes and the link to its place in 原文 appear under the table when the row
is selected, so nothing needs horizontal scrolling. (A link column would
open a new tab, a new session that asks for the password again.)"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from . import downloads_view, frames
from .arrow_cache import arrow_table
from .frames import PART_OF_PARENT
from .page import PageContext
from .source_view import link_to_source
from .text import escape_markdown

QUALIFIER_HELP = "≈ 约；≥ 以上；> 超（实际更多，是下限）；空白为原文确数"
SELECT_HINT = "点表格最左侧的方框选中一行，下面即显示它在原文中的句子和出处链接。"
PERIOD_HELP = "“十三五”即 2016–2020 年，“十四五”即 2021–2025 年。"

MAX_TABLE_ROWS = 1000  # more is unreadable on screen and slow to send; downloads hold every row

AMOUNT_HELP = "≈ 约；≥ 以上；> 超（实际更多，是下限）。空白：原文未给出。"
PROJECT_COLUMNS = {
    "项目/项目组": st.column_config.TextColumn(
        help=f"原文中的项目或一组项目。{frames.PART_MARK.strip()} 开头的记录是上一行的组成部分，"
        "它的数已含在上一级的数字中，合计时不再相加。选中一行可看原文句子。"
    ),
    "部门": st.column_config.TextColumn(),
    "项目数": st.column_config.TextColumn(
        help="“单个”：原文中的一个项目。其余是项目组，数字是组内项目的个数；“未给出”：原文没有给出个数。"
        "项目组的投资是整组的合计。"
    ),
    "投资（亿元）": st.column_config.TextColumn(
        alignment="right",
        help="原文的投资数：总投资，或原文的别的说法（完成投资、计划总投资、估算总投资）写在数字前。" + AMOUNT_HELP,
    ),
    "时期": st.column_config.TextColumn(help=PERIOD_HELP),
    "阶段": st.column_config.TextColumn(),
}
FIGURE_COLUMNS = {
    "指标": st.column_config.TextColumn(),
    "限定": st.column_config.TextColumn("", width=28, help=QUALIFIER_HELP),
    "数值": st.column_config.NumberColumn(format="%g"),
    "单位": st.column_config.TextColumn(),
    "时期": st.column_config.TextColumn(help=PERIOD_HELP),
    "性质": st.column_config.TextColumn(),
}


def render_project_table(ctx: PageContext, rows: pd.DataFrame, key: str, downloads: bool = True) -> None:
    frame = frames.project_frame(ctx.tables, rows, limit=MAX_TABLE_ROWS)
    grid = frames.project_grid(ctx.tables, frame)
    if len(rows) > MAX_TABLE_ROWS:
        st.caption(f"共 {len(rows):,} 条记录，表中显示前 {MAX_TABLE_ROWS:,} 条；下载的文件包含全部 {len(rows):,} 条。")
    event = st.dataframe(
        arrow_table(grid),
        hide_index=True,
        width="stretch",
        placeholder="",
        column_config=PROJECT_COLUMNS,
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    selected = [i for i in event.selection.rows if i < len(frame)]
    if selected:
        _project_source(frame.iloc[selected[0]], rows.iloc[selected[0]])
    else:
        st.caption(SELECT_HINT)
    if downloads:
        downloads_view.row_downloads(ctx, rows)


def _project_source(shown: pd.Series, row: pd.Series) -> None:
    """The selected row's sentence from the report, its notes, and the link to its place in 原文."""
    with st.container(border=True):
        st.markdown(
            f"**{escape_markdown(shown['项目/项目组'])}**（{escape_markdown(shown['部门'])} · "
            f"{escape_markdown(shown['单个/项目组'])}）"
        )
        st.markdown(f"原文：“{escape_markdown(shown['原文'])}”")
        if shown[frames.PLANNED_YEAR]:
            st.markdown(_planned_year_line(shown))
        notes = []
        if shown["上一级"]:
            inside = "，数字已含在其中" if shown[PART_OF_PARENT] else ""
            notes.append(f"上一级：{shown['上一级']}{inside}。")
        if shown["备注"]:
            notes.append(f"说明：{shown['备注']}")
        if notes:
            st.caption(escape_markdown(" ".join(notes)))
        link_to_source(
            frames.row_source_query(row["figure_ids"], int(row["quote_start"])),
            f"在原文中查看：{escape_markdown(row['name'])}",
        )


def _planned_year_line(shown: pd.Series) -> str:
    """A row's planned year as the report words it, with its sentence when that is not the row's own:
    "计划年份：计划2022年投产（原文：“两个项目均计划2022年投产”）"."""
    words, quote = shown[frames.PLANNED_YEAR], shown[frames.PLANNED_YEAR_QUOTE]
    said = "" if quote == shown["原文"] else f"（原文：“{escape_markdown(quote)}”）"
    return f"**{frames.PLANNED_YEAR}**：{escape_markdown(words)}{said}"


def render_figure_table(ctx: PageContext, dept_id: str, key: str) -> None:
    frame = frames.figure_frame(ctx.tables, dept_id)
    event = st.dataframe(
        arrow_table(frame),
        hide_index=True,
        width="stretch",
        placeholder="",
        column_order=list(FIGURE_COLUMNS),
        column_config=FIGURE_COLUMNS,
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    selected = [i for i in event.selection.rows if i < len(frame)]
    if selected:
        figure = frame.iloc[selected[0]]
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(figure['指标'])}**：原文“{escape_markdown(figure['原文'])}”")
            link_to_source(
                frames.figure_query(figure["数字编号"]),
                f"在原文中查看：{escape_markdown(figure['指标'])}",
            )
    else:
        st.caption(SELECT_HINT)
