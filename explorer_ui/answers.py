"""The answer a view gives, in plain words for city staff: the report's headline
cards, one sentence per total that may be read on its own, a line for every
chosen unit or period the report gives nothing for, what the 投资规模 filter
compares, the department × period grid, and 情景对比's rows.

Pure: no Streamlit, so every wording is unit-tested (tests/test_answers.py).
Totals come from ``jjdata`` only: nothing is added across periods, universes
or bases, a group is never counted with its own parts, and what the report
does not give reads “原文未给出”, never 0. Each sentence carries the ids of
the report's figures it rests on, so a brief can cite them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jjdata import BANDS, Filters, GroupTotal, Quantity, Tables, bases, filter_projects, totals, vocab
from jjdata.memo import IdentityMemo, per_tables
from jjdata.phrases import listed_apart_words, measure_words
from jjdata.query import MEASURE_UNITS, MEASURES, compare_totals, counted_rows, headline_figures, summarize
from jjdata.query import quantity as summary_quantity

from . import frames

NOT_GIVEN = "原文未给出"
FILTERED_OUT = "不在当前筛选内"
SCOPE_WORD = "统计范围"
SCOPE_HELP = (
    "统计范围：同一时期、同一统计对象（各部门自己的统计，或某部门的全市清单）、同一类项目"
    "（实施、已签约、储备、策划对接、策划生成、目标……）的数才相加；不同统计范围分开列出，从不相加。"
)
MEASURE_LABELS = frames.MEASURE_LABELS
# Short period names for column headers (the years are in PERIOD_NOTE).
PERIOD_SHORT = {
    "十三五": "“十三五”",
    "2021": "2021年",
    "2021H1": "2021年上半年",
    "2021H2": "2021年下半年",
    "十四五": "“十四五”",
    "": "未注明时期",
}
PERIOD_NOTE = "“十三五”即 2016–2020 年，“十四五”即 2021–2025 年。"
# Answers already worked out for a frame of rows (jjdata hands out the same frame for the same filters).
_MEMO = IdentityMemo(64)
# How a total's kind reads after the unit and period ("交通局“十四五”储备项目"): labels that do not end in 项目.
_KIND_SUFFIX = {"generated": "项目", "unphased": "的项目", "expected": "项目"}


@dataclass(frozen=True)
class Answer:
    """One sentence, and the ids of the report's figures it rests on (none when it says what is not given)."""

    text: str
    figure_ids: tuple[str, ...] = ()
    goal: bool = False  # a target or 预计 number: still to be reached, set apart from what exists


@dataclass(frozen=True)
class CardFigure:
    label: str  # as the report names it, e.g. "全市重点项目总投资"
    value: str  # with its qualifier, without the unit: "≈405", "4,244.2"
    unit: str
    figure_id: str


@dataclass(frozen=True)
class HeadlineCard:
    title: str  # as the annotation names it, e.g. "2021年全市重点项目"
    unit_name: str  # the unit that reports it, e.g. "发改局"
    figures: tuple[CardFigure, ...]
    quote: str
    quote_start: int
    primary: bool  # one of the report's lead, city-wide cards (a first screen shows them)


# --------------------------------------------------------------------------
# Words


def in_words(quantity: Quantity | None, unit: str) -> str:
    """A total as the report words it: "约 405 亿元", "100 个以上", "超 500 亿元"; or 原文未给出."""
    if quantity is None or quantity.value is None:
        return NOT_GIVEN
    number = Quantity(quantity.value).label("")
    prefix = ("超 " if quantity.bound == "more_than" else "") + ("约 " if quantity.approx else "")
    suffix = "以上" if quantity.bound == "at_least" else ""
    return f"{prefix}{number} {unit}{suffix}"


def short_value(quantity: Quantity | None, unit: str) -> str:
    """A total for a table cell, with its symbol: "≈405 亿元", ">500 亿元"; or 原文未给出."""
    if quantity is None or quantity.value is None:
        return NOT_GIVEN
    return quantity.label(unit)


