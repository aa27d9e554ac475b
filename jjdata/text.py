"""Whitespace-insensitive quoting into the raw report text.

The OCR breaks lines mid-word and splits digits from units, so every match
ignores whitespace; offsets always point into the untouched raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ARABIC_NUMBER = re.compile(r"\d+(?:\.\d+)?")
CHINESE_NUMERALS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


def compact(text: str) -> str:
    """The text without any whitespace."""
    return "".join(ch for ch in text if not ch.isspace())


@dataclass(frozen=True)
class Span:
    """A half-open range [start, end) of character offsets into the raw text."""

    start: int
    end: int


@dataclass(frozen=True)
class NumberToken:
    text: str
    value: float
    span: Span


class SourceText:
    """The raw text plus a whitespace-free copy that maps back to raw offsets."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._raw_index = [i for i, ch in enumerate(raw) if not ch.isspace()]
        self.compact = "".join(raw[i] for i in self._raw_index)

    def span_of(self, compact_start: int, compact_end: int) -> Span:
        return Span(self._raw_index[compact_start], self._raw_index[compact_end - 1] + 1)

    def compact_range(self, span: Span) -> tuple[int, int]:
        """The compact-text range covering a raw span."""
        import bisect

        lo = bisect.bisect_left(self._raw_index, span.start)
        hi = bisect.bisect_left(self._raw_index, span.end)
        return lo, hi

    def occurrences(self, quote: str, within: Span | None = None) -> list[Span]:
        needle = compact(quote)
        if not needle:
            return []
        lo, hi = (0, len(self.compact)) if within is None else self.compact_range(within)
        found = []
        pos = self.compact.find(needle, lo, hi)
        while pos != -1:
            found.append(self.span_of(pos, pos + len(needle)))
            pos = self.compact.find(needle, pos + 1, hi)
        return found

    def slice(self, span: Span) -> str:
        return self.raw[span.start : span.end]

    def numbers(self, span: Span | None = None) -> list[NumberToken]:
        """Arabic numbers, read across whitespace ("137.8 亿" and "20\\n个")."""
        lo, hi = (0, len(self.compact)) if span is None else self.compact_range(span)
        return [
            NumberToken(m.group(), float(m.group()), self.span_of(m.start(), m.end()))
            for m in ARABIC_NUMBER.finditer(self.compact, lo, hi)
        ]


def chinese_numerals(text: str) -> list[int]:
    return [CHINESE_NUMERALS[ch] for ch in compact(text) if ch in CHINESE_NUMERALS]


# 约 as in 签约/节约/制约 is a word, not "about".
_APPROX_BEFORE = re.compile(r"(?<![签节制合预公契条特邀履违相婚隐简])约$")
_MORE_THAN_BEFORE = re.compile(r"超过?$")
_AT_LEAST_AFTER = re.compile(r"^[^\d]{0,4}以上")
_CLAUSE_BREAK = re.compile(r"[，。；、：！？]")


def implied_qualifiers(text: str, start: int, end: int) -> list[str]:
    """The qualifiers the wording around ``text[start:end]`` (a number) implies,
    within its clause: 约 ≈ or 超 > right before it, 以上 ≥ right after its unit.

    ``text`` is whitespace-free. More than one answer means the wording is
    contradictory; ["exact"] means no qualifier.
    """
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
    clause_start = max((b + 1 for b in breaks if b < start), default=0)
    clause_end = min((b for b in breaks if b >= end), default=len(text))
    before, after = text[clause_start:start], text[end:clause_end]
    found = []
    if _APPROX_BEFORE.search(before):
        found.append("approx")
    if _AT_LEAST_AFTER.search(after):
        found.append("at_least")
    if _MORE_THAN_BEFORE.search(before):
        found.append("more_than")
    return found or ["exact"]


# A blank line ends a paragraph only after one of these: in the OCR, column
# breaks leave blank lines in the middle of sentences and even words.
_PARAGRAPH_END = "。！？；…”」）)"


def paragraphs(raw: str, span: Span) -> list[Span]:
    """The paragraphs of a raw span, rejoined across column and line breaks.

    A paragraph ends at a blank line after sentence-final punctuation, or at
    a line that ends a sentence well short of the column width (the OCR
    sometimes drops the blank line between paragraphs).
    """
    lines = raw[span.start : span.end].splitlines(keepends=True)
    widths = sorted(len(compact(line)) for line in lines if line.strip())
    short = 0.8 * widths[len(widths) // 2] if widths else 0
    result: list[Span] = []
    start: int | None = None
    end = span.start
    pos = span.start
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if start is not None and raw[end - 1] in _PARAGRAPH_END:
                result.append(Span(start, end))
                start = None
        else:
            if start is None:
                start = pos + (len(line) - len(line.lstrip()))
            end = pos + len(line.rstrip())
            if stripped[-1] in _PARAGRAPH_END and len(compact(stripped)) < short:
                result.append(Span(start, end))
                start = None
        pos += len(line)
    if start is not None:
        result.append(Span(start, end))
    return result


def marked_pieces(raw: str, span: Span, marks: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """The span's text without whitespace, cut into pieces by marks.

    ``marks`` are (start, end, tag) in raw offsets; a later mark wins where
    marks overlap. Returns (text, tag or None) pieces in order.
    """
    tags: list[str | None] = [None] * (span.end - span.start)
    for start, end, tag in marks:
        for i in range(max(start, span.start), min(end, span.end)):
            tags[i - span.start] = tag
    pieces: list[tuple[str, str | None]] = []
    for offset, ch in enumerate(raw[span.start : span.end]):
        if ch.isspace():
            continue
        tag = tags[offset]
        if pieces and pieces[-1][1] == tag:
            pieces[-1] = (pieces[-1][0] + ch, tag)
        else:
            pieces.append((ch, tag))
    return pieces
