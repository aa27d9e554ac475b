"""Pure queries over the project rows: filters, investment bands, totals.

Totals never add
- a row together with its own parts (the hierarchy in ``parent_id``),
- city-wide rows (发改局's key-project list) together with department rows,
- different periods (十三五 actuals, 2021 plans, 十四五 reserves),
- different bases (projects as reported, signing targets, start targets, …).
Each combination of universe, period and basis is its own total, where the
universe is "department" for department rows and one per city-wide list
(发改局's key projects and 商务局's signings overlap each other too).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import vocab
from .build import Coverage
from .load import Tables
from .text import SourceText

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
    city_list: str | None  # for scope "city": the unit whose city-wide list this is
    period: str
    basis: str
    rows: int  # filtered rows in this group
    counted: int  # rows whose values were added (no ancestor among the rows)
    departments: tuple[str, ...]
    projects: Quantity
    investment: Quantity
    annual_investment: Quantity

    @property
    def label(self) -> str:
        return f"{vocab.PERIODS[self.period]} · {vocab.SCOPES[self.scope]}"


# measure name -> (value column, qualifier column)
MEASURES: dict[str, tuple[str, str]] = {
    "projects": ("project_count", "count_qualifier"),
    "investment": ("investment", "investment_qualifier"),
    "annual_investment": ("annual_investment", "annual_investment_qualifier"),
}
GROUP_KEYS = ["scope", "city_list", "period", "basis"]
_BOUND_CODES = {"exact": 0, "approx": 0, "at_least": 1, "more_than": 2}
_BOUND_NAMES = ["exact", "at_least", "more_than"]


def counted_rows(tables: Tables, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows, each with its group keys, whether it is counted, and its value per measure.

    A row is counted when none of its ancestors is among ``rows`` in the same
    universe, period and basis. A row without its own value takes the sum of its
    parts among ``rows`` as a lower bound. Columns added per measure:
    ``<m>_value``, ``<m>_approx``, ``<m>_bound`` (0 exact, 1 ≥, 2 >).
    """
    basis_of = dict(zip(tables.stages["stage_id"], tables.stages["basis"], strict=True))
    frame = pd.DataFrame(
        {
            "project_id": rows["project_id"].to_numpy(),
            "dept_id": rows["dept_id"].to_numpy(),
            "type_id": rows["type_id"].to_numpy(),
            "scope": rows["scope"].astype("object").to_numpy(),
            "period": rows["period"].astype("object").to_numpy(),
            "basis": rows["stage_id"].astype("object").map(basis_of).to_numpy(),
        }
    )
    frame["city_list"] = frame["dept_id"].astype("object").where(frame["scope"] == "city", "")
    frame["_key"] = frame["city_list"] + "|" + frame["period"] + "|" + frame["basis"]
    key_of = dict(zip(frame["project_id"], frame["_key"], strict=True))
    parent_of = _parent_map(tables)
    nearest = pd.Series(None, index=frame.index, dtype="object")
    ancestor = frame["project_id"]
    for _ in range(_max_depth(tables)):
        ancestor = ancestor.map(parent_of)
        hit = nearest.isna() & ancestor.notna() & ancestor.map(key_of).eq(frame["_key"])
        nearest[hit] = ancestor[hit]
    frame["counted"] = nearest.isna().to_numpy()
    for name, (value_col, qualifier_col) in MEASURES.items():
        qualifier = rows[qualifier_col].astype("object").to_numpy()
        value = pd.Series(rows[value_col].astype("float64").to_numpy(), index=frame.index)
        approx = pd.Series(qualifier == "approx", index=frame.index)
        bound = pd.Series(pd.Series(qualifier).map(_BOUND_CODES).fillna(0).to_numpy(), index=frame.index)
        own = value.notna()
        for _ in range(_max_depth(tables)):
            by_parent = pd.DataFrame({"parent": nearest, "v": value, "a": approx & value.notna(), "b": bound})
            by_parent = by_parent[by_parent["parent"].notna() & by_parent["v"].notna()]
            if by_parent.empty:
                break
            parts = by_parent.groupby("parent").agg(v=("v", "sum"), a=("a", "any"), b=("b", "max"))
            fill = ~own & frame["project_id"].isin(parts.index)
            if not fill.any():
                break
            ids = frame.loc[fill, "project_id"]
            value[fill] = ids.map(parts["v"]).to_numpy()
            approx[fill] = ids.map(parts["a"]).astype(bool).to_numpy()
            bound[fill] = ids.map(parts["b"]).clip(lower=1).to_numpy()  # parts of a whole: a lower bound
        frame[f"{name}_value"] = value
        frame[f"{name}_approx"] = approx
        frame[f"{name}_bound"] = bound
    return frame.drop(columns="_key")


