"""Step ``headlines``: the report's own top-line figures, as cards in display order.

Reads: ``figure_rows``, ``figure_users``, ``project_rows``, ``dept_ids``, the taxonomy.
Adds: the ``headlines`` rows (one per card: its figures, their one quote,
the basis of the project rows counted from them).
Checks: ids unique; the unit and scope known; ``primary`` (one of the few
cards a first screen shows) is true or false; at least one figure, each
known, of the card's unit, in no other card; the figures of one card share
one quote (a card is one statement of the report) and one period; the
project rows that use its figures are of the card's scope and of one basis.
"""

from __future__ import annotations

from ... import vocab
from ..context import ReportContext

KEYS = {"id", "dept", "title", "primary", "scope", "figures"}


def run(ctx: ReportContext) -> None:
    seen: set[str] = set()
    carded: dict[str, str] = {}
    for order, rec in enumerate(ctx.records("headlines", KEYS), start=1):
        hid = rec.text("id")
        ctx.unique(rec, hid, seen, "要点数字")
        dept_id = ctx.dept(rec)
        scope = rec.choice("scope", vocab.SCOPES, "department")
        primary = rec.data.get("primary", False)
        if not isinstance(primary, bool):
            rec.problem("primary 应为 true 或 false")
            primary = False
        figure_ids = rec.texts("figures")
        if not figure_ids:
            rec.problem("figures 为空", "列出这张卡片的数字 id，按显示顺序")
        figures = []
        for fid in figure_ids:
            fig = ctx.figure_rows.get(fid)
            if fig is None:
                rec.problem(f"数字 “{fid}” 不存在", "先在 [[figures]] 中记录它")
                continue
            if fig["dept_id"] != dept_id:
                rec.problem(f"数字 {fid} 属于部门 {fig['dept_id']}，不是 {dept_id}")
            if fid in carded:
                rec.problem(f"数字 {fid} 已在卡片 {carded[fid]} 中", "一个数字只上一张卡片")
            carded[fid] = hid
            figures.append(fig)
        if not figures:
            continue
        quotes = {(f["quote_start"], f["quote_end"]) for f in figures}
        periods = {f["period"] for f in figures}
        if len(quotes) > 1:
            rec.problem("卡片中的数字出自不同的引文", "一张卡片只放同一句话里的数字")
        if len(periods) > 1:
            rec.problem(f"卡片中的数字时期不同：{'、'.join(sorted(periods))}", "不同时期的数字分成不同卡片")
        users = [pid for f in figures for _, pid in ctx.figure_users.get(f["figure_id"], [])]
        scopes = {ctx.project_rows[pid]["scope"] for pid in users}
        if scopes and scopes != {scope}:
            rec.problem(f"scope = “{scope}”，但用到这些数字的项目行是 {'、'.join(sorted(scopes))}", "与项目行一致")
        bases = {ctx.taxonomy.stages.get(ctx.project_rows[pid]["stage_id"], {}).get("basis") for pid in users}
        if len(bases) > 1:
            rec.problem(
                f"卡片中的数字分属不同口径的项目行（{'、'.join(sorted(map(str, bases)))}）",
                "按口径分成几张卡片（可用同一句引文）",
            )
        first = figures[0]
        ctx.rows.add(
            "headlines",
            headline_id=hid,
            report_id=ctx.report_id,
            dept_id=dept_id,
            display_order=order,
            title=rec.text("title"),
            primary=primary,
            scope=scope,
            period=first["period"],
            basis=next(iter(bases)) if len(bases) == 1 else None,
            figure_ids=",".join(f["figure_id"] for f in figures),
            quote=first["quote"],
            quote_start=first["quote_start"],
            quote_end=first["quote_end"],
        )
