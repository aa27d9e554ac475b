"""原文 — the whole report reflowed in reading order, by unit, searchable; every
figure elsewhere links here (?fig=<id>, or ?at=<offset> for a quote)."""

import streamlit as st

from explorer_ui import shared
from explorer_ui.frames import SYMBOLS
from explorer_ui.text import escape_markdown
from jjdata.text import SourceText, Span, paragraphs

ctx = shared.setup_page("原文", own_params=("q", "fig", "at"))
tables = ctx.tables
report = tables.reports.iloc[0]
raw = report["raw_text"]
source = SourceText(raw)
st.title("原文")
st.caption(f"{report['title']} · {report['source_file']} · 按部门重排，换行与分栏已合并，文字未改动。")

marks = shared.number_marks(tables)
focus: Span | None = None
fig_id = st.query_params.get("fig")
if fig_id is not None:
    figures = tables.figures.set_index("figure_id")
    if fig_id in figures.index:
        fig = figures.loc[fig_id]
        focus = Span(int(fig["quote_start"]), int(fig["quote_end"]))
        marks += [(focus.start, focus.end, "hit"), (int(fig["number_start"]), int(fig["number_end"]), "focus")]
        symbol = SYMBOLS[fig["qualifier"]]
        with st.container(border=True):
            st.markdown(
                f"**定位**：{escape_markdown(shared.dept_names(tables)[fig['dept_id']])} · "
                f"{escape_markdown(fig['measure'])}：{escape_markdown(symbol)}{fig['value']:g} {escape_markdown(fig['unit'])}"
            )
            shared.render_paragraphs(raw, focus, marks)
            st.caption("红色为该数字，蓝色为所在句子；下文全文中同样标出。")
    else:
        st.warning(f"链接中的数字编号 {escape_markdown(fig_id[:40])} 不存在，已忽略。")
at = st.query_params.get("at")
if at is not None:
    if at.isdigit() and int(at) < len(raw):
        offset = int(at)
        quoted = [
            (int(s), int(e))
            for frame, s_col, e_col in (
                (tables.projects, "quote_start", "quote_end"),
                (tables.comments, "start", "end"),
                (tables.data_notes, "quote_start", "quote_end"),
            )
            for s, e in zip(frame[s_col], frame[e_col], strict=True)
            if s == offset
        ]
        focus = Span(offset, max((e for _, e in quoted), default=offset + 1))
        marks.append((focus.start, focus.end, "hit"))
    else:
        st.warning("链接中的原文位置无效，已忽略。")

query = shared.page_text("q", "搜索原文（直接输入中文词语，如“储备”“亿元”）")
hits = source.occurrences(query) if query else []
marks += [(h.start, h.end, "hit") for h in hits]
only_hits = False
if query:
    st.markdown(f"找到 **{len(hits)}** 处“{escape_markdown(query)}”。")
    only_hits = st.toggle("只显示含搜索词的段落", value=True, key="source_only_hits")
st.caption("橙色：记为数据的数字；灰色：不是数据的数字（年份、名称）；蓝色：搜索结果或定位的句子。")


def show(span: Span) -> None:
    for paragraph in paragraphs(raw, span):
        touches = any(h.start < paragraph.end and h.end > paragraph.start for h in hits)
        if focus and focus.start < paragraph.end and focus.end > paragraph.start:
            touches = True
        if only_hits and not touches:
            continue
        shared.render_paragraphs(raw, paragraph, marks)


sections = tables.sections
page_level = sections[sections["dept_id"].isna() & (sections["role"] != "page_label")]
if not ctx.filters.departments:
    for section in page_level.itertuples():
        show(Span(section.start, section.end))
departments = tables.departments
if ctx.filters.departments:
    departments = departments[departments["dept_id"].isin(ctx.filters.departments)]
    st.caption("只显示左侧所选部门；清除“部门”筛选可看全文。")
for dept in departments.itertuples():
    own = sections[(sections["dept_id"] == dept.dept_id) & (sections["role"] != "masthead")]
    st.subheader(f"{dept.short_name} · {dept.headline}", anchor=f"dept-{dept.dept_id}")
    for section in own.itertuples():
        show(Span(section.start, section.end))
