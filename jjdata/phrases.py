"""A total in plain Chinese, built from the tables: whose it is, of what period and kind, and
what it holds, in the words every surface prints (answers, titles, cards, exports, the brief).

The words of a single amount (≈405 亿元, 完成投资, 375 项, a tool's sum) are
``jjdata.amounts``'; this module adds what only the tables can say: units'
names, the kind of a basis, which units or rows give a number the others
leave out, the named projects listed beside a group, the group a total's rows
are within, and the marks of a reading (按全市统计理解，原文未明说).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import bases, vocab
from .amounts import MEASURE_NAMES, MEASURES, NOT_GIVEN, TOOL_SUM, Measured, Pool
from .memo import per_tables

if TYPE_CHECKING:
    from .load import Tables
    from .query import DepartmentPart, GroupTotal, SeriesKind

# How a total's kind reads after the unit and period ("交通局“十四五”储备项目"): labels that do not end in 项目.
_KIND_SUFFIX = {"generated": "项目", "unphased": "的项目", "expected": "项目"}
_WHAT = {"projects": "数量", "investment": "总投资", "annual_investment": "年度计划投资"}
NAMED_GIVERS = 3  # up to this many rows giving a number are named; more read "另有 N 条记录原文未给出"


@per_tables
def unit_names(tables: Tables) -> dict[str, str]:
    """Unit id -> its short name."""
    return dict(zip(tables.departments["dept_id"], tables.departments["short_name"], strict=True))


def whose(tables: Tables, pool: Pool, departments: tuple[str, ...] = ()) -> str:
    """Whose numbers: "交通局", "住建局、水利局", "全市（发改局统计）"; a city-wide list by a reading:
    "商务局（按全市统计理解，原文未明说）". Units are always named (never "各部门")."""
    names = unit_names(tables)
    if pool.city:
        if pool.scope_read:
            return f"{names[pool.owner]}（{vocab.READINGS['scope']}）"
        return f"全市（{names[pool.owner]}统计）"
    return "、".join(names[d] for d in departments)


def kind_words(tables: Tables, basis: str) -> str:
    """A basis as the end of a phrase: "储备项目", "可纳统项目", "策划生成项目", "签约目标"."""
    return bases.basis_labels(tables)[basis] + _KIND_SUFFIX.get(bases.basis_group(tables, basis), "")


def kind_title(tables: Tables, pool: Pool) -> str:
    """What a pool's rows are, as a title: "储备项目", "在建项目 · 项目包", "储备项目（按“项”计）"."""
    kind = bases.basis_labels(tables)[pool.basis]
    if pool.count_word != "项目":
        kind += f" · {pool.count_word}"
    if pool.count_unit != vocab.COUNT_UNITS[0]:
        kind += f"（按“{pool.count_unit}”计）"
    return kind


def pool_title(tables: Tables, pool: Pool, departments: tuple[str, ...]) -> str:
    """A 统计范围 as a title: "“十四五”（2021–2025） · 交通局 · 储备项目"; what a count counts and its
    printed unit where they are not 项目 and 个 ("· 项目包", "（按“项”计）")."""
    return f"{pool.period_words()} · {whose(tables, pool, departments)} · {kind_title(tables, pool)}"


def series_title(tables: Tables, series: SeriesKind, with_unit: bool = True) -> str:
    """What a chart's bars are: "储备项目的项目数（个）", "已实施项目的完成投资（亿元）" (without the
    unit where the chart says it apart)."""
    title = f"{kind_words(tables, series.basis)}的{series.label}"
    return f"{title}（{series.unit}）" if with_unit else title


def bar_label(tables: Tables, pool: Pool, dept: str) -> str:
    """One bar's unit: "交通局"; a city-wide list "发改局（全市）"; by a reading, the reading's words."""
    names = unit_names(tables)
    if not pool.city:
        return names[dept]
    return f"{names[dept]}（{vocab.READINGS['scope']}）" if pool.scope_read else f"{names[dept]}（全市）"


@per_tables
def row_whose(tables: Tables) -> list[str]:
    """Each project row's unit as a table names it, by position: "交通局", a city-wide list
    "发改局（全市）", a list city-wide by a reading "商务局（按全市统计理解，原文未明说）"."""
    from .query import row_pools

    pools = row_pools(tables)
    return [bar_label(tables, pool, dept) for pool, dept in zip(pools, tables.projects["dept_id"], strict=True)]


