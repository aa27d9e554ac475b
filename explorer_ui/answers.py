"""The answer a view gives, in plain words for city staff: the report's headline
cards, one sentence per total that may be read on its own, a line for every
chosen unit or period the report gives nothing for, a line pointing to 2021's
上半年/下半年 numbers the 时期 filter leaves out, what the 投资规模 filter
compares, the department × period grid, and 情景对比's rows.

Pure: no Streamlit, so every wording is unit-tested (tests/test_answers.py).
Totals come from ``jjdata`` only: nothing is added across periods, universes
or bases, a group is never counted with its own parts, and what the report
does not give reads “原文未给出”, never 0. An amount only some units give says
whose it is before the number; one row's number keeps the report's own unit
and words (375 项, 计划总投资); a city-wide list the data only reads as such says
so. Each sentence carries the ids of the report's figures it rests on, so a
brief can cite them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from jjdata import BANDS, DepartmentPart, Filters, GroupTotal, Quantity, Tables, bases, filter_projects, totals, vocab
from jjdata.memo import IdentityMemo, per_tables
from jjdata.phrases import listed_apart_words, measure_words
from jjdata.query import (
    MEASURE_UNITS,
    MEASURES,
    compare_totals,
    counted_rows,
    headline_figures,
    summarize,
)
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
    # says what the filters leave out or the report does not give: never folded away on a page
    about_the_rest: bool = False


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
    """Whose numbers: "交通局", "住建局、水利局", "全市（发改局统计）", or "各部门" for any unit;
    a unit's list the data reads as city-wide without the text saying so: "商务局（按全市统计理解，原文未明说）"."""
    names = frames.labels(tables).dept
    if scope == "city":
        if city_list in frames.city_wide_by_reading(tables):  # not "全市": the text does not say it
            return f"{names[city_list]}（{frames.CITY_READING}）"
        return f"全市（{names[city_list]}统计）"
    return "、".join(names[d] for d in departments) or "各部门"


def _city_words(tables: Tables, city_list: str) -> str:
    """What a unit's city-wide list is, after the unit's name: "（全市统计）", or the reading."""
    return f"（{frames.CITY_READING}）" if city_list in frames.city_wide_by_reading(tables) else "（全市统计）"


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
    names it alone on the card, an amount in the report's own word for it (完成投资,
    计划总投资); else the report's own words for the figure."""
    filled = _measure_of_figures(tables)
    measures = [filled.get(f["figure_id"], "") for f in records]
    short = [MEASURE_LABELS.get(m, "") for m in measures]
    return [
        (_printed_words(tables, f["figure_id"], m) or s) if s and short.count(s) == 1 else str(f["measure"])
        for s, m, f in zip(short, measures, records, strict=True)
    ]


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
    a line for every chosen unit and period that has nothing to show, then a line pointing to
    2021's 上半年/下半年 numbers the 时期 filter leaves out (memoised: read-only)."""
    rows = filter_projects(tables, filters) if rows is None else rows
    return _MEMO.get(("answers", filters, id(tables)), rows, lambda: _answers(tables, filters, rows))


def _answers(tables: Tables, filters: Filters, rows: pd.DataFrame) -> list[Answer]:
    said = [_total_answer(tables, total, givers) for total, givers in _totals_with_givers(tables, rows)]
    return said + missing_answers(tables, filters, rows) + period_part_answers(tables, filters)


@dataclass(frozen=True)
class _Givers:
    """Which counted rows of a total give each measure: positions in ``tables.projects`` and units."""

    tables: Tables
    rows: dict[str, np.ndarray]  # measure -> positions of the counted rows that give it
    units: dict[str, np.ndarray]  # measure -> the unit of each of those rows
    all_single: bool  # each row of the total is a single project
    figure_ids: tuple[str, ...]  # the figures of the rows it adds up

    def sole_figure(self, measure: str, dept: str | None = None) -> str | None:
        """The figure behind the number when one row alone gives it, as printed (its own figure)."""
        found = self.rows[measure] if dept is None else self.rows[measure][self.units[measure] == dept]
        return _own_figure_of(self.tables)[measure].get(int(found[0])) if len(found) == 1 else None


