"""Step ``comments``: the city leaders' comments and their listed points.

Reads: ``dept_ids``, ``dept_rows``, ``source``.
Adds: comment sections, the leaders of each unit (into ``dept_rows``),
``comment_points`` (points per comment); the ``comments`` and
``comment_points`` rows. A point runs from its opening to the next one, so
it holds no sentence (what a point says is recorded as list items).
Checks: ids unique; the unit exists; the comment is found by its start and
end; it names “晋江市领导<leader>”; every point opening is in the comment,
in text order; the points listed are the ones the text lists
(``jjdata.points.point_openings``: as many, each detected opening inside
the listed point of the same number).
"""

from __future__ import annotations

from ...points import point_openings
from ...text import Span
from ..context import ReportContext, Section
from ..record import Record

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
        _points_are_the_texts(ctx, rec, span, starts)
        for no, (begin, end) in enumerate(zip(starts, [*starts[1:], span.end][: len(starts)], strict=True), start=1):
            text = ctx.text_of(Span(begin, end)).rstrip("；，。")
            ctx.rows.add("comment_points", comment_id=cid, point_no=no, text=text, start=begin, end=end)


def _points_are_the_texts(ctx: ReportContext, rec: Record, comment: Span, starts: list[int]) -> None:
    """The listed points must be the ones the comment's wording lists, none missed."""
    lo, hi = ctx.source.compact_range(comment)
    text = ctx.source.compact[lo:hi]
    found = point_openings(text)
    if len(found) != len(starts):
        openings = "、".join(f"“{text[at : at + 8]}…”" for at in found) or "无"
        rec.problem(
            f"点评按原文的写法列出了 {len(found)} 个要点（{openings}），points 列了 {len(starts)} 个",
            "按原文顺序在 points 中写出每个要点的开头",
        )
        return
    ends = [*starts[1:], comment.end]
    for no, (at, begin, end) in enumerate(zip(found, starts, ends, strict=True), start=1):
        if not begin <= ctx.source.span_of(lo + at, lo + at + 1).start < end:
            rec.problem(f"第 {no} 个要点应从原文的“{text[at : at + 8]}…”一带开始", "核对 points 的开头")
