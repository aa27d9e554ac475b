"""Step ``projects``: the rows the explorer filters and adds up.

Reads: ``figure_rows``, ``dept_ids``, ``sections``, the taxonomy.
Adds: ``project_rows`` (id -> row), ``figure_users`` (figure -> rows taking
a number from it), the quotes to ``quoted``; the ``projects`` rows.
Checks: ids unique; unit, period, scope, type and stage known; the quote is
in the text, in the row's unit; a ``named`` row's name is printed in its
quote; count, investment and annual investment come from figures of the
same unit and period, in 个/项 or 亿元; a count's kind fits the stage's basis
(a target is never counted as existing projects, an estimate only as
expected); the parent exists, is of the same unit and scope, and the parent
links form no cycle; one figure is never given to two unrelated rows;
the granularity: a row with a count of N > 1 is a group (of 1, a single
project), a named row without a count is a single project unless it says
``group`` (a named programme of unknown size), any other row must say
``granularity`` (and a stated one must agree with the count); a planned
year's quote is in the row's unit and holds that year, its words are in the
quote; a row ``beside`` a group (a named project the text lists beside a
counted group without saying whether it is among it) is named, has no
parent and no number of its own, and the group exists, is counted, of the
same unit, scope and period, and is not itself beside another.
"""

from __future__ import annotations

import itertools
from typing import Any

from ... import vocab
from ...text import Span, compact
from ..context import Quoted, ReportContext
from ..record import Record
from .figures import figure_ref

KEYS = {
    "id",
    "dept",
    "name",
    "named",
    "parent",
    "type",
    "scope",
    "period",
    "stage",
    "count",
    "investment",
    "annual_investment",
    "quote",
    "figures",
    "note",
    "granularity",
    "planned_year",
    "beside",
    "listed_as",
    "readings",
}
# annotation key -> the column of the report's word for what its number measures (vocab.AMOUNT_WORDS)
_WORD_COLUMNS = {"count": "count_word", "investment": "investment_word", "annual_investment": "annual_investment_word"}
_MEASURE_OF_KEY = {"count": "projects", "investment": "investment", "annual_investment": "annual_investment"}
# annotation key -> (units its figure may have, value column, qualifier column)
_AMOUNTS = {
    "count": (vocab.COUNT_UNITS, "project_count", "count_qualifier"),
    "investment": ((vocab.MONEY_UNIT,), "investment", "investment_qualifier"),
    "annual_investment": ((vocab.MONEY_UNIT,), "annual_investment", "annual_investment_qualifier"),
}


def run(ctx: ReportContext) -> None:
    seen: set[str] = set()
    parents: dict[str, tuple[Record, str]] = {}
    besides: dict[str, tuple[Record, str]] = {}
    for rec in ctx.records("projects", KEYS):
        pid = rec.text("id")
        ctx.unique(rec, pid, seen, "项目")
        dept_id = ctx.dept(rec)
        period = rec.choice("period", vocab.PERIODS)
        scope = rec.choice("scope", vocab.SCOPES, "department")
        type_id = rec.choice("type", ctx.taxonomy.types)
        stage_id = rec.choice("stage", ctx.taxonomy.stages)
        named = rec.data.get("named", False)
        if not isinstance(named, bool):
            rec.problem("named 应为 true 或 false")
            named = False
        span = ctx.find(rec, rec.text("quote"))
        ctx.in_dept(rec, dept_id, span)
        name = rec.text("name")
        if named and span and compact(name) not in ctx.text_of(span):
            rec.problem(f"named = true，但名称 “{name}” 不在引文中", "具名项目的名称须逐字出自原文")
        figure_ids: list[str] = []
        values: dict[str, Any] = {"count_unit": vocab.COUNT_UNITS[0]}
        for key, (units, column, qualifier_column) in _AMOUNTS.items():
            values[column], values[qualifier_column], values[f"{key}_estimate"] = None, None, None
            values[f"{_WORD_COLUMNS[key]}"] = None
            if key not in rec.data:
                continue
            fig = figure_ref(ctx, rec, rec.text(key), dept_id, period)
            if fig is None:
                continue
            if fig["unit"] not in units:
                rec.problem(f"{key} 引用的数字 {fig['figure_id']} 单位是 “{fig['unit']}”", f"应为 {'/'.join(units)}")
            if key == "count":
                _count_kind_fits_stage(ctx, rec, fig, stage_id)
            ctx.figure_users.setdefault(fig["figure_id"], []).append((rec, pid))
            figure_ids.append(fig["figure_id"])
            values[f"{key}_figure_id"] = fig["figure_id"]
            values[column] = int(fig["value"]) if key == "count" else fig["value"]
            values[qualifier_column] = fig["qualifier"]
            values[f"{key}_estimate"] = fig["estimate_word"]
            values[_WORD_COLUMNS[key]] = _amount_word(rec, fig, key)
            if key == "count":
                values["count_unit"] = fig["unit"]
            if key == "investment":
                values["investment_measure"] = fig["measure"]
        values["count_word"] = values["count_word"] or vocab.AMOUNT_WORDS["projects"][-1]  # a row without a count: 项目
        for extra in rec.texts("figures", required=False):
            if figure_ref(ctx, rec, extra, dept_id, None) is not None:
                figure_ids.append(extra)
        granularity = _granularity(rec, values["project_count"], named)
        planned_year, planned_year_span, year_quote_span, year_words = _planned_year(ctx, rec, dept_id)
        parent = rec.data.get("parent")
        if parent is not None:
            parents[pid] = (rec, rec.text("parent"))
        beside = rec.data.get("beside")
        if beside is not None:
            besides[pid] = (rec, rec.text("beside"))
        readings = _readings(rec, scope)
        row = dict(
            project_id=pid,
            report_id=ctx.report_id,
            dept_id=dept_id,
            name=name,
            named=named,
            parent_id=parent if isinstance(parent, str) else None,
            beside_id=beside if isinstance(beside, str) else None,
            type_id=type_id,
            period=period,
            stage_id=stage_id,
            scope=scope,
            granularity=granularity,
            scope_read="scope" in readings,
            period_read="period" in readings,
            listed_as=_listed_as(ctx, rec, span, beside),
            investment_measure=values.pop("investment_measure", None),
            **values,
            figure_ids=",".join(figure_ids),
            quote=ctx.text_of(span) if span else "",
            quote_start=span.start if span else None,
            quote_end=span.end if span else None,
            note=rec.text("note", ""),
            planned_year=planned_year,
            planned_year_quote=ctx.text_of(year_quote_span) if year_quote_span else None,
            planned_year_words=year_words,
            planned_year_start=planned_year_span.start if planned_year_span else None,
            planned_year_end=planned_year_span.end if planned_year_span else None,
        )
        ctx.project_rows[pid] = row
        if span:
            ctx.quoted.append(Quoted("project", pid, span))
        ctx.rows.add("projects", **row)
    _check_parents(ctx, parents)
    _check_beside(ctx, besides)
    _check_figure_sharing(ctx)