def who(tables: Tables, scope: str, city_list: str, departments: tuple[str, ...] = ()) -> str:
    """Whose numbers: "交通局", "住建局、水利局", "全市（发改局统计）", or "各部门" for any unit."""
    names = frames.labels(tables).dept
    if scope == "city":
        return f"全市（{names[city_list]}统计）"
    return "、".join(names[d] for d in departments) or "各部门"


def kind_words(tables: Tables, basis: str) -> str:
    """A basis as the end of a phrase: "实施项目", "储备项目", "策划生成项目", "签约目标"."""
    label = bases.basis_labels(tables)[basis]
    return label + _KIND_SUFFIX.get(bases.basis_group(tables, basis), "")


def scope_title(tables: Tables, key: tuple[str, str, str, str]) -> str:
    """A total's 统计范围 (scope, city list, period, basis) as a title, e.g. "“十四五”（2021–2025） · 各部门 · 储备项目"."""
    scope, city_list, period, basis = key
    return f"{vocab.PERIODS[period]} · {who(tables, scope, city_list)} · {bases.basis_labels(tables)[basis]}"


def total_key(total: GroupTotal) -> tuple[str, str, str, str]:
    return (total.scope, total.city_list or "", total.period, total.basis)


def _period_words(period: str) -> str:
    return f"（{vocab.PERIODS[period]}）" if period == "" else vocab.PERIODS[period]


# --------------------------------------------------------------------------
# Headline cards


@per_tables
def headline_cards(tables: Tables) -> tuple[list[HeadlineCard], list[HeadlineCard]]:
    """The report's headline cards: the lead, city-wide ones and the others, in the report's display order."""
    figures = headline_figures(tables)
    names = frames.labels(tables).dept
    cards = []
    for _, card in figures.groupby("display_order", sort=True):
        records = card.to_dict("records")
        first = records[0]
        cards.append(
            HeadlineCard(
                title=str(first["title"]),
                unit_name=names[first["dept_id"]],
                figures=tuple(
                    CardFigure(label, str(f["value_text"]).removesuffix(str(f["unit"])), str(f["unit"]), f["figure_id"])
                    for label, f in zip(_card_labels(tables, records), records, strict=True)
                ),
                quote=str(first["quote"]),
                quote_start=int(first["quote_start"]),
                primary=bool(first["primary"]),
            )
        )
    return [card for card in cards if card.primary], [card for card in cards if not card.primary]


def _card_labels(tables: Tables, records: list[dict]) -> list[str]:
    """项目数 / 总投资 / 年度计划投资 where the figure is one of a project row's and that
    names it alone on the card; else the report's own words for it."""
    filled = _measure_of_figures(tables)
    short = [MEASURE_LABELS.get(filled.get(f["figure_id"], ""), "") for f in records]
    return [s if s and short.count(s) == 1 else str(f["measure"]) for s, f in zip(short, records, strict=True)]


@per_tables
def _measure_of_figures(tables: Tables) -> dict[str, str]:
    """Figure id -> the measure (projects, investment, annual_investment) it gives a project row."""
    own = _own_figures(tables)
    return dict(zip(own["figure_id"], own["measure"], strict=True))


@per_tables
def _own_figures(tables: Tables) -> pd.DataFrame:
    """Each project row's figures that give one of its own numbers (not, e.g., a road
    length): columns position (in ``tables.projects``), figure_id, measure; by position."""
    projects = tables.projects
    listed = projects["figure_ids"].astype("object").where(projects["figure_ids"].notna(), "")
    pairs = pd.DataFrame({"position": np.arange(len(projects)), "figure_id": listed.str.split(",")})
    pairs = pairs.explode("figure_id")
    pairs = pairs[pairs["figure_id"] != ""]
    value = pairs["figure_id"].map(_figure_values(tables)).astype("float64").to_numpy()
    found = []
    for measure, (column, _) in MEASURES.items():
        own = projects[column].astype("float64").to_numpy()[pairs["position"].to_numpy(dtype=np.int64)]
        found.append(pairs[value == own].assign(measure=measure))
    return pd.concat(found).sort_values("position", kind="stable").reset_index(drop=True)


