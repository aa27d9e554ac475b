"""The content of one view as a brief, independent of how it is drawn: the PDF
(``brief_pdf``) and the slides (``slides``) render the same ``Briefing``.
Pure: no Streamlit.

The words are the page's own: the answer sentences, the report's headline
cards and 情景对比's table come from ``answers``, so a brief says exactly
what the page says. Every total comes from ``jjdata.totals``: periods,
universes (department rows or one city-wide list) and bases are never added
together, and a group is never counted together with its own parts. Every
number keeps its qualifier (≈ 约, ≥ 以上, > 超) and carries the numbers of the
footnotes that quote its sentences from the report. What the report does not
give reads “原文未给出”, never 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import quote

import pandas as pd

from jjdata import Filters, GroupTotal, Measured, Pool, Tables, bases, filter_options, filter_projects, totals, vocab
from jjdata.amounts import ABOVE_ONLY, COLUMN_NAMES, MEASURES, NOT_GIVEN
from jjdata.memo import per_tables
from jjdata.phrases import bar_label, pool_title, row_whose, series_title, total_title
from jjdata.query import (
    SeriesKind,
    counted_rows,
    figure_periods,
    row_amounts,
    row_pools,
    series_kinds,
    series_rows,
    summarize,
    summary_measured,
)

from . import answers, frames, provenance
from .answers import SCOPE_WORD, Answer, HeadlineCard

MAX_ROWS = 40  # rows listed in a brief; the 项目 page's downloads hold every row
SIDES = ("情景 A", "情景 B", "B − A")  # as 情景对比's table heads them
NO_MATCH = "当前筛选没有匹配的记录。"
GOALS_HEADING = "目标与预计（要争取的数，不是已有项目，不与上面相加）"
READING_NOTES = (
    "≈ 表示原文为约数（约）；≥ 表示“以上”；> 表示“超”，两者都是下限，实际可能更多。",
    "不同时期、部门合计与全市统计、不同类别（见每个合计的名称）各自单列，从不相加；项目组与其组成部分不重复计算。",
    f"“{NOT_GIVEN}”表示报道没有给出这个数字，不是 0。",
)


# --------------------------------------------------------------------------
# The content


@dataclass(frozen=True)
class Footnote:
    number: int
    unit: str  # the department whose text holds the sentence
    quote: str  # verbatim from the report
    link: str | None  # the sentence on the 原文 page (absolute), when a base URL is known


@dataclass(frozen=True)
class Card:
    """One headline number."""

    group: str  # what it totals, as the page titles it
    measure: str  # 项目数, 总投资, 年度计划投资, or the report's own word
    value: str  # with its qualifier, e.g. "≈405"; or NOT_GIVEN
    unit: str  # "" when there is no number, or when the value says its unit
    notes: tuple[int, ...] = ()
    side: str = ""  # in a comparison: one of SIDES


@dataclass(frozen=True)
class Sentence:
    text: str
    notes: tuple[int, ...] = ()
    goal: bool = False  # a target or 预计 number: set apart, under GOALS_HEADING


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # None: the report gives no number
    labels: tuple[str, ...]  # each value with its qualifier, or NOT_GIVEN


@dataclass(frozen=True)
class Chart:
    """A bar chart as data; every bar is a total of its own."""

    title: str
    unit: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    note: str
    groups: tuple[str, ...] = ()  # per category, the heading it stands under; empty: no headings
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class RowTable:
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str = ""


@dataclass(frozen=True)
class Briefing:
    title: str
    subtitle: str
    filters: tuple[str, ...]  # the view's filters in words, one line each
    report_title: str
    report_date: str  # what the text says, e.g. "16日（原文未写年月）"
    built_at: str  # when the tables were built, in Beijing time
    cards: tuple[Card, ...]
    sentences: tuple[Sentence, ...]
    charts: tuple[Chart, ...]
    tables: tuple[RowTable, ...]
    footnotes: tuple[Footnote, ...]
    other_headlines: RowTable | None = None  # the report's other headline figures, as a table
    # in a filtered view: the report's city-wide figures, after the view's own answer (全市背景)
    background: RowTable | None = None
    reading_notes: tuple[str, ...] = READING_NOTES
    view_url: str | None = None

    @property
    def source_line(self) -> str:
        return f"来源：《{self.report_title}》（报道日期：{self.report_date}）· 数据生成：{self.built_at}"


def headline_table(cards: tuple[Card, ...]) -> RowTable:
    """The headline numbers as one table, for when there are too many for cards:
    a row per total and a column per measure; in a comparison, a row per total and
    measure and a column per side."""
    comparison = any(card.side for card in cards)
    keys = list(dict.fromkeys((card.group, card.measure) if comparison else card.group for card in cards))
    columns = list(dict.fromkeys(card.side if comparison else card.measure for card in cards))
    rows = []
    for key in keys:
        own = [card for card in cards if ((card.group, card.measure) if comparison else card.group) == key]
        by_column = {(card.side if comparison else card.measure): card for card in own}
        head = key if isinstance(key, tuple) else (key,)
        cells = [f"{by_column[c].value} {by_column[c].unit}".strip() if c in by_column else "" for c in columns]
        rows.append(Row((*head, *cells), union_notes(card.notes for card in own)))
    heads = (SCOPE_WORD, "指标") if comparison else (SCOPE_WORD,)
    return RowTable("主要数字", (*heads, *columns), tuple(rows))


# --------------------------------------------------------------------------
# Which view


@dataclass(frozen=True)
class View:
    """The view a brief, a deck or a presentation is made of: 总览 (the filters),
    部门 (one unit; the filters do not apply) or 情景对比 (A and B)."""

    page: str  # OVERVIEW, DEPARTMENT or COMPARISON
    filters: Filters = field(default_factory=Filters)
    unit: str | None = None
    filters_b: Filters = field(default_factory=Filters)


OVERVIEW, DEPARTMENT, COMPARISON = "总览", "部门", "情景对比"


def view_briefing(tables: Tables, view: View, base_url: str | None = None, view_url: str | None = None) -> Briefing:
    if view.page == DEPARTMENT and view.unit:
        return department_briefing(tables, view.unit, base_url, view_url)
    if view.page == COMPARISON:
        return comparison_briefing(tables, view.filters, view.filters_b, base_url, view_url)
    return overview_briefing(tables, view.filters, base_url, view_url)


def view_name_parts(tables: Tables, view: View) -> list[str]:
    """The view in a few words for a file name: ["交通局", "十四五"], ["交通局", "部门"],
    ["情景对比", "A", "交通局", "B", "水利局"]."""
    options = filter_options(tables)
    if view.page == DEPARTMENT and view.unit:
        return [frames.labels(tables).dept[view.unit], "部门"]
    if view.page == COMPARISON:
        sides = [provenance.filter_name_parts(f, options) or ["全部"] for f in (view.filters, view.filters_b)]
        return [COMPARISON, "A", *sides[0], "B", *sides[1]]
    return provenance.filter_name_parts(view.filters, options)


def view_has_rows(tables: Tables, view: View) -> bool:
    """Whether the view shows anything to hand out: rows (either side), or a unit's figures."""
    if view.page == DEPARTMENT and view.unit:
        return bool((tables.figures["dept_id"] == view.unit).any() or (tables.projects["dept_id"] == view.unit).any())
    sides = (view.filters, view.filters_b) if view.page == COMPARISON else (view.filters,)
    return any(len(filter_projects(tables, f)) for f in sides)


