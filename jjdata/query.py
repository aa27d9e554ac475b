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

from . import bases as bases_module
from . import vocab
from .amounts import BOUNDS, MEASURES, Amount, AmountKind, Difference, Measured, Pool, difference, number_text
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
# Totals: one per pool (jjdata.amounts.Pool), never one grand sum


@dataclass(frozen=True)
class DepartmentPart:
    """One unit's share of a total (its rows only): what a total of several units is made of."""

    dept_id: str
    projects: Measured
    investment: Measured
    annual_investment: Measured

    def measured(self, measure: str) -> Measured:
        return getattr(self, measure)


@dataclass(frozen=True)
class GroupTotal:
    """The rows of one pool among a selection, and what they add up to, measure by measure."""

    pool: Pool
    rows: int  # filtered rows in this pool (not the named rows listed beside a group of it)
    counted: int  # rows whose values were added (no ancestor of the same pool among the rows)
    departments: tuple[str, ...]
    projects: Measured
    investment: Measured
    annual_investment: Measured
    # named rows the text lists beside one of the counted groups here, without saying whether
    # they are among it (横九线… beside the 44): in no value, not "undisclosed"; see jjdata.phrases
    listed_apart: tuple[str, ...] = ()
    parts: tuple[DepartmentPart, ...] = ()  # per unit, in display order
    # groups among the rows, of another pool, that the text says hold this total's rows
    # (水利局's 18 前期 are among its 32): never added to them
    within: tuple[str, ...] = ()
    figure_ids: tuple[str, ...] = ()  # the figures of the rows it adds up, in row order
    row_ids: tuple[str, ...] = ()  # every row of the pool among the selection, counted or not

    @property
    def scope(self) -> str:
        return self.pool.scope

    @property
    def city_list(self) -> str | None:
        return self.pool.owner or None

    @property
    def period(self) -> str:
        return self.pool.period

    @property
    def basis(self) -> str:
        return self.pool.basis

    def measured(self, measure: str) -> Measured:
        return getattr(self, measure)

    @property
    def gives_a_number(self) -> bool:
        return any(self.measured(m).given for m in MEASURES)


# measure name -> (value column, qualifier column)
MEASURE_COLUMNS: dict[str, tuple[str, str]] = {
    "projects": ("project_count", "count_qualifier"),
    "investment": ("investment", "investment_qualifier"),
    "annual_investment": ("annual_investment", "annual_investment_qualifier"),
}
_ROW_COLUMNS = {  # measure -> (estimate column, word column, figure column)
    "projects": ("count_estimate", "count_word", "count_figure_id"),
    "investment": ("investment_estimate", "investment_word", "investment_figure_id"),
    "annual_investment": ("annual_investment_estimate", "annual_investment_word", "annual_investment_figure_id"),
}
_BOUND_CODES = {"exact": 0, "approx": 0, "at_least": 1, "more_than": 2}


def amount_kind(pool: Pool, measure: str, word: str, estimate: str = "") -> AmountKind:
    """The kind of a number of ``measure`` of a row of ``pool``, worded ``word``."""
    unit = pool.count_unit if measure == "projects" else vocab.MONEY_UNIT
    return AmountKind(pool, measure, word, unit, estimate)


@per_tables
def row_pools(tables: Tables) -> list[Pool]:
    """The pool of every row of ``tables.projects``, by position."""
    projects = tables.projects
    basis_of = dict(zip(tables.stages["stage_id"], tables.stages["basis"], strict=True))
    columns = zip(
        projects["scope"].astype("object"),
        projects["dept_id"].astype("object"),
        projects["period"].astype("object"),
        projects["stage_id"].astype("object").map(basis_of),
        projects["count_unit"].astype("object"),
        projects["count_word"].astype("object"),
        projects["scope_read"].fillna(False).astype(bool),
        projects["period_read"].fillna(False).astype(bool),
        strict=True,
    )
    return [
        Pool(scope, dept if scope == "city" else "", period, basis, unit, word, bool(sr), bool(pr))
        for scope, dept, period, basis, unit, word, sr, pr in columns
    ]


