"""How much of the raw texts the tables account for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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
    """How many sentences of the units' bodies and comments and of the intro are held by a record."""

    sentences: int
    by_records: int  # linked to a figure, project, list, comment point or data note quoting it
    narrative: int  # listed as narrative, with the reason

    @property
    def unexplained(self) -> int:
        return self.sentences - self.by_records - self.narrative

    @property
    def percent(self) -> float:
        return 100.0 if self.sentences == 0 else 100.0 * (self.by_records + self.narrative) / self.sentences

    def __add__(self, other: SentenceCoverage) -> SentenceCoverage:
        return SentenceCoverage(
            self.sentences + other.sentences, self.by_records + other.by_records, self.narrative + other.narrative
        )


@per_tables
def sentence_coverage(tables: Tables) -> SentenceCoverage:
    """Sentence coverage of the built tables (the ``sentences`` table)."""
    sentences = tables.sentences
    by_records = sentences["covered_by"].fillna("").str.len() > 0
    narrative = ~by_records & sentences["narrative_reason"].notna()
    return SentenceCoverage(len(sentences), int(by_records.sum()), int(narrative.sum()))


@per_tables
def coverage(tables: Tables) -> Coverage:
    """How many Arabic numbers of the raw texts the tables account for."""
    total = sum(len(SourceText(raw).numbers()) for raw in tables.reports["raw_text"])
    status = tables.numbers["status"].astype("object")
    return Coverage(total, int((status == "figure").sum()), int((status == "not_figure").sum()))