# --------------------------------------------------------------------------
# Builders, one per view


def overview_briefing(
    tables: Tables, filters: Filters, base_url: str | None = None, view_url: str | None = None
) -> Briefing:
    """总览, as the page shows it: the report's lead headline figures, the answer for
    the filters, a chart per measure by unit, the rows."""
    rows = filter_projects(tables, filters)
    sources = _Sources(tables, base_url)
    lead, others = answers.headline_cards(tables)
    said = answers.answers(tables, filters, rows) + answers.scale_answers(tables, filters, rows)
    cited = _Cited(sources, _rows_behind_totals(tables, rows))
    filtered = filters != Filters()
    if filtered:  # the view's own answer first; the city's figures after it, said to be the city's
        cards = _total_cards(tables, rows, cited)
        background = _headline_rows(tables, lead, sources, BACKGROUND_TITLE)
    else:
        cards = tuple(card for headline in lead for card in _headline_cards(tables, headline, sources))
        background = None
    brief = Briefing(
        title="晋江重点项目 · 总览简报",
        subtitle="",
        filters=(f"筛选：{frames.describe_filters(filters, filter_options(tables))}",),
        **provenance.report_facts(tables),
        cards=cards,
        sentences=_sentences(tables, said, sources) or (Sentence(NO_MATCH),),
        charts=_unit_charts(tables, rows, cited),
        tables=(_project_table(tables, rows, sources, with_unit=True),) if len(rows) else (),
        footnotes=(),
        other_headlines=_headline_rows(tables, others, sources, OTHERS_TITLE) if others and not filtered else None,
        background=background,
        view_url=view_url,
    )
    return replace(brief, footnotes=sources.footnotes())  # every citation made: number them all


