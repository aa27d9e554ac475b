"""The answer a view gives, in plain words for city staff: the report's headline
cards, one sentence per total that may be read on its own, a line for every
chosen unit or period the report gives nothing for, a line pointing to 2021's
上半年/下半年 numbers the 时期 filter leaves out, what the 投资规模 filter
compares, the department × period grid, and 情景对比's rows.

Pure: no Streamlit, so every layout of the words is unit-tested
(tests/test_answers.py). The words themselves are ``jjdata``'s: a total's
sentence and title (``jjdata.phrases``), an amount's cell and its kind
(``jjdata.amounts``), the like-with-like difference (``jjdata.query.compare_totals``);
this module only chooses which totals a view shows and lays them out. What the
report does not give reads “原文未给出”, what a view's filters leave out
“不在当前筛选内”, never 0. Each sentence carries the ids of the report's figures
it rests on, so a brief can cite them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from jjdata import BANDS, Filters, GroupTotal, Measured, Pool, Tables, bases, filter_projects, totals, vocab
from jjdata.amounts import FILTERED_OUT, MEASURE_NAMES, NOT_GIVEN
from jjdata.memo import IdentityMemo, per_tables
from jjdata.phrases import brief_total, kind_title, pool_title, total_sentence, unit_names, whose
from jjdata.query import compare_totals, headline_figures, summarize, summary_measured

from .urlstate import format_bound

SCOPE_WORD = "统计范围"
SCOPE_HELP = (
    "统计范围：同一时期、同一统计对象（各单位自己的统计，或某单位的全市清单）、同一阶段或类别（可纳统、已启动、"
    "储备、已签约、策划对接、策划生成、目标……）、同一计量单位的数才相加；不同统计范围分开列出，从不相加。"
)
MEASURE_LABELS = MEASURE_NAMES
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
    label: str  # as the report names it, e.g. "完成投资", "先后策划对接产业链项目数"
    value: str  # with its qualifier, without the unit: "≈405", "4,244.2"
    unit: str  # as printed: 个, 项, 亿元
    figure_id: str


@dataclass(frozen=True)
class HeadlineCard:
    title: str  # as the annotation names it, e.g. "2021年全市重点项目"
    unit_name: str  # whose: "全市（发改局统计）", "商务局（按全市统计理解，原文未明说）", "交通局"
    figures: tuple[CardFigure, ...]
    quote: str
    quote_start: int
    primary: bool  # one of the report's lead, city-wide cards (a first screen shows them)
    dept_id: str = ""
    read: bool = False  # its rows read their scope or period into the text: unit_name says so


# --------------------------------------------------------------------------
# Headline cards


@per_tables
def headline_cards(tables: Tables) -> tuple[list[HeadlineCard], list[HeadlineCard]]:
    """The report's headline cards: the lead, city-wide ones and the others, in the report's display order."""
    figures = headline_figures(tables)
    cards = []
    for _, card in figures.groupby("display_order", sort=True):
        records = card.to_dict("records")
        first = records[0]
        cards.append(
            HeadlineCard(
                title=str(first["title"]),
                unit_name=str(first["whose"]),
                figures=tuple(
                    CardFigure(str(f["label"]), _number_of(f), str(f["unit"]), f["figure_id"]) for f in records
                ),
                quote=str(first["quote"]),
                quote_start=int(first["quote_start"]),
                primary=bool(first["primary"]),
                dept_id=str(first["dept_id"]),
                read=bool(first["read"]),
            )
        )
    return [card for card in cards if card.primary], [card for card in cards if not card.primary]


def _number_of(figure: dict) -> str:
    """A card's number with its sign, the unit apart: "≈405" of "≈405亿元"."""
    return str(figure["value_text"]).removesuffix(str(figure["unit"]))


# --------------------------------------------------------------------------
# Sentences


def answers(tables: Tables, filters: Filters, rows: pd.DataFrame | None = None) -> list[Answer]:
    """The view's answer: one sentence per total of ``rows`` (the rows ``filters`` select),
    a line for every chosen unit and period that has nothing to show, then a line pointing to
    2021's 上半年/下半年 numbers the 时期 filter leaves out (memoised: read-only)."""
    rows = filter_projects(tables, filters) if rows is None else rows
    return _MEMO.get(("answers", filters, id(tables)), rows, lambda: _answers(tables, filters, rows))


