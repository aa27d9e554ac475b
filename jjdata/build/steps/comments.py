"""Step ``comments``: the city leaders' comments and their listed points.

Reads: ``dept_ids``, ``dept_rows``, ``source``.
Adds: comment sections, the leaders of each unit (into ``dept_rows``),
``comment_points`` (points per comment); the ``comments`` and
``comment_points`` rows. A point runs from its opening to the next one.
Checks: ids unique; the unit exists; the comment is found by its start and
end; it names “晋江市领导<leader>”; every point opening is in the comment,
in text order.
"""

from __future__ import annotations

from ...text import Span
from ..context import ReportContext, Section

KEYS = {"id", "dept", "leader", "start", "end", "points"}


def run(ctx: ReportContext) -> None:
    seen: set[str] = set()
    for rec in ctx.records("comments", KEYS):
        cid = rec.text("id")
        ctx.unique(rec, cid, seen, "点评")
        dept_id = ctx.dept(rec)
        span = ctx.anchored(rec, rec.text("start"), rec.text("end"))
        if span is None:
            continue
        ctx.sections.append(Section(span, "comment", dept_id))
        leader = rec.text("leader")
        if f"晋江市领导{leader}" not in ctx.text_of(span):
            rec.problem(f"点评段落中没有“晋江市领导{leader}”", "检查 leader 或 start")
        row = ctx.dept_rows.get(dept_id or "")
        if row is not None and leader not in row["leaders"].split("、"):
            row["leaders"] = "、".join(filter(None, [row["leaders"], leader]))
        ctx.rows.add(
            "comments",
            comment_id=cid,
            report_id=ctx.report_id,
            dept_id=dept_id,
            leader=leader,
            text=ctx.text_of(span),
            start=span.start,
            end=span.end,
        )
        starts: list[int] = []
        cursor = span.start
        for anchor in rec.texts("points"):
            hits = ctx.source.occurrences(anchor, Span(cursor, span.end))
            if not hits:
                rec.problem(
                    f"要点起始 “{anchor}” 不在点评中（或顺序不对）",
                    "按原文顺序列出每个要点的开头",
                )
                continue
            starts.append(hits[0].start)
            cursor = hits[0].end
        ctx.comment_points[cid] = len(starts)
        for no, (begin, end) in enumerate(zip(starts, [*starts[1:], span.end][: len(starts)], strict=True), start=1):
            text = ctx.text_of(Span(begin, end)).rstrip("；，。")
            ctx.rows.add("comment_points", comment_id=cid, point_no=no, text=text, start=begin, end=end)
