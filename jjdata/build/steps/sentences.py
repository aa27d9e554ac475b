"""Step ``sentences``: every sentence of the page's text is held by a record of what it says, or said to be narrative.

Reads: ``sections`` (intro, bodies, comments), ``quoted`` (the quotes of the
records that hold what a sentence says: figures, projects, events, and each
list item's own words, not the list's whole quote).
Adds: ``sentence_coverage`` (how many sentences each kind of record holds,
each sentence counted once, under the first of ``vocab.SENTENCE_HOLDERS``
that quotes it); the ``sentences`` rows (each sentence, its offsets, the
records linked to it, or why it is narrative).
Checks: each ``[[narrative]]`` quote is in the text, inside one sentence,
with a reason, once per sentence, and only on a sentence no record holds;
every sentence of the intro and of each unit's body and comment overlaps
one of those quotes (by a character that is not punctuation), or is
narrative: sentence coverage 100%. A comment point (where a leader's point
starts; it runs to the next one) and a data note (how to read the text)
hold no sentence. Sentences: ``jjdata.sentences``.
"""

from __future__ import annotations

from ... import vocab
from ...coverage import SentenceCoverage, holding_kind
from ...sentences import has_content, sentence_spans
from ...text import Span
from ..context import ReportContext

KEYS = {"quote", "reason"}
ROLES = ("intro", "body", "comment")  # the sections whose sentences must be held


def run(ctx: ReportContext) -> None:
    sentences = _sentences(ctx)
    compact = ctx.source.compact
    links: list[list[str]] = [[] for _ in sentences]
    for kind, record_id, span in ctx.quoted:
        lo, hi = ctx.source.compact_range(span)
        for index, (_, _, s_lo, s_hi) in enumerate(sentences):
            if s_lo < hi and lo < s_hi and has_content(compact[max(lo, s_lo) : min(hi, s_hi)]):
                links[index].append(f"{kind}:{record_id}")
    narrative: dict[int, str] = {}
    for rec in ctx.records("narrative", KEYS):
        reason = rec.text("reason")
        if not reason.strip():
            rec.problem("reason 为空", "说明这句为何只是叙述（如口号、总体评价、承上启下）")
        span = ctx.find(rec, rec.text("quote"))
        if span is None:
            continue
        lo, hi = ctx.source.compact_range(span)
        inside = [i for i, (_, _, s_lo, s_hi) in enumerate(sentences) if s_lo <= lo and hi <= s_hi]
        if not inside:
            rec.problem(
                "narrative 的引文不在一个句子之内（或不在导语、正文、点评中）", "每条 narrative 只引一个句子里的文字"
            )
            continue
        index = inside[0]
        if links[index]:
            rec.problem(
                f"这句已由 {', '.join(links[index])} 记录，不是叙述",
                "删去这条 [[narrative]]",
            )
        elif index in narrative:
            rec.problem("这句已有一条 narrative", "每句只写一条")
        narrative[index] = reason
    for index, (role, dept_id, s_lo, s_hi) in enumerate(sentences):
        span = ctx.source.span_of(s_lo, s_hi)
        text = compact[s_lo:s_hi]
        if not links[index] and index not in narrative:
            where = f"{vocab.SECTION_ROLES[role]}{f'（{dept_id}）' if dept_id else ''}"
            ctx.problem(
                "sentences",
                f"{where}的句子“{text}”（原文位置 {span.start}）没有任何记录引用它",
                "用 [[figures]]、[[projects]]、[[events]] 或 [[lists]] 的条目记录它说的事（数字、项目、写明时间的事"
                "的引文或条目本身在这句之中即可；领导点评的要点和 [[data_notes]] 不算），"
                f'或加 [[narrative]] quote = "{text}", reason = "……" 说明它为何只是叙述',
            )
        ctx.rows.add(
            "sentences",
            report_id=ctx.report_id,
            sentence_no=index + 1,
            role=role,
            dept_id=dept_id,
            start=span.start,
            end=span.end,
            text=text,
            covered_by=",".join(links[index]),
            narrative_reason=narrative.get(index) if not links[index] else None,
        )
    ctx.sentence_coverage = SentenceCoverage.counted(
        [holding_kind(link) for link in links], sum(1 for i in narrative if not links[i])
    )


def _sentences(ctx: ReportContext) -> list[tuple[str, str | None, int, int]]:
    """(role, unit, compact start, compact end) of each sentence to hold, in text order."""
    found = []
    for span, role, dept_id in sorted(ctx.sections, key=lambda s: s.span.start):
        if role not in ROLES:
            continue
        lo, hi = ctx.source.compact_range(Span(span.start, span.end))
        found += [(role, dept_id, lo + a, lo + b) for a, b in sentence_spans(ctx.source.compact[lo:hi])]
    return found
