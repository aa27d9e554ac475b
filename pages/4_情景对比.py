"""情景对比 — two filter sets side by side in plain sentences, and B − A only
where both sides give a number of the same kind."""

import streamlit as st

import jjdata
from explorer_ui import answers, charts_view, filters_view, meeting_view, page, totals_view
from explorer_ui.arrow_cache import plain_table
from explorer_ui.briefing import COMPARISON, View
from explorer_ui.frames import describe_filters

ctx = page.setup_page(
    "情景对比", own_params=(charts_view.MEASURE_PARAM, charts_view.SERIES_PARAM, *meeting_view.PARAMS)
)
meeting_view.meeting_kit(
    ctx, View(COMPARISON, ctx.filters, filters_b=filters_view.stored_filters(filters_view.COMPARE, ctx.options))
)
st.title("情景对比")
st.caption("情景 A 是左侧的筛选；情景 B 在下面单独设置。两边都保存在链接里，可直接分享。")

with st.expander("设置情景 B 的筛选", expanded=True):
    filters_b = filters_view.draw_filters(filters_view.COMPARE, ctx.options, st.container(), columns=3)
rows_b = jjdata.filter_projects(ctx.tables, filters_b)

left, right = st.columns(2, gap="large")
for column, side, filters, rows in ((left, "A", ctx.filters, ctx.rows), (right, "B", filters_b, rows_b)):
    with column:
        st.subheader(f"情景 {side}（{len(rows)} 条记录）")
        st.caption(describe_filters(filters, ctx.options))
        totals_view.render_answers(answers.answers(ctx.tables, filters, rows))

st.subheader("对比（B − A）", help=answers.SCOPE_HELP)
comparison, note = answers.comparison(ctx.tables, ctx.filters, ctx.rows, filters_b, rows_b)
if note:
    st.info(note)
if comparison.empty:
    st.caption("两边都没有给出数字的记录。")
else:
    st.table(plain_table(comparison), hide_index=True)
    st.caption(
        f"只有同一统计范围（同一时期、同一统计对象、同一阶段或类别、同一计量单位）的两个完整的数才相减；"
        f"一边{answers.NOT_GIVEN}、一边{answers.FILTERED_OUT}或只给出部分记录的数时不相减，也不当作 0。"
        "A 是“以上”“超”的下限时差值无法确定；只有 B 是下限时，差值也是下限。"
    )

measure = charts_view.measure_choice("compare_measure")
series = charts_view.series_choice(ctx, [ctx.rows, rows_b], measure, "compare_series")
charts_view.render_side_by_side(ctx, filters_b, rows_b, series, "compare")

page.end_page(ctx)
