"""Filters <-> URL query parameters. Pure: no Streamlit, so it is unit-tested.

The URL always carries the filters, so a copied link reproduces the view.
Values the data does not know are dropped and reported, never executed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlencode

from jjdata import Filters

# Query parameter name for each filter field.
PARAMS: dict[str, str] = {
    "departments": "dept",
    "types": "type",
    "periods": "period",
    "stages": "stage",
    "bands": "band",
}
MIN_PARAM, MAX_PARAM = "min", "max"
SINGLE_PARAM, SINGLE_ON = "single", "1"  # 只看单个项目

# Periods get ASCII tokens so shared links stay readable.
PERIOD_TOKENS: dict[str, str] = {
    "十三五": "2016-2020",
    "2021": "2021",
    "2021H1": "2021H1",
    "2021H2": "2021H2",
    "十四五": "2021-2025",
    "": "none",
}
TOKEN_PERIODS = {token: period for period, token in PERIOD_TOKENS.items()}

MAX_VALUES_PER_PARAM = 50
MAX_SHOWN = 40  # characters of a rejected value quoted back to the user

# 亿元 bounds: plain decimal numbers only (ASCII digits, no sign, exponent,
# "_" or full-width digits), so a link reads the same to a person and to the app.
BOUND_PATTERN = re.compile(r"[0-9]{1,7}(\.[0-9]{1,4})?", re.ASCII)
BOUND_MAX = 9_999_999.9999
BOUND_RULE = "应为不小于 0 的普通数字（亿元），最多 7 位整数、4 位小数，如 100 或 12.5"


@dataclass(frozen=True)
class Notice:
    """Something in the URL that was dropped, in words for the user."""

    param: str
    value: str
    reason: str

    def text(self) -> str:
        return f"链接参数 {shown(self.param)}={shown(self.value)} 已忽略：{self.reason}"


def shown(text: str) -> str:
    """Quoted, one line, and short: a link's text is shown, never laid out."""
    return repr(text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…")


def filters_from_query(
    query: Mapping[str, Sequence[str]],
    options: Mapping[str, Mapping[str, str]],
    prefix: str = "",
) -> tuple[Filters, list[Notice]]:
    """Read the filters stored under ``prefix`` from query parameters (each a list of values).

    ``options`` maps each filter field to its valid values.
    """
    notices: list[Notice] = []
    values: dict[str, tuple[str, ...]] = {}
    for field, name in PARAMS.items():
        param = prefix + name
        raw = [v for v in query.get(param, []) if v != ""]
        if len(raw) > MAX_VALUES_PER_PARAM:
            notices.append(Notice(param, f"{len(raw)} 个值", f"最多 {MAX_VALUES_PER_PARAM} 个，多出的已忽略"))
            raw = raw[:MAX_VALUES_PER_PARAM]
        keep: list[str] = []
        for value in raw:
            key = TOKEN_PERIODS.get(value) if field == "periods" else value
            if key is None or key not in options[field]:
                notices.append(Notice(param, value, "不是可选值"))
            elif key not in keep:
                keep.append(key)
        values[field] = tuple(keep)
    bounds = {}
    for name in (MIN_PARAM, MAX_PARAM):
        param = prefix + name
        raw_values = [v for v in query.get(param, []) if v != ""]
        bounds[name] = None
        if not raw_values:
            continue
        bound = _number(raw_values[-1])
        if bound is None:
            notices.append(Notice(param, raw_values[-1], BOUND_RULE))
        else:
            bounds[name] = bound
    low, high = bounds[MIN_PARAM], bounds[MAX_PARAM]
    if low is not None and high is not None and low > high:
        notices.append(Notice(prefix + MAX_PARAM, format_bound(high), f"上限小于下限 {format_bound(low)}"))
        high = None
    single = [v for v in query.get(prefix + SINGLE_PARAM, []) if v != ""]
    for value in single[:MAX_VALUES_PER_PARAM]:
        if value != SINGLE_ON:
            notices.append(Notice(prefix + SINGLE_PARAM, value, f"只能是 {SINGLE_ON}（只看单个项目）"))
    filters = Filters(**values, min_investment=low, max_investment=high, single_only=SINGLE_ON in single)
    return filters, notices


def filter_params(prefix: str = "") -> set[str]:
    """Every query parameter name the filters under ``prefix`` use."""
    return {prefix + name for name in (*PARAMS.values(), MIN_PARAM, MAX_PARAM, SINGLE_PARAM)}


def unknown_params(query: Mapping[str, Sequence[str]], known: set[str]) -> list[Notice]:
    """Notices for parameters nobody reads (a mistyped or foreign link)."""
    return [Notice(param, ",".join(query[param])[:MAX_SHOWN], "未知参数") for param in query if param not in known]


def query_from_filters(filters: Filters, prefix: str = "") -> dict[str, list[str]]:
    """Query parameters for the filters; an unrestricted field is left out."""
    query: dict[str, list[str]] = {}
    for field, name in PARAMS.items():
        chosen = getattr(filters, field)
        if chosen:
            query[prefix + name] = [PERIOD_TOKENS[v] if field == "periods" else v for v in chosen]
    if filters.min_investment is not None:
        query[prefix + MIN_PARAM] = [format_bound(filters.min_investment)]
    if filters.max_investment is not None:
        query[prefix + MAX_PARAM] = [format_bound(filters.max_investment)]
    if filters.single_only:
        query[prefix + SINGLE_PARAM] = [SINGLE_ON]
    return query


def _number(text: str) -> float | None:
    return float(text) if BOUND_PATTERN.fullmatch(text) else None


def valid_bound(value: object) -> float | None:
    """A bound from a widget, if it is one the URL can carry (rounded to 4 decimals); else None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return round(float(value), 4) + 0.0 if 0 <= value <= BOUND_MAX else None  # + 0.0: no "-0"


def valid_choices(values: Sequence[object], allowed: Mapping[str, str]) -> tuple[tuple[str, ...], list[str]]:
    """The values that are options, in order and once each; and (the first few of) the others, as text."""
    keep: list[str] = []
    rejected: list[str] = []
    for value in values:
        if isinstance(value, str) and value in allowed:
            if value not in keep:
                keep.append(value)
        elif len(rejected) < MAX_VALUES_PER_PARAM:
            rejected.append(str(value))
    return tuple(keep), rejected


def format_bound(value: float) -> str:
    """Plain decimal, never an exponent: 1234567 stays "1234567", not "1.23457e+06"."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def share_url(context_url: str, page_path: str, query: Mapping[str, Sequence[str]]) -> str:
    """The link to this page with these parameters.

    ``context_url`` is what Streamlit reports as the page's URL; for a page
    with a Chinese name it holds the name twice, once percent-encoded, so the
    page part is cut off and added back once, encoded.
    """
    base = unquote(context_url).rstrip("/")
    if page_path:
        while base.endswith("/" + page_path):
            base = base[: -len(page_path) - 1]
        base = f"{base}/{quote(page_path)}"
    encoded = urlencode({k: list(v) for k, v in query.items()}, doseq=True)
    return f"{base}?{encoded}" if encoded else base
