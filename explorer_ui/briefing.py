"""The content of one view as a brief, independent of how it is drawn: the PDF
(``brief_pdf``) and the slides (``slides``) render the same ``Briefing``.
Pure: no Streamlit.

Every total comes from ``jjdata.totals``: periods, universes (department rows
or one city-wide list) and bases are never added together, and a group is
never counted together with its own parts. Every number keeps its qualifier
(≈ 约, ≥ 以上, > 超) and carries the numbers of the footnotes that quote its
sentences from the report. What the report does not give reads “原文未给出”,
never 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import quote

import pandas as pd

from jjdata import Filters, GroupTotal, Quantity, Tables, filter_options, filter_projects, totals, vocab
from jjdata.query import BOUND_NAMES, MEASURE_UNITS, MEASURES, counted_rows, difference, summarize

from . import frames

NOT_GIVEN = "原文未给出"
CANNOT_SUBTRACT = "无法相减"
MEASURE_LABELS = {"projects": "项目数", "investment": "总投资", "annual_investment": "年度计划投资"}
MAX_ROWS = 40  # rows listed in a brief; the 项目 page's downloads hold every row
APP_NAME = "晋江重点项目数据浏览器"
SIDES = ("情景 A", "情景 B", "差（B − A）")
CHART_NOTE = "每根柱子是一个单独的合计：不同时期、不同统计范围、不同类别（现状与计划、各类目标）之间不相加。"
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

    group: str  # what it totals: period · who · category
    measure: str  # 项目数, 总投资, 年度计划投资
    value: str  # with its qualifier, e.g. "≈405"; or NOT_GIVEN
    unit: str  # "" when there is no number
    notes: tuple[int, ...] = ()
    side: str = ""  # in a comparison: one of SIDES


@dataclass(frozen=True)
class Sentence:
    text: str
    notes: tuple[int, ...] = ()


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
    built_at: str  # when the tables were built
    cards: tuple[Card, ...]
    sentences: tuple[Sentence, ...]
    charts: tuple[Chart, ...]
    tables: tuple[RowTable, ...]
    footnotes: tuple[Footnote, ...]
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
    heads = ("统计范围", "指标") if comparison else ("统计范围",)
    return RowTable("主要数字", (*heads, *columns), tuple(rows))


# --------------------------------------------------------------------------
# Builders, one per view


def overview_briefing(
    tables: Tables, filters: Filters, base_url: str | None = None, view_url: str | None = None
) -> Briefing:
    """总览: the totals of the filtered rows, a chart per measure by unit, the rows."""
    rows = filter_projects(tables, filters)
    sources = _Sources(tables, base_url)
    groups = totals(tables, rows)
    cited = _cite_totals(tables, rows, sources)
    return Briefing(
        title="晋江重点项目 · 总览简报",
        subtitle="",
        filters=(f"筛选：{frames.describe_filters(filters, filter_options(tables))}",),
        **_report_facts(tables),
        cards=tuple(card for total in groups for card in _cards(tables, total, cited)),
        sentences=tuple(answer_sentence(tables, total, cited) for total in groups) or (_NO_ROWS,),
        charts=_unit_charts(tables, rows, cited),
        tables=(_project_table(tables, rows, sources, with_unit=True),) if len(rows) else (),
        footnotes=sources.footnotes(),
        view_url=view_url,
    )


def department_briefing(
    tables: Tables, dept_id: str, base_url: str | None = None, view_url: str | None = None
) -> Briefing:
    """部门: one unit's totals, figures and rows; like the page, the sidebar filters do not apply."""
    department = tables.departments.set_index("dept_id").loc[dept_id]
    rows = filter_projects(tables, Filters(departments=(dept_id,)))
    sources = _Sources(tables, base_url)
    groups = totals(tables, rows)
    cited = _cite_totals(tables, rows, sources)
    figures = tables.figures[tables.figures["dept_id"] == dept_id]
    row_tables = []
    if len(rows):
        row_tables.append(_project_table(tables, rows, sources, with_unit=False))
    if len(figures):
        row_tables.append(_figure_table(figures, sources))
    no_rows = Sentence(f"原文没有给出{department['short_name']}的项目数量或投资。")
    return Briefing(
        title=f"{department['name']} · 部门简报",
        subtitle=str(department["headline"]),
        filters=(f"部门：{department['short_name']}（列出该部门的全部项目，不受其他筛选限制）",),
        **_report_facts(tables),
        cards=tuple(card for total in groups for card in _cards(tables, total, cited)),
        sentences=tuple(answer_sentence(tables, total, cited) for total in groups) or (no_rows,),
        charts=_group_charts(tables, groups, cited),
        tables=tuple(row_tables),
        footnotes=sources.footnotes(),
        view_url=view_url,
    )