def _totals_with_givers(tables: Tables, rows: pd.DataFrame) -> list[tuple[GroupTotal, _Givers]]:
    """Each total of ``rows`` with the rows that give its numbers (memoised: the answers and the grid ask)."""
    return _MEMO.get(("givers", id(tables)), rows, lambda: _find_givers(tables, rows))


def _find_givers(tables: Tables, rows: pd.DataFrame) -> list[tuple[GroupTotal, _Givers]]:
    if rows.empty:
        return []
    counted = counted_rows(tables, rows)
    members = counted.groupby(["scope", "city_list", "period", "basis"], sort=False).indices
    is_counted = counted["counted"].to_numpy()
    positions = rows.index.to_numpy(dtype=np.int64)
    single = (rows["granularity"] == "single").to_numpy()
    units = rows["dept_id"].astype("object").to_numpy()
    known = {m: ~np.isnan(counted[f"{m}_value"].to_numpy(dtype="float64")) for m in MEASURES}
    result = []
    for total in totals(tables, rows):
        mine = members[total_key(total)]
        counted_mine = mine[is_counted[mine]]
        giving = {m: counted_mine[known[m][counted_mine]] for m in MEASURES}
        givers = _Givers(
            tables,
            {m: positions[at] for m, at in giving.items()},
            {m: units[at] for m, at in giving.items()},
            bool(single[mine].all()),
            _cited(tables, positions[counted_mine]),
        )
        result.append((total, givers))
    return result


def _total_answer(tables: Tables, total: GroupTotal, givers: _Givers) -> Answer:
    """E.g. "交通局“十四五”（2021–2025）储备项目：38 个，总投资约 405 亿元；原文未给出年度计划投资。"

    A number only some units (or rows) give says whose it is before the number:
    "……199 个（住建局 167 个，水利局 32 个），其中给出总投资和年度计划投资的只有水利局（32 个）：……".
    """
    goal = bases.is_goal(tables, total.basis)
    given = [m for m in MEASURES if getattr(total, m).value is not None]
    whose = f"{who(tables, total.scope, total.city_list or '', total.departments)}{_period_words(total.period)}"
    kind = kind_words(tables, total.basis)
    if not given:
        listed = f"原文列出 {total.rows} 个具体项目" if givers.all_single else f"原文列出 {total.rows} 条记录"
        return Answer(f"{whose}{kind}：{listed}，没有给出数量和投资。", (), goal)
    clauses, summed = _clauses(tables, total, givers)
    several = total.scope == "department" and len(total.departments) > 1
    head = f"{whose}{kind}{'合计' if several and summed else ''}："
    missing = [MEASURE_LABELS[m] for m in MEASURES if m not in given]
    tail = f"；{NOT_GIVEN}{'和'.join(missing)}" if missing else ""
    apart = listed_apart_words(tables, total)
    return Answer(head + clauses + tail + (f"；{apart}" if apart else "") + "。", givers.figure_ids, goal)


def _clauses(tables: Tables, total: GroupTotal, givers: _Givers) -> tuple[str, bool]:
    """The numbers of a total in words, and whether the first one adds up several units.

    A measure every unit gives reads "总投资 X（住建局 a，水利局 b）"; measures only some
    units (or, in one unit, some rows) give are grouped by who gives them and say so first.
    """
    several = total.scope == "department" and len(total.departments) > 1
    full: dict[str, str] = {}
    partial: dict[tuple[str, int], list[str]] = {}  # (who gives them, their rows without it) -> measures
    for measure in (m for m in MEASURES if getattr(total, m).value is not None):
        quantity: Quantity = getattr(total, measure)
        by = _given_by(tables, total, givers, measure)
        if by is None:
            notes = [_shares(tables, total, givers, measure)] if several else []
            if quantity.undisclosed:
                notes.append(f"另有 {quantity.undisclosed} 条记录原文未给出{_WHAT[measure]}，未计入")
            full[measure] = _number_words(tables, total, givers, measure) + (f"（{'；'.join(notes)}）" if notes else "")
        else:
            partial.setdefault(by, []).append(measure)
    first_measure = next(m for m in MEASURES if m in full or any(m in ms for ms in partial.values()))
    parts: list[str] = []
    for measure in MEASURES:
        if measure in full:
            parts.append(full[measure])
        group = next(((by, ms) for by, ms in partial.items() if ms[0] == measure), None)
        if group is not None:
            parts.append(_partial_words(tables, total, givers, *group, opens=not parts))
    return "，".join(parts), first_measure in full


