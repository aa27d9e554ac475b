"""Tables of project rows and figures, with their sources, and the downloads.

A row's source is reached by selecting the row: a link to 原文 then appears
under the table. (A link column would open a new tab, a new session that asks
for the password again.)"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from . import frames
from .page import PageContext
from .source_view import link_to_source
from .text import escape_markdown

QUALIFIER_HELP = "≈ 约；≥ 以上；> 超（实际更多，是下限）；空白为原文确数"
SELECT_HINT = "点表格最左侧的方框选中一行，即可在原文中查看它的出处。"

MAX_TABLE_ROWS = 1000  # more is unreadable on screen and slow to send; downloads hold every row


def render_project_table(ctx: PageContext, rows: pd.DataFrame, key: str, downloads: bool = True) -> None:
    frame = frames.project_frame(ctx.tables, rows, limit=MAX_TABLE_ROWS)
    if len(rows) > MAX_TABLE_ROWS:
        st.caption(f"共 {len(rows):,} 行，表中显示前 {MAX_TABLE_ROWS:,} 行；下载的文件包含全部 {len(rows):,} 行。")
    event = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        placeholder="",
        column_order=[c for c in frame.columns if c not in ("数字编号", "项目编号", "出处")],
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        column_config={
            "项目/项目组": st.column_config.TextColumn(width="medium", pinned=True),
            "项目数限定": st.column_config.TextColumn("", width=36, help=QUALIFIER_HELP),
            "项目数": st.column_config.NumberColumn(format="%d 个"),
            "投资限定": st.column_config.TextColumn("", width=36, help=QUALIFIER_HELP),
            "投资（亿元）": st.column_config.NumberColumn(format="%.2f"),
            "年度限定": st.column_config.TextColumn("", width=36, help=QUALIFIER_HELP),
            "年度计划投资（亿元）": st.column_config.NumberColumn(format="%.2f"),
            "计入合计": st.column_config.CheckboxColumn(help="未勾选的行是已计入行的组成部分，不重复相加"),
            "原文": st.column_config.TextColumn(width="large"),
        },
    )
    selected = [i for i in event.selection.rows if i < len(frame)]
    if selected:
        row = rows.iloc[selected[0]]
        link_to_source(
            frames.row_source_query(row["figure_ids"], int(row["quote_start"])),
            f"在原文中查看：{escape_markdown(row['name'])}",
        )
    else:
        st.caption(SELECT_HINT)
    if downloads:
        left, right, _ = st.columns([1, 1, 4])
        left.download_button(
            "下载 CSV",
            data=lambda: frames.csv_bytes(frames.project_frame(ctx.tables, rows)),
            file_name="晋江重点项目_筛选结果.csv",
            mime="text/csv",
            on_click="ignore",
        )
        right.download_button(
            "下载 Excel",
            data=lambda: frames.xlsx_bytes({"项目": frames.project_frame(ctx.tables, rows)}),
            file_name="晋江重点项目_筛选结果.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            on_click="ignore",
        )


def render_figure_table(ctx: PageContext, figures: pd.DataFrame, key: str) -> None:
    frame = frames.figure_frame(ctx.tables, figures)
    event = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        placeholder="",
        column_order=[c for c in frame.columns if c not in ("数字编号", "出处")],
        column_config={
            "限定": st.column_config.TextColumn("", width=36, help=QUALIFIER_HELP),
            "数值": st.column_config.NumberColumn(format="%g"),
            "原文": st.column_config.TextColumn(width="large"),
        },
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    selected = [i for i in event.selection.rows if i < len(frame)]
    if selected:
        figure = frame.iloc[selected[0]]
        link_to_source(
            frames.figure_query(figure["数字编号"]),
            f"在原文中查看：{escape_markdown(figure['指标'])}",
        )
    else:
        st.caption(SELECT_HINT)
