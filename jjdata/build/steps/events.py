"""Step ``events``: dated statements, each with the words that date it.

An event is what the text says happened, or held, at a time it names: the
roadshow on 16日, what 2016年以来 brought, a batch signed 今年上半年. A
leader's praise of a unit's work as a whole, dated or not, is narrative.

Reads: ``dept_ids``, ``sections``, ``source``.
Adds: each quote to ``quoted``; the ``events`` rows.
Checks: ids unique; the unit (optional: the intro has none) is known; the
quote is in the text, in the unit's part of the page; ``when`` is in the
quote, word for word.
"""

from __future__ import annotations

from ..context import Quoted, ReportContext

KEYS = {"id", "dept", "when", "quote"}


def run(ctx: ReportContext) -> None:
    seen: set[str] = set()
    for rec in ctx.records("events", KEYS):
        eid = rec.text("id")
        ctx.unique(rec, eid, seen, "时间明确的事")
        dept_id = ctx.dept(rec, required=False)
        span = ctx.find(rec, rec.text("quote"))
        if span is None:
            continue
        ctx.in_dept(rec, dept_id, span)
        when = rec.text("when")
        hits = ctx.source.occurrences(when, span)
        if not hits:
            rec.problem(f"when “{when}” 不在引文中", "从引文中逐字写出表示时间的词（如“今年上半年”“2016年以来”）")
            continue
        ctx.quoted.append(Quoted("event", eid, span))
        ctx.rows.add(
            "events",
            event_id=eid,
            report_id=ctx.report_id,
            dept_id=dept_id,
            when=ctx.text_of(hits[0]),
            when_start=hits[0].start,
            when_end=hits[0].end,
            quote=ctx.text_of(span),
            quote_start=span.start,
            quote_end=span.end,
        )
