"""Step ``lists``: the qualitative lists the text enumerates.

Reads: ``dept_ids``, ``sections``, ``source``.
Adds: ``list_sizes`` (list id -> item count), each item's own words to
``quoted`` (an item holds its sentence; the list's whole quote may run over
sentences it names nothing of); the ``lists`` and ``list_items`` rows.
Checks: ids unique; unit and kind known; the quote is in the text, in the
list's unit; every item is found in the quote, in text order.
"""

from __future__ import annotations

from ... import vocab
from ...text import Span
from ..context import Quoted, ReportContext

KEYS = {"id", "dept", "kind", "title", "quote", "items"}


def run(ctx: ReportContext) -> None:
    seen: set[str] = set()
    for rec in ctx.records("lists", KEYS):
        lid = rec.text("id")
        ctx.unique(rec, lid, seen, "列举")
        dept_id = ctx.dept(rec)
        kind = rec.choice("kind", vocab.LIST_KINDS)
        span = ctx.find(rec, rec.text("quote"))
        if span is None:
            continue
        ctx.in_dept(rec, dept_id, span)
        items = rec.texts("items")
        ctx.list_sizes[lid] = len(items)
        cursor = span.start
        for no, item in enumerate(items, start=1):
            hits = ctx.source.occurrences(item, Span(cursor, span.end))
            if not hits:
                rec.problem(f"条目 “{item}” 不在引文中（或顺序不对）", "按原文顺序逐字列出")
                continue
            cursor = hits[0].end
            ctx.quoted.append(Quoted("item", f"{lid}#{no}", hits[0]))
            ctx.rows.add("list_items", list_id=lid, item_no=no, item=item, start=hits[0].start, end=hits[0].end)
        ctx.rows.add(
            "lists",
            list_id=lid,
            report_id=ctx.report_id,
            dept_id=dept_id,
            kind=kind,
            title=rec.text("title"),
            quote=ctx.text_of(span),
            quote_start=span.start,
            quote_end=span.end,
        )