def _cited(tables: Tables, positions: np.ndarray) -> tuple[str, ...]:
    """The own figures of the project rows at ``positions``, in row order, each once."""
    own_positions, own_ids = _own_figure_arrays(tables)
    starts = np.searchsorted(own_positions, positions, side="left")
    lengths = np.searchsorted(own_positions, positions, side="right") - starts
    # the ranges [start, start + length) one after another, without a Python loop
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    picked = offsets + np.arange(int(lengths.sum()))
    return tuple(dict.fromkeys(own_ids[picked].tolist()))


@per_tables
def _own_figure_arrays(tables: Tables) -> tuple[np.ndarray, np.ndarray]:
    own = _own_figures(tables)
    return own["position"].to_numpy(dtype=np.int64), own["figure_id"].to_numpy(dtype=object)


# --------------------------------------------------------------------------
# Sentences


def answers(tables: Tables, filters: Filters, rows: pd.DataFrame | None = None) -> list[Answer]:
    """The view's answer: one sentence per total of ``rows`` (the rows ``filters`` select),
    then a line for every chosen unit and period that has nothing to show (memoised: read-only)."""
    rows = filter_projects(tables, filters) if rows is None else rows
    return _MEMO.get(("answers", filters, id(tables)), rows, lambda: _answers(tables, filters, rows))


def _answers(tables: Tables, filters: Filters, rows: pd.DataFrame) -> list[Answer]:
    said = []
    if len(rows):
        counted = counted_rows(tables, rows)
        members = counted.groupby(["scope", "city_list", "period", "basis"], sort=False).indices
        is_counted = counted["counted"].to_numpy()
        positions = rows.index.to_numpy(dtype=np.int64)
        single = (rows["granularity"] == "single").to_numpy()
        for total in totals(tables, rows):
            mine = members[total_key(total)]
            figure_ids = _cited(tables, positions[mine[is_counted[mine]]])
            said.append(_total_answer(tables, total, figure_ids, bool(single[mine].all())))
    return said + missing_answers(tables, filters, rows)


def _total_answer(tables: Tables, total: GroupTotal, figure_ids: tuple[str, ...], all_single: bool) -> Answer:
    """E.g. "交通局“十四五”（2021–2025）储备项目：38 个，总投资约 405 亿元；原文未给出年度计划投资。"

    ``figure_ids``: the figures of the rows it adds up; ``all_single``: whether
    each of its rows is a single project.
    """
    several = total.scope == "department" and len(total.departments) > 1
    head = (
        f"{who(tables, total.scope, total.city_list or '', total.departments)}"
        f"{_period_words(total.period)}{kind_words(tables, total.basis)}{'合计' if several else ''}："
    )
    given = [m for m in MEASURES if getattr(total, m).value is not None]
    if not given:
        listed = f"原文列出 {total.rows} 个具体项目" if all_single else f"原文列出 {total.rows} 条记录"
        return Answer(f"{head}{listed}，没有给出数量和投资。", (), bases.is_goal(tables, total.basis))
    parts = []
    for measure in given:
        quantity: Quantity = getattr(total, measure)
        words = in_words(quantity, MEASURE_UNITS[measure])
        label = quantity.estimate if measure == "projects" else measure_words(measure, quantity)
        if bases.basis_group(tables, total.basis) == "expected":  # the head already says 预计
            label = "" if measure == "projects" else MEASURE_LABELS[measure]
        notes = [_shares(tables, total, measure)] if several else []
        if quantity.undisclosed:
            notes.append(f"另有 {quantity.undisclosed} 条记录原文未给出{_WHAT[measure]}，未计入")
        notes_text = f"（{'；'.join(n for n in notes if n)}）" if any(notes) else ""
        parts.append(f"{label}{' ' if label and words[0].isdigit() else ''}{words}{notes_text}")
    missing = [MEASURE_LABELS[m] for m in MEASURES if m not in given]
    tail = f"；{NOT_GIVEN}{'和'.join(missing)}" if missing else ""
    apart = listed_apart_words(tables, total)
    text = head + "，".join(parts) + tail + (f"；{apart}" if apart else "") + "。"
    return Answer(text, figure_ids, bases.is_goal(tables, total.basis))


