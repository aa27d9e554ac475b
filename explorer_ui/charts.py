"""Plotly figures, built with graph_objects (Plotly Express costs 30–60 ms a
figure here). Pure: frames in, figures out; one colour per unit everywhere."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jjdata import vocab
from jjdata.amounts import Amount, Pool
from jjdata.query import summary_measured

from .answers import PERIOD_SHORT

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
READ_MARK = "*"  # after a period node's id: the period is read from the context


def department_colors(departments: pd.DataFrame) -> dict[str, str]:
    """A fixed colour per unit; units of later reports take spare colours in page order."""
    colors: dict[str, str] = {}
    spare = iter(_SPARE * 4)
    for dept_id in departments["dept_id"]:
        colors[dept_id] = _COLORS.get(dept_id) or next(spare)
    return colors


def _layout(height: int, **extra: object) -> dict:
    """Layout shared by every chart, as one dict: plotly validates once per figure."""
    return dict(
        height=height,
        margin=dict(l=10, r=22, t=30, b=10),  # r: room for plotly's invisible corner drag handles
        font=FONT,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        clickmode="event+select",
        dragmode=False,
        separators=".,",
        **extra,
    )


INSIDE_FROM = 0.55  # a bar at least this share of the axis carries its label inside: never clipped at the edge


def bar_by_department(
    summary: pd.DataFrame,
    labels: list[str],
    colors: dict[str, str],
    measure: str,
    unit: str,
    x_max: float | None = None,
) -> go.Figure:
    """Horizontal bars per (period, unit) of one series; periods side by side, never stacked into one sum.

    ``summary`` comes from ``jjdata.query.summarize(..., by=("dept_id",))``
    and holds the rows of one series only (``jjdata.query.series_rows``);
    ``labels`` names each row's bar (``jjdata.phrases.bar_label``: a city-wide
    bar says （全市）, or the reading's words). Each point's customdata is
    [dept_id, period]. One trace with a colour per bar: building traces is
    what costs time. ``x_max``: the axis end, shared by charts set side by side
    (default: this chart's longest bar). Long bars carry their label inside,
    short ones just outside, so no label runs past the plot.
    """
    records = summary.to_dict("records")
    amounts = [summary_measured(r, measure).amount for r in records]
    dept_ids = [str(r["dept_id"]) for r in records]
    values = [a.value if a is not None else 0.0 for a in amounts]
    periods = [PERIOD_SHORT[r["period"]] for r in records]
    texts = [a.short_text() if a is not None else "" for a in amounts]
    hover = [
        f"{label} · {r['pool'].period_words()}<br>{a.cell() if a is not None else ''}"
        + (f"<br>另有 {u} 条记录原文未给出此数，未计入" if (u := r[f"{measure}_undisclosed"]) else "")
        for label, r, a in zip(labels, records, amounts, strict=True)
    ]
    axis_end = max(x_max or 0.0, max(values, default=0.0)) or 1.0
    return go.Figure(
        data=go.Bar(
            y=[periods, labels],
            x=values,
            orientation="h",
            marker_color=[colors[d] for d in dept_ids],
            text=texts,
            textposition=["inside" if v >= INSIDE_FROM * axis_end else "outside" for v in values],
            insidetextanchor="end",
            textfont=dict(size=15),
            constraintext="none",
            cliponaxis=False,
            customdata=[[d, r["period"]] for d, r in zip(dept_ids, records, strict=True)],
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        ),
        layout=_layout(
            90 + 40 * len(records),
            showlegend=False,
            bargap=0.25,
            # fixed ranges: no zoom, and no drag handles sticking out past the plot
            xaxis=dict(title=dict(text=unit), range=[0, axis_end * 1.02], separatethousands=True, fixedrange=True),
            yaxis=dict(autorange="reversed", tickfont=dict(size=15), fixedrange=True),
        ),
    )


def treemap(
    leaves: list[tuple[Pool, str, str, Amount]],
    names: dict[str, str],
    type_names: dict[str, str],
    colors: dict[str, str],
    height: int = 420,
) -> go.Figure:
    """Period → unit → project type: one treemap per period, side by side, each
    sized by its own rows, so a small period is as readable as a large one and
    nothing of different periods shares an area.

    ``leaves`` are (pool, unit, type, amount) of counted rows of one series (the
    caller picks them); a cell adds its amounts with ``Amount.__add__``, so only
    amounts of one kind, and says 本工具相加 where it adds several. Labels keep
    ≈ ≥ > and the unit as printed (10 个项目包). Node ids are "period|dept|type"
    (shorter for upper levels; a period read from the context ends in "*").
    """
    nodes: dict[tuple[str, ...], Amount] = {}
    pools: dict[str, Pool] = {}
    order = {p or NO_PERIOD: i for i, p in enumerate(vocab.PERIODS)}
    for pool, dept, type_id, amount in sorted(leaves, key=lambda leaf: order[leaf[0].period or NO_PERIOD]):
        top = (pool.period or NO_PERIOD) + (READ_MARK if pool.period_read else "")
        pools[top] = pool
        key = (top, dept, type_id)
        for depth in (1, 2, 3):
            node = key[:depth]
            nodes[node] = nodes[node] + amount if node in nodes else amount
    periods = list(dict.fromkeys(key[0] for key in nodes))
    traces = []
    for i, period in enumerate(periods):
        ids, labels, parents, values, node_colors, texts, hover = [], [], [], [], [], [], []
        for key, amount in nodes.items():
            if key[0] != period:
                continue
            ids.append(TREEMAP_SEP.join(key))
            parents.append(TREEMAP_SEP.join(key[:-1]))
            path = _node_path(key, pools[period], names, type_names)
            labels.append(path[-1])
            values.append(amount.value)
            node_colors.append("#d9d9d9" if len(key) == 1 else colors[key[1]])
            texts.append(amount.value_text())
            hover.append(f"{' · '.join(path)}<br>{amount.cell()}")
        traces.append(
            go.Treemap(
                ids=ids,
                labels=labels,
                parents=parents,
                values=values,
                branchvalues="total",
                marker=dict(colors=node_colors),
                text=texts,
                texttemplate="%{label}<br>%{text}",
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                maxdepth=3,
                domain=dict(x=[i / len(periods) + 0.01, (i + 1) / len(periods) - 0.01], y=[0, 1]),
            )
        )
    return go.Figure(data=traces, layout=_layout(height))


def _node_path(key: tuple, pool: Pool, names: dict[str, str], type_names: dict[str, str]) -> list[str]:
    read = f"（{vocab.READINGS['period']}）" if pool.period_read else ""
    parts = [PERIOD_SHORT[pool.period] + read]
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
    top, *rest = node_id.split(TREEMAP_SEP)
    keys = [top.removesuffix(READ_MARK), *rest]
    changes: dict[str, tuple[str, ...]] = {"periods": ("" if keys[0] == NO_PERIOD else keys[0],)}
    if len(keys) > 1:
        changes["departments"] = (keys[1],)
    if len(keys) > 2:
        changes["types"] = (keys[2],)
    return changes
