"""How much of the raw texts the tables account for."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import vocab
from .memo import per_tables
from .text import SourceText

if TYPE_CHECKING:
    from .load import Tables


@dataclass(frozen=True)
class Coverage:
    """How many Arabic numbers in the raw texts are accounted for."""

    numbers: int
    as_figures: int
    not_figures: int

    @property
    def unexplained(self) -> int:
        return self.numbers - self.as_figures - self.not_figures

    @property
    def percent(self) -> float:
        return 100.0 if self.numbers == 0 else 100.0 * (self.as_figures + self.not_figures) / self.numbers

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            self.numbers + other.numbers, self.as_figures + other.as_figures, self.not_figures + other.not_figures
        )


@dataclass(frozen=True)
class SentenceCoverage:
    """How many sentences of the units' bodies and comments and of the intro are held, and by which kind of record."""

    sentences: int = 0
    held: Mapping[str, int] = field(default_factory=dict)  # kind (vocab.SENTENCE_HOLDERS) -> sentences counted under it
    narrative: int = 0  # no record holds it; listed as narrative, with the reason

    @classmethod
    def counted(cls, kinds: Sequence[str | None], narrative: int) -> SentenceCoverage:
        """From the kind each sentence is counted under (None: no record holds it)."""
        counts = Counter(kind for kind in kinds if kind)
        return cls(len(kinds), {kind: counts[kind] for kind in vocab.SENTENCE_HOLDERS}, narrative)

    @property
    def by_records(self) -> int:
        return sum(self.held.values())

    @property
    def unexplained(self) -> int:
        return self.sentences - self.by_records - self.narrative

    @property
    def percent(self) -> float:
        return 100.0 if self.sentences == 0 else 100.0 * (self.by_records + self.narrative) / self.sentences

    def held_words(self) -> list[tuple[str, int]]:
        """What the sentences rest on, in words, each sentence once: (有数字, n), (没有数字、有项目, n), …, (只有列举条目, n)."""
        labels = list(vocab.SENTENCE_HOLDERS.values())
        words = []
        for index, (kind, label) in enumerate(vocab.SENTENCE_HOLDERS.items()):
            if index == 0:
                phrase = f"有{label}"
            elif index == len(labels) - 1:
                phrase = f"只有{label}"
            else:
                phrase = f"没有{'和'.join(labels[:index])}、有{label}"
            words.append((phrase, self.held.get(kind, 0)))
        return words

    def __add__(self, other: SentenceCoverage) -> SentenceCoverage:
        return SentenceCoverage(
            self.sentences + other.sentences,
            {kind: self.held.get(kind, 0) + other.held.get(kind, 0) for kind in vocab.SENTENCE_HOLDERS},
            self.narrative + other.narrative,
        )


def holding_kind(links: Iterable[str]) -> str | None:
    """The kind of record a sentence is counted under: the first of ``vocab.SENTENCE_HOLDERS`` among its
    links (``kind:id``), or None."""
    kinds = {link.split(":", 1)[0] for link in links}
    return next((kind for kind in vocab.SENTENCE_HOLDERS if kind in kinds), None)


@per_tables
def sentence_coverage(tables: Tables) -> SentenceCoverage:
    """Sentence coverage of the built tables (the ``sentences`` table)."""
    sentences = tables.sentences
    kinds = [holding_kind(links.split(",")) for links in sentences["covered_by"].fillna("")]
    narrative = sum(
        1
        for kind, reason in zip(kinds, sentences["narrative_reason"], strict=True)
        if not kind and isinstance(reason, str)
    )
    return SentenceCoverage.counted(kinds, narrative)


@per_tables
def coverage(tables: Tables) -> Coverage:
    """How many Arabic numbers of the raw texts the tables account for."""
    total = sum(len(SourceText(raw).numbers()) for raw in tables.reports["raw_text"])
    status = tables.numbers["status"].astype("object")
    return Coverage(total, int((status == "figure").sum()), int((status == "not_figure").sum()))