def department_briefing(
    tables: Tables, dept_id: str, base_url: str | None = None, view_url: str | None = None
) -> Briefing:
    """部门: one unit's totals (titled as the page titles them), figures and rows;
    like the page, the sidebar filters do not apply."""
    department = tables.departments.set_index("dept_id").loc[dept_id]
    filters = Filters(departments=(dept_id,))
    rows = filter_projects(tables, filters)
    sources = _Sources(tables, base_url)
    cited = _Cited(sources, _rows_behind_totals(tables, rows))
    figures = tables.figures[tables.figures["dept_id"] == dept_id]
    row_tables = []
    if len(rows):
        row_tables.append(_project_table(tables, rows, sources, with_unit=False))
    if len(figures):
        row_tables.append(_figure_table(tables, figures, sources))
    brief = Briefing(
        title=f"{department['name']} · 部门简报",
        subtitle=str(department["headline"]),
        filters=(f"部门：{department['short_name']}（列出该部门的全部项目，不受其他筛选限制）",),
        **provenance.report_facts(tables),
        cards=_total_cards(tables, rows, cited),
        sentences=_sentences(tables, answers.answers(tables, filters, rows), sources),
        charts=_unit_charts(tables, rows, cited),
        tables=tuple(row_tables),
        footnotes=(),
        view_url=view_url,
    )
    return replace(brief, footnotes=sources.footnotes())  # every citation made: number them all


def comparison_briefing(
    tables: Tables,
    filters_a: Filters,
    filters_b: Filters,
    base_url: str | None = None,
    view_url: str | None = None,
) -> Briefing:
    """情景对比, as the page shows it: each side's answer, then A, B and B − A per
    统计范围 and measure (B − A only where both give a number of the same kind)."""
    options = filter_options(tables)
    rows_a, rows_b = filter_projects(tables, filters_a), filter_projects(tables, filters_b)
    sources = _Sources(tables, base_url)
    cited = _Cited(sources, {**_rows_behind_totals(tables, rows_a, "a"), **_rows_behind_totals(tables, rows_b, "b")})
    totals_a, totals_b = totals(tables, rows_a), totals(tables, rows_b)
    _, note = answers.comparison(tables, filters_a, rows_a, filters_b, rows_b)
    sentences = [
        replace(sentence, text=f"{side}：{sentence.text}")
        for side, filters, rows in ((SIDES[0], filters_a, rows_a), (SIDES[1], filters_b, rows_b))
        for sentence in _sentences(tables, answers.side_answers(tables, filters, rows), sources)
    ]
    row_tables = [
        replace(_project_table(tables, rows, sources, with_unit=True), title=f"{side} 的项目与项目组")
        for side, rows in ((SIDES[0], rows_a), (SIDES[1], rows_b))
        if len(rows)
    ]
    brief = Briefing(
        title="晋江重点项目 · 情景对比简报",
        subtitle="",
        filters=(
            f"{SIDES[0]}：{frames.describe_filters(filters_a, options)}",
            f"{SIDES[1]}：{frames.describe_filters(filters_b, options)}",
        ),
        **provenance.report_facts(tables),
        cards=_comparison_cards(tables, totals_a, totals_b, cited),
        sentences=(*sentences, *((Sentence(note),) if note else ())),
        charts=_comparison_charts(tables, totals_a, totals_b, cited),
        tables=tuple(row_tables),
        footnotes=(),
        view_url=view_url,
    )
    return replace(brief, footnotes=sources.footnotes())  # every citation made: number them all


