"""Pure queries over the project rows: filters, investment bands, totals.

Totals never add
- a row together with its own parts (the hierarchy in ``parent_id``),
- city-wide rows (发改局's key-project list) together with department rows,
- different periods (十三五 actuals, 2021 plans, 十四五 reserves),
- different bases (projects under way, the pipeline, generated lists, rows
  whose phase is not given, each kind of target, expected; see ``jjdata.bases``).
Each combination of universe, period and basis is its own total, where the
universe is "department" for department rows and one per city-wide list
(发改局's key projects and 商务局's signings overlap each other too).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd

from . import vocab
from .coverage import coverage as coverage  # re-exported: pages/6_数据说明.py imports it from here
from .load import Tables
from .memo import IdentityMemo, per_tables

INF = math.inf
T = TypeVar("T")

# Investment bands in 亿元: [low, high). "undisclosed" holds rows without a figure.
BANDS: dict[str, tuple[str, float, float]] = {
    "undisclosed": ("未披露", math.nan, math.nan),
    "lt10": ("10亿以下", 0.0, 10.0),
    "10to100": ("10–100亿", 10.0, 100.0),
    "100to1000": ("100–1000亿", 100.0, 1000.0),
    "ge1000": ("1000亿及以上", 1000.0, INF),
}


# Answers already computed for the current tables: a page asks the same
# question several times per run, and again on every rerun.
_MEMO = IdentityMemo(64)


@dataclass(frozen=True)
class Filters:
    """What the user asked for; an empty tuple means "no restriction"."""

    departments: tuple[str, ...] = ()
    types: tuple[str, ...] = ()  # type ids ("transport.road") or level-1 ids ("transport")
    periods: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()
    bands: tuple[str, ...] = ()
    min_investment: float | None = None  # 亿元, inclusive
    max_investment: float | None = None  # 亿元, inclusive
    single_only: bool = False  # only rows that are one project (granularity "single"), no groups


@dataclass(frozen=True)
class Rejected:
    """A filter value that is not in the data, dropped with the reason."""

    field: str
    value: str
    reason: str


@per_tables
def filter_options(tables: Tables) -> dict[str, dict[str, str]]:
    """Every valid value of every filter, with its Chinese label, in display order."""
    types = tables.project_types
    level1 = dict(zip(types["level1_id"], types["level1_zh"], strict=True))
    return {
        "departments": dict(zip(tables.departments["dept_id"], tables.departments["short_name"], strict=True)),
        "types": {
            **level1,
            **{
                t: f"{level1[t.split('.')[0]]} · {zh}"
                for t, zh in zip(types["type_id"], types["level2_zh"], strict=True)
            },
        },
        "periods": dict(vocab.PERIODS),
        "stages": dict(zip(tables.stages["stage_id"], tables.stages["zh"], strict=True)),
        "scopes": dict(vocab.SCOPES),
        "bands": {band: label for band, (label, _, _) in BANDS.items()},
    }


def departments_matching(tables: Tables, text: str) -> list[str]:
    """Ids of the units a search text names: by full or short name or by an alias the text uses
    (交通运输局 finds 交通局), whether the search holds the name or the name holds the search."""
    needle = "".join(text.split())
    if not needle:
        return []
    found = []
    for row in tables.departments.itertuples():
        names = [row.name, row.short_name, *filter(None, str(row.aliases).split(","))]
        if any(needle in name or (len(name) >= 2 and name in needle) for name in names):
            found.append(row.dept_id)
    return found


def validate_filters(tables: Tables, filters: Filters) -> tuple[Filters, list[Rejected]]:
    """Drop values the data does not know, saying which and why."""
    options = filter_options(tables)
    rejected: list[Rejected] = []
    cleaned: dict[str, tuple[str, ...]] = {}
    for name, allowed in options.items():
        keep = []
        for value in getattr(filters, name):
            if value in allowed and value not in keep:
                keep.append(value)
            elif value not in allowed:
                rejected.append(Rejected(name, value, "不是可选值"))
        cleaned[name] = tuple(keep)
    low, high = filters.min_investment, filters.max_investment
    for label, bound in (("min_investment", low), ("max_investment", high)):
        if bound is not None and (not math.isfinite(bound) or bound < 0):
            rejected.append(Rejected(label, str(bound), "投资额须为非负数"))
            low, high = (None, high) if label == "min_investment" else (low, None)
    if low is not None and high is not None and low > high:
        rejected.append(Rejected("max_investment", str(high), f"上限小于下限 {low:g}"))
        high = None
    return (
        Filters(**cleaned, min_investment=low, max_investment=high, single_only=filters.single_only),
        rejected,
    )


def _possible_range(frame: pd.DataFrame, column: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Lowest and highest value each row's investment can be, and whether the low end is open.

    exact and approx (约) are read as the stated value; at_least (以上) as
    [v, ∞); more_than (超) as (v, ∞): a lower bound, never the value itself.
    """
    value = frame[column].astype("float64")
    qualifier = frame[f"{column}_qualifier"].astype("object")
    bounded_below = qualifier.isin(["at_least", "more_than"])
    high = value.where(~bounded_below, INF)
    return value, high, qualifier.eq("more_than")


