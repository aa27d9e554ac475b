"""Step ``reconciliations``: stated totals against their parts.

Reads: ``figure_rows``, ``project_rows``, ``figure_users``, ``list_sizes``,
``comment_points``, ``notes_about``, ``unresolved_note_refs``.
Adds: the ``reconciliations`` rows (total, parts, whether they match, the
notes explaining a mismatch).
Checks: ids unique; the total is a figure; exactly one of parts (figures,
summed), list (its item count), points (a comment's point count) or
children (a project's child rows); a mismatch is explained by a data note
naming the reconciliation (the source is never fixed); rows counted from
the parts sit under the row counted from the total; every data note's
``about`` names a known record.
"""

from __future__ import annotations

from ..context import ReportContext
from ..record import Record

KEYS = {"id", "total", "parts", "list", "points", "children"}
_MODES = ("parts", "list", "points", "children")


def run(ctx: ReportContext) -> None:
    seen: set[str] = set()
    for rec in ctx.records("reconciliations", KEYS):
        rid = rec.text("id")
        ctx.unique(rec, rid, seen, "核对")
        total = ctx.figure_rows.get(rec.text("total"))
        if total is None:
            rec.problem(f"total “{rec.text('total')}” 不是已知数字")
            continue
        modes = [k for k in _MODES if k in rec.data]
        if len(modes) != 1:
            rec.problem("须且只须给出 parts、list、points、children 中的一项")
            continue
        mode = modes[0]
        if mode == "parts":
            parts = rec.texts("parts")
            missing = [p for p in parts if p not in ctx.figure_rows]
            if missing:
                rec.problem(f"parts 中的数字不存在：{', '.join(missing)}")
                continue
            parts_value = sum(ctx.figure_rows[p]["value"] for p in parts)
            _parts_sit_under_total(ctx, rec, total["figure_id"], parts)
        else:
            ref = rec.text(mode)
            parts = [ref]
            sizes = {
                "list": ctx.list_sizes,
                "points": ctx.comment_points,
                "children": {
                    pid: sum(1 for r in ctx.project_rows.values() if r["parent_id"] == pid) for pid in ctx.project_rows
                },
            }[mode]
            if ref not in sizes:
                rec.problem(f"{mode} “{ref}” 不存在")
                continue
            parts_value = float(sizes[ref])
        matches = abs(parts_value - total["value"]) < 1e-9
        note_ids = ctx.notes_about.get(rid, [])
        if not matches and not note_ids:
            rec.problem(
                f"{total['figure_id']} = {total['value']:g}，但各部分合计为 {parts_value:g}",
                "原文若确有出入，加一条 [[data_notes]] 并在 about 中写上这条核对的 id；不得改数字",
            )
        ctx.rows.add(
            "reconciliations",
            rec_id=rid,
            report_id=ctx.report_id,
            total_figure_id=total["figure_id"],
            total_value=total["value"],
            parts_kind=mode,
            parts=",".join(parts),
            parts_value=parts_value,
            matches=matches,
            note_ids=",".join(note_ids),
        )
    for note, ref in ctx.unresolved_note_refs:
        if ref not in seen:
            note.problem(f"about 中的 “{ref}” 不是已知记录的 id")


def _parts_sit_under_total(ctx: ReportContext, rec: Record, total: str, parts: list[str]) -> None:
    """Rows counted from the parts must be below the row counted from the total,
    or a total over the rows would add the whole and its parts."""
    owners = [pid for _, pid in ctx.figure_users.get(total, [])]
    for part in parts:
        for _, pid in ctx.figure_users.get(part, []):
            if owners and not any(ctx.is_ancestor(owner, pid) for owner in owners):
                rec.problem(
                    f"{part} 是 {total} 的组成部分，但项目 {pid} 不在 {', '.join(owners)} 之下",
                    f"给 {pid} 加 parent",
                )