def _label(tables: Tables, total: GroupTotal, givers: _Givers, measure: str, dept: str | None = None) -> str:
    """A measure's name before its number: "总投资", "估算总投资", the report's own ("计划总投资",
    "完成投资") when one row stands for the number; "" or 预计/估算 for a count."""
    quantity: Quantity = getattr(total, measure)
    if bases.basis_group(tables, total.basis) == "expected":  # the head already says 预计
        return "" if measure == "projects" else MEASURE_LABELS[measure]
    if measure == "projects":
        return quantity.estimate
    printed = _printed_words(tables, givers.sole_figure(measure, dept), measure)
    if printed and (not quantity.estimate or quantity.estimate in printed):
        return printed
    return measure_words(measure, quantity)


def _unit(tables: Tables, givers: _Givers, measure: str, dept: str | None = None) -> str:
    """The unit of a number: the report's own ("项") when one row stands for it, else 个 or 亿元."""
    figure_id = givers.sole_figure(measure, dept)
    return _figure_units(tables)[figure_id] if figure_id else MEASURE_UNITS[measure]


def _number_words(tables: Tables, total: GroupTotal, givers: _Givers, measure: str) -> str:
    label = _label(tables, total, givers, measure)
    words = in_words(getattr(total, measure), _unit(tables, givers, measure))
    return f"{label}{' ' if label and words[0].isdigit() else ''}{words}"


def _given_by(tables: Tables, total: GroupTotal, givers: _Givers, measure: str) -> tuple[str, int] | None:
    """Who alone gives a measure that some of the total's units (or, in one unit, rows) leave out,
    and how many rows the note under it names; None when every unit and row gives it."""
    quantity: Quantity = getattr(total, measure)
    giving = [part for part in total.parts if getattr(part, measure).value is not None]
    if total.scope == "department" and len(giving) < len(total.parts):
        names = frames.labels(tables).dept
        whose = "、".join(names[part.dept_id] for part in giving)
        if measure == "projects":  # no count of the others to set beside it: say how many rows give none
            return whose, quantity.undisclosed
        return whose + _sizes(tables, givers, giving, measure), sum(getattr(p, measure).undisclosed for p in giving)
    if quantity.undisclosed and len(givers.rows[measure]) <= _NAMED_GIVERS:
        names = frames.labels(tables).project
        ids = tables.projects["project_id"].to_numpy()[givers.rows[measure]]
        return "、".join(_quoted(names[i]) for i in ids), quantity.undisclosed
    return None


def _sizes(tables: Tables, givers: _Givers, giving: list[DepartmentPart], measure: str) -> str:
    """How many projects the units that give an amount hold: "（32 个）", "（住建局 22 个，工信局 375 项）";
    "" when some of their rows leave out the amount or the count (the count would not be the amount's)."""
    if any(p.projects.value is None or p.projects.undisclosed or getattr(p, measure).undisclosed for p in giving):
        return ""
    words = [in_words(p.projects, _unit(tables, givers, "projects", p.dept_id)) for p in giving]
    if len(words) == 1:
        return f"（{words[0]}）"
    names = frames.labels(tables).dept
    return "（" + "，".join(f"{names[p.dept_id]} {w}" for p, w in zip(giving, words, strict=True)) + "）"


_NAMED_GIVERS = 3  # up to this many rows giving a number are named; more read "另有 N 条记录原文未给出"


def _partial_words(
    tables: Tables, total: GroupTotal, givers: _Givers, by: tuple[str, int], measures: list[str], opens: bool
) -> str:
    """E.g. "其中给出总投资和年度计划投资的只有水利局（32 个）：总投资 101.78 亿元，年度计划投资 11.41 亿元"."""
    whose, left_out = by
    labels = [
        MEASURE_LABELS[m] if m == "projects" else _label(tables, total, givers, m) or MEASURE_LABELS[m]
        for m in measures
    ]
    if len(measures) == 1:
        numbers = in_words(getattr(total, measures[0]), _unit(tables, givers, measures[0]))
    else:  # each number with its name
        numbers = "，".join(_number_words(tables, total, givers, m) for m in measures)
    what = "和".join(_WHAT[m] for m in measures)
    note = f"（另有 {left_out} 条记录原文未给出{what}，未计入）" if left_out else ""
    lead = f"给出{'和'.join(labels)}的只有{whose}"
    return f"{lead}，{numbers}{note}" if opens else f"其中{lead}：{numbers}{note}"


