"""Step ``figures``: every numeric fact, read from its quote.

Reads: ``dept_ids``, ``sections`` (for ``in_dept``), ``source``.
Adds: ``figure_rows`` (id -> row), ``classified`` (the raw offset of each
Arabic number a figure reads), the quotes to ``quoted``; the ``figures`` rows.
Checks: ids unique; unit, qualifier, period and kind known; the quote is in
the text, once, in the figure's own unit; the mention holds exactly one
number and it equals ``value``; the qualifier is the one the words around
that number in the page imply (约 → approx, 以上 → at_least, 超 → more_than),
also when the mention is shorter than the clause; an estimate's quote says
估算 or 预计 before its number (kept as ``estimate_word``); no number is
claimed twice.
"""

from __future__ import annotations

from typing import Any

from ... import vocab
from ...text import Span, chinese_numerals, compact, implied_qualifiers
from ..context import Quoted, ReportContext
from ..record import Record

KEYS = {"id", "dept", "measure", "quote", "mention", "value", "unit", "qualifier", "period", "kind"}


def run(ctx: ReportContext) -> None:
    seen: set[str] = set()
    for rec in ctx.records("figures", KEYS):
        fid = rec.text("id")
        ctx.unique(rec, fid, seen, "数字")
        dept_id = ctx.dept(rec)
        value = rec.number("value")
        qualifier = rec.choice("qualifier", vocab.QUALIFIERS, "exact")
        period = rec.choice("period", vocab.PERIODS)
        kind = rec.choice("kind", vocab.KINDS)
        quote = rec.text("quote")
        span = ctx.find(rec, quote)
        if span is None:
            continue
        ctx.in_dept(rec, dept_id, span)
        mention = rec.text("mention", quote)
        mention_span = ctx.find(rec, mention, "mention", within=span)
        if mention_span is None:
            continue
        number_text, number_span = _figure_number(ctx, rec, mention, mention_span, value)
        estimate_word = _estimate_word(ctx, rec, span, number_span or mention_span) if kind == "estimate" else None
        if number_span is not None:
            _check_qualifier(ctx, rec, span, number_span, qualifier)
            claim_number(ctx, rec, number_span.start, f"figure {fid}")
        elif qualifier != "exact":
            rec.problem(f"qualifier = “{qualifier}”，但汉字数字“{number_text}”前后没有约、以上或超", "改为 exact")
        row = dict(
            figure_id=fid,
            report_id=ctx.report_id,
            dept_id=dept_id,
            measure=rec.text("measure"),
            value=value,
            unit=rec.text("unit"),
            qualifier=qualifier,
            period=period,
            kind=kind,
            estimate_word=estimate_word,
            quote=ctx.text_of(span),
            quote_start=span.start,
            quote_end=span.end,
            number_text=number_text,
            number_start=number_span.start if number_span else mention_span.start,
            number_end=number_span.end if number_span else mention_span.end,
        )
        ctx.figure_rows[fid] = row
        ctx.quoted.append(Quoted("figure", fid, span))
        ctx.rows.add("figures", **row)


def claim_number(ctx: ReportContext, rec: Record, position: int, label: str) -> None:
    """Record who accounts for the number at ``position``; each number only once."""
    if position in ctx.classified:
        rec.problem(f"原文位置 {position} 的数字已被 {ctx.classified[position]} 认领", "同一个数字只记一次")
    ctx.classified[position] = label


def _estimate_word(ctx: ReportContext, rec: Record, quote: Span, number: Span) -> str | None:
    """The word (估算, 预计) that makes the figure an estimate: the last one before its number."""
    lo, _ = ctx.source.compact_range(quote)
    before = ctx.text_of(quote)[: ctx.source.compact_range(number)[0] - lo]
    found = [(before.rfind(word), word) for word in vocab.ESTIMATE_WORDS if word in before]
    if not found:
        rec.problem(
            f"kind = “estimate”，但引文中数字前没有{'或'.join(f'“{w}”' for w in vocab.ESTIMATE_WORDS)}",
            "引文要包含这个词；原文没有说估算、预计的数不是 estimate",
        )
        return None
    return max(found)[1]


def _check_qualifier(ctx: ReportContext, rec: Record, quote: Span, number: Span, qualifier: str) -> None:
    """The qualifier must be what the words around the number in the page say."""
    lo, _ = ctx.source.compact_range(quote)
    start, end = ctx.source.compact_range(number)
    text = ctx.text_of(quote)
    implied = implied_qualifiers(text, start - lo, end - lo)
    clause = text[max(0, start - lo - 6) : end - lo + 6]
    if len(implied) > 1:
        rec.problem(f"“…{clause}…”中数字前后同时有多个限定词（约/以上/超）", "核对原文")
    elif implied[0] != qualifier:
        rec.problem(
            f"qualifier = “{qualifier}”，但原文“…{clause}…”的措辞意味着 “{implied[0]}”",
            "约 → approx，以上 → at_least，超 → more_than，否则 exact",
        )


def _figure_number(ctx: ReportContext, rec: Record, mention: str, span: Span, value: float) -> tuple[str, Span | None]:
    """The number the figure's value is read from (None for a Chinese numeral)."""
    numbers = ctx.source.numbers(span)
    if len(numbers) > 1:
        rec.problem(f"mention “{mention}” 含有 {len(numbers)} 个数字", "用 mention 指出这个数字所在的几个字")
        return "", None
    if numbers:
        token = numbers[0]
        if token.value != value:
            rec.problem(f"value = {value:g}，但引文中的数字是 {token.text}", "value 必须与原文数字一致")
        return token.text, token.span
    numerals = chinese_numerals(mention)
    if len(numerals) != 1:
        rec.problem(f"mention “{mention}” 中找不到唯一的数字（阿拉伯数字或一至十）", "用 mention 指出数字")
    elif numerals[0] != value:
        rec.problem(f"value = {value:g}，但引文中的数字是 {numerals[0]}", "value 必须与原文数字一致")
    return compact(mention), None


def figure_ref(
    ctx: ReportContext, rec: Record, fid: str, dept_id: str | None, period: str | None
) -> dict[str, Any] | None:
    """The figure a record names, which must belong to the record's unit (and period, when given)."""
    fig = ctx.figure_rows.get(fid)
    if fig is None:
        rec.problem(f"引用的数字 “{fid}” 不存在", "先在 [[figures]] 中记录它")
        return None
    if fig["dept_id"] != dept_id:
        rec.problem(f"引用的数字 “{fid}” 属于部门 {fig['dept_id']}，不是 {dept_id}")
    if period is not None and fig["period"] != period:
        rec.problem(f"引用的数字 “{fid}” 的时期是 “{fig['period']}”，项目的时期是 “{period}”")
    return fig