def total_title(tables: Tables, total: GroupTotal) -> str:
    return pool_title(tables, total.pool, total.departments)


def _period_in_sentence(pool: Pool) -> str:
    return f"（{pool.period_words()}）" if pool.period == "" else pool.period_words()


def total_head(tables: Tables, total: GroupTotal) -> str:
    """Whose, when and what: "交通局“十四五”（2021–2025）储备项目"."""
    return f"{whose(tables, total.pool, total.departments)}{_period_in_sentence(total.pool)}{kind_words(tables, total.basis)}"


def total_sentence(tables: Tables, total: GroupTotal, parts: tuple[GroupTotal, ...] = ()) -> str:
    """E.g. "交通局“十四五”（2021–2025）储备项目：38 个，总投资约 405 亿元；原文未给出年度计划投资。"

    A number only some units (or rows) give says whose it is before the number;
    a total the tool added says so (合计（本工具相加））; named rows listed beside a
    group, and the group of another kind the rows are within, are said too.
    ``parts``: totals of other phases whose rows are all within this one's
    (水利局's 18 前期, 10 在建项目包 and 4 可竣工 within its 32), said inside its
    sentence and never added to it (see ``parts_words``).
    """
    head = total_head(tables, total)
    inside = parts_words(tables, parts)
    after = [w for w in (listed_apart_words(tables, total), within_words(tables, total), inside) if w]
    tail = "".join(f"；{w}" for w in after)
    if not total.gives_a_number:
        return f"{head}：{_rows_without_numbers(tables, total)}，没有给出数量和投资{tail}。"
    clauses, summed = _clauses(tables, total)
    return f"{head}{'合计' if summed else ''}：{clauses}{_gaps(tables, total)}{tail}。"


def _gaps(tables: Tables, total: GroupTotal) -> str:
    """What the total's rows do not give: "；原文未给出年度计划投资", and a measure only a group above
    them gives: "；原文只给出上一级“十四五”交通重点储备项目的总投资（不在当前筛选内），没有给出这几项的"."""
    missing = [m for m in MEASURES if not total.measured(m).given]
    plain = [MEASURE_NAMES[m] for m in missing if not total.measured(m).given_above]
    words = f"；{NOT_GIVEN}{'和'.join(plain)}" if plain else ""
    rows = _project_facts(tables)
    by_groups: dict[tuple[str, ...], list[str]] = {}
    for measure in (m for m in missing if total.measured(m).given_above):
        by_groups.setdefault(total.measured(measure).given_above, []).append(MEASURE_NAMES[measure])
    for groups, names in by_groups.items():
        above = "、".join(_quoted(str(rows[g]["name"])) for g in groups)
        words += f"；原文只给出上一级{above}的{'和'.join(names)}（不在当前筛选内），没有给出这几项的"
    return words


def parts_words(tables: Tables, parts: tuple[GroupTotal, ...]) -> str:
    """Totals of other phases within a total, in one clause: "其中前期（未开工）项目 18 个，在建项目 10 个项目包
    （其中在建项目 29 个子项目），近期可竣工项目 4 个（原文分列，都在其中，不另相加）"; a part's own parts
    in brackets after it."""
    if not parts:
        return ""
    rows = {id(p): frozenset(p.row_ids) for p in parts}
    outer = [p for p in parts if not any(rows[id(q)].issuperset(p.within) for q in parts if q is not p)]
    said = []
    for part in outer:
        inner = tuple(q for q in parts if q is not part and rows[id(part)].issuperset(q.within))
        said.append(
            brief_total(tables, part) + (f"（其中{'，'.join(brief_total(tables, q) for q in inner)}）" if inner else "")
        )
    return f"其中{'，'.join(said)}（原文分列，都在其中，不另相加）"


def brief_total(tables: Tables, total: GroupTotal) -> str:
    """A total's kind and numbers, after whose they are: "已签约项目 6 个，计划总投资 71 亿元"."""
    kind = kind_words(tables, total.basis)
    if not total.gives_a_number:
        return f"{kind}（{_rows_without_numbers(tables, total)}，没有给出数量和投资）"
    clauses, _ = _clauses(tables, total)
    return f"{kind} {clauses}"


