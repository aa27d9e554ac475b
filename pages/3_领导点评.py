"""领导点评 — the city leaders' comments, by leader or by unit, points listed."""

import streamlit as st

from explorer_ui import frames, page, source_view
from explorer_ui.text import escape_markdown
from jjdata.memo import records

ctx = page.setup_page("领导点评")
st.title("领导点评")
tables = ctx.tables
names = frames.labels(tables).dept
comments = records(tables, "comments")
if ctx.filters.departments:
    comments = tuple(c for c in comments if c.dept_id in ctx.filters.departments)
    st.caption("按左侧“部门”筛选显示。")

grouping = st.segmented_control(
    "分组",
    ["leader", "dept"],
    format_func={"leader": "按领导", "dept": "按部门"}.get,
    default="leader",
    key="comments_grouping",
)
if not comments:
    st.info("所选部门没有领导点评。")
elif grouping == "dept":
    for comment in comments:
        st.subheader(f"{names[comment.dept_id]} · 晋江市领导{comment.leader}")
        source_view.render_comment(ctx, comment.comment_id)
        source_view.link_to_source(frames.quote_query(int(comment.start)))
else:
    by_leader: dict[str, list] = {}  # in the order the leaders first speak
    for comment in comments:
        by_leader.setdefault(comment.leader, []).append(comment)
    for leader, group in by_leader.items():
        units = "、".join(names[c.dept_id] for c in group)
        st.subheader(f"晋江市领导{leader}")
        st.caption(f"点评 {len(group)} 个单位：{units}")
        for comment in group:
            st.markdown(f"**点评{escape_markdown(names[comment.dept_id])}**")
            source_view.render_comment(ctx, comment.comment_id)
            source_view.link_to_source(frames.quote_query(int(comment.start)))

page.end_page(ctx)
