"""What the build steps of one report hand to each other.

Every field a step adds is declared here, with the step that fills it, so a
reader can see the whole hand-off in one place. The quoting helpers every
step uses (``find``, ``anchored``, ``in_dept``) live here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..coverage import Coverage, SentenceCoverage
from ..errors import Problem
from ..schema import SCHEMAS
from ..text import SourceText, Span, compact
from .record import Record, records
from .taxonomy import Taxonomy


@dataclass
class Rows:
    """Table rows gathered over every report, in annotation order."""

    by_table: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in SCHEMAS})

    def add(self, table: str, **row: Any) -> None:
        self.by_table[table].append(row)


class Quoted(NamedTuple):
    """Where a record of what a sentence says quotes the text: what sentence coverage links sentences to."""

    kind: str  # one of vocab.SENTENCE_HOLDERS: figure, project, event, item (a list item's own words)
    record_id: str
    span: Span


class Section(NamedTuple):
    """A piece of the page: its span, its role (body, comment, …) and its unit, if any."""

    span: Span
    role: str
    dept_id: str | None


@dataclass
class ReportContext:
    """One annotation file and its raw text, as the steps work through them."""

    # -- given by the caller
    file: str  # "annotations/<name>", as problems name it
    annotation_name: str
    doc: dict[str, Any]
    data_dir: Path
    taxonomy: Taxonomy
    rows: Rows
    sink: list[Problem]
    global_ids: dict[str, set[str]]  # record kind -> ids used in every annotation file so far
    # -- report: the raw text; ``halted`` when it cannot be read, and no later step runs
    halted: bool = False
    report_id: str = ""
    source: SourceText = field(default_factory=lambda: SourceText(""))
    sections: list[Section] = field(default_factory=list)  # also departments, comments
    # -- departments
    dept_ids: set[str] = field(default_factory=set)
    dept_rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # comments fills in the leaders
    dept_aliases: dict[str, tuple[Record, list[str]]] = field(default_factory=dict)
    # -- comments: comment id -> number of listed points
    comment_points: dict[str, int] = field(default_factory=dict)
    # -- figures: id -> row; raw offset of each number -> who accounts for it (numbers adds the not_figures)
    figure_rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    classified: dict[int, str] = field(default_factory=dict)
    # -- numbers
    coverage: Coverage = field(default_factory=lambda: Coverage(0, 0, 0))
    # -- projects: id -> row; figure id -> the rows taking a number from it
    project_rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    figure_users: dict[str, list[tuple[Record, str]]] = field(default_factory=dict)
    # -- lists: list id -> number of items
    list_sizes: dict[str, int] = field(default_factory=dict)
    # -- data_notes: record id -> the notes about it; refs that name no record known by then
    notes_about: dict[str, list[str]] = field(default_factory=dict)
    unresolved_note_refs: list[tuple[Record, str]] = field(default_factory=list)
    # -- figures, projects, lists (each item), events: the quotes that hold a sentence
    quoted: list[Quoted] = field(default_factory=list)
    # -- sentences
    sentence_coverage: SentenceCoverage = field(default_factory=SentenceCoverage)

    def records(self, table: str, allowed: set[str]) -> list[Record]:
        return records(self.sink, self.file, self.doc, table, allowed)

    def problem(self, record: str, problem: str, fix: str = "") -> None:
        self.sink.append(Problem(self.file, record, problem, fix))

    # -- quoting --------------------------------------------------------------
    def find(self, rec: Record, quote: str, what: str = "quote", within: Span | None = None) -> Span | None:
        """The one place of ``quote`` in the text (or ``within``); a problem when absent or ambiguous."""
        if not compact(quote):
            rec.problem(f"{what} 为空")
            return None
        hits = self.source.occurrences(quote, within)
        place = "原文" if within is None else "所在段落"
        if not hits:
            rec.problem(
                f"{what} “{quote}” 在{place}中找不到",
                "从 data/raw 原文复制，空格与换行可忽略",
            )
            return None
        if len(hits) > 1:
            rec.problem(
                f"{what} “{quote}” 在{place}中出现 {len(hits)} 次，无法确定位置",
                "加长引文使其唯一",
            )
            return None
        return hits[0]

    def anchored(self, rec: Record, start: str, end: str, within: Span | None = None) -> Span | None:
        """From a unique start anchor to the first end anchor after it."""
        first = self.find(rec, start, "start", within)
        if first is None:
            return None
        limit = within.end if within else len(self.source.raw)
        ends = self.source.occurrences(end, Span(first.start, limit))
        if not ends:
            rec.problem(f"end “{end}” 在 start 之后找不到")
            return None
        return Span(first.start, ends[0].end)

    def text_of(self, span: Span) -> str:
        return compact(self.source.slice(span))

    # -- units ----------------------------------------------------------------
    def dept(self, rec: Record, key: str = "dept", required: bool = True) -> str | None:
        """The record's unit id, which must be one of this report's units."""
        if not required and key not in rec.data:
            return None
        dept_id = rec.text(key)
        if dept_id not in self.dept_ids:
            rec.problem(f"未知部门 “{dept_id}”", f"可用：{', '.join(sorted(self.dept_ids))}")
        return dept_id

    def in_dept(self, rec: Record, dept_id: str | None, span: Span | None) -> None:
        """A record's quote must stand in its unit's part of the page."""
        if span is None or dept_id is None or dept_id not in self.dept_ids:
            return
        own = [s.span for s in self.sections if s.dept_id == dept_id]
        if not any(s.start <= span.start and span.end <= s.end for s in own):
            rec.problem(f"引文不在部门 {dept_id} 的正文、点评或标题中", "检查 dept，或换用该部门段落中的引文")

    def unique(self, rec: Record, rid: str, seen: set[str], what: str) -> None:
        """Ids are unique within their kind, across every annotation file."""
        if rid in seen or rid in self.global_ids.setdefault(what, set()):
            rec.problem(
                f"{what} id “{rid}” 重复",
                "每条记录用不同的 id（所有标注文件之间也不得重复）",
            )
        seen.add(rid)
        self.global_ids[what].add(rid)

    # -- projects -------------------------------------------------------------
    def is_ancestor(self, ancestor: str, pid: str) -> bool:
        seen: set[str] = set()
        current = self.project_rows.get(pid, {}).get("parent_id")
        while current is not None and current not in seen:
            if current == ancestor:
                return True
            seen.add(current)
            current = self.project_rows.get(current, {}).get("parent_id")
        return False
