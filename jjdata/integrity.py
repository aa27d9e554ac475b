"""Checks that the loaded tables fit together, run on every load.

The manifest proves the files are the ones a build wrote; these checks
prove that what was written makes sense (ids resolve, amounts are real
non-negative numbers, offsets fall inside the text), so a damaged or
hand-edited data set stops with a clear message instead of a wrong number
or a crash somewhere in a page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import DataIntegrityError

if TYPE_CHECKING:
    from .load import Tables

MAX_LISTED = 12

# table -> its id column (ids must be present and unique)
_IDS = {
    "reports": "report_id",
    "departments": "dept_id",
    "figures": "figure_id",
    "projects": "project_id",
    "headlines": "headline_id",
    "project_types": "type_id",
    "bases": "basis_id",
    "stages": "stage_id",
    "comments": "comment_id",
    "lists": "list_id",
    "events": "event_id",
    "reconciliations": "rec_id",
    "data_notes": "note_id",
}
# Tables without which no page can say anything.
_REQUIRED = ("reports", "departments", "sections", "figures", "projects", "project_types", "bases", "stages", "numbers")
# (table, column, referenced table, nullable)
_REFERENCES = (
    ("departments", "report_id", "reports", False),
    ("sections", "dept_id", "departments", True),
    ("figures", "dept_id", "departments", False),
    ("projects", "dept_id", "departments", False),
    ("projects", "type_id", "project_types", False),
    ("projects", "stage_id", "stages", False),
    ("stages", "basis", "bases", False),
    ("projects", "parent_id", "projects", True),
    ("projects", "beside_id", "projects", True),
    ("projects", "count_figure_id", "figures", True),
    ("projects", "investment_figure_id", "figures", True),
    ("projects", "annual_investment_figure_id", "figures", True),
    ("headlines", "dept_id", "departments", False),
    ("headlines", "basis", "bases", True),
    ("comments", "dept_id", "departments", False),
    ("comment_points", "comment_id", "comments", False),
    ("lists", "dept_id", "departments", False),
    ("list_items", "list_id", "lists", False),
    ("events", "dept_id", "departments", True),
    ("reconciliations", "total_figure_id", "figures", False),
    ("data_notes", "dept_id", "departments", True),
    ("sentences", "dept_id", "departments", True),
)
# (table, column): amounts that must be real numbers ≥ 0 where given
_AMOUNTS = (
    ("figures", "value", False),
    ("projects", "project_count", True),
    ("projects", "investment", True),
    ("projects", "annual_investment", True),
)
# (table, start column, end column): offsets into the report's text
_OFFSETS = (
    ("sections", "start", "end"),
    ("figures", "quote_start", "quote_end"),
    ("figures", "number_start", "number_end"),
    ("projects", "quote_start", "quote_end"),
    ("projects", "planned_year_start", "planned_year_end"),
    ("headlines", "quote_start", "quote_end"),
    ("comments", "start", "end"),
    ("comment_points", "start", "end"),
    ("lists", "quote_start", "quote_end"),
    ("list_items", "start", "end"),
    ("events", "when_start", "when_end"),
    ("events", "quote_start", "quote_end"),
    ("data_notes", "quote_start", "quote_end"),
    ("numbers", "start", "end"),
    ("sentences", "start", "end"),
    ("departments", "headline_start", "headline_end"),
    ("departments", "body_start", "body_end"),
)
# Columns that must hold one of their known values (an unknown category loads as missing).
_KNOWN_VALUES = (
    ("figures", "period"),
    ("figures", "qualifier"),
    ("figures", "kind"),
    ("projects", "period"),
    ("projects", "scope"),
    ("projects", "granularity"),
    ("sections", "role"),
    ("sentences", "role"),
    ("numbers", "status"),
    ("data_notes", "severity"),
)


def check_integrity(tables: Tables, where: str) -> None:
    """Raise DataIntegrityError listing what does not fit; ``where`` names the data folder."""
    problems: list[str] = []
    for name in _REQUIRED:
        if tables.table(name).empty:
            problems.append(f"{name} 表是空的")
    for name, column in _IDS.items():
        ids = tables.table(name)[column]
        if ids.isna().any():
            problems.append(f"{name} 表有 {int(ids.isna().sum())} 行没有 {column}")
        duplicated = ids[ids.duplicated()].dropna().unique()
        if len(duplicated):
            problems.append(f"{name} 表的 {column} 重复：{_listed(duplicated)}")
    for name, column, target, nullable in _REFERENCES:
        values = tables.table(name)[column].astype("object")
        known = set(tables.table(target)[_IDS[target]])
        unknown = values[values.notna() & ~values.isin(known)].unique()
        if len(unknown):
            problems.append(f"{name} 表的 {column} 不在 {target} 表中：{_listed(unknown)}")
        if not nullable and values.isna().any():
            problems.append(f"{name} 表有 {int(values.isna().sum())} 行的 {column} 缺失或不是已知值")
    problems += _figure_links(tables)
    for name, column, nullable in _AMOUNTS:
        values = tables.table(name)[column].astype("float64")
        may_be_missing = values.isna() if nullable else pd.Series(False, index=values.index)
        bad = (~np.isfinite(values) & ~may_be_missing) | (values < 0)
        if bad.any():
            problems.append(f"{name} 表的 {column} 有 {int(bad.sum())} 个负数或非数值")
    for name, column in _KNOWN_VALUES:
        missing = tables.table(name)[column].isna()
        if missing.any():
            problems.append(f"{name} 表的 {column} 有 {int(missing.sum())} 个未知值")
    problems += _offsets(tables)
    if problems:
        shown = problems[:MAX_LISTED]
        more = f"\n- ……另有 {len(problems) - MAX_LISTED} 处" if len(problems) > MAX_LISTED else ""
        raise DataIntegrityError(where, "数据表之间对不上：\n" + "\n".join(f"- {p}" for p in shown) + more)


def _figure_links(tables: Tables) -> list[str]:
    known = set(tables.figures["figure_id"])
    problems = []
    for name in ("projects", "headlines"):
        linked = {f for ids in tables.table(name)["figure_ids"].dropna() for f in ids.split(",") if f}
        unknown = sorted(linked - known)
        if unknown:
            problems.append(f"{name} 表引用的数字不在 figures 表中：{_listed(unknown)}")
    return problems


def _offsets(tables: Tables) -> list[str]:
    length = max((len(text) for text in tables.reports["raw_text"].dropna()), default=0)
    problems = []
    for name, start_column, end_column in _OFFSETS:
        frame = tables.table(name)
        start = frame[start_column].astype("float64")
        end = frame[end_column].astype("float64")
        given = start.notna() | end.notna()
        bad = given & ~((start >= 0) & (start <= end) & (end <= length))
        if bad.any():
            problems.append(f"{name} 表有 {int(bad.sum())} 行的位置（{start_column}–{end_column}）超出原文")
    return problems


def _listed(values: pd.Series | np.ndarray | list) -> str:
    values = [str(v) for v in list(values)]
    head = "、".join(values[:5])
    return head + (f" 等 {len(values)} 个" if len(values) > 5 else "")
