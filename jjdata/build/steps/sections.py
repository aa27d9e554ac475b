"""Step ``sections``: every character of the page belongs to exactly one section.

Reads: ``sections`` (title, intro, page labels, mastheads, bodies, comments).
Adds: the ``sections`` rows, in text order.
Checks: sections do not overlap; no text outside every section.
"""

from __future__ import annotations

from ...text import compact
from ..context import ReportContext


def run(ctx: ReportContext) -> None:
    spans = sorted(ctx.sections, key=lambda s: s.span.start)
    cursor = 0
    for span, role, dept_id in spans:
        if span.start < cursor:
            ctx.problem("sections", f"{role} {dept_id or ''} 与前一段重叠（原文位置 {span.start}）")
        gap = ctx.source.raw[cursor : span.start]
        if gap.strip():
            _gap_problem(ctx, cursor, gap)
        cursor = max(cursor, span.end)
    tail = ctx.source.raw[cursor:]
    if tail.strip():
        _gap_problem(ctx, cursor, tail)
    for no, (span, role, dept_id) in enumerate(spans, start=1):
        ctx.rows.add(
            "sections",
            report_id=ctx.report_id,
            section_no=no,
            role=role,
            dept_id=dept_id,
            start=span.start,
            end=span.end,
            text=ctx.source.slice(span),
        )


def _gap_problem(ctx: ReportContext, offset: int, gap: str) -> None:
    ctx.problem(
        "sections",
        f"原文位置 {offset} 起的文字不属于任何段落：“{compact(gap)[:40]}”",
        "调整部门的 body、点评的 start/end，或 report 的 intro/page_labels",
    )