def _shares(tables: Tables, total: GroupTotal, givers: _Givers, measure: str) -> str:
    """Each unit's share of a total of several units, in its own unit: "住建局 22 个，工信局 375 项"."""
    names = frames.labels(tables).dept
    return "，".join(
        f"{names[part.dept_id]} {in_words(getattr(part, measure), _unit(tables, givers, measure, part.dept_id))}"
        for part in total.parts
    )


_WHAT = {"projects": "数量", "investment": "总投资", "annual_investment": "年度计划投资"}
# The report's own names for an amount, longest first, as the figures' names hold them
# ("新增签约项目计划总投资", "交通重点项目完成投资"): said when one row stands for the number.
_PRINTED_MEASURES = {
    "investment": ("计划总投资", "估算总投资", "完成投资", "总投资"),
    "annual_investment": ("年度计划投资",),
}


def _printed_words(tables: Tables, figure_id: str | None, measure: str) -> str:
    if figure_id is None:
        return ""
    name = _figure_names(tables)[figure_id]
    return next((word for word in _PRINTED_MEASURES.get(measure, ()) if word in name), "")


@per_tables
def _figure_units(tables: Tables) -> dict[str, str]:
    return dict(zip(tables.figures["figure_id"], tables.figures["unit"].astype(str), strict=True))


@per_tables
def _figure_names(tables: Tables) -> dict[str, str]:
    return dict(zip(tables.figures["figure_id"], tables.figures["measure"].astype(str), strict=True))


@per_tables
def _own_figure_of(tables: Tables) -> dict[str, dict[int, str]]:
    """Measure -> {position of a project row: the figure that gives that row's own number}."""
    own = _own_figures(tables)
    result: dict[str, dict[int, str]] = {m: {} for m in MEASURES}
    for position, figure_id, measure in zip(own["position"], own["figure_id"], own["measure"], strict=True):
        result[measure].setdefault(int(position), figure_id)
    return result


def period_part_answers(tables: Tables, filters: Filters) -> list[Answer]:
    """When the 时期 filter holds a whole period (2021) but not its parts the text gives apart
    (上半年, 下半年; ``vocab.PERIOD_PARTS``): a line naming their numbers for the same other
    filters, never added to the whole; one for what exists and one for targets and 预计."""
    result = []
    for whole, parts in vocab.PERIOD_PARTS.items():
        left_out = tuple(p for p in parts if p not in filters.periods)
        if whole not in filters.periods or not left_out:
            continue
        part_rows = filter_projects(tables, replace(filters, periods=left_out))
        found = _totals_with_givers(tables, part_rows)
        for goal in (False, True):
            chosen = [(t, g) for t, g in found if bases.is_goal(tables, t.basis) == goal]
            if chosen:
                result.append(_period_part_answer(tables, whole, chosen, goal))
    return result


def _period_part_answer(tables: Tables, whole: str, found: list[tuple[GroupTotal, _Givers]], goal: bool) -> Answer:
    """E.g. "另有 2021年上半年单独给出的数字，不计入 2021年的合计：晋江分园区已签约项目 6 个，……"."""
    periods = list(dict.fromkeys(total.period for total, _ in found))
    by_period = []
    for period in periods:
        by_whom: dict[str, list[str]] = {}  # one unit's (or list's) numbers together, in display order
        for total, givers in found:
            if total.period == period:
                whose = who(tables, total.scope, total.city_list or "", total.departments)
                by_whom.setdefault(whose, []).append(_brief_total(tables, total, givers))
        items = "；".join(whose + "、".join(numbers) for whose, numbers in by_whom.items())
        by_period.append(("" if len(periods) == 1 else f"{PERIOD_SHORT[period]}，") + items)
    names = "、".join(PERIOD_SHORT[p] for p in periods)
    what, kept_apart = ("提出的目标", "目标") if goal else ("给出的数字", "合计")
    choose = "”或“".join(PERIOD_SHORT[p] for p in periods)
    text = (
        f"另有 {names}单独{what}，不计入 {PERIOD_SHORT[whole]}的{kept_apart}：{'；'.join(by_period)}。"
        f"要看这些记录，在“时期”中加选“{choose}”。"
    )
    figure_ids = tuple(dict.fromkeys(f for _, givers in found for f in givers.figure_ids))
    return Answer(text, figure_ids, goal, about_the_rest=True)