def _shares(tables: Tables, total: GroupTotal, measure: str) -> str:
    """Each unit's share of a total of several units: "住建局 167 个，水利局 32 个", or "只有水利局给出"."""
    names = frames.labels(tables).dept
    given = [(names[part.dept_id], getattr(part, measure)) for part in total.parts]
    given = [(name, quantity) for name, quantity in given if quantity.value is not None]
    if len(given) == 1:
        return f"只有{given[0][0]}给出"
    return "，".join(f"{name} {in_words(quantity, MEASURE_UNITS[measure])}" for name, quantity in given)


_WHAT = {"projects": "数量", "investment": "总投资", "annual_investment": "年度计划投资"}


def missing_answers(tables: Tables, filters: Filters, rows: pd.DataFrame) -> list[Answer]:
    """A line for every chosen unit (× chosen period) with no row among ``rows``:
    either the report gives nothing for it, or its rows are outside the other filters."""
    if not filters.departments and not filters.periods:
        return []
    in_report = filter_projects(tables, Filters(departments=filters.departments, periods=filters.periods))
    names = frames.labels(tables).dept
    result = []
    for dept in filters.departments or (None,):
        for period in filters.periods or (None,):
            if _any_row(rows, dept, period):
                continue
            subject = names[dept] if dept else ""
            when = _period_words(period) if period is not None else ""
            found = _any_row(in_report, dept, period)
            if found:
                result.append(Answer(f"{subject}{when}：原文有 {found} 条记录，但不在当前的其他筛选范围内。"))
            elif dept and period is not None:
                of_period = "不注明时期" if period == "" else vocab.PERIODS[period]
                result.append(Answer(f"{subject}：{NOT_GIVEN}{of_period}的项目数和投资。"))
            else:
                result.append(Answer(f"{subject or when}：{NOT_GIVEN}项目数和投资。"))
    return result


def _any_row(rows: pd.DataFrame, dept: str | None, period: str | None) -> int:
    keep = np.ones(len(rows), dtype=bool)
    if dept is not None:
        keep &= (rows["dept_id"] == dept).to_numpy()
    if period is not None:
        keep &= (rows["period"] == period).to_numpy()
    return int(keep.sum())


@per_tables
def _figure_values(tables: Tables) -> dict[str, float]:
    return dict(zip(tables.figures["figure_id"], tables.figures["value"].astype("float64"), strict=True))


# --------------------------------------------------------------------------
# What the 投资规模 filter compares


def scale_answers(tables: Tables, filters: Filters, rows: pd.DataFrame) -> list[Answer]:
    """When a band or an 亿元 range is on: what it compares, and whether the rows are groups."""
    ranges = [b for b in filters.bands if b != "undisclosed"]
    bounded = filters.min_investment is not None or filters.max_investment is not None
    if not ranges and not bounded and not filters.bands:
        return []
    result = [
        Answer(
            "投资规模按每条记录自己的总投资比较：项目组按整组的合计，不看组里的单个项目；"
            "约数按所写数值，“以上”“超”的数是下限，只要可能落在范围内就算在内。"
        )
    ]
    if not (ranges or bounded) or rows.empty:
        return result
    valued = rows[rows["investment"].notna()]
    groups = valued[valued["granularity"] == "group"]
    if len(valued) and len(groups) == len(valued):
        example = groups.loc[groups["investment"].astype("float64").idxmax()]
        count = f"，{int(example['project_count'])} 个" if pd.notna(example["project_count"]) else ""
        these, like = ("这 1 条是", "") if len(valued) == 1 else (f"这 {len(valued)} 条都是", "如")
        result.append(
            Answer(
                f"{these}项目组的合计（{like}{_quoted(example['name'])}{count}），不是单个项目；"
                f"原文没有给出哪个单个项目的投资落在{_range_words(filters)}。"
            )
        )
    elif len(groups):
        result.append(Answer(f"其中 {len(groups)} 条是项目组的合计，{len(valued) - len(groups)} 条是单个项目。"))
    return result


