"""数据说明 — where the data comes from, how it was checked, its problems, how
totals are read; file names, checksums and table layouts only in the
maintainers' section at the end."""

import streamlit as st

from explorer_ui import downloads_view, frames, maintainer_view, page, source_view
from explorer_ui.provenance import built_at_words, report_date
from explorer_ui.text import escape_markdown
from jjdata import bases
from jjdata.coverage import sentence_coverage
from jjdata.memo import records
from jjdata.query import coverage

ctx = page.setup_page("数据说明")
tables = ctx.tables
names = frames.labels(tables).dept
st.title("数据说明")

st.subheader("来源")
for report in records(tables, "reports"):
    st.markdown(
        f"报道：《{escape_markdown(report.title)}》  \n"
        f"路演日期：{escape_markdown(report_date(report.year, report.month, report.day_of_month))}"
        f"（{escape_markdown(report.date_note)}）"
    )
    source_view.link_to_source(frames.quote_query(int(report.date_start)), "看原文")
st.markdown(f"数据生成时间：{escape_markdown(built_at_words(tables.manifest.built_at))}")
st.caption("本浏览器的每个数字都由原文逐字摘录、核对后生成；原文一个字也不改。")

st.subheader("核对")
numbers, sentences = coverage(tables), sentence_coverage(tables)
left, right = st.columns(2)
left.metric("数字覆盖率", f"{numbers.percent:.1f}%", help="原文中每个阿拉伯数字都记为数据，或注明为什么不是数据")
left.caption(
    f"原文中的阿拉伯数字 {numbers.numbers} 个：记为数据 {numbers.as_figures} 个，"
    f"注明不是数据 {numbers.not_figures} 个（年份、日期、名称中的数字等），未说明 {numbers.unexplained} 个。"
)
right.metric(
    "句子覆盖率",
    f"{sentences.percent:.1f}%",
    help="导语、各单位正文和领导点评的每一句，都有数字、项目、写明时间的事或列举条目记下它说的事，或注明是叙述",
)
right.caption(
    f"句子 {sentences.sentences} 句：有记录记下它说的事 {sentences.by_records} 句，"
    f"注明为一般叙述 {sentences.narrative} 句，未说明 {sentences.unexplained} 句。"
)
held = "；".join(f"{words} {count} 句" for words, count in sentences.held_words())
right.caption(
    f"按记下它的记录分（每句只算一次）：{held}；叙述 {sentences.narrative} 句。"
    "领导点评的要点划分、数据质量说明不算在内：它们没有记下句子说的事。"
)
checks = frames.reconciliations(tables)
mismatched = [c for c in checks if not c.matches]
st.markdown(
    f"共 **{len(tables.figures)}** 个数字，每个都带原文句子和位置；**{len(checks)}** 处总数与分项核对，"
    f"其中 **{len(mismatched)}** 处原文自己对不上（见下）。"
)

st.subheader("数据质量说明")
st.caption("原文自相矛盾、有两种读法或需要说明的地方，以及本数据是怎样读的。")
badge = {"error": ":red-badge[原文矛盾]", "ambiguity": ":orange-badge[有两种读法]", "info": ":gray-badge[说明]"}
for note in records(tables, "data_notes"):
    unit = names.get(note.dept_id, "") if isinstance(note.dept_id, str) else "全版"
    st.markdown(f"{badge[note.severity]} **{escape_markdown(unit)}**：{escape_markdown(note.note)}")
    source_view.link_to_source(frames.quote_query(int(note.quote_start)), "看原文")

st.subheader("总数与分项核对")
st.caption("原文写了总数又列出分项的地方，逐一核对分项加起来是否等于总数。")
verdicts = {True: "一致。", False: ":red[**对不上**]（数字按原文记录，见上面的数据质量说明）。"}
st.markdown(
    "\n".join(f"- **{escape_markdown(c.dept)}**：{escape_markdown(c.text)}。{verdicts[c.matches]}" for c in checks)
)

st.subheader("怎样读合计")
labels, explanations = bases.basis_labels(tables), bases.basis_explanations(tables)
st.markdown(
    "\n".join(
        [
            "- 约数（≈）按所写数值相加，合计也标“约”；“以上”（≥）和“超”（>）是下限，合计也是下限。",
            "- 一组项目和它的组成部分不重复相加（项目表中名称前有 └ 的记录已含在上一级中）。",
            "- 发改局、商务局统计的全市清单可能与各单位自己的统计重叠（原文没有说明），分开合计，不相加。",
            "- 不同时期（“十三五”、2021年、“十四五”）分开列出，不相加。",
            "- 不同类别的项目分开合计，不相加：",
            *(f"    - **{escape_markdown(label)}**：{escape_markdown(explanations[b])}" for b, label in labels.items()),
            "- 原文没有给出的数，显示“原文未给出”，不当作 0。",
            "- “十三五”即 2016–2020 年，“十四五”即 2021–2025 年。",
        ]
    )
)

with st.expander("技术信息（供维护人员）"):
    maintainer_view.render_technical_tables(tables)
    st.caption("下载的表格用中文表名和列名，与上表的代码一一对应；“字段说明”解释每一列，“代码说明”解释每个代码。")
    downloads_view.all_tables_downloads(ctx)

page.end_page(ctx)
