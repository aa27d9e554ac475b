"""Pure queries over the project rows: filters, investment bands, totals.

Totals never add
- a row together with its own parts (the hierarchy in ``parent_id``),
- city-wide rows (发改局's key-project list) together with department rows,
- different periods (十三五 actuals, 2021 plans, 十四五 reserves),
- different bases (projects as reported, signing targets, start targets, …).
Each combination of scope, period and basis is its own total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import pandas as pd

from . import vocab
from .load import Tables

INF = math.inf

# Investment bands in 亿元: [low, high). "undisclosed" holds rows without a figure.
BANDS: dict[str, tuple[str, float, float]] = {
    "undisclosed": ("未披露", math.nan, math.nan),
    "lt10": ("10亿以下", 0.0, 10.0),
    "10to100": ("10–100亿", 10.0, 100.0),
    "100to1000": ("100–1000亿", 100.0, 1000.0),
    "ge1000": ("1000亿及以上", 1000.0, INF),
}


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


@dataclass(frozen=True)
class Rejected:
    """A filter value that is not in the data, dropped with the reason."""

    field: str
    value: str
    reason: str


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
        if bound is not None and (math.isnan(bound) or bound < 0):
            rejected.append(Rejected(label, str(bound), "投资额须为非负数"))
            low, high = (None, high) if label == "min_investment" else (low, None)
    if low is not None and high is not None and low > high:
        rejected.append(Rejected("max_investment", str(high), f"上限小于下限 {low:g}"))
        high = None
    return Filters(**cleaned, min_investment=low, max_investment=high), rejected


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
    """The project rows that satisfy every filter."""
    projects = tables.projects
    keep = pd.Series(True, index=projects.index)
    if filters.departments:
        keep &= projects["dept_id"].isin(filters.departments)
    if filters.types:
        level1 = projects["type_id"].astype("object").str.split(".").str[0]
        keep &= projects["type_id"].isin(filters.types) | level1.isin(filters.types)
    if filters.periods:
        keep &= projects["period"].isin(filters.periods)
    if filters.stages:
        keep &= projects["stage_id"].isin(filters.stages)
    if filters.scopes:
        keep &= projects["scope"].isin(filters.scopes)
    keep &= investment_matches(projects, filters)
    return projects[keep]


# --------------------------------------------------------------------------
# Totals


@dataclass(frozen=True)
class Quantity:
    """A total with what is known about it."""

    value: float | None = None  # None: no row disclosed this measure
    approx: bool = False  # some part was 约
    bound: str = "exact"  # "exact", "at_least" (≥) or "more_than" (>)
    undisclosed: int = 0  # counted rows that gave no value for this measure

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
        )


def _quantity(value: object, qualifier: object) -> Quantity | None:
    if value is None or pd.isna(value):
        return None
    qualifier = str(qualifier)
    return Quantity(
        float(value),  # type: ignore[arg-type]
        approx=qualifier == "approx",
        bound=qualifier if qualifier in ("at_least", "more_than") else "exact",
    )


@dataclass(frozen=True)
class GroupTotal:
    """Totals for the rows of one scope, period and basis."""

    scope: str
    period: str
    basis: str
    row_ids: tuple[str, ...]
    counted_ids: tuple[str, ...]  # the rows whose values were added
    departments: tuple[str, ...]
    projects: Quantity
    investment: Quantity
    annual_investment: Quantity
    from_parts: tuple[str, ...] = field(default=())  # rows valued by adding their parts

    @property
    def label(self) -> str:
        scope = vocab.SCOPES[self.scope]
        return f"{vocab.PERIODS[self.period]} · {scope}"


MEASURES = (
    ("projects", "project_count", "count_qualifier"),
    ("investment", "investment", "investment_qualifier"),
    ("annual_investment", "annual_investment", "annual_investment_qualifier"),
)


def totals(tables: Tables, rows: pd.DataFrame) -> list[GroupTotal]:
    """One total per (scope, period, basis) present in ``rows``, in display order."""
    if rows.empty:
        return []
    basis_of = dict(zip(tables.stages["stage_id"], tables.stages["basis"], strict=True))
    basis_order = list(dict.fromkeys(tables.stages["basis"]))
    parent_of = dict(zip(tables.projects["project_id"], tables.projects["parent_id"], strict=True))
    keyed = rows.assign(
        _basis=rows["stage_id"].astype("object").map(basis_of),
        _period=rows["period"].astype("object"),
        _scope=rows["scope"].astype("object"),
    )
    groups = []
    for (scope, period, basis), group in keyed.groupby(["_scope", "_period", "_basis"], sort=False):
        groups.append(_group_total(str(scope), str(period), str(basis), group, parent_of))
    periods, scopes = list(vocab.PERIODS), list(vocab.SCOPES)
    groups.sort(key=lambda g: (scopes.index(g.scope), periods.index(g.period), basis_order.index(g.basis)))
    return groups


def _group_total(scope: str, period: str, basis: str, group: pd.DataFrame, parent_of: dict) -> GroupTotal:
    ids = list(group["project_id"])
    members = set(ids)

    def nearest_member_ancestor(pid: str) -> str | None:
        seen = set()
        parent = parent_of.get(pid)
        while isinstance(parent, str) and parent not in seen:
            if parent in members:
                return parent
            seen.add(parent)
            parent = parent_of.get(parent)
        return None

    children: dict[str, list[str]] = {}
    roots = []
    for pid in ids:
        up = nearest_member_ancestor(pid)
        if up is None:
            roots.append(pid)
        else:
            children.setdefault(up, []).append(pid)
    by_id = group.set_index("project_id")
    from_parts: set[str] = set()

    def effective(pid: str, column: str, qualifier_column: str) -> Quantity | None:
        own = _quantity(by_id.at[pid, column], by_id.at[pid, qualifier_column])
        if own is not None:
            return own
        parts = [q for c in children.get(pid, []) if (q := effective(c, column, qualifier_column)) is not None]
        if not parts:
            return None
        from_parts.add(pid)
        total = sum(parts[1:], parts[0])
        # The listed parts need not be all of the row: their sum is a lower bound.
        return replace(total, bound="more_than" if total.bound == "more_than" else "at_least")

    results = {}
    for name, column, qualifier_column in MEASURES:
        total = Quantity()
        for pid in roots:
            value = effective(pid, column, qualifier_column)
            total = total + (value if value is not None else Quantity(None, undisclosed=1))
        results[name] = total
    departments = tuple(dict.fromkeys(group["dept_id"].astype("object")))
    return GroupTotal(
        scope=scope,
        period=period,
        basis=basis,
        row_ids=tuple(ids),
        counted_ids=tuple(roots),
        departments=departments,
        from_parts=tuple(sorted(from_parts)),
        **results,
    )


def figures_for(tables: Tables, project_id: str) -> pd.DataFrame:
    """The figures behind one project row, with their quotes and offsets."""
    row = tables.projects.loc[tables.projects["project_id"] == project_id]
    if row.empty:
        raise KeyError(f"没有项目 “{project_id}”")
    ids = [f for f in str(row.iloc[0]["figure_ids"]).split(",") if f]
    figures = tables.figures
    return figures[figures["figure_id"].isin(ids)]
