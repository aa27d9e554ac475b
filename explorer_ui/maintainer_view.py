"""数据说明's section for the people who maintain the data: file names,
checksums, ids and table layouts.

The tables are built once per data set as Arrow tables: ``st.dataframe``
then only serialises them, instead of converting a pandas frame on every
rerun (about 1 ms each)."""

from __future__ import annotations

import pyarrow as pa
import streamlit as st

from jjdata import Tables
from jjdata.memo import per_tables, records
from jjdata.schema import SCHEMAS

from . import frames


def render_technical_tables(tables: Tables) -> None:
    st.caption("以下是文件名、校验值、编号和表结构，供维护数据的人员使用。")
    files, ids, layouts = _technical_tables(tables)
    for table in files:
        st.dataframe(table, hide_index=True, width="stretch")
    st.caption("数据由 `python -m jjdata build` 从原文和标注文件生成；每次生成都核对原文 sha256，结果可逐字节重现。")
    st.markdown("**说明与核对的编号**")
    st.dataframe(ids, hide_index=True, width="stretch")
    st.markdown("**数据表**")
    st.dataframe(layouts, hide_index=True, width="stretch")


@per_tables
def _technical_tables(tables: Tables) -> tuple[list[pa.Table], pa.Table, pa.Table]:
    """Per report: its files, checksum, schema version and build time; the ids of the
    notes and checks; each table's rows and columns."""
    files = [
        pa.table(
            {
                "项目": ["原文文件", "原文 sha256", "标注文件", "表结构版本", "生成时间（ISO 8601）"],
                "内容": [
                    f"data/raw/{report.source_file}",
                    report.sha256,
                    f"data/annotations/{report.annotation_file}",
                    str(tables.manifest.schema_version),
                    tables.manifest.built_at,
                ],
            }
        )
        for report in records(tables, "reports")
    ]
    ids = pa.table(
        {
            "编号": [*tables.data_notes["note_id"], *tables.reconciliations["rec_id"]],
            "内容": [*tables.data_notes["note"], *(c.text for c in frames.reconciliations(tables))],
        }
    )
    layouts = pa.Table.from_pylist(
        [
            {"表": name, "行数": len(tables.table(name)), "列": "、".join(f"{f.name}（{f.type}）" for f in schema)}
            for name, schema in SCHEMAS.items()
        ]
    )
    return files, ids, layouts