def comparison_briefing(
    tables: Tables,
    filters_a: Filters,
    filters_b: Filters,
    base_url: str | None = None,
    view_url: str | None = None,
) -> Briefing:
    """情景对比: A and B side by side per comparable total, and B − A where both give a number."""
    options = filter_options(tables)
    rows_a, rows_b = filter_projects(tables, filters_a), filter_projects(tables, filters_b)
    sources = _Sources(tables, base_url)
    cited = {**_cite_totals(tables, rows_a, sources, "a"), **_cite_totals(tables, rows_b, sources, "b")}
    pairs = _pairs(totals(tables, rows_a), totals(tables, rows_b))
    row_tables = [
        replace(_project_table(tables, rows, sources, with_unit=True), title=f"{side} 的项目与项目组")
        for side, rows in ((SIDES[0], rows_a), (SIDES[1], rows_b))
        if len(rows)
    ]
    return Briefing(
        title="晋江重点项目 · 情景对比简报",
        subtitle="",
        filters=(
            f"{SIDES[0]}：{frames.describe_filters(filters_a, options)}",
            f"{SIDES[1]}：{frames.describe_filters(filters_b, options)}",
        ),
        **_report_facts(tables),
        cards=tuple(card for key, a, b in pairs for card in _comparison_cards(tables, key, a, b, cited)),
        sentences=tuple(comparison_sentence(tables, key, a, b, cited) for key, a, b in pairs) or (_NO_ROWS,),
        charts=_comparison_charts(tables, pairs, cited),
        tables=tuple(row_tables),
        footnotes=sources.footnotes(),
        view_url=view_url,
    )


_NO_ROWS = Sentence("当前筛选没有匹配的项目。")


# --------------------------------------------------------------------------
# Answer sentences: one per comparable total, in plain words


def answer_sentence(tables: Tables, total: GroupTotal, cited: dict[tuple, tuple[int, ...]]) -> Sentence:
    """E.g. "“十四五”（2021–2025），交通局（现状与计划）：项目数38个，总投资约405亿元，年度计划投资原文未给出。"

    The one place that words a total; the page's own sentences can replace it.
    """
    key = _key(total)
    head = f"{vocab.PERIODS[total.period]}，{_who(tables, total)}（{_basis(tables, total.basis)}）："
    if not _gives_a_number(total):
        return Sentence(f"{head}原文列出{total.rows}条记录，未给出项目数和投资。")
    parts = [f"{MEASURE_LABELS[m]}{in_words(getattr(total, m), MEASURE_UNITS[m])}" for m in MEASURES]
    text = head + "，".join(parts) + "。" + _left_out(total)
    notes = union_notes(cited.get((key, m), ()) for m in MEASURES)
    return Sentence(text, notes)


def _gives_a_number(total: GroupTotal) -> bool:
    return any(getattr(total, m).value is not None for m in MEASURES)


def comparison_sentence(
    tables: Tables, key: tuple, a: GroupTotal | None, b: GroupTotal | None, cited: dict[tuple, tuple[int, ...]]
) -> Sentence:
    """E.g. "“十四五”（2021–2025） · 各部门 · 现状与计划：项目数 A 38个、B 原文未给出。一边原文未给出的数不相减。"."""
    parts, one_sided = [], False
    for measure in MEASURES:
        qa, qb = _side_quantity(a, measure), _side_quantity(b, measure)
        if qa.value is None and qb.value is None:
            continue
        unit = MEASURE_UNITS[measure]
        text = f"{MEASURE_LABELS[measure]} A {in_words(qa, unit)}、B {in_words(qb, unit)}"
        if qa.value is None or qb.value is None:
            one_sided = True
        else:
            text += f"，{_difference_words(qa, qb, unit)}"
        parts.append(text)
    if not parts:
        parts.append(f"两边的项目数和投资都{NOT_GIVEN}")
    notes = union_notes(cited.get((side, key, m), ()) for side in ("a", "b") for m in MEASURES)
    text = f"{_key_label(tables, key)}：{'；'.join(parts)}。" + (f"一边{NOT_GIVEN}的数不相减。" if one_sided else "")
    return Sentence(text, notes)


def in_words(quantity: Quantity, unit: str) -> str:
    """A total as the report words it: 约405亿元, 100个以上, 超500亿元; or 原文未给出."""
    if quantity.value is None:
        return NOT_GIVEN
    prefix = ("超" if quantity.bound == "more_than" else "") + ("约" if quantity.approx else "")
    suffix = "以上" if quantity.bound == "at_least" else ""
    return f"{prefix}{plain_number(quantity.value)}{unit}{suffix}"


def plain_number(value: float) -> str:
    """The number as ``Quantity.label`` writes it, without qualifier or unit."""
    return Quantity(value).label("")