def _rows_without_numbers(tables: Tables, total: GroupTotal) -> str:
    """ "原文列出规划内容（晋江大桥通道、…）", "原文列出 3 个具体项目", "原文列出 2 条记录"."""
    rows = tables.projects.set_index("project_id")
    mine = rows.loc[list(total.row_ids)]
    nouns = set(mine["listed_as"].dropna())
    if len(nouns) == 1 and mine["listed_as"].notna().all():
        return f"原文列出{nouns.pop()}（{'、'.join(mine['name'])}）"
    if (mine["granularity"] == "single").all():
        return f"原文列出 {len(mine)} 个具体项目"
    return f"原文列出 {len(mine)} 条记录"


def _clauses(tables: Tables, total: GroupTotal) -> tuple[str, bool]:
    """The numbers of a total in words, and whether the first one is the tool's sum of several rows.

    A measure every unit gives reads "总投资 X（住建局 a，水利局 b）"; measures only some
    units (or, in one unit, some rows) give are grouped by who gives them and say so first.
    """
    several = not total.pool.city and len(total.departments) > 1
    full: dict[str, str] = {}
    partial: dict[tuple[str, int], list[str]] = {}  # (who gives them, their rows without it) -> measures
    for measure in (m for m in MEASURES if total.measured(m).given):
        measured = total.measured(measure)
        by = _given_by(tables, total, measure)
        if by is None:
            notes = [_shares(tables, total, measure)] if several else []
            if measured.undisclosed:
                notes.append(f"另有 {measured.undisclosed} 条记录{NOT_GIVEN}{_WHAT[measure]}，未计入")
            full[measure] = _number_words(measured) + (f"（{'；'.join(notes)}）" if notes else "")
        else:
            partial.setdefault(by, []).append(measure)
    first = next(m for m in MEASURES if total.measured(m).given)
    first_amount = total.measured(first).amount
    summed = first in full and first_amount is not None and first_amount.tool_sum
    parts: list[str] = []
    for measure in MEASURES:
        if measure in full:
            parts.append(full[measure])
        group = next(((by, ms) for by, ms in partial.items() if ms[0] == measure), None)
        if group is not None:
            parts.append(_partial_words(tables, total, *group, opens=not parts))
    return "，".join(parts), summed


def _number_words(measured: Measured) -> str:
    """A count as "38 个", an amount with its word: "完成投资约 137.8 亿元"."""
    return measured.words()


def _given_by(tables: Tables, total: GroupTotal, measure: str) -> tuple[str, int] | None:
    """Who alone gives a measure that some of the total's units (or, in one unit, rows) leave out,
    and how many rows the note under it names; None when every unit and row gives it."""
    measured = total.measured(measure)
    giving = [part for part in total.parts if part.measured(measure).given]
    if not total.pool.city and len(giving) < len(total.parts):
        names = unit_names(tables)
        who = "、".join(names[part.dept_id] for part in giving)
        if measure == "projects":  # no count of the others to set beside it: say how many rows give none
            return who, measured.undisclosed
        return who + _sizes(giving, measure), sum(p.measured(measure).undisclosed for p in giving)
    if measured.undisclosed and len(measured.given_by) <= NAMED_GIVERS:
        names = project_names(tables)
        return "、".join(_quoted(names[pid]) for pid in measured.given_by), measured.undisclosed
    return None


@per_tables
def project_names(tables: Tables) -> dict[str, str]:
    return dict(zip(tables.projects["project_id"], tables.projects["name"], strict=True))


def _sizes(giving: list[DepartmentPart], measure: str) -> str:
    """How many projects the units that give an amount hold: "（32 个）", "（住建局 22 个，工信局 375 项）";
    "" when some of their rows leave out the amount or the count (the count would not be the amount's)."""
    if any(not p.projects.given or p.projects.undisclosed or p.measured(measure).undisclosed for p in giving):
        return ""
    words = [p.projects.words() for p in giving]
    return f"（{words[0]}）" if len(words) == 1 else "（" + "，".join(words) + "）"


