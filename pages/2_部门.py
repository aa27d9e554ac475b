"""部门 — one unit's profile: headline, its own headline cards from the report, totals,
leader's comment, figures, projects, lists, notes, its text."""

import streamlit as st

import jjdata
from explorer_ui import frames, meeting_view, page, source_view, tables_view, totals_view
from explorer_ui.briefing import DEPARTMENT, View
from explorer_ui.text import escape_markdown
from jjdata import Filters

ctx = page.setup_page("部门", own_params=("unit", *meeting_view.PARAMS))
tables = ctx.tables
names = frames.labels(tables).dept
units = [u for u in frames.units_in_page_order(tables) if not ctx.filters.departments or u in ctx.filters.departments]

unit = page.page_choice(
    "unit",
    "部门",
    units,
    names,
    default=frames.default_unit(tables, units),
    help="可选的部门随左侧“部门”筛选而定。",
)
meeting_view.meeting_kit(ctx, View(DEPARTMENT, unit=unit))
dept = tables.departments.set_index("dept_id").loc[unit]
st.title(dept["name"])
st.subheader(dept["headline"])
st.caption(f"点评领导：{dept['leaders']}" if dept["leaders"] else "原文中没有领导点评这个部门。")
if ctx.filters != Filters(departments=ctx.filters.departments):
    st.caption("本页列出该部门在原文中的全部内容，不受左侧其他筛选（时期、类型等）影响。")

totals_view.render_unit_headline_cards(tables, unit)

dept_rows = jjdata.filter_projects(tables, Filters(departments=(unit,)))
st.markdown("#### 合计")
totals_view.render_totals(ctx, dept_rows, empty="原文没有给出该部门的项目数量或投资。")

comments = tables.comments[tables.comments["dept_id"] == unit]
for comment in comments.itertuples():
    st.markdown(f"#### 领导点评 · {escape_markdown(comment.leader)}")
    source_view.render_comment(ctx, comment.comment_id)

figures = frames.figure_frame(tables, unit)
st.markdown(f"#### 原文中的数字（{len(figures)} 个）")
if figures.empty:
    st.caption("原文中该部门没有数字。")
else:
    tables_view.render_figure_table(ctx, unit, key="unit_figures_table")

st.markdown(f"#### 项目与项目组（{len(dept_rows)} 条记录）")
if dept_rows.empty:
    st.caption("原文没有给出该部门的项目或项目数量。")
else:
    tables_view.render_project_table(ctx, dept_rows, key="unit_projects_table", downloads=False)

lists = frames.unit_lists(tables)[unit]
if lists:
    st.markdown("#### 原文列举的内容")
    # one element for all of them: a unit's comment alone holds up to eight lists
    st.markdown(
        "\n\n".join(
            f"**{escape_markdown(title)}**：" + "、".join(escape_markdown(i) for i in entries)
            for title, entries in lists
        )
    )

notes = tables.data_notes[tables.data_notes["dept_id"] == unit]
if not notes.empty:
    st.markdown("#### 读这个部门的数字要注意")
    for note in notes.itertuples():
        st.markdown(f"- {escape_markdown(note.note)}")
        source_view.link_to_source(frames.quote_query(int(note.quote_start)), "看原文")

st.markdown("#### 原文（重排）")
st.caption(f"{frames.MARK_LEGEND['figure']}；{frames.MARK_LEGEND['other_number']}。")
source_view.render_paragraphs(tables, unit, [])

page.end_page(ctx)