def _difference_words(qa: Quantity, qb: Quantity, unit: str) -> str:
    """B − A in words, for two sides that both give a number."""
    diff = difference(qa, qb)
    if diff is None:
        return "A 是下限，差值无法确定"
    return f"B 比 A {'多' if diff.value and diff.value > 0 else '少' if diff.value else '相差'}{in_words(_abs(diff), unit)}"


def _left_out(total: GroupTotal) -> str:
    """Rows counted in the group that give no number for a measure that others do give."""
    by_count: dict[int, list[str]] = {}
    for measure in MEASURES:
        quantity: Quantity = getattr(total, measure)
        if quantity.value is not None and quantity.undisclosed:
            by_count.setdefault(quantity.undisclosed, []).append(MEASURE_LABELS[measure])
    return "".join(f"另有{n}条记录未给出{'、'.join(labels)}，未计入。" for n, labels in by_count.items())


# --------------------------------------------------------------------------
# Footnotes: one per distinct sentence, numbered in order of first use


class _Sources:
    def __init__(self, tables: Tables, base_url: str | None) -> None:
        self._names = frames.labels(tables).dept
        self._base = base_url.rstrip("/") if base_url else None
        self._numbers: dict[str, int] = {}
        self._notes: list[Footnote] = []

    def cite_rows(self, rows: pd.DataFrame) -> tuple[int, ...]:
        """Footnotes for project rows (a selection of ``tables.projects``)."""
        return tuple(self.cite_row(record) for record in rows.drop_duplicates("quote").to_dict("records"))

    def cite_row(self, record: dict) -> int:
        """The footnote of one project row (a record of ``tables.projects``)."""
        ids = record["figure_ids"]
        figure = ids.split(",")[0] if isinstance(ids, str) else ""
        link = frames.source_link(figure) if figure else frames.quote_link(int(record["quote_start"]))
        return self._cite(record["dept_id"], record["quote"], link)

    def cite_figure(self, dept: str, text: str, figure_id: str) -> int:
        return self._cite(dept, text, frames.source_link(figure_id))

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
    """The total's three measures; none for a total that gives no number at all (its sentence says so)."""
    if not _gives_a_number(total):
        return []
    group = _group_label(tables, total)
    return [
        _card(group, measure, getattr(total, measure), cited.get((_key(total), measure), ())) for measure in MEASURES
    ]


def _card(group: str, measure: str, quantity: Quantity, notes: tuple[int, ...], side: str = "") -> Card:
    if quantity.value is None:
        return Card(group, MEASURE_LABELS[measure], NOT_GIVEN, "", (), side)
    return Card(group, MEASURE_LABELS[measure], quantity.label(""), MEASURE_UNITS[measure], notes, side)


def _comparison_cards(
    tables: Tables, key: tuple, a: GroupTotal | None, b: GroupTotal | None, cited: dict[tuple, tuple[int, ...]]
) -> list[Card]:
    group = _key_label(tables, key)
    cards = []
    for measure in MEASURES:
        qa, qb = _side_quantity(a, measure), _side_quantity(b, measure)
        if qa.value is None and qb.value is None:
            continue
        cards.append(_card(group, measure, qa, cited.get(("a", key, measure), ()), SIDES[0]))
        cards.append(_card(group, measure, qb, cited.get(("b", key, measure), ()), SIDES[1]))
        cards.append(Card(group, MEASURE_LABELS[measure], *_difference_value(qa, qb, measure), side=SIDES[2]))
    return cards


def _difference_value(qa: Quantity, qb: Quantity, measure: str) -> tuple[str, str]:
    """(value, unit) of B − A; never computed against a side without a number."""
    if qa.value is None or qb.value is None:
        return CANNOT_SUBTRACT, ""
    diff = difference(qa, qb)
    if diff is None:
        return "无法确定", ""
    sign = "+" if diff.value and diff.value > 0 else ""
    return f"{diff.symbol}{sign}{plain_number(diff.value or 0.0)}", MEASURE_UNITS[measure]


def _abs(quantity: Quantity) -> Quantity:
    return replace(quantity, value=abs(quantity.value or 0.0))


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
                groups=tuple(_key_label(tables, k) for k in keys),
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
                categories=tuple(_key_label(tables, _key(g), with_scope=False) for g in shown),
                series=(_series("", [getattr(g, measure) for g in shown]),),
                note=chart_note(tables, [g.basis for g in shown]),
                notes=union_notes(cited.get((_key(g), measure), ()) for g in shown),
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
                categories=tuple(_key_label(tables, key) for key, _, _ in shown),
                series=(
                    _series(SIDES[0], [qa for _, qa, _ in shown]),
                    _series(SIDES[1], [qb for _, _, qb in shown]),
                ),
                note=chart_note(tables, [key[3] for key, _, _ in shown]) + f"没有柱子的一边：{NOT_GIVEN}。",
                notes=union_notes(cited.get((side, key, measure), ()) for key, _, _ in shown for side in ("a", "b")),
            )
        )
    return tuple(charts)