def _answers(tables: Tables, filters: Filters, rows: pd.DataFrame) -> list[Answer]:
    said = [total_answer(tables, total, parts) for total, parts in _tops(tables, rows)]
    return said + missing_answers(tables, filters, rows) + period_part_answers(tables, filters)


def top_totals(tables: Tables, rows: pd.DataFrame) -> list[GroupTotal]:
    """The totals of ``rows`` that no other total of them holds (``_tops``), in display order."""
    return [total for total, _ in _tops(tables, rows)]


def _tops(tables: Tables, rows: pd.DataFrame) -> list[tuple[GroupTotal, tuple[GroupTotal, ...]]]:
    """Each total no other one holds, with the totals of other phases within it (水利局's 18 前期,
    10 在建项目包 and 4 可竣工 within its 32): said in its sentence and card, never added to it."""
    return _MEMO.get(("tops", id(tables)), rows, lambda: _find_tops(tables, rows))


def _find_tops(tables: Tables, rows: pd.DataFrame) -> list[tuple[GroupTotal, tuple[GroupTotal, ...]]]:
    found = totals(tables, rows)
    row_sets = {id(t): frozenset(t.row_ids) for t in found if any(other.within for other in found)}
    holder = {id(t): _holder(t, found, row_sets) for t in found}
    return [
        (total, tuple(p for p in found if _within(p, total, holder))) for total in found if holder[id(total)] is None
    ]


def _holder(total: GroupTotal, found: list[GroupTotal], row_sets: dict[int, frozenset[str]]) -> GroupTotal | None:
    """The total among ``found`` whose rows hold all of ``total``'s (the 32 for the 18 前期), if any."""
    if not total.within:
        return None
    return next((t for t in found if t is not total and row_sets[id(t)].issuperset(total.within)), None)


def _within(part: GroupTotal, total: GroupTotal, holder: dict[int, GroupTotal | None]) -> bool:
    """Whether ``part`` is held by ``total``, directly or through another part of it."""
    up = holder[id(part)]
    while up is not None:
        if up is total:
            return True
        up = holder[id(up)]
    return False


def total_answer(tables: Tables, total: GroupTotal, parts: tuple[GroupTotal, ...] = ()) -> Answer:
    """A total's sentence (with the totals of other phases within it) and the figures it rests on;
    a target or 预计 is a goal."""
    figure_ids = tuple(dict.fromkeys(f for t in (total, *parts) for f in t.figure_ids))
    return Answer(total_sentence(tables, total, parts), figure_ids, bases.is_goal(tables, total.basis))


def period_part_answers(tables: Tables, filters: Filters) -> list[Answer]:
    """When the 时期 filter holds a whole period (2021) but not its parts the text gives apart
    (上半年, 下半年; ``vocab.PERIOD_PARTS``): a line naming their numbers for the same other
    filters, never added to the whole; one for what exists and one for targets and 预计."""
    result = []
    for whole, parts in vocab.PERIOD_PARTS.items():
        left_out = tuple(p for p in parts if p not in filters.periods)
        if whole not in filters.periods or not left_out:
            continue
        found = totals(tables, filter_projects(tables, replace(filters, periods=left_out)))
        for goal in (False, True):
            chosen = [t for t in found if bases.is_goal(tables, t.basis) == goal]
            if chosen:
                result.append(_period_part_answer(tables, whole, chosen, goal))
    return result


def _period_part_answer(tables: Tables, whole: str, found: list[GroupTotal], goal: bool) -> Answer:
    """E.g. "另有 2021年上半年单独给出的数字，不计入 2021年的合计：晋江分园区已签约项目 6 个，……"."""
    periods = list(dict.fromkeys(total.period for total in found))
    by_period = []
    for period in periods:
        by_whom: dict[str, list[str]] = {}  # one unit's (or list's) numbers together, in display order
        for total in found:
            if total.period == period:
                who = whose(tables, total.pool, total.departments)
                read = f"（{vocab.READINGS['period']}）" if total.pool.period_read else ""
                by_whom.setdefault(who, []).append(brief_total(tables, total) + read)
        items = "；".join(who + "、".join(numbers) for who, numbers in by_whom.items())
        by_period.append(("" if len(periods) == 1 else f"{PERIOD_SHORT[period]}，") + items)
    names = "、".join(PERIOD_SHORT[p] for p in periods)
    what, kept_apart = ("提出的目标", "目标") if goal else ("给出的数字", "合计")
    choose = "”或“".join(PERIOD_SHORT[p] for p in periods)
    text = (
        f"另有 {names}单独{what}，不计入 {PERIOD_SHORT[whole]}的{kept_apart}：{'；'.join(by_period)}。"
        f"要看这些记录，在“时期”中加选“{choose}”。"
    )
    figure_ids = tuple(dict.fromkeys(f for total in found for f in total.figure_ids))
    return Answer(text, figure_ids, goal, about_the_rest=True)