def investment_matches(frame: pd.DataFrame, filters: Filters, column: str = "investment") -> pd.Series:
    """Rows whose investment may lie in the chosen bands and range."""
    low, high, open_low = _possible_range(frame, column)
    disclosed = low.notna()
    keep = pd.Series(True, index=frame.index)
    if filters.bands:
        in_any = pd.Series(False, index=frame.index)
        for band in filters.bands:
            if band == "undisclosed":
                in_any |= ~disclosed
                continue
            _, band_low, band_high = BANDS[band]
            in_any |= disclosed & (high >= band_low) & (low < band_high)
        keep &= in_any
    if filters.min_investment is not None:
        keep &= disclosed & (high >= filters.min_investment)
    if filters.max_investment is not None:
        ceiling = filters.max_investment
        keep &= disclosed & ((low < ceiling) | (~open_low & (low <= ceiling)))
    return keep


def filter_projects(tables: Tables, filters: Filters) -> pd.DataFrame:
    """The project rows that satisfy every filter (memoised; treat as read-only)."""
    return _MEMO.get(("filter", filters), tables, lambda: _filter_projects(tables, filters))


def _filter_projects(tables: Tables, filters: Filters) -> pd.DataFrame:
    projects = tables.projects
    keep = pd.Series(True, index=projects.index)
    if filters.departments:
        keep &= projects["dept_id"].isin(filters.departments)
    if filters.types:
        keep &= projects["type_id"].isin(filters.types) | _type_groups(tables).isin(filters.types)
    if filters.periods:
        keep &= projects["period"].isin(filters.periods)
    if filters.stages:
        keep &= projects["stage_id"].isin(filters.stages)
    if filters.scopes:
        keep &= projects["scope"].isin(filters.scopes)
    if filters.single_only:
        keep &= projects["granularity"].eq("single")
    keep &= investment_matches(projects, filters)
    return projects[keep]


@per_tables
def _type_groups(tables: Tables) -> pd.Series:
    """Each project row's type group ("transport" for "transport.road")."""
    return tables.projects["type_id"].astype("object").str.split(".").str[0]


# --------------------------------------------------------------------------
# Totals


@dataclass(frozen=True)
class Quantity:
    """A total with what is known about it."""

    value: float | None = None  # None: no row disclosed this measure
    approx: bool = False  # some part was 约
    bound: str = "exact"  # "exact", "at_least" (≥) or "more_than" (>)
    undisclosed: int = 0  # counted rows that gave no value (not the named projects listed apart)
    estimate: str = ""  # 估算 or 预计 when the value rests, wholly or partly, on an estimate

    @property
    def symbol(self) -> str:
        prefix = {"exact": "", "at_least": "≥", "more_than": ">"}[self.bound]
        return prefix + ("≈" if self.approx else "")

    def label(self, unit: str, digits: int = 2) -> str:
        if self.value is None:
            return "未披露"
        number = f"{self.value:,.{digits}f}".rstrip("0").rstrip(".")
        return f"{self.symbol}{number} {unit}".strip()

    def __add__(self, other: Quantity) -> Quantity:
        if self.value is None and other.value is None:
            return Quantity(None, False, "exact", self.undisclosed + other.undisclosed)
        bounds = {self.bound, other.bound}
        bound = "more_than" if "more_than" in bounds else "at_least" if "at_least" in bounds else "exact"
        return Quantity(
            (self.value or 0.0) + (other.value or 0.0),
            self.approx or other.approx,
            bound,
            self.undisclosed + other.undisclosed,
            estimate_words(self.estimate, other.estimate),
        )