def _quoted(name: str) -> str:
    """A name in quotes, unless it has its own (“十三五”交通重点项目)."""
    return name if "“" in name else f"“{name}”"


def _range_words(filters: Filters) -> str:
    parts = [BANDS[b][0] for b in filters.bands if b != "undisclosed"]
    low, high = filters.min_investment, filters.max_investment
    if low is not None and high is not None:
        parts.append(f"{low:g}–{high:g} 亿元")
    elif low is not None:
        parts.append(f"{low:g} 亿元及以上")
    elif high is not None:
        parts.append(f"{high:g} 亿元及以下")
    return "所选范围（" + "、".join(parts) + "）内"


# --------------------------------------------------------------------------
# The department × period grid


def answer_grid(tables: Tables, filters: Filters, rows: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Units (× kind of total) by period, one measure: each cell that unit's total for
    that period alone, or 原文未给出 (the report gives no such number), or 不在当前筛选内
    (the report gives one, outside the other filters). Targets and 预计 are left out.

    Rows: the chosen units (all units when none is chosen), one per kind of total
    the rows hold, or one "全部" row for a unit without any. Columns: 部门,
    统计范围, then the chosen periods (or every period the report gives a total for).
    Memoised: read-only.
    """
    return _MEMO.get(("grid", filters, measure, id(tables)), rows, lambda: _answer_grid(tables, filters, rows, measure))


def _answer_grid(tables: Tables, filters: Filters, rows: pd.DataFrame, measure: str) -> pd.DataFrame:
    goals = set(bases.goal_bases(tables))
    unit_label = MEASURE_UNITS[measure]
    shown = _cells(tables, rows, goals)
    scope_rows = filter_projects(tables, Filters(departments=filters.departments, periods=filters.periods))
    in_report = _cells(tables, scope_rows, goals)
    periods = list(filters.periods) or [p for p in vocab.PERIODS if any(k[2] == p for k in in_report)]
    units = list(filters.departments) or list(tables.departments.sort_values("page_order")["dept_id"])
    names = frames.labels(tables).dept
    order = {basis: i for i, basis in enumerate(bases.basis_labels(tables))}
    records = []
    for unit in units:
        lines = [k for k in shown if k[0] == unit]
        kinds = sorted(dict.fromkeys((k[1], k[3]) for k in lines), key=lambda kind: order[kind[1]]) or [(None, None)]
        for scope, basis in kinds:
            label = names[unit] + ("（全市统计）" if scope == "city" else "")
            record = {"部门": label, SCOPE_WORD: bases.basis_labels(tables)[basis] if basis else "全部"}
            for period in periods:
                record[PERIOD_SHORT[period]] = _cell(shown, in_report, unit, scope, period, basis, measure, unit_label)
            records.append(record)
    return pd.DataFrame(records, columns=["部门", SCOPE_WORD, *(PERIOD_SHORT[p] for p in periods)])


_Cells = dict[tuple[str, str, str, str], dict]


def _cells(tables: Tables, rows: pd.DataFrame, goals: set[str]) -> _Cells:
    """summarize(by unit) as {(unit, scope, period, basis): summary row}, targets and 预计 left out."""
    if rows.empty:
        return {}
    summary = summarize(tables, rows, by=("dept_id",))
    return {
        (str(r["dept_id"]), r["scope"], r["period"], r["basis"]): r
        for r in summary.to_dict("records")
        if r["basis"] not in goals
    }


def _cell(
    shown: _Cells,
    in_report: _Cells,
    unit: str,
    scope: str | None,
    period: str,
    basis: str | None,
    measure: str,
    unit_label: str,
) -> str:
    def value_in(cells: _Cells) -> Quantity | None:
        for (u, s, p, b), record in cells.items():
            if u == unit and p == period and (basis is None or (s, b) == (scope, basis)) and pd.notna(record[measure]):
                return summary_quantity(record, measure)
        return None

    quantity = value_in(shown)
    if quantity is not None:
        return quantity.label(unit_label)
    return FILTERED_OUT if value_in(in_report) is not None else NOT_GIVEN


# --------------------------------------------------------------------------
# 情景对比


def comparison(
    tables: Tables, filters_a: Filters, rows_a: pd.DataFrame, filters_b: Filters, rows_b: pd.DataFrame
) -> tuple[pd.DataFrame, str]:
    """情景对比's table (``comparison_rows``) and note (``comparison_note``) for two sets of rows (memoised)."""

    def compute() -> tuple[pd.DataFrame, str]:
        a, b = totals(tables, rows_a), totals(tables, rows_b)
        return comparison_rows(tables, a, b), comparison_note(a, b, filters_a, filters_b)

    # rows_b follows from (tables, filters_b), so its filters stand for it in the key
    return _MEMO.get(("comparison", filters_a, filters_b, id(tables)), rows_a, compute)


def comparison_rows(tables: Tables, a: list[GroupTotal], b: list[GroupTotal]) -> pd.DataFrame:
    """One row per 统计范围 and measure that either side gives: A, B, and B − A only
    where both sides give a number of the same kind; otherwise why not."""
    records = []
    for key, measures in compare_totals(a, b):
        for measure, (qa, qb, diff) in measures.items():
            given_a, given_b = _given(qa), _given(qb)
            if not given_a and not given_b:
                continue
            unit = MEASURE_UNITS[measure]
            records.append(
                {
                    SCOPE_WORD: scope_title(tables, key),
                    "指标": MEASURE_LABELS[measure],
                    "情景 A": short_value(qa, unit),
                    "情景 B": short_value(qb, unit),
                    "B − A": _difference_words(qa, qb, diff, unit),
                }
            )
    return pd.DataFrame(records, columns=[SCOPE_WORD, "指标", "情景 A", "情景 B", "B − A"])


def _given(quantity: Quantity | None) -> bool:
    return quantity is not None and quantity.value is not None


def _difference_words(qa: Quantity | None, qb: Quantity | None, diff: Quantity | None, unit: str) -> str:
    if not _given(qa) or not _given(qb):
        side = "A" if not _given(qa) else "B"
        return f"不相减（{side} {NOT_GIVEN}）"
    if diff is None:
        return "无法确定（A 是下限）"
    sign = "+" if diff.value and diff.value > 0 else ""
    text = f"{diff.symbol}{sign}{diff.label(unit).removeprefix(diff.symbol)}"
    return text + ("（仅已给出的部分）" if diff.undisclosed else "")


def comparison_note(a: list[GroupTotal], b: list[GroupTotal], filters_a: Filters, filters_b: Filters) -> str:
    """Says when A and B cannot be subtracted at all, or only in part (different periods)."""
    keys_a, keys_b = {total_key(t) for t in a}, {total_key(t) for t in b}
    if not a or not b:
        return ""
    if not keys_a & keys_b:
        return "A 和 B 没有同一统计范围的合计（时期、统计对象或项目类别不同），只并列列出，不相减。"
    if set(filters_a.periods) != set(filters_b.periods):
        return "A 和 B 选的时期不同：只有同一时期、同一统计范围的合计相减，其余并列列出。"
    return ""


def side_answers(tables: Tables, filters: Filters, rows: pd.DataFrame) -> list[Answer]:
    """One side of 情景对比 in sentences: its totals, and what it has nothing for."""
    return answers(tables, filters, rows) or [Answer("当前筛选没有匹配的记录。")]
