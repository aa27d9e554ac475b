"""项目 — the filtered rows, each with its source, plus downloads."""

import streamlit as st

from explorer_ui import charts_view, page, tables_view, totals_view

ctx = page.setup_page("项目")
st.title("项目")
st.caption(
    f"当前筛选：{len(ctx.rows)} 行。每行的数字都出自“原文”一列的句子；"
    "“计入合计”未勾选的行是上一级的组成部分，合计时不重复计算。"
)
totals_view.render_totals(ctx, ctx.rows)
measure = charts_view.measure_choice("projects_measure")
charts_view.render_bar_chart(ctx, ctx.rows, measure, "projects_bars")
tables_view.render_project_table(ctx, ctx.rows, key="projects_table")

page.end_page(ctx)
