"""数据说明 — where the data comes from, how it was checked, its problems, its tables."""

from datetime import datetime

import streamlit as st

import jjdata
from explorer_ui import frames, page, source_view
from explorer_ui.text import escape_markdown
from jjdata.query import coverage
from jjdata.schema import SCHEMAS

ctx = page.setup_page("数据说明")
tables = ctx.tables
st.title("数据说明")

st.subheader("来源")
written = datetime.fromtimestamp(jjdata.written_at()).strftime("%Y-%m-%d %H:%M")
for report in tables.reports.itertuples():
    st.dataframe(
        {
            "项目": ["版面标题", "原文文件", "原文 sha256", "标注文件", "路演日期", "数据文件写入时间（本机）"],
            "内容": [
                report.title,
                f"data/raw/{report.source_file}",
                report.sha256,
                f"data/annotations/{report.annotation_file}",
                f"{report.date_quote[:3]}（{report.date_note}）",
                written,
            ],
        },
        hide_index=True,
        width="stretch",
    )
st.caption("数据由 `python -m jjdata build` 从原文和标注文件生成；每次生成都核对原文 sha256，结果可逐字节重现。")

st.subheader("核对")
cov = coverage(tables)
cols = st.columns(4)
cols[0].metric("数字覆盖率", f"{cov.percent:.1f}%", help="原文中每个阿拉伯数字都记为数据，或注明为何不是数据")
cols[1].metric("原文数字", f"{cov.numbers} 个")
cols[2].metric("记为数据", f"{cov.as_figures} 个", help="另有用汉字写的数量，也记为数据")
cols[3].metric("注明非数据", f"{cov.not_figures} 个", help="年份、日期、名称（如“5+1”“4341”）、标题重复")
st.markdown(
    f"共 **{len(tables.figures)}** 个数字，每个都带原文引文和位置；"
    f"**{len(tables.reconciliations)}** 处总数与分项核对，其中 "
    f"**{int((~tables.reconciliations['matches'].astype(bool)).sum())}** 处原文对不上（见下）。"
)

st.subheader("数据质量说明")
names = frames.labels(tables).dept
badge = {"error": ":red-badge[原文矛盾]", "ambiguity": ":orange-badge[有歧义]", "info": ":gray-badge[说明]"}
for note in tables.data_notes.itertuples():
    unit = names.get(note.dept_id, "") if isinstance(note.dept_id, str) else "全版"
    st.markdown(
        f"{badge[note.severity]} **{escape_markdown(unit)}**：{escape_markdown(note.note)}  \n"
        f"原文：“{escape_markdown(note.quote)}”"
    )
    source_view.link_to_source(frames.quote_query(int(note.quote_start)), "看原文")

st.subheader("总数与分项核对")
recs = tables.reconciliations
figures = tables.figures.set_index("figure_id")
st.dataframe(
    {
        "总数": [
            f"{figures.at[f, 'measure']}：{v:g}"
            for f, v in zip(recs["total_figure_id"], recs["total_value"], strict=True)
        ],
        "分项合计": recs["parts_value"],
        "一致": recs["matches"],
        "说明编号": recs["note_ids"],
    },
    hide_index=True,
    width="stretch",
)

st.subheader("怎样读合计")
st.markdown(
    escape_markdown("约数（≈）按所写数值相加，合计标“≈”；“以上”（≥）与“超”（>）是下限，合计也是下限；")
    + escape_markdown("上级行与其组成部分不重复相加；全市口径（发改局、商务局）与部门口径分开；")
    + escape_markdown("不同时期（“十三五”、2021年、“十四五”）、现状与目标分开列出，不相加。")
)

st.subheader("数据表")
rows = []
for name, schema in SCHEMAS.items():
    rows.append({"表": name, "行数": len(tables.table(name)), "列": "、".join(f"{f.name}（{f.type}）" for f in schema)})
st.dataframe(rows, hide_index=True, width="stretch", column_config={"列": st.column_config.TextColumn(width="large")})
names_all = tuple(SCHEMAS)
left, right, _ = st.columns([1, 1, 3])
left.download_button(
    "下载全部表（CSV 压缩包）",
    data=lambda: frames.all_tables_zip(tables, names_all),
    file_name="晋江重点项目_全部数据表.zip",
    mime="application/zip",
    on_click="ignore",
)
right.download_button(
    "下载全部表（Excel）",
    data=lambda: frames.xlsx_bytes({n: tables.table(n).drop(columns=["raw_text"], errors="ignore") for n in names_all}),
    file_name="晋江重点项目_全部数据表.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
)

page.end_page(ctx)