def _amount_word(rec: Record, fig: dict[str, Any], key: str) -> str | None:
    """The report's word for what the number measures, found in its figure's measure name."""
    words = vocab.AMOUNT_WORDS[_MEASURE_OF_KEY[key]]
    found = next((word for word in words if word in fig["measure"]), None)
    if found is None:
        rec.problem(
            f"{key} 引用的数字 {fig['figure_id']} 的 measure “{fig['measure']}” 没有说它量的是什么",
            f"measure 用原文的说法，含 {'、'.join(words)} 之一",
        )
    return found


def _readings(rec: Record, scope: str) -> set[str]:
    """What the row reads into the text (``readings = ["scope", "period"]``); each needs a data note
    (checked by the data_notes step) and is marked wherever the row's numbers are shown."""
    readings = set(rec.texts("readings", required=False))
    for unknown in sorted(readings - set(vocab.READINGS)):
        rec.problem(f"readings 中的 “{unknown}” 不是可选值", f"可选：{'、'.join(vocab.READINGS)}")
    if "scope" in readings and scope != "city":
        rec.problem('readings 含 "scope"（按全市统计理解），但 scope 不是 "city"', '写 scope = "city"，或删去这项读法')
    return readings & set(vocab.READINGS)


def _listed_as(ctx: ReportContext, rec: Record, span: Span | None, beside: object) -> str | None:
    """The report's own noun for a row listed beside a group (规划内容, 省、泉州市重点项目), printed in its quote."""
    words = rec.data.get("listed_as")
    if words is None:
        return None
    text = rec.text("listed_as")
    if beside is None:
        rec.problem("listed_as 只用于 beside 的项目", "删去 listed_as，或写 beside")
    if span is not None and compact(text) not in ctx.text_of(span):
        rec.problem(f"listed_as “{text}” 不在引文中", "用引文里原文对这些项目的称呼")
    return compact(text)


def _check_parents(ctx: ReportContext, parents: dict[str, tuple[Record, str]]) -> None:
    for pid, (rec, parent_id) in parents.items():
        parent = ctx.project_rows.get(parent_id)
        if parent is None:
            rec.problem(f"parent “{parent_id}” 不存在", "parent 须是本文件中另一个项目的 id")
            continue
        child = ctx.project_rows[pid]
        if (parent["dept_id"], parent["scope"]) != (child["dept_id"], child["scope"]):
            rec.problem(f"parent “{parent_id}” 属于另一个部门或口径")
        ancestor, hops = parent_id, 0
        while ancestor is not None and hops <= len(ctx.project_rows):
            if ancestor == pid:
                rec.problem(f"parent 链形成循环（经过 {parent_id}）")
                break
            ancestor = ctx.project_rows.get(ancestor, {}).get("parent_id")
            hops += 1