def estimate_words(*words: str) -> str:
    """The estimate words of several parts as one: "估算", or "估算或预计" when they differ."""
    return "或".join(dict.fromkeys(w for part in words for w in part.split("或") if w))


@dataclass(frozen=True)
class DepartmentPart:
    """One unit's share of a total (its rows only): what a total of several units is made of."""

    dept_id: str
    projects: Quantity
    investment: Quantity
    annual_investment: Quantity


@dataclass(frozen=True)
class GroupTotal:
    """Totals for the rows of one scope, period and basis."""

    scope: str
    city_list: str | None  # for scope "city": the unit whose city-wide list this is
    period: str
    basis: str
    rows: int  # filtered rows in this group
    counted: int  # rows whose values were added (no ancestor among the rows)
    departments: tuple[str, ...]
    projects: Quantity
    investment: Quantity
    annual_investment: Quantity
    # named projects the text lists beside one of the counted groups here, without saying whether they
    # are among it (横九线… beside the 44): in no value, not "undisclosed"; see jjdata.phrases
    listed_apart: tuple[str, ...] = ()
    parts: tuple[DepartmentPart, ...] = ()  # per unit, in display order

    @property
    def label(self) -> str:
        return f"{vocab.PERIODS[self.period]} · {vocab.SCOPES[self.scope]}"


# measure name -> (value column, qualifier column)
MEASURES: dict[str, tuple[str, str]] = {
    "projects": ("project_count", "count_qualifier"),
    "investment": ("investment", "investment_qualifier"),
    "annual_investment": ("annual_investment", "annual_investment_qualifier"),
}
MEASURE_UNITS = {"projects": "个", "investment": vocab.MONEY_UNIT, "annual_investment": vocab.MONEY_UNIT}
MEASURE_NAMES = {"projects": "项目数", "investment": "总投资", "annual_investment": "年度计划投资"}
ESTIMATE_COLUMNS = {
    "projects": "count_estimate",
    "investment": "investment_estimate",
    "annual_investment": "annual_investment_estimate",
}
GROUP_KEYS = ["scope", "city_list", "period", "basis"]
_BOUND_CODES = {"exact": 0, "approx": 0, "at_least": 1, "more_than": 2}
BOUND_NAMES = ["exact", "at_least", "more_than"]


@dataclass(frozen=True)
class _Hierarchy:
    """Per row of ``tables.projects`` (by position), computed once per data set."""

    parent: np.ndarray  # position of the parent row, -1 for none
    depth: int  # parent links of the deepest row
    key: np.ndarray  # code of (scope, city_list, period, basis), codes in display order
    keys: list[tuple[str, str, str, str]]
    values: dict[str, np.ndarray]  # measure -> float values (NaN: not stated)
    approx: dict[str, np.ndarray]
    bound: dict[str, np.ndarray]  # 0 exact, 1 ≥, 2 >
    estimate: dict[str, np.ndarray]  # measure -> 估算/预计 or "" (object)
    beside: np.ndarray  # position of the counted group a named row is listed beside, -1 for none


