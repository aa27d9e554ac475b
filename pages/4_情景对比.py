"""情景对比 — two filter sets side by side, and the difference, for "what if" questions."""

import streamlit as st

import jjdata
from explorer_ui import charts_view, filters_view, page, totals_view
from explorer_ui.frames import describe_filters
from jjdata import totals

ctx = page.setup_page("情景对比")
st.title("情景对比")
st.caption("情景 A 是左侧的筛选；情景 B 在下面单独设置。两边都保存在链接里，可直接分享。")

with st.expander("设置情景 B 的筛选", expanded=True):
    filters_b = filters_view.draw_filters(filters_view.COMPARE, ctx.options, st.container(), columns=3)
rows_b = jjdata.filter_projects(ctx.tables, filters_b)
measure = charts_view.measure_choice("compare_measure")

left, right = st.columns(2, gap="large")
for column, title, filters, rows, key in (
    (left, "A", ctx.filters, ctx.rows, "compare_a"),
    (right, "B", filters_b, rows_b, "compare_b"),
):
    with column:
        st.subheader(f"情景 {title}（{len(rows)} 行）")
        st.caption(describe_filters(filters, ctx.options))
        totals_view.render_totals(ctx, rows, compact=True)
        charts_view.render_bar_chart(ctx, rows, measure, key, clickable=title == "A")

st.subheader("差异（B − A）")
difference = totals_view.difference_frame(ctx.tables, totals(ctx.tables, ctx.rows), totals(ctx.tables, rows_b))
if difference.empty:
    st.caption("两边都没有项目。")
else:
    st.dataframe(difference, hide_index=True, width="stretch")
    st.caption(
        "只在同一口径（同一时期、同一部门/全市口径、同一类目标）内相减；一边没有的口径按 0 计。"
        "A 含“以上”“超”的数时差值无法确定；只有 B 含时差值也是下限。"
    )

page.end_page(ctx)
