"""总览 — home page of the explorer (streamlit run app.py)."""

import streamlit as st

import jjdata

st.set_page_config(page_title="晋江重点项目数据浏览器", layout="wide")
st.title("晋江重点项目数据浏览器")

try:
    tables = jjdata.load_tables()
except jjdata.DataFileError as exc:
    st.error(f"数据无法载入：{exc}")
    st.stop()

report = tables.reports.iloc[0]
st.caption(f"来源：{report['title']}（{report['source_file']}）")
counts = {name: len(tables.table(name)) for name in jjdata.TABLE_NAMES}
st.dataframe({"表": list(counts), "行数": list(counts.values())}, hide_index=True)
