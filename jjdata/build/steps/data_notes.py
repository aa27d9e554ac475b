"""Step ``data_notes``: problems and readings of the source, each with its quote.

Reads: ``figure_rows``, ``project_rows``, ``list_sizes``, ``comment_points``.
Adds: ``notes_about`` (record id -> the notes about it) and
``unresolved_note_refs`` (``about`` ids not known yet: the
``reconciliations`` step, which runs later, resolves them); the
``data_notes`` rows (a note says how to read the text: it holds no sentence).
Checks: ids unique; unit (optional) and severity known; the quote is in the
text; every project row that reads its scope or period into the text
(``readings``) is the ``about`` of a note of severity ``ambiguity``, which says why.
"""

from __future__ import annotations

from ... import vocab
from ..context import ReportContext

KEYS = {"id", "dept", "severity", "quote", "about", "note"}


def run(ctx: ReportContext) -> None:
    seen: set[str] = set()
    known = set(ctx.figure_rows) | set(ctx.project_rows) | set(ctx.list_sizes) | set(ctx.comment_points)
    explained: set[str] = set()  # records an ambiguity note is about: a reading the note states
    for rec in ctx.records("data_notes", KEYS):
        nid = rec.text("id")
        ctx.unique(rec, nid, seen, "数据说明")
        dept_id = ctx.dept(rec, required=False)
        severity = rec.choice("severity", vocab.SEVERITIES)
        about = rec.texts("about")
        if severity == "ambiguity":
            explained.update(about)
        for ref in about:
            if ref not in known:
                ctx.unresolved_note_refs.append((rec, ref))
            ctx.notes_about.setdefault(ref, []).append(nid)
        span = ctx.find(rec, rec.text("quote"))
        ctx.rows.add(
            "data_notes",
            note_id=nid,
            report_id=ctx.report_id,
            dept_id=dept_id,
            severity=severity,
            quote=ctx.text_of(span) if span else "",
            quote_start=span.start if span else None,
            quote_end=span.end if span else None,
            about=",".join(about),
            note=rec.text("note"),
        )
    for pid, row in ctx.project_rows.items():
        read = [vocab.READINGS[r] for r in ("scope", "period") if row[f"{r}_read"]]
        if read and pid not in explained:
            ctx.problem(
                "data_notes",
                f"项目 {pid} 的读法（{'；'.join(read)}）没有数据说明",
                f'加一条 severity = "ambiguity" 的 [[data_notes]]，about 含 "{pid}"，说明为什么这样读',
            )
