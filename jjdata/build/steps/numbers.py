"""Step ``numbers``: every Arabic number in the text is a figure or explained.

Reads: ``figure_rows``, ``classified``, ``source``.
Adds: the not-figure numbers to ``classified``; ``coverage``; the ``numbers``
rows (figures and not-figures, in text order).
Checks: each ``[[not_figures]]`` quote is in the text, holds an Arabic number
and has a reason; no number is claimed twice; every Arabic number of the
text is accounted for (number coverage 100%).
"""

from __future__ import annotations

from typing import Any

from ...coverage import Coverage
from ..context import ReportContext
from .figures import claim_number

KEYS = {"quote", "reason"}


def run(ctx: ReportContext) -> None:
    found: list[dict[str, Any]] = []
    for rec in ctx.records("not_figures", KEYS):
        reason = rec.text("reason")
        if not reason.strip():
            rec.problem("reason 为空", "说明这个数字为何不是数据")
        span = ctx.find(rec, rec.text("quote"))
        if span is None:
            continue
        numbers = ctx.source.numbers(span)
        if not numbers:
            rec.problem("引文中没有阿拉伯数字", "not_figures 只用于解释阿拉伯数字")
        for token in numbers:
            claim_number(ctx, rec, token.span.start, f"not_figure “{rec.text('quote')}”")
            found.append(
                dict(
                    report_id=ctx.report_id,
                    number_text=token.text,
                    start=token.span.start,
                    end=token.span.end,
                    status="not_figure",
                    figure_id=None,
                    reason=reason,
                )
            )
    for fid, row in ctx.figure_rows.items():
        if row["number_text"] and row["number_text"][0].isdigit():
            found.append(
                dict(
                    report_id=ctx.report_id,
                    number_text=row["number_text"],
                    start=row["number_start"],
                    end=row["number_end"],
                    status="figure",
                    figure_id=fid,
                    reason=None,
                )
            )
    for row in sorted(found, key=lambda r: r["start"]):
        ctx.rows.add("numbers", **row)
    all_numbers = ctx.source.numbers()
    for token in all_numbers:
        if token.span.start in ctx.classified:
            continue
        lo, hi = ctx.source.compact_range(token.span)
        context = ctx.source.compact[max(0, lo - 8) : hi + 6]
        ctx.problem(
            "coverage",
            f"原文位置 {token.span.start} 的数字 {token.text}（…{context}…）既不是 figure 也不在 not_figures 中",
            "加一条 [[figures]]，或在 [[not_figures]] 中说明原因",
        )
    figures = sum(1 for label in ctx.classified.values() if label.startswith("figure"))
    ctx.coverage = Coverage(len(all_numbers), figures, len(ctx.classified) - figures)
