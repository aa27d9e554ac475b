"""原文 — the whole report reflowed in reading order, by unit, searchable; every
figure elsewhere links here (?fig=<id>, or ?at=<offset> for a quote)."""

import re

import streamlit as st

from explorer_ui import frames, page, source_view
from explorer_ui.frames import SYMBOLS
from explorer_ui.provenance import report_date
from explorer_ui.text import escape_markdown
from explorer_ui.url_view import add_notice
from explorer_ui.urlstate import Notice
from jjdata.memo import records
from jjdata.text import Span

ctx = page.setup_page("原文", own_params=("q", "fig", "at"))
tables = ctx.tables
report = tables.reports.iloc[0]
raw = report["raw_text"]
st.title("原文")
st.caption(
    f"报道《{report['title']}》，路演日期 {report_date(report['year'], report['month'], report['day_of_month'])}。"
    "按部门重排：换行与分栏已合并，文字未改动。"
)

extra: list[tuple[int, int, str]] = []  # marks beyond the numbers: located sentence, search hits
fig_id = st.query_params.get("fig")
if fig_id is not None:
    figures = tables.figures.set_index("figure_id")
    if fig_id in figures.index:
        fig = figures.loc[fig_id]
        focus = Span(int(fig["quote_start"]), int(fig["quote_end"]))
        located = [(focus.start, focus.end, "hit"), (int(fig["number_start"]), int(fig["number_end"]), "focus")]
        extra += located
        with st.container(border=True):
            st.markdown(
                f"**定位**：{escape_markdown(frames.labels(tables).dept[fig['dept_id']])} · "
                f"{escape_markdown(fig['measure'])}：{escape_markdown(SYMBOLS[fig['qualifier']])}{fig['value']:g} "
                f"{escape_markdown(fig['unit'])}"
            )
            source_view.render_span(tables, focus, located)
            st.caption("红色粗体是这个数字，蓝色粗体是它所在的句子；下面的全文中同样标出。")
    else:
        add_notice(Notice("fig", fig_id, "没有这个数字编号").text())
at = st.query_params.get("at")
if at is not None:
    if re.fullmatch(r"[0-9]{1,9}", at) and int(at) < len(raw):
        offset = int(at)
        ends = [
            int(e)
            for frame, s_col, e_col in (
                (tables.projects, "quote_start", "quote_end"),
                (tables.comments, "start", "end"),
                (tables.data_notes, "quote_start", "quote_end"),
            )
            for s, e in zip(frame[s_col], frame[e_col], strict=True)
            if s == offset
        ]
        extra.append((offset, max(ends, default=offset + 1), "hit"))
    else:
        st.warning("链接中的原文位置无效，已忽略。")

query = page.page_text("q", "搜索原文（直接输入中文词语，如“储备”“亿元”）")
hits = source_view.in_shown_text(tables, frames.search_hits(tables, query)) if query else []
extra += [(h.start, h.end, "hit") for h in hits]
only_hits = False
if query:
    also = frames.search_terms(tables, query)[1:]
    also_words = f"（同一部门的另一个名称“{'”“'.join(also)}”也算在内）" if also else ""
    # the words searched stand in the box above, not echoed as markdown
    st.markdown(f"找到 **{len(hits)}** 处{escape_markdown(also_words)}。")
    only_hits = st.toggle("只显示含搜索词的段落", value=True, key="source_only_hits")
st.caption("；".join(frames.MARK_LEGEND.values()) + "。")

departments = records(tables, "departments")
if ctx.filters.departments:
    departments = tuple(d for d in departments if d.dept_id in ctx.filters.departments)
    st.caption("只显示左侧所选部门；清除“部门”筛选可看全文。")
else:
    source_view.render_paragraphs(tables, None, extra, only_hits)
for dept in departments:
    if only_hits and not source_view.touches(tables, dept.dept_id, extra):
        continue
    st.subheader(f"{dept.short_name} · {dept.headline}", anchor=f"dept-{dept.dept_id}")
    source_view.render_paragraphs(tables, dept.dept_id, extra, only_hits)

page.end_page(ctx)
