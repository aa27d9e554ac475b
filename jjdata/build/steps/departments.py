"""Step ``departments``: the units on the page, their headline and body.

Reads: ``report_id``, ``source``.
Adds: ``dept_ids``, ``dept_rows`` (leaders are filled in by ``comments``),
``dept_aliases`` (checked by ``aliases`` once the comments are placed),
masthead (label + headline) and body sections; the ``departments`` rows.
Checks: ids unique; label + headline stand together in the text; the body
runs from its unique start to the first end after it.
"""

from __future__ import annotations

from ..context import ReportContext, Section

KEYS = {"id", "name", "short_name", "name_en", "label", "headline", "body", "aliases"}


def run(ctx: ReportContext) -> None:
    for order, rec in enumerate(ctx.records("departments", KEYS), start=1):
        dept_id = rec.text("id")
        ctx.unique(rec, dept_id, ctx.dept_ids, "部门")
        label, headline = rec.text("label"), rec.text("headline")
        masthead = ctx.find(rec, label + headline, "label + headline")
        head_span = None
        if masthead:
            ctx.sections.append(Section(masthead, "masthead", dept_id))
            head_span = ctx.source.occurrences(headline, masthead)[-1]
        body = ctx.anchored(rec, *rec.span_spec("body"))
        aliases = rec.texts("aliases", required=False)
        if body:
            ctx.sections.append(Section(body, "body", dept_id))
        row = dict(
            dept_id=dept_id,
            report_id=ctx.report_id,
            page_order=order,
            name=rec.text("name"),
            short_name=rec.text("short_name"),
            name_en=rec.text("name_en"),
            headline=ctx.source.slice(head_span).strip() if head_span else headline,
            headline_start=head_span.start if head_span else None,
            headline_end=head_span.end if head_span else None,
            leaders="",
            aliases=",".join(aliases),
            body_start=body.start if body else None,
            body_end=body.end if body else None,
        )
        ctx.dept_aliases[dept_id] = (rec, aliases)
        ctx.dept_rows[dept_id] = row
        ctx.rows.by_table["departments"].append(row)