# --------------------------------------------------------------------------
# The page's words, with their footnotes


def _sentences(tables: Tables, said: list[Answer], sources: _Sources) -> tuple[Sentence, ...]:
    """The page's answer sentences, what exists first and the targets and 预计 after."""
    result = [Sentence(answer.text, sources.cite_figures(answer.figure_ids), answer.goal) for answer in said]
    return tuple(sorted(result, key=lambda sentence: sentence.goal))


def _headline_cards(tables: Tables, headline: HeadlineCard, sources: _Sources) -> list[Card]:
    """A headline card of the report, as 总览 shows it: one card per figure."""
    group = f"{headline.title} · {headline.unit_name}"
    return [
        Card(group, figure.label, figure.value, figure.unit, sources.cite_figures((figure.figure_id,)))
        for figure in headline.figures
    ]


OTHERS_TITLE = "各单位报道中的主要数字"
BACKGROUND_TITLE = "全市背景：报道中的全市数字（不受当前筛选影响，不与上面的数相加）"


def _headline_rows(tables: Tables, cards: list[HeadlineCard], sources: _Sources, title: str) -> RowTable:
    """Headline cards of the report as a table (总览's list of the units' cards, or the city's as background)."""
    rows = tuple(
        Row(
            (card.unit_name, card.title, "；".join(f"{f.label} {f.value} {f.unit}" for f in card.figures)),
            sources.cite_figures(tuple(f.figure_id for f in card.figures)),
        )
        for card in cards
    )
    return RowTable(title, ("部门", "内容", "数字"), rows)


# --------------------------------------------------------------------------
# Footnotes: one per distinct sentence, numbered in order of first use


class _Sources:
    def __init__(self, tables: Tables, base_url: str | None) -> None:
        self._tables = tables
        self._names = frames.labels(tables).dept
        self._base = base_url.rstrip("/") if base_url else None
        self._numbers: dict[str, int] = {}
        self._notes: list[Footnote] = []

    def cite_rows(self, rows: pd.DataFrame) -> tuple[int, ...]:
        """Footnotes for project rows (a selection of ``tables.projects``)."""
        return tuple(self.cite_row(record) for record in rows.drop_duplicates("quote").to_dict("records"))

    def cite_row(self, record: dict) -> int:
        """The footnote of one project row (a record of ``tables.projects``)."""
        if record["quote"] in self._numbers:
            return self._numbers[record["quote"]]
        ids = record["figure_ids"]
        figure = ids.split(",")[0] if isinstance(ids, str) else ""
        link = frames.source_link(figure) if figure else frames.quote_link(int(record["quote_start"]))
        return self._cite(record["dept_id"], record["quote"], link)

    def cite_figure(self, dept: str, text: str, figure_id: str) -> int:
        if text in self._numbers:  # a sentence already cited: its link is known (a large view cites thousands)
            return self._numbers[text]
        return self._cite(dept, text, frames.source_link(figure_id))

    def cite_figures(self, figure_ids: tuple[str, ...]) -> tuple[int, ...]:
        """Footnotes for figures by id, once per sentence."""
        quotes = _figure_quotes(self._tables)
        return union_notes((self.cite_figure(*quotes[f], f),) for f in figure_ids)

    def cite_quote(self, dept: str, text: str, link: str) -> int:
        """The footnote of a sentence that is neither a row's quote nor a figure's (a row's planned year)."""
        return self._cite(dept, text, link)

    def _cite(self, dept: str, text: str, link: str) -> int:
        if text not in self._numbers:
            self._numbers[text] = len(self._notes) + 1
            self._notes.append(Footnote(len(self._notes) + 1, self._names[dept], text, self._absolute(link)))
        return self._numbers[text]

    def _absolute(self, link: str) -> str | None:
        if self._base is None:
            return None
        page, _, query = link.partition("?")
        return f"{self._base}/{quote(page)}?{query}"

    def footnotes(self) -> tuple[Footnote, ...]:
        return tuple(self._notes)