def missing_answers(tables: Tables, filters: Filters, rows: pd.DataFrame) -> list[Answer]:
    """A line for every chosen unit (× chosen period) with no row among ``rows``:
    either the report gives nothing for it, or its rows are outside the other filters."""
    if not filters.departments and not filters.periods:
        return []
    in_report = filter_projects(tables, Filters(departments=filters.departments, periods=filters.periods))
    names = unit_names(tables)
    result = []
    for dept in filters.departments or (None,):
        for period in filters.periods or (None,):
            if _any_row(rows, dept, period):
                continue
            subject = names[dept] if dept else ""
            when = (
                (f"（{vocab.PERIODS[period]}）" if period == "" else vocab.PERIODS[period])
                if period is not None
                else ""
            )
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
            "投资规模按每条记录自己的投资（总投资、完成投资、计划总投资等，按原文所写）比较：项目组按整组的合计，不看组里的单个项目；"
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
        parts.append(f"{format_bound(low)}–{format_bound(high)} 亿元")
    elif low is not None:
        parts.append(f"{format_bound(low)} 亿元及以上")
    elif high is not None:
        parts.append(f"{format_bound(high)} 亿元及以下")
    return "所选范围（" + "、".join(parts) + "）内"


# --------------------------------------------------------------------------
# The department × period grid


def answer_grid(tables: Tables, filters: Filters, rows: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Units (× kind of total) by period, one measure: each cell that unit's total for
    that period alone, or 原文未给出 (the report gives no such number), or 不在当前筛选内
    (the report gives one, outside the other filters). Targets and 预计 are left out.

    Rows: the chosen units (all units when none is chosen), one per kind of total
    the rows hold (a pool but for its period), or one "全部" row for a unit without
    any. Columns: 部门, 统计范围, then the chosen periods (or every period the
    report gives a total for). Memoised: read-only.
    """
    return _MEMO.get(("grid", filters, measure, id(tables)), rows, lambda: _answer_grid(tables, filters, rows, measure))


def _kind_of(pool: Pool) -> Pool:
    """A pool but for its period: one line of the grid."""
    return replace(pool, period="", period_read=False)


def _answer_grid(tables: Tables, filters: Filters, rows: pd.DataFrame, measure: str) -> pd.DataFrame:
    goals = set(bases.goal_bases(tables))
    shown = _cells(tables, rows, goals)
    in_report = _cells(
        tables, filter_projects(tables, Filters(departments=filters.departments, periods=filters.periods)), goals
    )
    periods = list(filters.periods) or [p for p in vocab.PERIODS if any(k[1].period == p for k in in_report)]
    units = list(filters.departments) or list(tables.departments.sort_values("page_order")["dept_id"])
    names = unit_names(tables)
    records = []
    for unit in units:
        kinds = list(dict.fromkeys(_kind_of(pool) for u, pool in shown if u == unit)) or [None]
        for kind in kinds:
            label = whose(tables, kind, (unit,)) if kind is not None and kind.city else names[unit]
            record = {"部门": label, SCOPE_WORD: kind_title(tables, kind) if kind is not None else "全部"}
            for period in periods:
                record[PERIOD_SHORT[period]] = _grid_cell(shown, in_report, unit, kind, period, measure)
            records.append(record)
    return pd.DataFrame(records, columns=["部门", SCOPE_WORD, *(PERIOD_SHORT[p] for p in periods)])


_Cells = dict[tuple[str, Pool], dict]
UNLIKE = "口径不同，不相加（见上方文字）"


def _cells(tables: Tables, rows: pd.DataFrame, goals: set[str]) -> _Cells:
    """summarize(by unit) as {(unit, pool): summary row}, targets and 预计 left out, in display order."""
    if rows.empty:
        return {}
    summary = summarize(tables, rows, by=("dept_id",))
    return {(str(r["dept_id"]), r["pool"]): r for r in summary.to_dict("records") if r["basis"] not in goals}


def _grid_cell(shown: _Cells, in_report: _Cells, unit: str, kind: Pool | None, period: str, measure: str) -> str:
    """The unit's total of the kind (any kind when ``kind`` is None) for the period, in words."""
    for (u, pool), record in shown.items():
        if u == unit and pool.period == period and (kind is None or _kind_of(pool) == kind):
            if record[f"{measure}_mixed"]:
                return UNLIKE
            measured = summary_measured(record, measure)
            if measured.given:
                read = f"（{vocab.READINGS['period']}）" if pool.period_read else ""
                return measured.column_cell() + read
    given = any(
        u == unit and pool.period == period and (kind is None or _kind_of(pool) == kind) and pd.notna(r[measure])
        for (u, pool), r in in_report.items()
    )
    return FILTERED_OUT if given else NOT_GIVEN


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


COMPARISON_COLUMNS = (SCOPE_WORD, "指标", "情景 A", "情景 B", "B − A")


@dataclass(frozen=True)
class ComparedRow:
    """One row of 情景对比's table: a 统计范围 and a measure, each side in words, and B − A."""

    pool: Pool
    measure: str
    cells: dict[str, str]  # COMPARISON_COLUMNS -> words


def comparison_records(tables: Tables, a: list[GroupTotal], b: list[GroupTotal]) -> list[ComparedRow]:
    """One row per 统计范围 and measure that either side gives: A, B, and B − A only
    where both sides give one complete number of the same kind; otherwise why not.
    A side whose filters leave the 统计范围 out says 不在当前筛选内, never 原文未给出."""
    by_a, by_b = {t.pool: t for t in a}, {t.pool: t for t in b}
    records = []
    for pool, measures in compare_totals(tables, a, b):
        units = tuple(dict.fromkeys([*_units(by_a.get(pool)), *_units(by_b.get(pool))]))
        for measure, (qa, qb, diff) in measures.items():
            if not _given(qa) and not _given(qb):
                continue
            labels = {q.label for q in (qa, qb) if q is not None and q.given}
            cells = {
                SCOPE_WORD: pool_title(tables, pool, units),
                "指标": labels.pop() if len(labels) == 1 else MEASURE_NAMES[measure],
                "情景 A": _side_cell(tables, by_a.get(pool), qa),
                "情景 B": _side_cell(tables, by_b.get(pool), qb),
                "B − A": diff.cell(),
            }
            records.append(ComparedRow(pool, measure, cells))
    return records


def comparison_rows(tables: Tables, a: list[GroupTotal], b: list[GroupTotal]) -> pd.DataFrame:
    """``comparison_records`` as 情景对比's table."""
    rows = [row.cells for row in comparison_records(tables, a, b)]
    return pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS))