def _check_beside(ctx: ReportContext, besides: dict[str, tuple[Record, str]]) -> None:
    """A named project listed beside a counted group, membership not stated: neither inside nor outside it."""
    for pid, (rec, group_id) in besides.items():
        row, group = ctx.project_rows[pid], ctx.project_rows.get(group_id)
        if group is None:
            rec.problem(f"beside “{group_id}” 不存在", "beside 须是本文件中另一个项目的 id")
            continue
        if not row["named"]:
            rec.problem("beside 只用于具名项目", "原文印出名称的项目才写 beside，并写 named = true")
        if row["parent_id"] is not None:
            rec.problem("同时有 parent 和 beside", "原文说在组内用 parent；没说是否在组内用 beside")
        if any(row[column] is not None for column in ("project_count", "investment", "annual_investment")):
            rec.problem("beside 的项目不能有自己的项目数或投资", "这些数字会与所在组的数字混在一起")
        if group["project_count"] is None:
            rec.problem(f"beside 的组 {group_id} 没有项目数", "beside 指向原文给出项目数的项目组")
        if group["beside_id"] is not None:
            rec.problem(f"beside 的组 {group_id} 自己也是 beside 的项目")
        if any(row[k] != group[k] for k in ("dept_id", "scope", "period")):
            rec.problem(f"beside 的组 {group_id} 属于另一个部门、统计范围或时期", "只指向同一部门、同一时期的组")


def _check_figure_sharing(ctx: ReportContext) -> None:
    """One figure on two rows neither of which is above the other would be added twice."""
    for fid, users in ctx.figure_users.items():
        for (_, other), (rec, pid) in itertools.combinations(users, 2):
            if pid != other and not (ctx.is_ancestor(pid, other) or ctx.is_ancestor(other, pid)):
                rec.problem(
                    f"数字 {fid} 同时给了项目 {other} 和 {pid}，而两者不是上下级：会被重复相加",
                    "一个数字只属于一行（或一行与其下级）",
                )


def _count_kind_fits_stage(ctx: ReportContext, rec: Record, fig: dict[str, Any], stage_id: str) -> None:
    """A count's figure kind must be one its basis counts (taxonomy ``count_kinds``):
    a target is never counted as existing projects, nor an estimate as either."""
    basis = ctx.taxonomy.stages.get(stage_id, {}).get("basis")
    allowed = ctx.taxonomy.bases.get(basis or "", {}).get("count_kinds")
    if allowed and fig["kind"] not in allowed:
        rec.problem(
            f"阶段 “{stage_id}” 的项目数不能取自性质为 “{fig['kind']}” 的数字 {fig['figure_id']}",
            f"该阶段可用的性质：{', '.join(sorted(allowed))}；或改阶段",
        )


def _granularity(rec: Record, count: int | None, named: bool) -> str:
    """Single project or group, from the count or the name; stated only where neither tells.

    A count decides. A named row without a count is a single project unless it
    says ``group``: a named programme (历史文化名镇名村项目) whose size the text
    does not give.
    """
    derived = ("group" if count > 1 else "single") if count is not None else "single" if named else None
    if "granularity" not in rec.data:
        if derived is None:
            rec.problem(
                "这一行既没有项目数也不是具名项目，看不出是单个项目还是项目组",
                '写 granularity = "single"（单个项目）或 "group"（项目组），依原文措辞',
            )
            return "group"
        return derived
    stated = rec.choice("granularity", vocab.GRANULARITIES)
    if count is not None and stated != derived:
        rec.problem(
            f"granularity = “{stated}”，但项目数为 {count}，应为 “{derived}”", "删去 granularity（由项目数决定）"
        )
    return stated


def _planned_year(
    ctx: ReportContext, rec: Record, dept_id: str | None
) -> tuple[int | None, Span | None, Span | None, str | None]:
    """The year the text plans for the row (计划2022年投产): its value, the year's span, the quote's span, the words."""
    spec = rec.data.get("planned_year")
    if spec is None:
        return None, None, None, None
    year = spec.get("year") if isinstance(spec, dict) else None
    fields_ok = isinstance(spec, dict) and all(isinstance(spec.get(k), str) for k in ("quote", "words"))
    if not isinstance(year, int) or isinstance(year, bool) or not fields_ok:
        rec.problem('planned_year 应为 { year = 2022, quote = "...", words = "计划2022年投产" }')
        return None, None, None, None
    quote_span = ctx.find(rec, spec["quote"], "planned_year.quote")
    if quote_span is None:
        return None, None, None, None
    ctx.in_dept(rec, dept_id, quote_span)
    years = [token for token in ctx.source.numbers(quote_span) if token.value == year]
    if len(years) != 1:
        rec.problem(f"planned_year.quote 中没有（唯一的）年份 {year}", "引文须含这个年份的阿拉伯数字")
        return None, None, None, None
    words = compact(spec["words"])
    if words not in ctx.text_of(quote_span) or str(year) not in words:
        rec.problem(f"planned_year.words “{words}” 不在引文中或不含年份 {year}", "从引文中逐字摘出，如 计划2022年投产")
        return None, None, None, None
    return year, years[0].span, quote_span, words
