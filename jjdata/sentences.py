"""Sentences of the report's text, for sentence coverage (pure).

The rule: a sentence ends at 。！？ or ；, or at an ellipsis (……), together
with any closing quotation marks or brackets right after it; whatever
follows the last end in a section is a sentence of its own (a section's
last sentence may lack its punctuation). A line break never ends a
sentence: the OCR breaks lines at the column width, even inside words.
；ends a sentence because the page strings its enumerations (a leader's
要…；要…；) with it, and each part says something of its own.

Offsets index into the whitespace-free text given.
"""

from __future__ import annotations

import re

_END = re.compile(r"(?:[。！？；]|…+)[”’」』）)]*")
# Characters that carry no content: an overlap of only these links nothing.
PUNCTUATION = set("，。！？；：、“”‘’（）()《》〈〉「」『』【】…—-·,.;:!?\"'")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of ``text`` (whitespace-free), in order."""
    spans = []
    start = 0
    for match in _END.finditer(text):
        if has_content(text[start : match.end()]):
            spans.append((start, match.end()))
        start = match.end()
    if has_content(text[start:]):
        spans.append((start, len(text)))
    return spans


def has_content(text: str) -> bool:
    return any(ch not in PUNCTUATION and not ch.isspace() for ch in text)
