"""The report text, reflowed, with numbers and search hits marked; leader
comments; links to a place in the text."""

from __future__ import annotations

import streamlit as st

from jjdata import Tables
from jjdata.text import Span, marked_pieces

from . import frames
from .filters_view import link_query
from .navigation import PAGES
from .page import PageContext
from .text import escape_markdown, pieces_markdown

HIDDEN_ROLES = ("masthead", "page_label")  # a unit's name and headline: the page's headings show them


def render_paragraphs(
    tables: Tables, dept_id: str | None, extra: list[tuple[int, int, str]], only_marked: bool = False
) -> None:
    """A unit's paragraphs (``None``: the page's own) with numbers marked, plus
    ``extra`` marks (search hits, a located sentence); ``only_marked`` keeps
    just the paragraphs that an extra mark touches."""
    for paragraph in _shown_paragraphs(tables, dept_id):
        touching = [m for m in extra if m[0] < paragraph.span.end and m[1] > paragraph.span.start]
        if not touching:
            if not only_marked:
                st.markdown(paragraph.markdown)
            continue
        render_span(tables, paragraph.span, touching)


def touches(tables: Tables, dept_id: str | None, extra: list[tuple[int, int, str]]) -> bool:
    """Whether any of ``extra`` falls in the unit's shown paragraphs."""
    return any(m[0] < p.span.end and m[1] > p.span.start for p in _shown_paragraphs(tables, dept_id) for m in extra)


def in_shown_text(tables: Tables, spans: list[Span]) -> list[Span]:
    """The spans that fall in the text the page shows (not in the units' name lines, which the headings say)."""
    shown = [p.span for p in frames.report_paragraphs(tables) if p.role not in HIDDEN_ROLES]
    return [s for s in spans if any(s.start < p.end and s.end > p.start for p in shown)]


def _shown_paragraphs(tables: Tables, dept_id: str | None) -> list[frames.Paragraph]:
    return [p for p in frames.report_paragraphs(tables) if p.dept_id == dept_id and p.role not in HIDDEN_ROLES]


def render_span(tables: Tables, span: Span, extra: list[tuple[int, int, str]]) -> None:
    raw = tables.reports.iloc[0]["raw_text"]
    pieces = marked_pieces(raw, span, [*frames.number_marks(tables), *extra])
    st.markdown(pieces_markdown(pieces, frames.MARK_STYLES))


POINT_MARKS = "①②③④⑤⑥⑦⑧⑨⑩"  # a point's number inside a sentence it shares with other points


def render_comment(ctx: PageContext, comment_id: str) -> None:
    """The comment's opening, then its points numbered, in whole sentences (see ``frames.comment_parts``).

    A point alone in its sentences is a numbered line; points that share one sentence are marked
    inside it (①…②…③…), the sentence shown once and whole.
    """
    parts = frames.comment_parts(ctx.tables)[comment_id]
    if parts.lead:
        st.markdown(escape_markdown(parts.lead))
    numbered: list[str] = []  # consecutive points of their own, one numbered list
    for block in parts.blocks:
        if len(block.openings) == 1:
            numbered.append(f"{block.numbers[0]}. {escape_markdown(block.text)}")
            continue
        if numbered:
            st.markdown("\n".join(numbered))
            numbered = []
        st.markdown(
            "".join(
                (f"**{POINT_MARKS[number - 1]}**" if number else "") + escape_markdown(piece)
                for number, piece in block.pieces()
            )
        )
    if numbered:
        st.markdown("\n".join(numbered))


def link_to_source(query: dict[str, str], label: str = "在原文中查看") -> None:
    """A link to a place on the 原文 page that stays in the tab and its session
    (and login): Streamlit switches the page itself, no new tab, no reload.
    It carries the filters, so the page opens with its whole address (one history entry)."""
    st.page_link(PAGES["原文"].script, label=label, query_params={**query, **link_query()})