def _brief_total(tables: Tables, total: GroupTotal, givers: _Givers) -> str:
    """A total's kind and numbers, after whose they are: "已签约项目 6 个，计划总投资 71 亿元"."""
    kind = kind_words(tables, total.basis)
    if not any(getattr(total, m).value is not None for m in MEASURES):
        return f"{kind}（原文列出 {total.rows} 条记录，没有给出数量和投资）"
    clauses, _ = _clauses(tables, total, givers)
    return f"{kind} {clauses}"


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
                result.append(
                    Answer(f"{subject}{when}：原文有 {found} 条记录，但不在当前的其他筛选范围内。", about_the_rest=True)
                )
            elif dept and period is not None:
                of_period = "不注明时期" if period == "" else vocab.PERIODS[period]
                result.append(Answer(f"{subject}：{NOT_GIVEN}{of_period}的项目数和投资。", about_the_rest=True))
            else:
                result.append(Answer(f"{subject or when}：{NOT_GIVEN}项目数和投资。", about_the_rest=True))
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
    shown = _cells(tables, rows, goals)
    scope_rows = filter_projects(tables, Filters(departments=filters.departments, periods=filters.periods))
    in_report = _cells(tables, scope_rows, goals)
    givers = {total_key(total): g for total, g in _totals_with_givers(tables, rows)}
    periods = list(filters.periods) or [p for p in vocab.PERIODS if any(k[2] == p for k in in_report)]
    units = list(filters.departments) or list(tables.departments.sort_values("page_order")["dept_id"])
    names = frames.labels(tables).dept
    order = {basis: i for i, basis in enumerate(bases.basis_labels(tables))}
    records = []
    for unit in units:
        lines = [k for k in shown if k[0] == unit]
        kinds = sorted(dict.fromkeys((k[1], k[3]) for k in lines), key=lambda kind: order[kind[1]]) or [(None, None)]
        for scope, basis in kinds:
            label = names[unit] + (_city_words(tables, unit) if scope == "city" else "")
            record = {"部门": label, SCOPE_WORD: bases.basis_labels(tables)[basis] if basis else "全部"}
            for period in periods:
                found = givers.get((scope, unit if scope == "city" else "", period, basis))
                quantity = _value_in(shown, unit, scope, period, basis, measure)
                if quantity is not None:
                    unit_words = _unit(tables, found, measure, unit) if found else MEASURE_UNITS[measure]
                    cell = quantity.label(unit_words)
                else:
                    given = _value_in(in_report, unit, scope, period, basis, measure) is not None
                    cell = FILTERED_OUT if given else NOT_GIVEN
                record[PERIOD_SHORT[period]] = cell
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


def _value_in(
    cells: _Cells, unit: str, scope: str | None, period: str, basis: str | None, measure: str
) -> Quantity | None:
    """The unit's total for the period in ``cells`` (of any kind when ``basis`` is None), if it gives ``measure``."""
    for (u, s, p, b), record in cells.items():
        if u == unit and p == period and (basis is None or (s, b) == (scope, basis)) and pd.notna(record[measure]):
            return summary_quantity(record, measure)
    return None


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
    by_a, by_b = {total_key(t): t for t in a}, {total_key(t): t for t in b}
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
                    "情景 A": short_value(qa, unit) + _only_from(tables, by_a.get(key), measure),
                    "情景 B": short_value(qb, unit) + _only_from(tables, by_b.get(key), measure),
                    "B − A": _difference_words(qa, qb, diff, unit),
                }
            )
    return pd.DataFrame(records, columns=[SCOPE_WORD, "指标", "情景 A", "情景 B", "B − A"])


def _only_from(tables: Tables, total: GroupTotal | None, measure: str) -> str:
    """ "（只有水利局给出）" after a side's number that only some of its units give, else ""."""
    if total is None or getattr(total, measure).value is None:
        return ""
    givers = [part.dept_id for part in total.parts if getattr(part, measure).value is not None]
    if len(givers) == len(total.parts):
        return ""
    names = frames.labels(tables).dept
    return f"（只有{'、'.join(names[d] for d in givers)}给出）"


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