def _pool_order(tables: Tables) -> Callable[[Pool], tuple]:
    """Display order of pools: the units' own rows first, then each city-wide list; period; basis."""
    owners = {v: i for i, v in enumerate(["", *tables.departments["dept_id"]])}
    periods = {v: i for i, v in enumerate(vocab.PERIODS)}
    order = {v: i for i, v in enumerate(tables.bases.sort_values("display_order")["basis_id"])}
    scopes = {v: i for i, v in enumerate(vocab.SCOPES)}
    counted = {v: i for i, v in enumerate(reversed(vocab.AMOUNT_WORDS["projects"]))}  # 项目, 项目包, 子项目
    return lambda p: (
        scopes[p.scope],
        owners[p.owner],
        periods[p.period],
        order[p.basis],
        p.count_unit,
        counted.get(p.count_word, len(counted)),
        p.scope_read,
        p.period_read,
    )


@dataclass(frozen=True)
class _Hierarchy:
    """Per row of ``tables.projects`` (by position), computed once per data set."""

    parent: np.ndarray  # position of the parent row, -1 for none
    depth: int  # parent links of the deepest row
    key: np.ndarray  # code of the row's pool, codes in display order
    pools: list[Pool]  # code -> pool
    values: dict[str, np.ndarray]  # measure -> float values (NaN: not stated)
    approx: dict[str, np.ndarray]
    bound: dict[str, np.ndarray]  # 0 exact, 1 ≥, 2 >
    estimate: dict[str, np.ndarray]  # measure -> 估算/预计 or "" (object)
    word: dict[str, np.ndarray]  # measure -> the report's word for it (object; "" where no value)
    figures: dict[str, np.ndarray]  # measure -> the figure id of the row's own number (object; "")
    beside: np.ndarray  # position of the counted group a named row is listed beside, -1 for none
    project_ids: np.ndarray  # by position


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
    pools = row_pools(tables)
    ordered = sorted(set(pools), key=_pool_order(tables))
    code = {pool: i for i, pool in enumerate(ordered)}
    values, approx, bound, estimate, word, figures = {}, {}, {}, {}, {}, {}
    for name, (value_col, qualifier_col) in MEASURE_COLUMNS.items():
        estimate_col, word_col, figure_col = _ROW_COLUMNS[name]
        qualifier = projects[qualifier_col].astype("object")
        values[name] = projects[value_col].astype("float64").to_numpy()
        approx[name] = (qualifier == "approx").to_numpy()
        bound[name] = qualifier.map(_BOUND_CODES).fillna(0).astype(np.int8).to_numpy()
        estimate[name] = projects[estimate_col].fillna("").astype("object").to_numpy()
        word[name] = projects[word_col].fillna("").astype("object").to_numpy()
        figures[name] = projects[figure_col].fillna("").astype("object").to_numpy()
    beside = np.array(
        [position.get(b, -1) if isinstance(b, str) else -1 for b in projects["beside_id"]], dtype=np.int64
    )
    return _Hierarchy(
        parent,
        depth,
        np.array([code[p] for p in pools], dtype=np.int64),
        ordered,
        values,
        approx,
        bound,
        estimate,
        word,
        figures,
        beside,
        projects["project_id"].to_numpy(dtype=object),
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
    """The rows, each with its pool, whether it is counted, and its value per measure.

    ``rows`` is a selection of ``tables.projects`` (as ``filter_projects``
    returns it, index kept). A row is counted when none of its ancestors is
    among ``rows`` in the same pool. A row without its own value takes the sum
    of its parts among ``rows`` as a lower bound, when the parts word it alike.
    ``beside_of``: for a named row listed beside a group (``beside_id``) that
    is among ``rows`` and counted, the group's position; else -1 (such a row
    is said with its group, not counted in a pool of its own).
    ``within``: the position of the nearest ancestor among ``rows`` of another
    pool (水利局's 18 前期 within its 32), else -1.
    Columns per measure: ``<m>_value``, ``<m>_approx``, ``<m>_bound`` (0 exact,
    1 ≥, 2 >), ``<m>_estimate`` (估算/预计 or ""), ``<m>_word``, ``<m>_figures``
    (the figure ids it rests on, comma-separated).
    """
    h = _hierarchy(tables)
    positions = rows.index.to_numpy(dtype=np.int64)
    size = len(h.parent)
    member = np.zeros(size, dtype=bool)
    member[positions] = True
    nearest = np.full(len(positions), -1, dtype=np.int64)
    within = np.full(len(positions), -1, dtype=np.int64)
    ancestor = positions.copy()
    for _ in range(h.depth):
        ancestor = np.where(ancestor >= 0, h.parent[np.maximum(ancestor, 0)], -1)
        safe = np.maximum(ancestor, 0)
        present = (ancestor >= 0) & member[safe]
        same = h.key[safe] == h.key[positions]
        hit = (nearest < 0) & present & same
        nearest[hit] = ancestor[hit]
        other = (within < 0) & present & ~same
        within[other] = ancestor[other]
    pools = [h.pools[c] for c in h.key[positions]]
    counted_at = np.zeros(size, dtype=bool)
    counted_at[positions] = nearest < 0
    group = h.beside[positions]
    beside_of = np.where((group >= 0) & counted_at[np.maximum(group, 0)], group, -1)
    frame = pd.DataFrame(
        {
            "project_id": pd.Series(rows["project_id"].to_numpy(dtype=object), index=rows.index, dtype=object),
            "dept_id": rows["dept_id"],
            "type_id": rows["type_id"],
            "pool": pools,
            "scope": [p.scope for p in pools],
            "city_list": [p.owner for p in pools],
            "period": [p.period for p in pools],
            "basis": [p.basis for p in pools],
            "_key": h.key[positions],
            "counted": (nearest < 0) & (beside_of < 0),
            "inside_parent": nearest >= 0,  # a part of a group among the rows, of the same pool: in its numbers
            "beside_of": beside_of,
            "within": np.where(nearest < 0, within, -1),
        },
        index=rows.index,
    )
    children = positions[nearest >= 0]
    parents = nearest[nearest >= 0]
    for name in MEASURES:
        value, approx, bound = h.values[name].copy(), h.approx[name].copy(), h.bound[name].copy()
        estimate, word, figures = h.estimate[name].copy(), h.word[name].copy(), h.figures[name].copy()
        own = ~np.isnan(value)
        added = own.astype(np.int64)  # the report's numbers a value adds: 1 for its own, its parts' for a sum
        for _ in range(h.depth if len(children) else 0):
            known = ~np.isnan(value[children])
            if not known.any():
                break
            kids, ups = children[known], parents[known]
            fill = np.zeros(size, dtype=bool)
            fill[ups] = True
            fill &= ~own & np.isnan(value)
            sums = np.bincount(ups, weights=value[kids], minlength=size)
            any_approx = np.bincount(ups, weights=approx[kids].astype(float), minlength=size) > 0
            top = np.zeros(size, dtype=np.int8)
            np.maximum.at(top, ups, bound[kids])
            for up in np.flatnonzero(fill):  # a whole takes its parts' sum only when they word it alike
                mine = kids[ups == up]
                if len({(word[k], estimate[k]) for k in mine}) > 1:
                    fill[up] = False
                    continue
                word[up], estimate[up] = word[mine[0]], estimate[mine[0]]
                figures[up] = ",".join(f for k in mine for f in figures[k].split(",") if f)
            value[fill], approx[fill] = sums[fill], any_approx[fill]
            bound[fill] = np.maximum(top[fill], 1)  # parts of a whole: a lower bound
            added[fill] = np.bincount(ups, weights=added[kids], minlength=size).astype(np.int64)[fill]
        given = ~np.isnan(value[positions])
        frame[f"{name}_above"] = _given_above(h, name, positions, member, given)
        frame[f"{name}_value"] = value[positions]
        frame[f"{name}_added"] = added[positions]
        frame[f"{name}_approx"] = approx[positions] & given
        frame[f"{name}_bound"] = bound[positions]
        # plain Python strings (object), not Arrow strings: they are read row by row
        for column, values in (("estimate", estimate), ("word", word), ("figures", figures)):
            frame[f"{name}_{column}"] = pd.Series(
                np.where(given, values[positions], ""), index=rows.index, dtype=object
            )
    return frame


def _given_above(
    h: _Hierarchy, measure: str, positions: np.ndarray, member: np.ndarray, given: np.ndarray
) -> np.ndarray:
    """For each row that gives no ``measure``: the id of its nearest ancestor outside the rows that
    gives one (the report's number is the group's, not these rows'), else ""."""
    project_ids = h.project_ids
    found = np.full(len(positions), "", dtype=object)
    for i in np.flatnonzero(~given):
        up = h.parent[positions[i]]
        while up >= 0 and member[up]:
            up = h.parent[up]
        while up >= 0 and np.isnan(h.values[measure][up]):
            up = h.parent[up]
        if up >= 0:
            found[i] = project_ids[up]
    return found


def summarize(tables: Tables, rows: pd.DataFrame, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """See ``_summarize``; memoised (treat the result as read-only)."""
    return _memoised("summary", tables, rows, by, lambda: _summarize(tables, rows, by))


def _summarize(tables: Tables, rows: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """Totals per pool (and ``by``, e.g. ``("dept_id",)``), in display order.

    Columns: ``pool`` and its ``scope``, ``city_list``, ``period``, ``basis``;
    ``by``; ``rows``, ``counted``, ``listed_apart`` (named rows listed beside a
    counted group of this total, whose membership the text does not state).
    Per measure: ``<m>`` (the sum, NaN when nothing was given or when rows word
    it differently: then ``<m>_mixed``), ``<m>_approx``, ``<m>_bound`` (0 exact,
    1 ≥, 2 >), ``<m>_estimate``, ``<m>_word``, ``<m>_added`` (how many rows'
    numbers it adds), ``<m>_undisclosed`` (counted rows without a value).
    Rows listed beside a group among the rows are said with that group, in no pool of their own.
    """
    everything = counted_rows(tables, rows)
    frame = everything[everything["beside_of"] < 0]
    keys = ["pool", "scope", "city_list", "period", "basis"]
    columns = [*keys, *by, "rows", "counted", "listed_apart"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    apart_of = everything["beside_of"].to_numpy()
    code = frame["_key"].to_numpy()
    for column in by:  # categorical columns: codes follow the display order
        codes = frame[column].cat.codes.to_numpy().astype(np.int64)
        code = code * (len(frame[column].cat.categories) + 1) + codes
    groups, inverse = np.unique(code, return_inverse=True)
    size = len(groups)
    first = np.zeros(size, dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(code))[::-1]  # a representative row of each group
    counted = frame["counted"].to_numpy()
    result: dict[str, object] = {k: frame[k].to_numpy()[first] for k in (*keys, *by)}
    result["rows"] = np.bincount(inverse, minlength=size)
    counted_per_group = np.bincount(inverse, weights=counted, minlength=size).astype(int)
    result["counted"] = counted_per_group
    apart = apart_of[apart_of >= 0]
    group_of_apart = inverse[frame.index.get_indexer(apart)]  # the total of the group they sit beside
    result["listed_apart"] = np.bincount(group_of_apart, minlength=size).astype(int)
    for name in MEASURES:
        value = frame[f"{name}_value"].to_numpy()
        known = counted & ~np.isnan(value)
        given = np.bincount(inverse, weights=known, minlength=size)
        sums = np.bincount(inverse, weights=np.where(known, value, 0.0), minlength=size)
        kind = frame[f"{name}_word"].to_numpy() + "|" + frame[f"{name}_estimate"].to_numpy()
        kinds = pd.Series(kind[known]).groupby(inverse[known]).nunique()
        mixed = np.zeros(size, dtype=bool)
        mixed[kinds.index.to_numpy()] = kinds.to_numpy() > 1
        result[name] = np.where((given > 0) & ~mixed, sums, np.nan)
        result[f"{name}_mixed"] = mixed
        approx = known & frame[f"{name}_approx"].to_numpy()
        result[f"{name}_approx"] = np.bincount(inverse, weights=approx, minlength=size) > 0
        top = np.zeros(size, dtype=np.int8)
        np.maximum.at(top, inverse[known], frame[f"{name}_bound"].to_numpy()[known])
        result[f"{name}_bound"] = top.astype(int)
        result[f"{name}_undisclosed"] = (counted_per_group - given).astype(int)
        result[f"{name}_added"] = np.bincount(
            inverse, weights=np.where(known, frame[f"{name}_added"].to_numpy(), 0), minlength=size
        ).astype(int)
        words = np.full(size, "", dtype=object)
        estimates = np.full(size, "", dtype=object)
        rows_known = np.flatnonzero(known)
        groups_known = inverse[rows_known]
        words[groups_known] = frame[f"{name}_word"].to_numpy()[rows_known]  # one kind a group (else mixed)
        estimates[groups_known] = frame[f"{name}_estimate"].to_numpy()[rows_known]
        result[f"{name}_word"] = words
        result[f"{name}_estimate"] = estimates
    summary = pd.DataFrame(result)
    for column in by:  # keep the categorical dtype (and its display order)
        summary[column] = pd.Categorical(summary[column], categories=frame[column].cat.categories)
    return summary


def summary_measured(record: pd.Series | dict, measure: str) -> Measured:
    """The measure of one row of ``summarize`` as a ``Measured`` (no amount where it was not
    given or its rows word it differently: ``totals`` lists those side by side)."""
    undisclosed = int(record[f"{measure}_undisclosed"])
    if pd.isna(record[measure]):
        return Measured(measure, (), undisclosed)
    kind = amount_kind(record["pool"], measure, str(record[f"{measure}_word"]), str(record[f"{measure}_estimate"]))
    amount = Amount(
        kind,
        float(record[measure]),
        approx=bool(record[f"{measure}_approx"]),
        bound=BOUNDS[int(record[f"{measure}_bound"])],
        added=int(record[f"{measure}_added"]),
    )
    return Measured(measure, (amount,), undisclosed)


def totals(tables: Tables, rows: pd.DataFrame) -> list[GroupTotal]:
    """One total per pool present in ``rows``, in display order (memoised)."""
    return list(_memoised("totals", tables, rows, (), lambda: tuple(_totals(tables, rows))))


def _totals(tables: Tables, rows: pd.DataFrame) -> list[GroupTotal]:
    if rows.empty:
        return []
    frame = counted_rows(tables, rows)
    project_ids = tables.projects["project_id"].to_numpy()
    units = list(tables.departments["dept_id"])
    apart: dict[int, list[str]] = {}
    for project_id, group in zip(frame["project_id"], frame["beside_of"], strict=True):
        if group >= 0:
            apart.setdefault(int(_hierarchy(tables).key[group]), []).append(project_id)
    shown = frame[frame["beside_of"] < 0]
    result = []
    for key, members in shown.groupby("_key", sort=True).groups.items():
        mine = shown.loc[members]
        pool = mine["pool"].iat[0]
        counted = mine[mine["counted"]]
        parts = []
        for dept in sorted(dict.fromkeys(mine["dept_id"].astype("object")), key=units.index):
            own = counted[counted["dept_id"].astype("object") == dept]
            parts.append(DepartmentPart(dept, *(_measured(pool, own, m) for m in MEASURES)))
        measured = {m: _sum_parts(m, [p.measured(m) for p in parts]) for m in MEASURES}
        within = mine.loc[mine["within"] >= 0, "within"].to_numpy()
        result.append(
            GroupTotal(
                pool=pool,
                rows=len(mine),
                counted=len(counted),
                departments=tuple(p.dept_id for p in parts),
                **measured,
                listed_apart=tuple(apart.get(int(key), ())),
                parts=tuple(parts),
                within=tuple(dict.fromkeys(project_ids[within].tolist())),
                figure_ids=tuple(dict.fromkeys(f for m in MEASURES for f in measured[m].figure_ids)),
                row_ids=tuple(mine["project_id"]),
            )
        )
    return result


def _measured(pool: Pool, counted: pd.DataFrame, measure: str) -> Measured:
    """The amounts the counted rows of one unit give for a measure: like ones added, unlike ones apart."""
    given = counted[counted[f"{measure}_value"].notna()]
    amounts = []
    for (word, estimate), rows in given.groupby([f"{measure}_word", f"{measure}_estimate"], sort=False):
        figures = tuple(dict.fromkeys(f for listed in rows[f"{measure}_figures"] for f in listed.split(",") if f))
        amounts.append(
            Amount(
                amount_kind(pool, measure, str(word), str(estimate)),
                float(rows[f"{measure}_value"].sum()),
                bool(rows[f"{measure}_approx"].any()),
                BOUNDS[int(rows[f"{measure}_bound"].max())],
                int(rows[f"{measure}_added"].sum()),
                figures,
            )
        )
    silent = counted[counted[f"{measure}_value"].isna()]
    above = tuple(dict.fromkeys(a for a in silent[f"{measure}_above"] if a)) if not amounts else ()
    return Measured(measure, tuple(amounts), len(counted) - len(given), tuple(given["project_id"]), above)


def _sum_parts(measure: str, parts: list[Measured]) -> Measured:
    total = Measured(measure)
    for part in parts:
        total = total + part
    return total


@dataclass(frozen=True)
class SeriesKind:
    """What the bars of one chart are: amounts of one basis, one measure, one word and one unit.
    Each bar is one unit's total of one pool (its period and scope say which); bars of one
    series stand side by side and are never added, and amounts of another kind are another series."""

    basis: str
    measure: str
    label: str  # 项目数, 项目包数, 完成投资, 计划总投资, …
    unit: str  # 个, 项, 亿元


def series_of(record: pd.Series | dict, measure: str) -> SeriesKind | None:
    """The series a row of ``summarize`` belongs to for ``measure``; None where it gives no one number."""
    amount = summary_measured(record, measure).amount
    if amount is None:
        return None
    return SeriesKind(record["basis"], measure, amount.kind.label, amount.kind.unit)


def series_rows(summary: pd.DataFrame, series: SeriesKind) -> pd.DataFrame:
    """The rows of a ``summarize`` frame that are bars of ``series`` (memoised per frame: read-only)."""
    return _SERIES.get(("rows", series), summary, lambda: _series_rows(summary, series))


def _series_rows(summary: pd.DataFrame, series: SeriesKind) -> pd.DataFrame:
    if summary.empty:
        return summary
    keep = [series_of(record, series.measure) == series for record in _records(summary)]
    return summary[np.array(keep, dtype=bool)]


# Series worked out for a summary (or for row sets): a page asks for them on every rerun.
_SERIES = IdentityMemo(64)


def _records(summary: pd.DataFrame) -> list[dict]:
    return _SERIES.get(("records",), summary, lambda: summary.to_dict("records"))


def counted_series(counted: pd.DataFrame, series: SeriesKind) -> pd.DataFrame:
    """The counted rows (of ``counted_rows``) whose own number is of ``series``."""
    measure = series.measure
    mine = counted[counted["counted"] & counted[f"{measure}_value"].notna() & (counted["basis"] == series.basis)]
    if mine.empty:
        return mine
    kinds = list(zip(mine["pool"], mine[f"{measure}_word"], mine[f"{measure}_estimate"], strict=True))
    fits = {k: _series_fits(amount_kind(k[0], measure, k[1], k[2]), series) for k in set(kinds)}
    return mine[np.array([fits[k] for k in kinds], dtype=bool)]


def _series_fits(kind: AmountKind, series: SeriesKind) -> bool:
    return (kind.label, kind.unit) == (series.label, series.unit)


def counted_amounts(counted: pd.DataFrame, measure: str) -> list[Amount]:
    """The number of ``measure`` of each row of ``counted_rows`` that gives one, as an ``Amount``."""
    columns = ("pool", "value", "approx", "bound", "word", "estimate", "added", "figures")
    given = counted[counted[f"{measure}_value"].notna()]
    values = [given["pool"], *(given[f"{measure}_{c}"] for c in columns[1:])]
    return [
        Amount(
            amount_kind(pool, measure, str(word), str(estimate)),
            float(value),
            bool(approx),
            BOUNDS[int(bound)],
            int(added),
            tuple(f for f in str(figures).split(",") if f),
        )
        for pool, value, approx, bound, word, estimate, added, figures in zip(*values, strict=True)
    ]


def series_kinds(tables: Tables, row_sets: list[pd.DataFrame], measure: str) -> list[SeriesKind]:
    """Every series the row sets give bars for (targets and 预计 left out: never charted beside
    projects), the one with the most bars first, then in display order."""
    key = ("kinds", measure, *(_rows_key(rows) for rows in row_sets))
    return list(_SERIES.get(key, tables, lambda: tuple(_series_kinds(tables, row_sets, measure))))


def _series_kinds(tables: Tables, row_sets: list[pd.DataFrame], measure: str) -> list[SeriesKind]:
    goals = set(bases_module.goal_bases(tables))
    order = {b: i for i, b in enumerate(bases_module.basis_labels(tables))}
    bars: dict[SeriesKind, int] = {}
    for rows in row_sets:
        summary = summarize(tables, rows, by=("dept_id",))
        for record in _records(summary):
            kind = series_of(record, measure) if record["basis"] not in goals else None
            if kind is not None:
                bars[kind] = bars.get(kind, 0) + 1
    return sorted(bars, key=lambda k: (-bars[k], order[k.basis], k.label, k.unit))


Comparison = list[tuple[Pool, dict[str, tuple[Measured | None, Measured | None, Difference]]]]


def compare_totals(
    tables: Tables, a: list[GroupTotal], b: list[GroupTotal], names: tuple[str, str] = ("A", "B")
) -> Comparison:
    """Pair the totals of A and B of the same pool: only like is subtracted from like.

    Returns (pool, {measure: (a, b, b − a)}) in display order. A side without
    the pool is None: outside its filters, never zero, and nothing is
    subtracted from or against it (``amounts.difference`` says why).
    """
    by_a, by_b = {t.pool: t for t in a}, {t.pool: t for t in b}
    pools = sorted(dict.fromkeys([*by_a, *by_b]), key=_pool_order(tables))
    result = []
    for pool in pools:
        measures = {}
        for name in MEASURES:
            qa = by_a[pool].measured(name) if pool in by_a else None
            qb = by_b[pool].measured(name) if pool in by_b else None
            measures[name] = (qa, qb, difference(qa, qb, names))
        result.append((pool, measures))
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
def row_amounts(tables: Tables) -> dict[str, list[Amount | None]]:
    """Measure -> each project row's own number (by position) as an ``Amount``, or None where the
    report gives it none; what a row's cell in a table or an export prints."""
    h = _hierarchy(tables)
    result: dict[str, list[Amount | None]] = {}
    for name in MEASURES:
        amounts: list[Amount | None] = []
        for position, value in enumerate(h.values[name]):
            if np.isnan(value):
                amounts.append(None)
                continue
            kind = amount_kind(h.pools[h.key[position]], name, h.word[name][position], h.estimate[name][position])
            figure = h.figures[name][position]
            amounts.append(
                Amount(
                    kind,
                    float(value),
                    bool(h.approx[name][position]),
                    BOUNDS[int(h.bound[name][position])],
                    1,
                    (figure,) if figure else (),
                )
            )
        result[name] = amounts
    return result


@per_tables
def figure_amounts(tables: Tables) -> dict[str, tuple[int, str]]:
    """Figure id -> (position of the project row it gives a number to, the measure), for the figures
    that are a row's own count, investment or annual investment (not, e.g., a road's length)."""
    found: dict[str, tuple[int, str]] = {}
    for name in MEASURES:
        for position, figure in enumerate(_hierarchy(tables).figures[name]):
            if figure:
                found.setdefault(figure, (position, name))
    return found


@per_tables
def figure_periods(tables: Tables) -> dict[str, str]:
    """Figure id -> its period in words, marked as a reading where the row it gives a number to reads
    its period from the context ("2021年下半年（时期按上下文理解，原文未明说）")."""
    pools = row_pools(tables)
    read = {figure for figure, (position, _) in figure_amounts(tables).items() if pools[position].period_read}
    mark = f"（{vocab.READINGS['period']}）"
    return {
        figure: vocab.PERIODS[period] + (mark if figure in read else "")
        for figure, period in zip(tables.figures["figure_id"], tables.figures["period"].astype("object"), strict=True)
    }


@per_tables
def headline_figures(tables: Tables) -> pd.DataFrame:
    """The report's headline cards, one row per figure, in display order (cards, then figures in a card).

    Columns: the card's ``headline_id``, ``display_order``, ``title``, ``primary``
    (one of the city-wide cards a first screen shows), ``dept_id``, ``whose`` (the
    unit, with the mark of a reading: 商务局（按全市统计理解，原文未明说）), ``read`` (its
    rows read their scope or period into the text),
    ``scope``, ``period``, ``basis``; the figure's ``figure_id``, ``measure``
    (the report's own name), ``label`` (项目数, 总投资, or the report's word for an
    amount, 完成投资, 计划总投资; the figure's own name where two figures of a
    card would share a label), ``value``, ``unit`` (as printed: 个, 项, 亿元,
    个项目包), ``qualifier``, ``value_text`` (≈405, ≥100, >500); the card's
    ``quote`` and ``quote_start``.
    """
    from .phrases import unit_names, whose

    cards = tables.headlines.sort_values("display_order")
    figures = tables.figures.set_index("figure_id")
    own = figure_amounts(tables)
    amounts = row_amounts(tables)
    pools = row_pools(tables)
    records = []
    for card in cards.itertuples(index=False):
        ids = card.figure_ids.split(",")
        found = [amounts[own[f][1]][own[f][0]] if f in own else None for f in ids]
        labels = [a.kind.label if a is not None else "" for a in found]
        pool = next((pools[own[f][0]] for f in ids if f in own), None)
        card_whose = whose(tables, pool, (card.dept_id,)) if pool is not None else unit_names(tables)[card.dept_id]
        for position, (figure_id, amount, label) in enumerate(zip(ids, found, labels, strict=True)):
            figure = figures.loc[figure_id]
            qualifier = str(figure["qualifier"])
            shared = amount is None or labels.count(label) > 1
            records.append(
                {
                    "headline_id": card.headline_id,
                    "display_order": card.display_order,
                    "position": position,
                    "title": card.title,
                    "primary": bool(card.primary),
                    "dept_id": card.dept_id,
                    "whose": card_whose,
                    "read": bool(pool is not None and (pool.scope_read or pool.period_read)),
                    "scope": card.scope,
                    "period": card.period,
                    "basis": card.basis,
                    "figure_id": figure_id,
                    "measure": figure["measure"],
                    "label": str(figure["measure"]) if shared else label,
                    "value": float(figure["value"]),
                    "unit": str(figure["unit"]),
                    "qualifier": qualifier,
                    "value_text": f"{_SYMBOLS[qualifier]}{number_text(float(figure['value']))}{figure['unit']}",
                    "quote": card.quote,
                    "quote_start": card.quote_start,
                }
            )
    return pd.DataFrame(records)


_SYMBOLS = {qualifier: symbol for qualifier, (symbol, _) in vocab.QUALIFIERS.items()}
