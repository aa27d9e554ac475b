"""总览 — the report's headline figures, the answer for the current filters in
plain sentences, charts, and the department × period grid."""

import streamlit as st

from explorer_ui import answers, charts_view, meeting_view, page, totals_view
from explorer_ui.briefing import OVERVIEW, View
from explorer_ui.frames import MEASURE_LABELS
from explorer_ui.provenance import report_date
from jjdata.query import MEASURE_UNITS

ctx = page.setup_page("总览", own_params=(charts_view.MEASURE_PARAM, *meeting_view.PARAMS))
meeting_view.meeting_kit(ctx, View(OVERVIEW, ctx.filters))
st.title("晋江重点项目 · 总览")
report = ctx.tables.reports.iloc[0]
st.caption(
    f"来源：报道《{report['title']}》，路演日期 {report_date(report['year'], report['month'], report['day_of_month'])}。"
    "点“看原文”可查原句。"
)

lead, others = answers.headline_cards(ctx.tables)
totals_view.render_headline_cards(lead)
if others:
    with st.expander(f"各部门报道中的主要数字（{len(others)} 组）"):
        totals_view.render_headline_table(others)

st.subheader("当前筛选的答案", help=answers.SCOPE_HELP)
totals_view.render_answers(answers.answers(ctx.tables, ctx.filters, ctx.rows))
for line in answers.scale_answers(ctx.tables, ctx.filters, ctx.rows):
    st.info(line.text)

measure = charts_view.measure_choice("overview_measure")
charts_view.render_bar_chart(ctx, ctx.rows, measure, "overview_bars")
charts_view.render_treemap(ctx, ctx.rows, measure, "overview_treemap")

st.subheader(f"各部门各时期的{MEASURE_LABELS[measure]}（{MEASURE_UNITS[measure]}）")
totals_view.render_grid(answers.answer_grid(ctx.tables, ctx.filters, ctx.rows, measure))

page.end_page(ctx)
