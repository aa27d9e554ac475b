"""Display and export frames (Chinese column names). Pure pandas."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from jjdata import Filters, Tables, bases, vocab
from jjdata.memo import per_tables
from jjdata.query import counted_rows
from jjdata.text import SourceText, Span, marked_pieces, paragraphs

from .text import pieces_markdown
from .urlstate import format_bound

SYMBOLS = {qualifier: symbol for qualifier, (symbol, _) in vocab.QUALIFIERS.items()}
MEASURE_LABELS = {"projects": "项目数", "investment": "总投资", "annual_investment": "年度计划投资"}


def figure_query(figure_id: str) -> dict[str, str]:
    """原文 page parameters that locate a figure."""
    return {"fig": figure_id}


def quote_query(start: int) -> dict[str, str]:
    """原文 page parameters that locate a place in the text (for rows whose quote has no figure)."""
    return {"at": str(start)}


def row_source_query(figure_ids: object, quote_start: int) -> dict[str, str]:
    """Where a project row's numbers come from: its first figure, else its quote (``figure_ids`` may be missing)."""
    first = figure_ids.split(",")[0] if isinstance(figure_ids, str) else ""
    return figure_query(first) if first else quote_query(quote_start)


def source_link(figure_id: str) -> str:
    """Relative link to a figure's place on the 原文 page (in files: downloads, briefs)."""
    return "原文?" + urlencode(figure_query(figure_id))


def quote_link(start: int) -> str:
    """Relative link to a place in the text (in files: downloads, briefs)."""
    return "原文?" + urlencode(quote_query(start))


def _symbol(series: pd.Series) -> pd.Series:
    return series.astype("object").map(SYMBOLS).fillna("")