@per_tables
def _figure_quotes(tables: Tables) -> dict[str, tuple[str, str]]:
    """Figure id -> (its unit, its sentence)."""
    figures = tables.figures
    return {
        f: (str(d), str(q)) for f, d, q in zip(figures["figure_id"], figures["dept_id"], figures["quote"], strict=True)
    }


def _rows_behind_totals(tables: Tables, rows: pd.DataFrame, side: str | None = None) -> dict[tuple, pd.DataFrame]:
    """Per (pool, measure): the rows whose numbers went into the total (their sentences are its footnotes).

    A counted row without its own number took its parts' sum: then the parts are the rows.
    """
    if rows.empty:
        return {}
    counted = counted_rows(tables, rows)
    own = rows[list(_VALUE_COLUMNS.values())].notna()
    result: dict[tuple, pd.DataFrame] = {}
    for measure, column in _VALUE_COLUMNS.items():
        added = counted["counted"] & counted[f"{measure}_value"].notna()
        sources_mask = added & own[column]
        derived = added & ~own[column]
        if derived.any():
            sources_mask |= _descendants(rows, set(rows.loc[derived, "project_id"])) & own[column]
        chosen = counted[sources_mask]
        for pool, part in chosen.groupby("pool", sort=False):
            result[(side, pool, measure) if side else (pool, measure)] = rows.loc[part.index]
    return result


class _Cited:
    """Footnotes per total and measure, numbered only when a card, chart or row cites them:
    a brief numbers no sentence nobody points to."""

    def __init__(self, sources: _Sources, rows: dict[tuple, pd.DataFrame]) -> None:
        self._sources = sources
        self._rows = rows

    def get(self, key: tuple, default: tuple[int, ...] = ()) -> tuple[int, ...]:
        rows = self._rows.get(key)
        return default if rows is None else self._sources.cite_rows(rows)


_VALUE_COLUMNS = {"projects": "project_count", "investment": "investment", "annual_investment": "annual_investment"}


def _descendants(rows: pd.DataFrame, ancestors: set[str]) -> pd.Series:
    """Rows below any of ``ancestors`` (within ``rows``)."""
    parent = dict(zip(rows["project_id"], rows["parent_id"], strict=True))
    inside = []
    for project in rows["project_id"]:
        step = parent.get(project)
        while isinstance(step, str) and step not in ancestors:
            step = parent.get(step)
        inside.append(isinstance(step, str))
    return pd.Series(inside, index=rows.index)


def union_notes(parts: Iterable[tuple[int, ...]]) -> tuple[int, ...]:
    """Footnote numbers of several parts, once each, in order."""
    return tuple(sorted({n for part in parts for n in part}))


# --------------------------------------------------------------------------
# Cards


def _total_cards(tables: Tables, rows: pd.DataFrame, cited: _Cited) -> tuple[Card, ...]:
    """Cards of a view's own totals, as 部门 shows them: targets and 预计 left to the sentences,
    and a total of another phase within one of them (水利局's 18 within its 32) said in its sentence."""
    shown = [t for t in answers.top_totals(tables, rows) if not bases.is_goal(tables, t.basis)]
    return tuple(card for total in shown for card in _cards(tables, total, cited))


def _cards(tables: Tables, total: GroupTotal, cited: _Cited) -> list[Card]:
    """The total's three measures, titled as 部门's totals are, each in the report's word for it
    (完成投资); none for a total that gives no number at all (its sentence says so)."""
    if not total.gives_a_number:
        return []
    group = total_title(tables, total)
    return [_card(group, total.measured(m), cited.get((total.pool, m), ())) for m in MEASURES]


def _card(group: str, measured: Measured, notes: tuple[int, ...]) -> Card:
    amount = measured.amount
    if amount is None:
        return Card(group, measured.label, measured.column_cell(), "", notes if measured.given else ())
    return Card(group, amount.kind.label, amount.short_text(), amount.unit_words(), notes)