def _units(total: GroupTotal | None) -> tuple[str, ...]:
    return total.departments if total is not None else ()


def _given(measured: Measured | None) -> bool:
    return measured is not None and measured.given


def _side_cell(tables: Tables, total: GroupTotal | None, measured: Measured | None) -> str:
    """A side's number: its cell, "（只有水利局给出）" when only some of its units give it;
    不在当前筛选内 when its filters leave the 统计范围 out; 原文未给出."""
    if total is None or measured is None:
        return FILTERED_OUT
    if not measured.given:
        return measured.missing_words()
    givers = [part.dept_id for part in total.parts if part.measured(measured.measure).given]
    if len(givers) == len(total.parts):
        return measured.cell()
    return measured.cell(mark_partial=False) + f"（只有{'、'.join(unit_names(tables)[d] for d in givers)}给出）"


def comparison_note(a: list[GroupTotal], b: list[GroupTotal], filters_a: Filters, filters_b: Filters) -> str:
    """Says when A and B cannot be subtracted at all, or only in part (different periods)."""
    pools_a, pools_b = {t.pool for t in a}, {t.pool for t in b}
    if not a or not b:
        return ""
    if not pools_a & pools_b:
        return "A 和 B 没有同一统计范围的合计（时期、统计对象、阶段或类别不同），只并列列出，不相减。"
    if set(filters_a.periods) != set(filters_b.periods):
        return "A 和 B 选的时期不同：只有同一时期、同一统计范围的合计相减，其余并列列出。"
    return ""


def side_answers(tables: Tables, filters: Filters, rows: pd.DataFrame) -> list[Answer]:
    """One side of 情景对比 in sentences: its totals, and what it has nothing for."""
    return answers(tables, filters, rows) or [Answer("当前筛选没有匹配的记录。")]