def project_frame(tables: Tables, rows: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """The filtered project rows as shown and exported: one row each, Chinese headers.

    ``limit`` keeps the first rows only (for display); "计入合计" is still
    worked out against all of ``rows``.
    """
    names = labels(tables)
    counted = counted_rows(tables, rows)["counted"].to_numpy() if len(rows) else []
    if limit is not None:
        rows, counted = rows.iloc[:limit], counted[:limit]
    link = [
        "原文?" + urlencode(row_source_query(f, int(s)))
        for f, s in zip(rows["figure_ids"].fillna(""), rows["quote_start"].fillna(0), strict=True)
    ]
    return pd.DataFrame(
        {
            "部门": rows["dept_id"].astype("object").map(names.dept).to_numpy(),
            "项目/项目组": rows["name"].to_numpy(),
            "类型": rows["type_id"].astype("object").map(names.type).to_numpy(),
            "时期": rows["period"].astype("object").map(vocab.PERIODS).to_numpy(),
            "阶段": rows["stage_id"].astype("object").map(names.stage).to_numpy(),
            "口径": rows["scope"].astype("object").map(vocab.SCOPES).to_numpy(),
            "项目数限定": _symbol(rows["count_qualifier"]).to_numpy(),
            "项目数": rows["project_count"].astype("float64").to_numpy(),
            "投资限定": _symbol(rows["investment_qualifier"]).to_numpy(),
            "投资（亿元）": rows["investment"].astype("float64").to_numpy(),
            "投资口径": rows["investment_measure"].fillna("").to_numpy(),
            "年度限定": _symbol(rows["annual_investment_qualifier"]).to_numpy(),
            "年度计划投资（亿元）": rows["annual_investment"].astype("float64").to_numpy(),
            "计入合计": counted,
            "上级": rows["parent_id"].map(names.project).fillna("").to_numpy(),
            "原文": rows["quote"].to_numpy(),
            "出处": link,
            "备注": rows["note"].fillna("").to_numpy(),
            "数字编号": rows["figure_ids"].to_numpy(),
            "项目编号": rows["project_id"].to_numpy(),
        }
    )


def figure_frame(tables: Tables, figures: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "部门": figures["dept_id"].astype("object").map(labels(tables).dept).to_numpy(),
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


FILTER_LABELS = {  # as the sidebar names them
    "departments": "部门",
    "types": "项目类型",
    "bands": "投资规模",
    "periods": "时期",
    "stages": "阶段",
}
NO_FILTERS = "未筛选：显示全部"


def filter_parts(filters: Filters, options: dict[str, dict[str, str]]) -> list[str]:
    """Each active filter in words, in the sidebar's order, e.g. ["部门：交通局、水利局", "只看单个项目"]."""
    parts = [
        f"{label}：" + "、".join(options[field][v] for v in getattr(filters, field))
        for field, label in FILTER_LABELS.items()
        if getattr(filters, field)
    ]
    low, high = filters.min_investment, filters.max_investment
    if low is not None and high is not None:
        parts.append(f"投资：{format_bound(low)}–{format_bound(high)} 亿元")
    elif low is not None:
        parts.append(f"投资：≥{format_bound(low)} 亿元")
    elif high is not None:
        parts.append(f"投资：≤{format_bound(high)} 亿元")
    if filters.single_only:
        parts.append("只看单个项目")
    return parts


def describe_filters(filters: Filters, options: dict[str, dict[str, str]]) -> str:
    """The filters in words, e.g. "部门：交通局、水利局；时期：“十四五”（2021–2025）"."""
    return "；".join(filter_parts(filters, options)) or "全部项目（未筛选）"


def active_filters_line(filters: Filters, options: dict[str, dict[str, str]], name: str | None = None) -> str:
    """The line above every page: "当前筛选：部门：交通局；时期：2021年", or "未筛选：显示全部";
    with a ``name`` (情景对比's sets): "情景 B：部门：水利局", "情景 B：未筛选，显示全部"."""
    parts = filter_parts(filters, options)
    if name is None:
        return "当前筛选：" + "；".join(parts) if parts else NO_FILTERS
    return f"{name}：" + ("；".join(parts) if parts else NO_FILTERS.replace("：", "，"))


@dataclass(frozen=True)
class Labels:
    """Chinese labels for ids, computed once per data set."""

    dept: dict[str, str]  # short names
    type: dict[str, str]  # "交通 · 道路建设"
    type_short: dict[str, str]  # "道路建设"
    stage: dict[str, str]
    basis: dict[str, str]
    project: dict[str, str]  # project id -> name


@per_tables
def labels(tables: Tables) -> Labels:
    types = tables.project_types
    return Labels(
        dept=dict(zip(tables.departments["dept_id"], tables.departments["short_name"], strict=True)),
        type={
            t: f"{a} · {b}" for t, a, b in zip(types["type_id"], types["level1_zh"], types["level2_zh"], strict=True)
        },
        type_short=dict(zip(types["type_id"], types["level2_zh"], strict=True)),
        stage=dict(zip(tables.stages["stage_id"], tables.stages["zh"], strict=True)),
        basis=bases.basis_labels(tables),
        project=dict(zip(tables.projects["project_id"], tables.projects["name"], strict=True)),
    )


@per_tables
def comment_parts(tables: Tables) -> dict[str, tuple[str, list[str]]]:
    """Each comment as (its opening before the listed points, the points); no points: the whole text."""
    raw = tables.reports.iloc[0]["raw_text"]
    points = tables.comment_points.groupby("comment_id", sort=False)
    result = {}
    for comment_id, start, text in zip(
        tables.comments["comment_id"], tables.comments["start"], tables.comments["text"], strict=True
    ):
        if comment_id not in points.groups:
            result[comment_id] = (text, [])
            continue
        own = points.get_group(comment_id)
        lead = "".join(raw[int(start) : int(own["start"].iloc[0])].split())
        result[comment_id] = (lead, list(own["text"]))
    return result


MARK_COLORS = {"figure": "orange", "other_number": "gray", "hit": "blue", "focus": "red"}


@per_tables
def number_marks(tables: Tables) -> list[tuple[int, int, str]]:
    """Every number of the text: orange when it is a figure, grey when it is not."""
    numbers = tables.numbers
    others = numbers[numbers["status"] == "not_figure"]
    marks = [(int(s), int(e), "other_number") for s, e in zip(others["start"], others["end"], strict=True)]
    figures = zip(tables.figures["number_start"], tables.figures["number_end"], strict=True)
    return list(dict.fromkeys([*marks, *((int(s), int(e), "figure") for s, e in figures)]))


@dataclass(frozen=True)
class Paragraph:
    dept_id: str | None
    role: str
    span: Span
    markdown: str  # with the numbers marked


@per_tables
def report_paragraphs(tables: Tables) -> list[Paragraph]:
    """The report in reading order, reflowed into paragraphs (first report)."""
    raw = tables.reports.iloc[0]["raw_text"]
    marks = number_marks(tables)
    result = []
    for section in tables.sections.itertuples():
        dept = section.dept_id if isinstance(section.dept_id, str) else None
        for span in paragraphs(raw, Span(section.start, section.end)):
            text = pieces_markdown(marked_pieces(raw, span, marks), MARK_COLORS)
            result.append(Paragraph(dept, section.role, span, text))
    return result


@per_tables
def source_text(tables: Tables) -> SourceText:
    """The (first) report's text, indexed for whitespace-insensitive search."""
    return SourceText(tables.reports.iloc[0]["raw_text"])