def _comparison_cards(tables: Tables, a: list[GroupTotal], b: list[GroupTotal], cited: _Cited) -> tuple[Card, ...]:
    """情景对比's table (``answers.comparison_records``) as cards: per row, A, B and B − A as the page words them."""
    cards = []
    for row in answers.comparison_records(tables, a, b):
        group, measure = row.cells[SCOPE_WORD], row.cells["指标"]
        for side, code in zip(SIDES, ("a", "b", None), strict=True):
            words = row.cells[side]
            given = code is not None and words not in (NOT_GIVEN, answers.FILTERED_OUT)
            notes = cited.get((code, row.pool, row.measure), ()) if given else ()
            cards.append(Card(group, measure, words, "", notes, side))
    return tuple(cards)


# --------------------------------------------------------------------------
# Charts: one series (one kind of amount) a chart, targets and 预计 never beside projects


def _unit_charts(tables: Tables, rows: pd.DataFrame, cited: _Cited) -> tuple[Chart, ...]:
    """Per series with two bars or more: a bar per unit's total of each pool, under a heading per
    period and whose list it is. A series of one bar is no chart: its card and sentence say it."""
    if rows.empty:
        return ()
    summary = summarize(tables, rows, by=("dept_id",))
    charts = []
    for measure in MEASURES:
        for series in series_kinds(tables, [rows], measure):
            shown = series_rows(summary, series).to_dict("records")
            if len(shown) < 2:
                continue
            charts.append(
                Chart(
                    title=series_title(tables, series, with_unit=False),
                    unit=series.unit,
                    categories=tuple(bar_label(tables, r["pool"], str(r["dept_id"])) for r in shown),
                    series=(_series("", [summary_measured(r, measure) for r in shown]),),
                    note=CHART_NOTE,
                    groups=tuple(r["pool"].period_words() for r in shown),
                    notes=union_notes(cited.get((r["pool"], measure), ()) for r in shown),
                )
            )
    return tuple(charts)


def _comparison_charts(
    tables: Tables, totals_a: list[GroupTotal], totals_b: list[GroupTotal], cited: _Cited
) -> tuple[Chart, ...]:
    """Per series: A and B side by side per 统计范围 of that series, from the same totals as
    情景对比's table; a side without a number has no bar and says why (原文未给出, 原文只给出上一级的,
    不在当前筛选内)."""
    sides = [{t.pool: t for t in found} for found in (totals_a, totals_b)]
    charts = []
    for measure in MEASURES:
        kinds: dict[tuple, list[Pool]] = {}
        for side in sides:
            for pool, total in side.items():
                amount = total.measured(measure).amount
                if amount is not None and not bases.is_goal(tables, pool.basis):
                    kinds.setdefault((pool.basis, amount.kind.label, amount.kind.unit), []).append(pool)
        for (basis, label, unit), found in kinds.items():
            pools = list(dict.fromkeys(found))
            units = {
                p: tuple(dict.fromkeys(d for side in sides if p in side for d in side[p].departments)) for p in pools
            }
            title = series_title(tables, SeriesKind(basis, measure, label, unit), with_unit=False)
            charts.append(
                Chart(
                    title=f"{title}：情景 A 与情景 B",
                    unit=unit,
                    categories=tuple(pool_title(tables, p, units[p]) for p in pools),
                    series=tuple(
                        _side_series(name, [side[p].measured(measure) if p in side else None for p in pools])
                        for name, side in zip(SIDES[:2], sides, strict=True)
                    ),
                    note=CHART_NOTE + f"没有柱子的一边：{NOT_GIVEN}、{ABOVE_ONLY}或{answers.FILTERED_OUT}。",
                    notes=union_notes(cited.get((code, p, measure), ()) for p in pools for code in ("a", "b")),
                )
            )
    return tuple(charts)


def _side_series(name: str, measured: list[Measured | None]) -> Series:
    """One side's bars: its number, or why it has none (outside its filters: None)."""
    amounts = [m.amount if m is not None else None for m in measured]
    return Series(
        name,
        tuple(a.value if a is not None else None for a in amounts),
        tuple(
            a.short_text() if a is not None else m.missing_words() if m is not None else answers.FILTERED_OUT
            for a, m in zip(amounts, measured, strict=True)
        ),
    )


