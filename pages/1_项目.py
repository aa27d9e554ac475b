"""项目 — the filtered rows (select one for its sentence in the report), downloads, totals and a chart."""

import streamlit as st

from explorer_ui import charts_view, page, tables_view, totals_view

ctx = page.setup_page("项目", own_params=(charts_view.MEASURE_PARAM, charts_view.SERIES_PARAM))
st.title("项目")
st.caption(
    f"共 {len(ctx.rows)} 条记录，每条是原文中的一个项目或一组项目，数字都出自原文的一句话。"
    "名称前有 └ 的记录是上一条的组成部分，数字已算在上一级里，合计时不再相加。"
)
tables_view.render_project_table(ctx, ctx.rows, key="projects_table")

st.subheader("合计")
totals_view.render_totals(ctx, ctx.rows)
measure = charts_view.measure_choice("projects_measure")
series = charts_view.series_choice(ctx, [ctx.rows], measure, "projects_series")
charts_view.render_bar_chart(ctx, ctx.rows, series, "projects_bars")

page.end_page(ctx)
