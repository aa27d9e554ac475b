"""领导点评 — the city leaders' comments, by leader or by unit, points listed."""

import streamlit as st

from explorer_ui import frames, page, source_view
from explorer_ui.text import escape_markdown

ctx = page.setup_page("领导点评")
st.title("领导点评")
tables = ctx.tables
names = frames.labels(tables).dept
comments = tables.comments
if ctx.filters.departments:
    comments = comments[comments["dept_id"].isin(ctx.filters.departments)]
    st.caption("按左侧“部门”筛选显示。")

grouping = st.segmented_control(
    "分组",
    ["leader", "dept"],
    format_func={"leader": "按领导", "dept": "按部门"}.get,
    default="leader",
    key="comments_grouping",
)
if comments.empty:
    st.info("所选部门没有领导点评。")
elif grouping == "dept":
    for comment in comments.itertuples():
        st.subheader(f"{names[comment.dept_id]} · 晋江市领导{comment.leader}")
        source_view.render_comment(ctx, comment.comment_id)
        source_view.link_to_source(frames.quote_query(int(comment.start)))
else:
    for leader, group in comments.groupby("leader", sort=False):
        units = "、".join(names[d] for d in group["dept_id"])
        st.subheader(f"晋江市领导{leader}")
        st.caption(f"点评 {len(group)} 个单位：{units}")
        for comment in group.itertuples():
            st.markdown(f"**点评{escape_markdown(names[comment.dept_id])}**")
            source_view.render_comment(ctx, comment.comment_id)
            source_view.link_to_source(frames.quote_query(int(comment.start)))

page.end_page(ctx)