CHART_NOTE = "每张图只画同一类的数；每根柱子是一个单独的数：不同时期、不同统计范围之间不相加。"


def _series(name: str, measured: list[Measured]) -> Series:
    """Bars of one series, each a total with its number (and 本工具相加 where the tool added it)."""
    amounts = [m.amount for m in measured]
    return Series(
        name,
        tuple(a.value if a is not None else None for a in amounts),
        tuple(a.short_text() if a is not None else m.missing_words() for a, m in zip(amounts, measured, strict=True)),
    )


# --------------------------------------------------------------------------
# Rows


def _project_table(tables: Tables, rows: pd.DataFrame, sources: _Sources, with_unit: bool) -> RowTable:
    """The rows as a table; a 计划年份 column ("计划2022年投产", empty for the others)
    only when a listed row has one, so other tables keep their width."""
    names = frames.labels(tables)
    shown = rows.iloc[:MAX_ROWS]
    listed = set(shown["project_id"])
    planned = bool(shown["planned_year_words"].notna().any())
    amounts = row_amounts(tables)
    table_rows = []
    for position, record in zip(shown.index, shown.to_dict("records"), strict=True):
        part_of_listed = isinstance(record["parent_id"], str) and record["parent_id"] in listed
        cells = [
            ("其中：" if part_of_listed else "") + str(record["name"]),
            row_pools(tables)[position].period_words(),
            names.stage[record["stage_id"]],
            *(frames.amount_text(amounts[m][position], NOT_GIVEN) for m in MEASURES),
        ]
        notes = (sources.cite_row(record),)
        if planned:
            words, year_notes = _planned_year(tables, record, sources)
            cells.insert(3, words)
            notes = union_notes((notes, year_notes))
        if with_unit:
            cells.insert(0, row_whose(tables)[position])
        table_rows.append(Row(tuple(cells), notes))
    columns = ["项目/项目组", "时期", "阶段", *COLUMN_NAMES.values()]
    if planned:
        columns.insert(3, frames.PLANNED_YEAR)
    if with_unit:
        columns.insert(0, "部门")
    note = "“其中：”开头的行是上一级项目组的组成部分，不另计入合计。" + _more_rows(
        len(rows), "记录", "“项目”页（可下载）"
    )
    return RowTable("项目与项目组", tuple(columns), tuple(table_rows), note)


def _planned_year(tables: Tables, record: dict, sources: _Sources) -> tuple[str, tuple[int, ...]]:
    """A row's planned year as the report words it ("计划2022年投产") with the footnote of its
    sentence (a group's parts take it from the group's sentence); empty for a row without one."""
    words = record["planned_year_words"]
    if not isinstance(words, str):
        return "", ()
    quote = record["planned_year_quote"]
    link = frames.planned_year_link(tables, quote, int(record["planned_year_start"]))
    return words, (sources.cite_quote(record["dept_id"], quote, link),)


def _figure_table(tables: Tables, figures: pd.DataFrame, sources: _Sources) -> RowTable:
    rows = [
        Row(
            (
                str(record["measure"]),
                f"{frames.SYMBOLS[record['qualifier']]}{_as_printed(float(record['value']))} {record['unit']}",
                figure_periods(tables)[record["figure_id"]],
                vocab.KINDS[record["kind"]],
            ),
            (sources.cite_figure(record["dept_id"], record["quote"], record["figure_id"]),),
        )
        for record in figures.iloc[:MAX_ROWS].to_dict("records")
    ]
    note = _more_rows(len(figures), "数字", "“部门”页")
    return RowTable("原文中的数字", ("指标", "数值", "时期", "性质"), tuple(rows), note)


def _more_rows(count: int, what: str, where: str) -> str:
    """Says that a table lists only its first rows, and where the rest are."""
    if count <= MAX_ROWS:
        return ""
    return f"共 {count:,} 条{what}，此处列出前 {MAX_ROWS} 条；完整清单见{where}。"


def _as_printed(value: float) -> str:
    """As the report prints a number: no thousands separator (2022年, 4244.2亿元)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