@per_tables
def _hierarchy(tables: Tables) -> _Hierarchy:
    projects = tables.projects
    position = {pid: i for i, pid in enumerate(projects["project_id"])}
    parent = np.array(
        [position.get(p, -1) if isinstance(p, str) else -1 for p in projects["parent_id"]], dtype=np.int64
    )
    depth, level = 0, parent.copy()
    while (level >= 0).any() and depth <= len(parent):
        depth += 1
        level = np.where(level >= 0, parent[np.maximum(level, 0)], -1)
    basis_of = dict(zip(tables.stages["stage_id"], tables.stages["basis"], strict=True))
    scope = projects["scope"].astype("object").to_numpy()
    city_list = np.where(scope == "city", projects["dept_id"].astype("object").to_numpy(), "")
    period = projects["period"].astype("object").to_numpy()
    basis = projects["stage_id"].astype("object").map(basis_of).to_numpy()
    order = {
        "scope": {v: i for i, v in enumerate(vocab.SCOPES)},
        "city_list": {v: i for i, v in enumerate(["", *tables.departments["dept_id"]])},
        "period": {v: i for i, v in enumerate(vocab.PERIODS)},
        "basis": {v: i for i, v in enumerate(tables.bases.sort_values("display_order")["basis_id"])},
    }
    tuples = list(zip(scope, city_list, period, basis, strict=True))
    keys = sorted(
        set(tuples),
        key=lambda k: (order["scope"][k[0]], order["city_list"][k[1]], order["period"][k[2]], order["basis"][k[3]]),
    )
    code = {k: i for i, k in enumerate(keys)}
    values, approx, bound, estimate = {}, {}, {}, {}
    for name, (value_col, qualifier_col) in MEASURES.items():
        qualifier = projects[qualifier_col].astype("object")
        values[name] = projects[value_col].astype("float64").to_numpy()
        approx[name] = (qualifier == "approx").to_numpy()
        bound[name] = qualifier.map(_BOUND_CODES).fillna(0).astype(np.int8).to_numpy()
        estimate[name] = projects[ESTIMATE_COLUMNS[name]].fillna("").astype("object").to_numpy()
    beside = np.array(
        [position.get(b, -1) if isinstance(b, str) else -1 for b in projects["beside_id"]], dtype=np.int64
    )
    return _Hierarchy(
        parent,
        depth,
        np.array([code[t] for t in tuples], dtype=np.int64),
        keys,
        values,
        approx,
        bound,
        estimate,
        beside,
    )


def _memoised(name: str, tables: Tables, rows: pd.DataFrame, extra: tuple, compute: Callable[[], T]) -> T:
    """A page asks for the same rows several times per run: compute each answer once.

    Keyed by which rows they are (two selections with the same rows share their answers)."""
    return _MEMO.get((name, _rows_key(rows), extra), tables, compute)


# The key of a selection, made once per rows object: the same bytes object each time
# hashes once and compares by identity (a new one cost a copy and a hash of 8 bytes a row).
_ROW_KEYS = IdentityMemo(64)


def _rows_key(rows: pd.DataFrame) -> bytes:
    return _ROW_KEYS.get((), rows, lambda: rows.index.to_numpy(dtype=np.int64).tobytes())


def counted_rows(tables: Tables, rows: pd.DataFrame) -> pd.DataFrame:
    """See ``_counted_rows``; memoised."""
    return _memoised("counted", tables, rows, (), lambda: _counted_rows(tables, rows))