def chart_note(tables: Tables, bases: list[str]) -> str:
    """What the bars of a chart are: each its own total, never added to the others."""
    kinds = list(dict.fromkeys(bases))
    apart = "不同时期、不同统计范围" + (
        f"、不同类别（{'、'.join(_basis(tables, b) for b in kinds)}）" if len(kinds) > 1 else ""
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
    names = frames.labels(tables)
    shown = rows.iloc[:MAX_ROWS]
    listed = set(shown["project_id"])
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
        if with_unit:
            cells.insert(0, names.dept[record["dept_id"]])
        table_rows.append(Row(tuple(cells), (sources.cite_row(record),)))
    columns = ["项目/项目组", "时期", "阶段", "项目数（个）", "总投资（亿元）", "年度计划投资（亿元）"]
    if with_unit:
        columns.insert(0, "部门")
    note = "“其中：”开头的行是上一级项目组的组成部分，不另计入合计。" + _more_rows(
        len(rows), "记录", "“项目”页（可下载）"
    )
    return RowTable("项目与项目组", tuple(columns), tuple(table_rows), note)


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
    return frames.SYMBOLS.get(str(qualifier), "") + plain_number(float(value))


# --------------------------------------------------------------------------
# Labels


def _key(total: GroupTotal) -> tuple[str, str, str, str]:
    return (total.scope, total.city_list or "", total.period, total.basis)


def _basis(tables: Tables, basis: str) -> str:
    return frames.labels(tables).basis[basis]


def _who(tables: Tables, total: GroupTotal) -> str:
    names = frames.labels(tables).dept
    if total.scope == "city":
        return f"全市（{names[total.city_list or total.departments[0]]}统计）"
    if len(total.departments) == 1:
        return names[total.departments[0]]
    return "、".join(names[d] for d in total.departments) + "合计"


def _group_label(tables: Tables, total: GroupTotal) -> str:
    return f"{vocab.PERIODS[total.period]} · {_who(tables, total)} · {_basis(tables, total.basis)}"


def _key_label(tables: Tables, key: tuple, with_scope: bool = True) -> str:
    """A total's key (scope, city list, period, basis) in words."""
    scope, city_list, period, basis = key
    parts = [vocab.PERIODS[period]]
    if with_scope:
        parts.append(f"全市（{frames.labels(tables).dept[city_list]}统计）" if scope == "city" else "各部门")
    parts.append(_basis(tables, basis))
    return " · ".join(parts)


def _pairs(a: list[GroupTotal], b: list[GroupTotal]) -> list[tuple[tuple, GroupTotal | None, GroupTotal | None]]:
    """Totals of A and B with the same key, in display order; a missing side is None, never zero."""
    by_a, by_b = {_key(t): t for t in a}, {_key(t): t for t in b}
    keys = list(dict.fromkeys([*by_a, *by_b]))
    scopes, periods = list(vocab.SCOPES), list(vocab.PERIODS)
    keys.sort(key=lambda k: (scopes.index(k[0]), periods.index(k[2])))
    return [(k, by_a.get(k), by_b.get(k)) for k in keys]


def _side_quantity(total: GroupTotal | None, measure: str) -> Quantity:
    return getattr(total, measure) if total is not None else Quantity()


def _report_facts(tables: Tables) -> dict[str, str]:
    report = tables.reports.iloc[0]
    return {
        "report_title": str(report["title"]),
        "report_date": report_date(report["year"], report["month"], report["day_of_month"]),
        "built_at": built_at_words(tables.manifest.built_at),
    }


def report_date(year: object, month: object, day: object) -> str:
    """The date as far as the text gives it: "16日（原文未写年月）", never a guessed month."""
    parts = [f"{int(v)}{unit}" for v, unit in ((year, "年"), (month, "月"), (day, "日")) if not pd.isna(v)]
    if not parts:
        return NOT_GIVEN
    missing = "".join(unit for v, unit in ((year, "年"), (month, "月")) if pd.isna(v))
    return "".join(parts) + (f"（原文未写{missing}）" if missing else "")


def built_at_words(iso: str) -> str:
    """ "2026-11-27T04:44:09+00:00" -> "2026-11-27 04:44（UTC+00:00）"."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    zone = moment.strftime("%z")
    offset = f"（UTC{zone[:3]}:{zone[3:]}）" if zone else ""
    return moment.strftime("%Y-%m-%d %H:%M") + offset
