"""部门 — one unit's profile: headline, leader's comment, figures, projects, its text."""

import streamlit as st

import jjdata
from explorer_ui import frames, page, source_view, tables_view, totals_view
from explorer_ui.text import escape_markdown
from jjdata import Filters

ctx = page.setup_page("部门", own_params=("unit",))
tables = ctx.tables
departments = tables.departments.set_index("dept_id")
names = frames.labels(tables).dept

unit = page.page_choice(
    "unit",
    "部门",
    list(names),
    names,
    default=(ctx.filters.departments or tuple(names))[0],
)
dept = departments.loc[unit]
st.title(dept["name"])
st.subheader(dept["headline"])
st.caption(f"{dept['name_en']} · 点评领导：{dept['leaders'] or '无'}")

dept_rows = jjdata.filter_projects(tables, Filters(departments=(unit,)))
st.markdown("#### 合计")
st.caption("部门简介显示该部门的全部项目，不受左侧筛选限制。")
totals_view.render_totals(ctx, dept_rows, empty="原文没有给出该部门的项目数量或投资。")

comments = tables.comments[tables.comments["dept_id"] == unit]
for comment in comments.itertuples():
    st.markdown(f"#### 领导点评 · {escape_markdown(comment.leader)}")
    source_view.render_comment(ctx, comment.comment_id)

figures = tables.figures[tables.figures["dept_id"] == unit]
st.markdown(f"#### 数字（{len(figures)} 个）")
if figures.empty:
    st.caption("原文中该部门没有数字。")
else:
    tables_view.render_figure_table(ctx, figures, key="unit_figures_table")

st.markdown(f"#### 项目与项目组（{len(dept_rows)} 行）")
if dept_rows.empty:
    st.caption("原文没有给出该部门的项目或项目数量。")
else:
    tables_view.render_project_table(ctx, dept_rows, key="unit_projects_table", downloads=False)

lists = tables.lists[tables.lists["dept_id"] == unit]
if not lists.empty:
    st.markdown("#### 原文列举")
    items = tables.list_items
    for lst in lists.itertuples():
        entries = items[items["list_id"] == lst.list_id]["item"]
        st.markdown(f"**{escape_markdown(lst.title)}**：" + "、".join(escape_markdown(i) for i in entries))

notes = tables.data_notes[tables.data_notes["dept_id"] == unit]
if not notes.empty:
    st.markdown("#### 数据说明")
    for note in notes.itertuples():
        st.markdown(f"- {escape_markdown(note.note)}")

st.markdown("#### 原文（重排）")
st.caption("橙色：记为数据的数字；灰色：不是数据的数字（年份、名称等）。")
source_view.render_paragraphs(tables, unit, [])

page.end_page(ctx)