def _counted_rows(tables: Tables, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows, each with its group keys, whether it is counted, and its value per measure.

    ``rows`` is a selection of ``tables.projects`` (as ``filter_projects``
    returns it, index kept). A row is counted when none of its ancestors is
    among ``rows`` in the same universe, period and basis. A row without its
    own value takes the sum of its parts among ``rows`` as a lower bound.
    ``beside_of``: for a named row listed beside a group (``beside_id``) that
    is among ``rows`` and counted, the group's position; else -1.
    Columns per measure: ``<m>_value``, ``<m>_approx``, ``<m>_bound`` (0 exact,
    1 ≥, 2 >), ``<m>_estimate`` (估算/预计 or "").
    """
    h = _hierarchy(tables)
    positions = rows.index.to_numpy(dtype=np.int64)
    size = len(h.parent)
    member = np.zeros(size, dtype=bool)
    member[positions] = True
    nearest = np.full(len(positions), -1, dtype=np.int64)
    ancestor = positions.copy()
    for _ in range(h.depth):
        ancestor = np.where(ancestor >= 0, h.parent[np.maximum(ancestor, 0)], -1)
        safe = np.maximum(ancestor, 0)
        hit = (nearest < 0) & (ancestor >= 0) & member[safe] & (h.key[safe] == h.key[positions])
        nearest[hit] = ancestor[hit]
    keys = [h.keys[c] for c in h.key[positions]]
    frame = pd.DataFrame(
        {
            "project_id": rows["project_id"].to_numpy(),
            "dept_id": rows["dept_id"],
            "type_id": rows["type_id"],
            "scope": [k[0] for k in keys],
            "city_list": [k[1] for k in keys],
            "period": [k[2] for k in keys],
            "basis": [k[3] for k in keys],
            "_key": h.key[positions],
            "counted": nearest < 0,
        },
        index=rows.index,
    )
    counted_at = np.zeros(size, dtype=bool)
    counted_at[positions] = nearest < 0
    group = h.beside[positions]
    frame["beside_of"] = np.where((group >= 0) & counted_at[np.maximum(group, 0)], group, -1)
    children = positions[nearest >= 0]
    parents = nearest[nearest >= 0]
    for name in MEASURES:
        value, approx, bound = h.values[name].copy(), h.approx[name].copy(), h.bound[name].copy()
        estimate = h.estimate[name].copy()
        own = ~np.isnan(value)
        for _ in range(h.depth if len(children) else 0):
            known = ~np.isnan(value[children])
            if not known.any():
                break
            kids, ups = children[known], parents[known]
            fill = np.zeros(size, dtype=bool)
            fill[ups] = True
            fill &= ~own
            sums = np.bincount(ups, weights=value[kids], minlength=size)
            any_approx = np.bincount(ups, weights=approx[kids].astype(float), minlength=size) > 0
            top = np.zeros(size, dtype=np.int8)
            np.maximum.at(top, ups, bound[kids])
            value[fill], approx[fill] = sums[fill], any_approx[fill]
            bound[fill] = np.maximum(top[fill], 1)  # parts of a whole: a lower bound
            for up in np.flatnonzero(fill):  # a whole that rests on estimated parts says so
                estimate[up] = estimate_words(*estimate[kids[ups == up]])
        frame[f"{name}_value"] = value[positions]
        frame[f"{name}_approx"] = approx[positions] & ~np.isnan(value[positions])
        frame[f"{name}_bound"] = bound[positions]
        frame[f"{name}_estimate"] = np.where(np.isnan(value[positions]), "", estimate[positions])
    return frame


def summarize(tables: Tables, rows: pd.DataFrame, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """See ``_summarize``; memoised (treat the result as read-only)."""
    return _memoised("summary", tables, rows, by, lambda: _summarize(tables, rows, by))


def _summarize(tables: Tables, rows: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """Totals per scope, city list, period, basis (and ``by``, e.g. ``("dept_id",)``), in display order.

    Per measure: ``<m>`` (sum, NaN when nothing was disclosed), ``<m>_approx``,
    ``<m>_bound`` (0 exact, 1 ≥, 2 >), ``<m>_estimate`` (估算/预计 when a part
    is an estimate, else "") and ``<m>_undisclosed`` (counted rows without a
    value, not counting the named rows listed apart); plus ``rows``,
    ``counted`` and ``listed_apart`` (named rows listed beside a counted group
    of this total, whose membership the text does not state; they may sit in
    another total of their own, e.g. 策划生成 beside a 储备 group).
    """
    frame = counted_rows(tables, rows)
    columns = [*GROUP_KEYS, *by, "rows", "counted", "listed_apart"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    code = frame["_key"].to_numpy()
    for column in by:  # categorical columns: codes follow the display order
        codes = frame[column].cat.codes.to_numpy().astype(np.int64)
        code = code * (len(frame[column].cat.categories) + 1) + codes
    groups, inverse = np.unique(code, return_inverse=True)
    size = len(groups)
    first = np.zeros(size, dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(code))[::-1]  # a representative row of each group
    counted = frame["counted"].to_numpy()
    columns_out: dict[str, object] = {k: frame[k].to_numpy()[first] for k in (*GROUP_KEYS, *by)}
    columns_out["rows"] = np.bincount(inverse, minlength=size)
    counted_per_group = np.bincount(inverse, weights=counted, minlength=size).astype(int)
    columns_out["counted"] = counted_per_group
    beside_of = frame["beside_of"].to_numpy()
    apart = beside_of >= 0
    group_of_apart = inverse[frame.index.get_indexer(beside_of[apart])]  # the total of the group they sit beside
    columns_out["listed_apart"] = np.bincount(group_of_apart, minlength=size).astype(int)
    for name in MEASURES:
        value = frame[f"{name}_value"].to_numpy()
        known = counted & ~np.isnan(value)
        disclosed = np.bincount(inverse, weights=known, minlength=size)
        silent_apart = np.bincount(inverse, weights=counted & apart & ~known, minlength=size)
        sums = np.bincount(inverse, weights=np.where(known, value, 0.0), minlength=size)
        columns_out[name] = np.where(disclosed > 0, sums, np.nan)
        approx = known & frame[f"{name}_approx"].to_numpy()
        columns_out[f"{name}_approx"] = np.bincount(inverse, weights=approx, minlength=size) > 0
        top = np.zeros(size, dtype=np.int8)
        np.maximum.at(top, inverse[known], frame[f"{name}_bound"].to_numpy()[known])
        columns_out[f"{name}_bound"] = top.astype(int)
        columns_out[f"{name}_undisclosed"] = (counted_per_group - disclosed - silent_apart).astype(int)
        words = np.full(size, "", dtype=object)
        estimated = known & (frame[f"{name}_estimate"].to_numpy() != "")
        for group in np.unique(inverse[estimated]):
            words[group] = estimate_words(*frame[f"{name}_estimate"].to_numpy()[estimated & (inverse == group)])
        columns_out[f"{name}_estimate"] = words
    result = pd.DataFrame(columns_out)
    for column in by:  # keep the categorical dtype (and its display order)
        result[column] = pd.Categorical(result[column], categories=frame[column].cat.categories)
    return result


def quantity(summary_row: pd.Series | dict, name: str) -> Quantity:
    """The Quantity of measure ``name`` in one row of ``summarize``."""
    value = summary_row[name]
    undisclosed = int(summary_row[f"{name}_undisclosed"])
    if pd.isna(value):
        return Quantity(None, undisclosed=undisclosed)
    return Quantity(
        float(value),
        approx=bool(summary_row[f"{name}_approx"]),
        bound=BOUND_NAMES[int(summary_row[f"{name}_bound"])],
        undisclosed=undisclosed,
        estimate=str(summary_row[f"{name}_estimate"]),
    )


def totals(tables: Tables, rows: pd.DataFrame) -> list[GroupTotal]:
    """One total per (scope, city list, period, basis) present in ``rows``, in display order (memoised)."""
    return list(_memoised("totals", tables, rows, (), lambda: tuple(_totals(tables, rows))))


def _totals(tables: Tables, rows: pd.DataFrame) -> list[GroupTotal]:
    groups: dict[tuple, list[dict]] = {}
    for record in summarize(tables, rows, by=("dept_id",)).to_dict("records"):
        groups.setdefault(tuple(record[k] for k in GROUP_KEYS), []).append(record)
    apart: dict[tuple, list[str]] = {}
    if len(rows):
        frame = counted_rows(tables, rows)
        listed = frame[frame["beside_of"] >= 0]
        group_rows = frame.loc[listed["beside_of"].to_numpy()]
        for project_id, *key in zip(listed["project_id"], *(group_rows[k] for k in GROUP_KEYS), strict=True):
            apart.setdefault(tuple(key), []).append(project_id)
    result = []
    for key, records in groups.items():
        quantities = {}
        for name in MEASURES:
            total = Quantity()
            for record in records:
                total = total + quantity(record, name)
            quantities[name] = total
        parts = tuple(DepartmentPart(str(r["dept_id"]), *(quantity(r, name) for name in MEASURES)) for r in records)
        result.append(
            GroupTotal(
                scope=key[0],
                city_list=key[1] or None,
                period=key[2],
                basis=key[3],
                rows=sum(int(r["rows"]) for r in records),
                counted=sum(int(r["counted"]) for r in records),
                departments=tuple(str(r["dept_id"]) for r in records),
                **quantities,
                listed_apart=tuple(apart.get(key, ())),
                parts=parts,
            )
        )
    return result


def difference(a: Quantity | None, b: Quantity | None) -> Quantity | None:
    """b − a, or None when it cannot be known.

    None when a side is missing or gives no number (the report not giving a
    number is not a zero), and when a is a lower bound (b − a could be
    anything below a number). A lower bound in b keeps the difference a lower bound;
    an estimate on either side makes the difference rest on it too.
    """
    if a is None or b is None or a.value is None or b.value is None or a.bound != "exact":
        return None
    undisclosed = a.undisclosed + b.undisclosed
    return Quantity(
        b.value - a.value, a.approx or b.approx, b.bound, undisclosed, estimate_words(a.estimate, b.estimate)
    )


def compare_totals(
    a: list[GroupTotal], b: list[GroupTotal]
) -> list[tuple[tuple[str, ...], dict[str, tuple[Quantity | None, Quantity | None, Quantity | None]]]]:
    """Pair the totals of A and B that have the same group key: only like is subtracted from like.

    Returns (key, {measure: (a, b, b − a or None)}) in display order, the key
    being (scope, city_list, period, basis). A side with no total for a key
    is None, never zero, and nothing is subtracted from or against it.
    """

    def key(total: GroupTotal) -> tuple[str, ...]:
        return (total.scope, total.city_list or "", total.period, total.basis)

    by_a, by_b = {key(t): t for t in a}, {key(t): t for t in b}
    keys = list(dict.fromkeys([*by_a, *by_b]))
    result = []
    for k in keys:
        measures = {}
        for name in MEASURES:
            qa = getattr(by_a[k], name) if k in by_a else None
            qb = getattr(by_b[k], name) if k in by_b else None
            measures[name] = (qa, qb, difference(qa, qb))
        result.append((k, measures))
    scopes, periods = list(vocab.SCOPES), list(vocab.PERIODS)
    result.sort(key=lambda item: (scopes.index(item[0][0]), periods.index(item[0][2])))
    return result


def notes_about(tables: Tables, *record_ids: str) -> pd.DataFrame:
    """The data notes about any of the records (a project, figure, list, …), in annotation order.

    E.g. ``notes_about(tables, "sw-signed")`` gives the note that 商务局's signings
    are read as the city's tally (a reading the text does not state).
    """
    about = tables.data_notes["about"].fillna("").str.split(",")
    wanted = set(record_ids)
    return tables.data_notes[about.map(lambda ids: bool(wanted.intersection(ids)))]


@per_tables
def headline_figures(tables: Tables) -> pd.DataFrame:
    """The report's headline cards, one row per figure, in display order (cards, then figures in a card).

    Columns: the card's ``headline_id``, ``display_order``, ``title``, ``primary``
    (one of the city-wide cards a first screen shows), ``dept_id``, ``scope``,
    ``period``, ``basis``; the figure's ``figure_id``, ``measure``,
    ``value``, ``unit``, ``qualifier`` and ``value_text`` as printed on a card
    (≈405亿元, ≥100个, >500亿元); the card's ``quote`` and ``quote_start``.
    """
    cards = tables.headlines.sort_values("display_order")
    rows = [
        (card, position, figure_id)
        for card in cards.itertuples(index=False)
        for position, figure_id in enumerate(card.figure_ids.split(","))
    ]
    figures = tables.figures.set_index("figure_id")
    records = []
    for card, position, figure_id in rows:
        figure = figures.loc[figure_id]
        qualifier = str(figure["qualifier"])
        number = f"{float(figure['value']):,.2f}".rstrip("0").rstrip(".")
        records.append(
            {
                "headline_id": card.headline_id,
                "display_order": card.display_order,
                "position": position,
                "title": card.title,
                "primary": bool(card.primary),
                "dept_id": card.dept_id,
                "scope": card.scope,
                "period": card.period,
                "basis": card.basis,
                "figure_id": figure_id,
                "measure": figure["measure"],
                "value": float(figure["value"]),
                "unit": figure["unit"],
                "qualifier": qualifier,
                "value_text": f"{_SYMBOLS[qualifier]}{number}{figure['unit']}",
                "quote": card.quote,
                "quote_start": card.quote_start,
            }
        )
    return pd.DataFrame(records)


_SYMBOLS = {qualifier: symbol for qualifier, (symbol, _) in vocab.QUALIFIERS.items()}
