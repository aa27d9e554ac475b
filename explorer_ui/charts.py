"""Plotly figures, built with graph_objects (Plotly Express costs 30–60 ms a
figure here). Pure: frames in, figures out; one colour per unit everywhere."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jjdata import vocab
from jjdata.query import BOUND_NAMES, MEASURE_UNITS, Quantity

# Legible on a projector; 发改局 grey because its lists are city-wide.
_COLORS = {
    "zrzy": "#8c564b",
    "zj": "#1f77b4",
    "jt": "#ff7f0e",
    "sl": "#17becf",
    "fg": "#7f7f7f",
    "cz": "#bcbd22",
    "kj": "#9467bd",
    "sw": "#d62728",
    "gx": "#2ca02c",
    "bdt": "#e377c2",
}
_SPARE = ["#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354"]
FONT = dict(size=16)
TREEMAP_SEP = "|"
NO_PERIOD = "none"  # node id of the "no period" group: "" would mean "no parent"


def department_colors(departments: pd.DataFrame) -> dict[str, str]:
    """A fixed colour per unit; units of later reports take spare colours in page order."""
    colors: dict[str, str] = {}
    spare = iter(_SPARE * 4)
    for dept_id in departments["dept_id"]:
        colors[dept_id] = _COLORS.get(dept_id) or next(spare)
    return colors


def value_label(value: float, approx: bool, bound: int) -> str:
    """A summarised value with its qualifier, e.g. "≈405" or ">500"."""
    return Quantity(value, approx=bool(approx), bound=BOUND_NAMES[bound]).label("")


def _layout(height: int, **extra: object) -> dict:
    """Layout shared by every chart, as one dict: plotly validates once per figure."""
    return dict(
        height=height,
        margin=dict(l=10, r=10, t=30, b=10),
        font=FONT,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        clickmode="event+select",
        dragmode=False,
        separators=".,",
        **extra,
    )


def bar_by_department(
    summary: pd.DataFrame, names: dict[str, str], colors: dict[str, str], measure: str, height: int = 260
) -> go.Figure:
    """Horizontal bars per (period, unit); periods side by side, never stacked into one sum.

    ``summary`` comes from ``jjdata.query.summarize(..., by=("dept_id",))`` and
    holds one basis only. Each point's customdata is [dept_id, period]. One
    trace with a colour per bar: building traces is what costs time.
    """
    data = summary[summary[measure].notna()]
    column = {c: data[c].tolist() for c in ("dept_id", "scope", "period", measure)}
    flags = {c: data[f"{measure}_{c}"].tolist() for c in ("approx", "bound", "undisclosed")}
    dept_ids = [str(d) for d in column["dept_id"]]
    labels = [names[d] + ("（全市）" if s == "city" else "") for d, s in zip(dept_ids, column["scope"], strict=True)]
    periods = [vocab.PERIODS[p] for p in column["period"]]
    texts = [value_label(v, a, b) for v, a, b in zip(column[measure], flags["approx"], flags["bound"], strict=True)]
    hover = [
        f"{label} · {period}<br>{text} {MEASURE_UNITS[measure]}" + (f"<br>另有 {u} 行未披露" if u else "")
        for label, period, text, u in zip(labels, periods, texts, flags["undisclosed"], strict=True)
    ]
    return go.Figure(
        data=go.Bar(
            y=[periods, labels],
            x=column[measure],
            orientation="h",
            marker_color=[colors[d] for d in dept_ids],
            text=texts,
            textposition="outside",
            textfont=dict(size=15),
            cliponaxis=False,
            customdata=[[d, p] for d, p in zip(dept_ids, column["period"], strict=True)],
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        ),
        layout=_layout(
            max(height, 90 + 34 * len(data)),
            showlegend=False,
            bargap=0.25,
            xaxis=dict(title=dict(text=MEASURE_UNITS[measure]), rangemode="tozero"),
            yaxis=dict(autorange="reversed", tickfont=dict(size=15)),
        ),
    )


def treemap(
    counted: pd.DataFrame,
    names: dict[str, str],
    type_names: dict[str, str],
    colors: dict[str, str],
    measure: str,
    height: int = 480,
) -> go.Figure:
    """Period → unit → project type, sized by the counted rows' values.

    Periods are the top level so nothing of different periods shares an
    area. Node ids are "period|dept|type" (shorter for upper levels).
    """
    value = counted[f"{measure}_value"].to_numpy()
    keep = counted["counted"].to_numpy() & (value > 0)  # NaN > 0 is False
    leaves: dict[tuple[str, str, str], float] = {}
    for key, v in zip(
        zip(
            (p or NO_PERIOD for p in counted["period"].to_numpy()[keep]),
            counted["dept_id"].astype("object").to_numpy()[keep],
            counted["type_id"].astype("object").to_numpy()[keep],
            strict=True,
        ),
        value[keep],
        strict=True,
    ):
        leaves[key] = leaves.get(key, 0.0) + float(v)
    order = {p or NO_PERIOD: i for i, p in enumerate(vocab.PERIODS)}
    nodes: dict[tuple[str, ...], float] = {}
    for key in sorted(leaves, key=lambda k: order[k[0]]):
        for depth in (1, 2, 3):
            nodes[key[:depth]] = nodes.get(key[:depth], 0.0) + leaves[key]
    ids, labels, parents, values, node_colors, hover = [], [], [], [], [], []
    unit = MEASURE_UNITS[measure]
    for key, total in nodes.items():
        ids.append(TREEMAP_SEP.join(key))
        parents.append(TREEMAP_SEP.join(key[:-1]))
        path = _node_path(key, names, type_names)
        labels.append(path[-1])
        values.append(total)
        node_colors.append("#d9d9d9" if len(key) == 1 else colors[key[1]])
        hover.append(f"{' · '.join(path)}<br>{total:,.2f} {unit}".replace(".00 ", " "))
    return go.Figure(
        data=go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="total",
            marker=dict(colors=node_colors),
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            textinfo="label+value",
            maxdepth=3,
        ),
        layout=_layout(height),
    )


def _node_path(key: tuple, names: dict[str, str], type_names: dict[str, str]) -> list[str]:
    parts = [vocab.PERIODS["" if key[0] == NO_PERIOD else key[0]]]
    if len(key) > 1:
        parts.append(names[key[1]])
    if len(key) > 2:
        parts.append(type_names[key[2]])
    return parts


def bar_point_filters(points: list[dict]) -> dict[str, tuple[str, ...]]:
    """The filters a click (or box) on bars means: their units and periods."""
    picked = [p["customdata"] for p in points if p.get("customdata")]
    if not picked:
        return {}
    return {
        "departments": tuple(dict.fromkeys(c[0] for c in picked)),
        "periods": tuple(dict.fromkeys(c[1] for c in picked)),
    }


def treemap_node_filters(node_id: str) -> dict[str, tuple[str, ...]]:
    """The filters a click on a treemap node means."""
    keys = node_id.split(TREEMAP_SEP)
    changes: dict[str, tuple[str, ...]] = {"periods": ("" if keys[0] == NO_PERIOD else keys[0],)}
    if len(keys) > 1:
        changes["departments"] = (keys[1],)
    if len(keys) > 2:
        changes["types"] = (keys[2],)
    return changes


def period_matrix(summary: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Units × periods: each cell "N 个 / ≈X 亿元" for that unit and period alone."""
    cells: dict[tuple[str, str], str] = {}
    for row in summary.to_dict("records"):
        label = names[row["dept_id"]] + ("（全市）" if row["scope"] == "city" else "")
        parts = []
        for measure in ("projects", "investment"):
            if pd.notna(row[measure]):
                value = value_label(row[measure], row[f"{measure}_approx"], row[f"{measure}_bound"])
                parts.append(f"{value} {MEASURE_UNITS[measure]}")
        cells[(label, vocab.PERIODS[row["period"]])] = " / ".join(parts) or "未披露"
    rows = list(dict.fromkeys(label for label, _ in cells))
    columns = [p for p in vocab.PERIODS.values() if any(c == p for _, c in cells)]
    return pd.DataFrame(
        [[cells.get((r, c), "") for c in columns] for r in rows], index=pd.Index(rows, name="部门"), columns=columns
    )
