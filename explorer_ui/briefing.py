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

from jjdata import Filters, GroupTotal, Quantity, Tables, bases, filter_options, filter_projects, totals, vocab
from jjdata.memo import per_tables
from jjdata.query import BOUND_NAMES, MEASURE_UNITS, MEASURES, counted_rows, summarize

from . import answers, frames, provenance
from .answers import NOT_GIVEN, SCOPE_WORD, Answer, HeadlineCard
from .frames import MEASURE_LABELS

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
    cards = tuple(card for headline in lead for card in _headline_cards(tables, headline, sources))
    said = answers.answers(tables, filters, rows) + answers.scale_answers(tables, filters, rows)
    cited = _cite_totals(tables, rows, sources)
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
        other_headlines=_headline_rows(tables, others, sources) if others else None,
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
    groups = totals(tables, rows)
    cited = _cite_totals(tables, rows, sources)
    figures = tables.figures[tables.figures["dept_id"] == dept_id]
    row_tables = []
    if len(rows):
        row_tables.append(_project_table(tables, rows, sources, with_unit=False))
    if len(figures):
        row_tables.append(_figure_table(figures, sources))
    brief = Briefing(
        title=f"{department['name']} · 部门简报",
        subtitle=str(department["headline"]),
        filters=(f"部门：{department['short_name']}（列出该部门的全部项目，不受其他筛选限制）",),
        **provenance.report_facts(tables),
        cards=tuple(card for total in groups for card in _cards(tables, total, cited)),
        sentences=_sentences(tables, answers.answers(tables, filters, rows), sources),
        charts=_group_charts(tables, groups, cited),
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
    cited = {**_cite_totals(tables, rows_a, sources, "a"), **_cite_totals(tables, rows_b, sources, "b")}
    totals_a, totals_b = totals(tables, rows_a), totals(tables, rows_b)
    table, note = answers.comparison(tables, filters_a, rows_a, filters_b, rows_b)
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
        cards=_comparison_cards(tables, table, [*totals_a, *totals_b], cited),
        sentences=(*sentences, *((Sentence(note),) if note else ())),
        charts=_comparison_charts(tables, _pairs(totals_a, totals_b), cited),
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
    group = f"{headline.title}（{headline.unit_name}）"
    return [
        Card(group, figure.label, figure.value, figure.unit, sources.cite_figures((figure.figure_id,)))
        for figure in headline.figures
    ]


def _headline_rows(tables: Tables, cards: list[HeadlineCard], sources: _Sources) -> RowTable:
    """The report's other headline figures, as 总览's table lists them."""
    rows = tuple(
        Row(
            (card.unit_name, card.title, "；".join(f"{f.label} {f.value} {f.unit}" for f in card.figures)),
            sources.cite_figures(tuple(f.figure_id for f in card.figures)),
        )
        for card in cards
    )
    return RowTable("各部门报道中的主要数字", ("部门", "内容", "数字"), rows)


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


def _cite_totals(
    tables: Tables, rows: pd.DataFrame, sources: _Sources, side: str | None = None
) -> dict[tuple, tuple[int, ...]]:
    """Footnotes per (group key, measure): the sentences of the rows whose numbers went into the total.

    A counted row without its own number took its parts' sum: then the parts' sentences are cited.
    """
    if rows.empty:
        return {}
    counted = counted_rows(tables, rows)
    own = rows[[c for c, _ in MEASURES.values()]].notna()
    result: dict[tuple, tuple[int, ...]] = {}
    for measure, (column, _) in MEASURES.items():
        added = counted["counted"] & counted[f"{measure}_value"].notna()
        sources_mask = added & own[column]
        derived = added & ~own[column]
        if derived.any():
            sources_mask |= _descendants(rows, set(rows.loc[derived, "project_id"])) & own[column]
        chosen = counted[sources_mask]
        for key, part in chosen.groupby(["scope", "city_list", "period", "basis"], sort=False, observed=True):
            full_key = (side, key, measure) if side else (key, measure)
            result[full_key] = sources.cite_rows(rows.loc[part.index])
    return result


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


def _cards(tables: Tables, total: GroupTotal, cited: dict[tuple, tuple[int, ...]]) -> list[Card]:
    """The total's three measures, titled as 部门's totals are; none for a total that
    gives no number at all (its sentence says so)."""
    if not _gives_a_number(total):
        return []
    group = total_title(tables, total)
    return [
        _card(group, measure, getattr(total, measure), cited.get((answers.total_key(total), measure), ()))
        for measure in MEASURES
    ]


def _gives_a_number(total: GroupTotal) -> bool:
    return any(getattr(total, m).value is not None for m in MEASURES)


def _card(group: str, measure: str, quantity: Quantity, notes: tuple[int, ...]) -> Card:
    if quantity.value is None:
        return Card(group, MEASURE_LABELS[measure], NOT_GIVEN, "", ())
    return Card(group, MEASURE_LABELS[measure], quantity.label(""), MEASURE_UNITS[measure], notes)


def _comparison_cards(
    tables: Tables, table: pd.DataFrame, groups: list[GroupTotal], cited: dict[tuple, tuple[int, ...]]
) -> tuple[Card, ...]:
    """情景对比's table (``answers.comparison``) as cards: per row, A, B and B − A as the page words them."""
    keys = {answers.scope_title(tables, answers.total_key(g)): answers.total_key(g) for g in groups}
    measures = {label: measure for measure, label in MEASURE_LABELS.items()}
    cards = []
    for record in table.to_dict("records"):
        group, measure = record[SCOPE_WORD], record["指标"]
        key = keys[group]
        for side, code in zip(SIDES, ("a", "b", None), strict=True):
            notes = cited.get((code, key, measures[measure]), ()) if code else ()
            cards.append(Card(group, measure, str(record[side]), "", notes if record[side] != NOT_GIVEN else (), side))
    return tuple(cards)


# --------------------------------------------------------------------------
# Charts


def _unit_charts(tables: Tables, rows: pd.DataFrame, cited: dict[tuple, tuple[int, ...]]) -> tuple[Chart, ...]:
    """Per measure: a bar per (total, unit), under a heading per total."""
    if rows.empty:
        return ()
    summary = summarize(tables, rows, by=("dept_id",))
    names = frames.labels(tables).dept
    charts = []
    for measure in MEASURES:
        shown = summary[summary[measure].notna()]
        if shown.empty:
            continue
        records = shown.to_dict("records")
        keys = [tuple(r[k] for k in ("scope", "city_list", "period", "basis")) for r in records]
        charts.append(
            Chart(
                title=f"各部门{MEASURE_LABELS[measure]}",
                unit=MEASURE_UNITS[measure],
                categories=tuple(names[str(r["dept_id"])] for r in records),
                series=(_series("", [_summary_quantity(r, measure) for r in records]),),
                note=chart_note(tables, [k[3] for k in keys]),
                groups=tuple(answers.scope_title(tables, k) for k in keys),
                notes=union_notes(cited.get((k, measure), ()) for k in dict.fromkeys(keys)),
            )
        )
    return tuple(charts)


def _group_charts(tables: Tables, groups: list[GroupTotal], cited: dict[tuple, tuple[int, ...]]) -> tuple[Chart, ...]:
    """One unit: per measure, a bar per total."""
    charts = []
    for measure in MEASURES:
        shown = [g for g in groups if getattr(g, measure).value is not None]
        if not shown:
            continue
        charts.append(
            Chart(
                title=MEASURE_LABELS[measure],
                unit=MEASURE_UNITS[measure],
                categories=tuple(_period_and_kind(tables, answers.total_key(g)) for g in shown),
                series=(_series("", [getattr(g, measure) for g in shown]),),
                note=chart_note(tables, [g.basis for g in shown]),
                notes=union_notes(cited.get((answers.total_key(g), measure), ()) for g in shown),
            )
        )
    return tuple(charts)


def _comparison_charts(
    tables: Tables, pairs: list[tuple[tuple, GroupTotal | None, GroupTotal | None]], cited: dict[tuple, tuple[int, ...]]
) -> tuple[Chart, ...]:
    """Per measure: A and B side by side per total; a side without a number has no bar."""
    charts = []
    for measure in MEASURES:
        shown = [
            (key, _side_quantity(a, measure), _side_quantity(b, measure))
            for key, a, b in pairs
            if _side_quantity(a, measure).value is not None or _side_quantity(b, measure).value is not None
        ]
        if not shown:
            continue
        charts.append(
            Chart(
                title=f"{MEASURE_LABELS[measure]}：情景 A 与情景 B",
                unit=MEASURE_UNITS[measure],
                categories=tuple(answers.scope_title(tables, key) for key, _, _ in shown),
                series=(
                    _series(SIDES[0], [qa for _, qa, _ in shown]),
                    _series(SIDES[1], [qb for _, _, qb in shown]),
                ),
                note=chart_note(tables, [key[3] for key, _, _ in shown]) + f"没有柱子的一边：{NOT_GIVEN}。",
                notes=union_notes(cited.get((side, key, measure), ()) for key, _, _ in shown for side in ("a", "b")),
            )
        )
    return tuple(charts)


def chart_note(tables: Tables, shown: list[str]) -> str:
    """What the bars of a chart are (``shown``: their bases): each its own total, never added to the others."""
    kinds = list(dict.fromkeys(shown))
    apart = "不同时期、不同统计范围" + (
        f"、不同类别（{'、'.join(bases.basis_labels(tables)[b] for b in kinds)}）" if len(kinds) > 1 else ""
    )
    return f"每根柱子是一个单独的合计：{apart}之间不相加。"


def _series(name: str, quantities: list[Quantity]) -> Series:
    return Series(
        name,
        tuple(q.value for q in quantities),
        tuple(NOT_GIVEN if q.value is None else q.label("") for q in quantities),
    )


def _summary_quantity(record: dict, measure: str) -> Quantity:
    return Quantity(
        float(record[measure]),
        approx=bool(record[f"{measure}_approx"]),
        bound=BOUND_NAMES[int(record[f"{measure}_bound"])],
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
    table_rows = []
    for record in shown.to_dict("records"):
        part_of_listed = isinstance(record["parent_id"], str) and record["parent_id"] in listed
        cells = [
            ("其中：" if part_of_listed else "") + str(record["name"]),
            vocab.PERIODS[record["period"]],
            names.stage[record["stage_id"]],
            _cell(record["project_count"], record["count_qualifier"]),
            _cell(record["investment"], record["investment_qualifier"]),
            _cell(record["annual_investment"], record["annual_investment_qualifier"]),
        ]
        notes = (sources.cite_row(record),)
        if planned:
            words, year_notes = _planned_year(tables, record, sources)
            cells.insert(3, words)
            notes = union_notes((notes, year_notes))
        if with_unit:
            cells.insert(0, names.dept[record["dept_id"]])
        table_rows.append(Row(tuple(cells), notes))
    columns = ["项目/项目组", "时期", "阶段", "项目数（个）", "总投资（亿元）", "年度计划投资（亿元）"]
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


def _figure_table(figures: pd.DataFrame, sources: _Sources) -> RowTable:
    rows = [
        Row(
            (
                str(record["measure"]),
                f"{frames.SYMBOLS[record['qualifier']]}{_as_printed(float(record['value']))} {record['unit']}",
                vocab.PERIODS[record["period"]],
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


def _cell(value: object, qualifier: object) -> str:
    if pd.isna(value):
        return NOT_GIVEN
    return frames.SYMBOLS.get(str(qualifier), "") + Quantity(float(value)).label("")


# --------------------------------------------------------------------------
# Labels


def total_title(tables: Tables, total: GroupTotal) -> str:
    """A total's title as 部门 shows it: "“十四五”（2021–2025） · 交通局 · 储备项目"."""
    whose = answers.who(tables, total.scope, total.city_list or "", total.departments)
    return f"{vocab.PERIODS[total.period]} · {whose} · {bases.basis_labels(tables)[total.basis]}"


def _period_and_kind(tables: Tables, key: tuple[str, str, str, str]) -> str:
    """A total of one unit by its period and kind: "“十四五”（2021–2025） · 储备项目"."""
    return f"{vocab.PERIODS[key[2]]} · {bases.basis_labels(tables)[key[3]]}"


def _pairs(a: list[GroupTotal], b: list[GroupTotal]) -> list[tuple[tuple, GroupTotal | None, GroupTotal | None]]:
    """Totals of A and B with the same key, in display order; a missing side is None, never zero."""
    by_a, by_b = {answers.total_key(t): t for t in a}, {answers.total_key(t): t for t in b}
    keys = list(dict.fromkeys([*by_a, *by_b]))
    scopes, periods = list(vocab.SCOPES), list(vocab.PERIODS)
    keys.sort(key=lambda k: (scopes.index(k[0]), periods.index(k[2])))
    return [(k, by_a.get(k), by_b.get(k)) for k in keys]


def _side_quantity(total: GroupTotal | None, measure: str) -> Quantity:
    return getattr(total, measure) if total is not None else Quantity()