def summarize(tables: Tables, rows: pd.DataFrame, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Totals per scope, city list, period, basis (and ``by``, e.g. ``("dept_id",)``), in display order.

    Per measure: ``<m>`` (sum, NaN when nothing was disclosed), ``<m>_approx``,
    ``<m>_bound`` (0 exact, 1 ≥, 2 >) and ``<m>_undisclosed`` (counted rows
    without a value); plus ``rows`` and ``counted``.
    """
    frame = counted_rows(tables, rows)
    keys = GROUP_KEYS + list(by)
    if frame.empty:
        return pd.DataFrame(columns=[*keys, "rows", "counted"])
    sizes = frame.groupby(keys, sort=False, observed=True).size().rename("rows")
    counted = frame[frame["counted"]]
    aggregations: dict[str, tuple[str, str]] = {"counted": ("project_id", "size")}
    for name in MEASURES:
        flags = counted[f"{name}_approx"] & counted[f"{name}_value"].notna()
        counted = counted.assign(**{f"_{name}_a": flags, f"_{name}_u": counted[f"{name}_value"].isna()})
        aggregations[name] = (f"{name}_value", "sum")
        aggregations[f"{name}_approx"] = (f"_{name}_a", "any")
        aggregations[f"{name}_bound"] = (f"{name}_bound", "max")
        aggregations[f"{name}_undisclosed"] = (f"_{name}_u", "sum")
    summary = counted.groupby(keys, sort=False, observed=True).agg(**aggregations)
    for name in MEASURES:
        disclosed = summary["counted"] - summary[f"{name}_undisclosed"]
        summary[name] = summary[name].where(disclosed > 0)
        summary[f"{name}_bound"] = summary[f"{name}_bound"].where(disclosed > 0, 0).astype(int)
    summary = sizes.to_frame().join(summary, how="left").reset_index()
    order = {
        "scope": list(vocab.SCOPES),
        "city_list": ["", *tables.departments["dept_id"]],
        "period": list(vocab.PERIODS),
        "basis": list(dict.fromkeys(tables.stages["basis"])),
    }
    sort_cols = [f"_{k}" for k in order]
    for key, values in order.items():
        summary[f"_{key}"] = summary[key].map({v: i for i, v in enumerate(values)})
    return summary.sort_values(sort_cols, kind="stable").drop(columns=sort_cols).reset_index(drop=True)


def quantity(summary_row: pd.Series | dict, name: str) -> Quantity:
    """The Quantity of measure ``name`` in one row of ``summarize``."""
    value = summary_row[name]
    undisclosed = int(summary_row[f"{name}_undisclosed"])
    if pd.isna(value):
        return Quantity(None, undisclosed=undisclosed)
    return Quantity(
        float(value),
        approx=bool(summary_row[f"{name}_approx"]),
        bound=_BOUND_NAMES[int(summary_row[f"{name}_bound"])],
        undisclosed=undisclosed,
    )


def totals(tables: Tables, rows: pd.DataFrame) -> list[GroupTotal]:
    """One total per (scope, period, basis) present in ``rows``, in display order."""
    summary = summarize(tables, rows)
    depts = counted_rows(tables, rows).groupby(GROUP_KEYS, sort=False)["dept_id"].unique()
    result = []
    for row in summary.to_dict("records"):
        key = tuple(row[k] for k in GROUP_KEYS)
        result.append(
            GroupTotal(
                scope=row["scope"],
                city_list=row["city_list"] or None,
                period=row["period"],
                basis=row["basis"],
                rows=int(row["rows"]),
                counted=int(row["counted"]) if not pd.isna(row["counted"]) else 0,
                departments=tuple(str(d) for d in depts.loc[key]),
                **{name: quantity(row, name) for name in MEASURES},
            )
        )
    return result


def _parent_map(tables: Tables) -> dict[str, str]:
    projects = tables.projects
    with_parent = projects[projects["parent_id"].notna()]
    return dict(zip(with_parent["project_id"], with_parent["parent_id"], strict=True))


def _max_depth(tables: Tables) -> int:
    """How many parent links the deepest row has (the hierarchy is shallow)."""
    parent_of = _parent_map(tables)
    depth = 0
    level = set(parent_of)
    while level:
        depth += 1
        level = {c for c in level if parent_of.get(c) in parent_of}
        if depth > len(parent_of):
            break
    return depth


def figures_for(tables: Tables, project_id: str) -> pd.DataFrame:
    """The figures behind one project row, with their quotes and offsets."""
    row = tables.projects.loc[tables.projects["project_id"] == project_id]
    if row.empty:
        raise KeyError(f"没有项目 “{project_id}”")
    ids = [f for f in str(row.iloc[0]["figure_ids"]).split(",") if f]
    figures = tables.figures
    return figures[figures["figure_id"].isin(ids)]


def difference(a: Quantity, b: Quantity) -> Quantity | None:
    """b − a, or None when the qualifiers leave it open.

    A lower bound in b keeps the difference a lower bound; a lower bound in
    a leaves it undetermined (b − a could be anything below a number).
    """
    if a.value is None or b.value is None or a.bound != "exact":
        return None
    return Quantity(b.value - a.value, a.approx or b.approx, b.bound, a.undisclosed + b.undisclosed)


def compare_totals(a: list[GroupTotal], b: list[GroupTotal]) -> list[tuple[tuple[str, ...], dict[str, tuple]]]:
    """Pair totals of the same group key; a group missing on one side counts as zero.

    Returns (key, {measure: (a, b, b − a or None)}) in display order, the key
    being (scope, city_list, period, basis).
    """

    def key(total: GroupTotal) -> tuple[str, ...]:
        return (total.scope, total.city_list or "", total.period, total.basis)

    by_a, by_b = {key(t): t for t in a}, {key(t): t for t in b}
    keys = list(dict.fromkeys([*by_a, *by_b]))
    zero = Quantity(0.0)
    result = []
    for k in keys:
        measures = {}
        for name in MEASURES:
            qa = getattr(by_a[k], name) if k in by_a else zero
            qb = getattr(by_b[k], name) if k in by_b else zero
            measures[name] = (qa, qb, difference(qa, qb))
        result.append((k, measures))
    scopes, periods = list(vocab.SCOPES), list(vocab.PERIODS)
    result.sort(key=lambda item: (scopes.index(item[0][0]), periods.index(item[0][2])))
    return result


def coverage(tables: Tables) -> Coverage:
    """How many Arabic numbers of the raw texts the tables account for."""
    total = sum(len(SourceText(raw).numbers()) for raw in tables.reports["raw_text"])
    status = tables.numbers["status"].astype("object")
    return Coverage(total, int((status == "figure").sum()), int((status == "not_figure").sum()))