def _partial_words(tables: Tables, total: GroupTotal, by: tuple[str, int], measures: list[str], opens: bool) -> str:
    """E.g. "其中给出总投资和年度计划投资的只有水利局（32 个）：总投资 101.78 亿元，年度计划投资 11.41 亿元"."""
    who, left_out = by
    labels = [MEASURE_NAMES[m] if m == "projects" else total.measured(m).label for m in measures]
    if len(measures) == 1:
        measured = total.measured(measures[0])
        numbers = "，".join(a.words() for a in measured.amounts)
    else:  # each number with its name
        numbers = "，".join(_number_words(total.measured(m)) for m in measures)
    what = "和".join(_WHAT[m] for m in measures)
    note = f"（另有 {left_out} 条记录{NOT_GIVEN}{what}，未计入）" if left_out else ""
    lead = f"给出{'和'.join(labels)}的只有{who}"
    return f"{lead}，{numbers}{note}" if opens else f"其中{lead}：{numbers}{note}"


def _shares(tables: Tables, total: GroupTotal, measure: str) -> str:
    """Each unit's share of a total of several units, in its own words: "住建局 22 个，水利局 32 个"."""
    names = unit_names(tables)
    return "，".join(
        f"{names[part.dept_id]} {'，'.join(a.words() for a in part.measured(measure).amounts) or NOT_GIVEN}"
        for part in total.parts
    )


def _quoted(name: str) -> str:
    """A name in quotes, unless it has its own (“十三五”交通重点项目)."""
    return name if "“" in name else f"“{name}”"


def listed_apart_words(tables: Tables, total: GroupTotal, with_names: bool = True) -> str:
    """What a total's ``listed_apart`` means, or "" when it has none.

    E.g. "另列出省、泉州市重点项目（国省干线横九线、快速通道东石连接线、大深线），原文未说明是否在这 44 个之内":
    those projects are neither in the total's numbers nor said to be outside them.
    """
    if not total.listed_apart:
        return ""
    rows = _project_facts(tables)
    by_group: dict[str, list[str]] = {}
    for project_id in total.listed_apart:
        by_group.setdefault(rows[project_id]["beside_id"], []).append(project_id)
    sentences = []
    for group_id, members in by_group.items():
        noun = rows[members[0]]["listed_as"]
        what = f"{noun}" if isinstance(noun, str) else f" {len(members)} 个具名项目"
        names = "（" + "、".join(str(rows[m]["name"]) for m in members) + "）" if with_names else ""
        group = rows[group_id]
        count = _count_words(int(group["project_count"]), str(group["count_qualifier"]), str(group["count_word"]))
        sentences.append(f"另列出{what}{names}，原文未说明是否在这{count}之内")
    return "；".join(sentences)


@per_tables
def _project_facts(tables: Tables) -> dict[str, dict]:
    """Project id -> the row's name, group, noun and count, for words about single rows (once per data set)."""
    columns = ["name", "beside_id", "listed_as", "project_count", "count_qualifier", "count_word"]
    frame = tables.projects[["project_id", *columns]].astype(object)
    frame = frame.where(frame.notna(), None)
    return {row["project_id"]: row for row in frame.to_dict("records")}


def within_words(tables: Tables, total: GroupTotal) -> str:
    """The groups of another kind among the rows that hold this total's rows, never added to them:
    "都在“5+1”水利项目 32 个之内，不另相加"."""
    if not total.within:
        return ""
    projects = tables.projects.set_index("project_id")
    groups = []
    for group_id in total.within:
        group = projects.loc[group_id]
        count = group["project_count"]
        size = (
            ""
            if count != count or count is None
            else _count_words(int(count), str(group["count_qualifier"]), str(group["count_word"]))
        )
        groups.append(f"{_quoted(str(group['name']))}{size}")
    return f"都在{'、'.join(groups)}之内，不另相加"


def _count_words(count: int, qualifier: str, counted: str = "项目") -> str:
    before = {"approx": "约 ", "more_than": "超 "}.get(qualifier, " ")
    after = "以上" if qualifier == "at_least" else ""
    return f"{before}{count} 个{'' if counted == '项目' else counted}{after}"


def tool_sum_note() -> str:
    return f"“{TOOL_SUM}”：报道没有给出这个合计，是本工具把同类的数相加得出的。"
