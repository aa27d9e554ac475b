"""总览 — home page: totals, charts and the period × unit matrix for the current filters."""

import streamlit as st

from explorer_ui import charts, charts_view, frames, page, totals_view
from jjdata import bases
from jjdata.query import summarize

ctx = page.setup_page("总览")
st.title("晋江重点项目 · 总览")
report = ctx.tables.reports.iloc[0]
st.caption(
    f"来源：{report['title']}（{report['date_quote'][:3]}路演，原文 {report['source_file']}）。"
    "每个数字都可在“项目”“原文”页查到出处。"
)

totals_view.render_totals(ctx, ctx.rows)

measure = charts_view.measure_choice("overview_measure")
left, right = st.columns([3, 2])
with left:
    st.subheader(f"各部门{frames.MEASURE_LABELS[measure]}")
    charts_view.render_bar_chart(ctx, ctx.rows, measure, "overview_bars")
with right:
    st.subheader("部门 → 项目类型")
    charts_view.render_treemap(ctx, ctx.rows, measure, "overview_treemap")

st.subheader("时期 × 部门")
summary = summarize(ctx.tables, ctx.rows, by=("dept_id",))
status = summary[summary["basis"].isin(bases.primary_bases(ctx.tables))] if not summary.empty else summary
if status.empty:
    st.caption("当前筛选没有实施项目（储备、策划生成等见上方合计）。")
else:
    st.dataframe(charts.period_matrix(status, frames.labels(ctx.tables).dept), width="stretch", placeholder="")
    st.caption("每格只含该部门该时期的项目数 / 投资；不同时期之间不相加。“（全市）”行含各部门项目，不与部门行相加。")

page.end_page(ctx)
