"""Downloads that say where they come from: the 项目 rows as CSV and Excel, and
数据说明's all-tables export. Each file opens with a header block (CSV: its
first lines; Excel: a first sheet “说明”) naming the filters, the report, its
date, when the data was built and the link of the view; its 看原文 links are
absolute (built from the page's own address), True/False read 是/否, and its
name names the view. The files are built only when a button is clicked.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jjdata.schema import SCHEMAS

from . import frames, provenance, urlstate
from .page import PageContext

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MIME = "application/zip"


def page_urls(ctx: PageContext, query: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """(the app's address, this page's link with ``query``), absolute, from the address the
    browser shows; (None, None) when Streamlit does not know it (a test without a browser)."""
    return provenance.app_urls(st.context.url or "", ctx.url_path, query)


def row_downloads(ctx: PageContext, rows: pd.DataFrame) -> None:
    """下载 CSV / 下载 Excel of exactly ``rows`` (the page's filtered rows), all columns; none without rows."""
    if rows.empty:
        return
    base_url, view_url = page_urls(ctx, urlstate.query_from_filters(ctx.filters))
    header = provenance.header_lines(ctx.tables, [frames.active_filters_line(ctx.filters, ctx.options)], view_url)
    parts = provenance.filter_name_parts(ctx.filters, ctx.options)

    def table() -> pd.DataFrame:
        return frames.exported(frames.project_frame(ctx.tables, rows), base_url)

    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "下载 CSV",
        data=lambda: frames.csv_bytes(table(), header),
        file_name=provenance.file_name(parts, "", "csv"),
        mime=CSV_MIME,
        on_click="ignore",
        help="UTF-8 编码，Excel、WPS 可直接打开；开头几行写明筛选条件、来源、报道日期、数据生成时间和本视图链接。",
    )
    right.download_button(
        "下载 Excel",
        data=lambda: frames.xlsx_bytes({"项目": table()}, header),
        file_name=provenance.file_name(parts, "", "xlsx"),
        mime=XLSX_MIME,
        on_click="ignore",
        help="第一张表“说明”写明筛选条件、来源、报道日期、数据生成时间和本视图链接。",
    )


def all_tables_downloads(ctx: PageContext) -> None:
    """数据说明's export of every table: Chinese table and column names, a column
    dictionary (字段说明) and the codes (代码说明)."""
    names = tuple(SCHEMAS)
    _, view_url = page_urls(ctx, {})
    header = provenance.header_lines(ctx.tables, ["全部数据表（不受筛选影响）"], view_url)
    left, right, _ = st.columns([1, 1, 2])
    left.download_button(
        "下载全部表（CSV 压缩包）",
        data=lambda: frames.all_tables_zip(ctx.tables, names, header),
        file_name=provenance.file_name(["全部数据表"], "", "zip"),
        mime=ZIP_MIME,
        on_click="ignore",
        help="每张表一个 CSV 文件，中文列名；“字段说明”解释每一列，“代码说明”解释每个代码。",
    )
    right.download_button(
        "下载全部表（Excel）",
        data=lambda: frames.xlsx_bytes(frames.all_tables_sheets(ctx.tables, names), header),
        file_name=provenance.file_name(["全部数据表"], "", "xlsx"),
        mime=XLSX_MIME,
        on_click="ignore",
        help="每张表一页，中文列名；“字段说明”解释每一列，“代码说明”解释每个代码（原文全文只在 CSV 中）。",
    )
