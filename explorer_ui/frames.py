"""Display and export frames (Chinese column names). Pure pandas."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import urlencode

import pandas as pd

from jjdata import Filters, Tables, vocab
from jjdata.query import counted_rows

SYMBOLS = {"exact": "", "approx": "≈", "at_least": "≥", "more_than": ">"}


def source_link(figure_id: str) -> str:
    """Relative link to a figure's place on the 原文 page."""
    return "原文?" + urlencode({"fig": figure_id})


def quote_link(start: int) -> str:
    """Relative link to a place in the text (for rows whose quote has no figure)."""
    return "原文?" + urlencode({"at": start})


def _labels(tables: Tables) -> dict[str, dict[str, str]]:
    return {
        "dept": dict(zip(tables.departments["dept_id"], tables.departments["short_name"], strict=True)),
        "type": {
            t: f"{a} · {b}"
            for t, a, b in zip(
                tables.project_types["type_id"],
                tables.project_types["level1_zh"],
                tables.project_types["level2_zh"],
                strict=True,
            )
        },
        "stage": dict(zip(tables.stages["stage_id"], tables.stages["zh"], strict=True)),
    }


def _symbol(series: pd.Series) -> pd.Series:
    return series.astype("object").map(SYMBOLS).fillna("")


def project_frame(tables: Tables, rows: pd.DataFrame) -> pd.DataFrame:
    """The filtered project rows as shown and exported: one row each, Chinese headers."""
    labels = _labels(tables)
    counted = counted_rows(tables, rows)["counted"].to_numpy() if len(rows) else []
    names = dict(zip(tables.projects["project_id"], tables.projects["name"], strict=True))
    first_figure = rows["figure_ids"].str.split(",").str[0]
    link = [
        source_link(f) if f else quote_link(int(s))
        for f, s in zip(first_figure.fillna(""), rows["quote_start"].fillna(0), strict=True)
    ]
    return pd.DataFrame(
        {
            "部门": rows["dept_id"].astype("object").map(labels["dept"]).to_numpy(),
            "项目/项目组": rows["name"].to_numpy(),
            "类型": rows["type_id"].astype("object").map(labels["type"]).to_numpy(),
            "时期": rows["period"].astype("object").map(vocab.PERIODS).to_numpy(),
            "阶段": rows["stage_id"].astype("object").map(labels["stage"]).to_numpy(),
            "口径": rows["scope"].astype("object").map(vocab.SCOPES).to_numpy(),
            "项目数限定": _symbol(rows["count_qualifier"]).to_numpy(),
            "项目数": rows["project_count"].astype("float64").to_numpy(),
            "投资限定": _symbol(rows["investment_qualifier"]).to_numpy(),
            "投资（亿元）": rows["investment"].astype("float64").to_numpy(),
            "投资口径": rows["investment_measure"].fillna("").to_numpy(),
            "年度限定": _symbol(rows["annual_investment_qualifier"]).to_numpy(),
            "年度计划投资（亿元）": rows["annual_investment"].astype("float64").to_numpy(),
            "计入合计": counted,
            "上级": rows["parent_id"].map(names).fillna("").to_numpy(),
            "原文": rows["quote"].to_numpy(),
            "出处": link,
            "备注": rows["note"].fillna("").to_numpy(),
            "数字编号": rows["figure_ids"].to_numpy(),
            "项目编号": rows["project_id"].to_numpy(),
        }
    )


def figure_frame(tables: Tables, figures: pd.DataFrame) -> pd.DataFrame:
    labels = _labels(tables)
    return pd.DataFrame(
        {
            "部门": figures["dept_id"].astype("object").map(labels["dept"]).to_numpy(),
            "指标": figures["measure"].to_numpy(),
            "限定": _symbol(figures["qualifier"]).to_numpy(),
            "数值": figures["value"].astype("float64").to_numpy(),
            "单位": figures["unit"].to_numpy(),
            "时期": figures["period"].astype("object").map(vocab.PERIODS).to_numpy(),
            "性质": figures["kind"].astype("object").map(vocab.KINDS).to_numpy(),
            "原文": figures["quote"].to_numpy(),
            "出处": [source_link(f) for f in figures["figure_id"]],
            "数字编号": figures["figure_id"].to_numpy(),
        }
    )


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel and WPS open the Chinese correctly."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def all_tables_zip(tables: Tables, names: tuple[str, ...]) -> bytes:
    """Every table as a UTF-8-with-BOM CSV, zipped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(f"{name}.csv", csv_bytes(tables.table(name)))
    return buffer.getvalue()


def describe_filters(filters: Filters, options: dict[str, dict[str, str]]) -> str:
    """The filters in words, e.g. "部门：交通局、水利局；时期：“十四五”（2021–2025）"."""
    parts = []
    for field, label in (
        ("departments", "部门"),
        ("types", "类型"),
        ("periods", "时期"),
        ("stages", "阶段"),
        ("bands", "规模"),
    ):
        chosen = getattr(filters, field)
        if chosen:
            parts.append(f"{label}：" + "、".join(options[field][v] for v in chosen))
    low, high = filters.min_investment, filters.max_investment
    if low is not None and high is not None:
        parts.append(f"投资：{low:g}–{high:g} 亿元")
    elif low is not None:
        parts.append(f"投资：≥{low:g} 亿元")
    elif high is not None:
        parts.append(f"投资：≤{high:g} 亿元")
    return "；".join(parts) or "全部项目（未筛选）"
