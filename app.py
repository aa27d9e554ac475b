"""总览 — the answer for the current filters (its totals and plain sentences), the report's
headline figures (first when nothing is filtered, after the answer as 全市背景 when something
is), charts, and the department × period grid."""

import streamlit as st

from explorer_ui import answers, charts_view, meeting_view, page, totals_view
from explorer_ui.briefing import OVERVIEW, View
from explorer_ui.provenance import report_date
from explorer_ui.text import escape_markdown
from jjdata import Filters
from jjdata.amounts import COLUMN_NAMES

ctx = page.setup_page("总览", own_params=(charts_view.MEASURE_PARAM, charts_view.SERIES_PARAM, *meeting_view.PARAMS))
meeting_view.meeting_kit(ctx, View(OVERVIEW, ctx.filters))
st.title("晋江重点项目 · 总览")
report = ctx.tables.reports.iloc[0]
st.caption(
    f"来源：报道《{report['title']}》，路演日期 {report_date(report['year'], report['month'], report['day_of_month'])}。"
    "点“看原文”可查原句。"
)

lead, others = answers.headline_cards(ctx.tables)
filtered = ctx.filters != Filters()


def report_figures() -> None:
    totals_view.render_headline_cards(lead)


def unit_figures() -> None:
    if others:
        with st.expander(f"各单位报道中的主要数字（{len(others)} 组，不受当前筛选影响）"):
            totals_view.render_headline_table(others)


if not filtered:
    report_figures()
    unit_figures()
st.subheader("当前筛选的答案", help=answers.SCOPE_HELP)
if filtered:  # the view's own answer first: its totals, then its sentences
    totals_view.render_totals(ctx, ctx.rows)
totals_view.render_answers(answers.answers(ctx.tables, ctx.filters, ctx.rows))
for line in answers.scale_answers(ctx.tables, ctx.filters, ctx.rows):
    st.info(escape_markdown(line.text))
if filtered:
    st.subheader("全市背景：报道中的全市数字")
    st.caption("报道的全市主要数字，不受当前筛选影响，不与上面的数相加。")
    report_figures()
    unit_figures()

measure = charts_view.measure_choice("overview_measure")
series = charts_view.series_choice(ctx, [ctx.rows], measure, "overview_series")
charts_view.render_bar_chart(ctx, ctx.rows, series, "overview_bars")
charts_view.render_treemap(ctx, ctx.rows, series, "overview_treemap")

st.subheader(f"各单位各时期的{COLUMN_NAMES[measure]}")
totals_view.render_grid(answers.answer_grid(ctx.tables, ctx.filters, ctx.rows, measure))

page.end_page(ctx)
