"""Step ``projects``: the rows the explorer filters and adds up.

Reads: ``figure_rows``, ``dept_ids``, ``sections``, the taxonomy.
Adds: ``project_rows`` (id -> row), ``figure_users`` (figure -> rows taking
a number from it); the ``projects`` rows.
Checks: ids unique; unit, period, scope, type and stage known; the quote is
in the text, in the row's unit; a ``named`` row's name is printed in its
quote; count, investment and annual investment come from figures of the
same unit and period, in 个/项 or 亿元; a count's kind fits the stage's basis
(a target is never counted as existing projects, an estimate only as
expected); the parent exists, is of the same unit and scope, and the parent
links form no cycle; one figure is never given to two unrelated rows.
"""

from __future__ import annotations

import itertools
from typing import Any

from ... import vocab
from ...text import compact
from ..context import ReportContext
from ..record import Record
from .figures import figure_ref

KEYS = {
    "id",
    "dept",
    "name",
    "named",
    "parent",
    "type",
    "scope",
    "period",
    "stage",
    "count",
    "investment",
    "annual_investment",
    "quote",
    "figures",
    "note",
}
# annotation key -> (units its figure may have, value column, qualifier column)
_AMOUNTS = {
    "count": (vocab.COUNT_UNITS, "project_count", "count_qualifier"),
    "investment": ((vocab.MONEY_UNIT,), "investment", "investment_qualifier"),
    "annual_investment": ((vocab.MONEY_UNIT,), "annual_investment", "annual_investment_qualifier"),
}


def run(ctx: ReportContext) -> None:
    seen: set[str] = set()
    parents: dict[str, tuple[Record, str]] = {}
    for rec in ctx.records("projects", KEYS):
        pid = rec.text("id")
        ctx.unique(rec, pid, seen, "项目")
        dept_id = ctx.dept(rec)
        period = rec.choice("period", vocab.PERIODS)
        scope = rec.choice("scope", vocab.SCOPES, "department")
        type_id = rec.choice("type", ctx.taxonomy.types)
        stage_id = rec.choice("stage", ctx.taxonomy.stages)
        named = rec.data.get("named", False)
        if not isinstance(named, bool):
            rec.problem("named 应为 true 或 false")
            named = False
        span = ctx.find(rec, rec.text("quote"))
        ctx.in_dept(rec, dept_id, span)
        name = rec.text("name")
        if named and span and compact(name) not in ctx.text_of(span):
            rec.problem(f"named = true，但名称 “{name}” 不在引文中", "具名项目的名称须逐字出自原文")
        figure_ids: list[str] = []
        values: dict[str, Any] = {}
        for key, (units, column, qualifier_column) in _AMOUNTS.items():
            values[column], values[qualifier_column] = None, None
            if key not in rec.data:
                continue
            fig = figure_ref(ctx, rec, rec.text(key), dept_id, period)
            if fig is None:
                continue
            if fig["unit"] not in units:
                rec.problem(f"{key} 引用的数字 {fig['figure_id']} 单位是 “{fig['unit']}”", f"应为 {'/'.join(units)}")
            if key == "count":
                _count_kind_fits_stage(ctx, rec, fig, stage_id)
            ctx.figure_users.setdefault(fig["figure_id"], []).append((rec, pid))
            figure_ids.append(fig["figure_id"])
            values[column] = int(fig["value"]) if key == "count" else fig["value"]
            values[qualifier_column] = fig["qualifier"]
            if key == "investment":
                values["investment_measure"] = fig["measure"]
        for extra in rec.texts("figures", required=False):
            if figure_ref(ctx, rec, extra, dept_id, None) is not None:
                figure_ids.append(extra)
        parent = rec.data.get("parent")
        if parent is not None:
            parents[pid] = (rec, rec.text("parent"))
        row = dict(
            project_id=pid,
            report_id=ctx.report_id,
            dept_id=dept_id,
            name=name,
            named=named,
            parent_id=parent if isinstance(parent, str) else None,
            type_id=type_id,
            period=period,
            stage_id=stage_id,
            scope=scope,
            investment_measure=values.pop("investment_measure", None),
            **values,
            figure_ids=",".join(figure_ids),
            quote=ctx.text_of(span) if span else "",
            quote_start=span.start if span else None,
            quote_end=span.end if span else None,
            note=rec.text("note", ""),
        )
        ctx.project_rows[pid] = row
        ctx.rows.add("projects", **row)
    _check_parents(ctx, parents)
    _check_figure_sharing(ctx)


def _check_parents(ctx: ReportContext, parents: dict[str, tuple[Record, str]]) -> None:
    for pid, (rec, parent_id) in parents.items():
        parent = ctx.project_rows.get(parent_id)
        if parent is None:
            rec.problem(f"parent “{parent_id}” 不存在", "parent 须是本文件中另一个项目的 id")
            continue
        child = ctx.project_rows[pid]
        if (parent["dept_id"], parent["scope"]) != (child["dept_id"], child["scope"]):
            rec.problem(f"parent “{parent_id}” 属于另一个部门或口径")
        ancestor, hops = parent_id, 0
        while ancestor is not None and hops <= len(ctx.project_rows):
            if ancestor == pid:
                rec.problem(f"parent 链形成循环（经过 {parent_id}）")
                break
            ancestor = ctx.project_rows.get(ancestor, {}).get("parent_id")
            hops += 1


def _check_figure_sharing(ctx: ReportContext) -> None:
    """One figure on two rows neither of which is above the other would be added twice."""
    for fid, users in ctx.figure_users.items():
        for (_, other), (rec, pid) in itertools.combinations(users, 2):
            if pid != other and not (ctx.is_ancestor(pid, other) or ctx.is_ancestor(other, pid)):
                rec.problem(
                    f"数字 {fid} 同时给了项目 {other} 和 {pid}，而两者不是上下级：会被重复相加",
                    "一个数字只属于一行（或一行与其下级）",
                )


def _count_kind_fits_stage(ctx: ReportContext, rec: Record, fig: dict[str, Any], stage_id: str) -> None:
    """A target is never counted as existing projects, nor an estimate as either."""
    basis = ctx.taxonomy.stages.get(stage_id, {}).get("basis")
    allowed = {"status": {"actual", "plan", "reserve"}, "expected": {"estimate"}}.get(basis or "", {"target", "plan"})
    if basis and fig["kind"] not in allowed:
        rec.problem(
            f"阶段 “{stage_id}” 的项目数不能取自性质为 “{fig['kind']}” 的数字 {fig['figure_id']}",
            f"该阶段可用的性质：{', '.join(sorted(allowed))}；或改阶段",
        )
