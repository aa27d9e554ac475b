"""Streamlit code every page shares: page setup, the sidebar filters kept in
the URL and across page switches, totals, provenance links.

Why the filters live in ``st.session_state[MAIN.store]`` and not in the widgets:
with legacy ``pages/``, widget state is dropped on a page switch (and a
value that came from the URL is lost), so each page re-seeds its widgets
from the store and writes the store back to the URL on every run.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitSecretNotFoundError

import jjdata
from jjdata import Filters, Tables
from jjdata.load import IdentityMemo
from jjdata.query import MEASURE_UNITS, MEASURES, Quantity, compare_totals, counted_rows, summarize
from jjdata.text import Span, marked_pieces

from . import charts, frames, urlstate
from .text import escape_markdown, pieces_markdown

APP_TITLE = "晋江重点项目数据浏览器"
NOTICES = "url_notices"
RANGE_NOTICE = "range_notice"
CHART_VERSION = "chart_version"
MEASURE_LABELS = {"projects": "项目数", "investment": "总投资", "annual_investment": "年度计划投资"}

WIDGETS = {  # filter field -> (widget key, label)
    "departments": ("w_departments", "部门"),
    "types": ("w_types", "项目类型"),
    "bands": ("w_bands", "投资规模"),
    "periods": ("w_periods", "时期"),
    "stages": ("w_stages", "阶段"),
}
MIN_KEY, MAX_KEY = "w_min_investment", "w_max_investment"


@dataclass(frozen=True)
class PageContext:
    tables: Tables
    filters: Filters
    rows: pd.DataFrame  # the project rows the filters select
    options: dict[str, dict[str, str]]
    colors: dict[str, str]
    url_path: str
    notice_slot: DeltaGenerator  # filled by end_page, once every URL parameter has been read
    link_slot: DeltaGenerator


def setup_page(title: str, own_params: tuple[str, ...] = ()) -> PageContext:
    """Configure the page, load the data, draw the sidebar filters.

    ``own_params`` are the page's own query parameters (kept in the URL,
    not reported as unknown).
    """
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", layout="wide")
    _require_password()
    try:
        tables = jjdata.load_tables()
    except jjdata.JJDataError as exc:
        st.error(f"数据无法载入。{exc}")
        st.stop()
    options = jjdata.filter_options(tables)
    notice_slot = st.empty()
    _navigation()
    filters = _sidebar_filters(tables, options, own_params)
    link_slot = st.sidebar.empty()
    rows = jjdata.filter_projects(tables, filters)
    colors = charts.department_colors(tables.departments)
    return PageContext(tables, filters, rows, options, colors, PAGES[title][1], notice_slot, link_slot)


def end_page(ctx: PageContext) -> None:
    """Last call of every page: the share link and the URL notices, now that
    the page has written (and read) all its parameters."""
    with ctx.link_slot.container():
        st.caption("分享当前视图（点右上角复制链接）")
        st.code(urlstate.share_url(st.context.url or "", ctx.url_path, _query()), language=None, wrap_lines=True)
    notices = list(dict.fromkeys(st.session_state.get(NOTICES) or []))
    if notices:
        lines = "\n".join(f"- {escape_markdown(n)}" for n in notices)
        ctx.notice_slot.warning("链接中有无法识别的内容，已忽略：\n\n" + lines)
        st.session_state[NOTICES] = []  # said once, where the link was opened


def add_notice(text: str) -> None:
    st.session_state[NOTICES] = [*st.session_state.get(NOTICES, []), text]


# --------------------------------------------------------------------------
# Optional access control: a password from $JJ_PASSWORD or .streamlit/secrets.toml

PASSWORD_ENV = "JJ_PASSWORD"
AUTHENTICATED = "authenticated"


def configured_password() -> str | None:
    """The access password, or None when none is configured (open for local use)."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    try:
        secret = st.secrets.get("password")
    except StreamlitSecretNotFoundError:  # no secrets.toml at all
        return None
    return str(secret) if secret else None


def _require_password() -> None:
    """Show only a password form, on every page, until the right password is given."""
    password = configured_password()
    if password is None or st.session_state.get(AUTHENTICATED):
        return
    st.title(APP_TITLE)
    with st.form("login"):
        entered = st.text_input("访问密码", type="password")
        submitted = st.form_submit_button("进入")
    if submitted:
        if hmac.compare_digest(entered.encode(), password.encode()):
            st.session_state[AUTHENTICATED] = True
            st.rerun()
        st.error("密码不正确，请重试。")
    st.stop()


# Our own sidebar links: the legacy navigation would call the home page "app".
PAGES = {  # title -> (script, URL path)
    "总览": ("app.py", ""),
    "项目": ("pages/1_项目.py", "项目"),
    "部门": ("pages/2_部门.py", "部门"),
    "领导点评": ("pages/3_领导点评.py", "领导点评"),
    "情景对比": ("pages/4_情景对比.py", "情景对比"),
    "原文": ("pages/5_原文.py", "原文"),
    "数据说明": ("pages/6_数据说明.py", "数据说明"),
}


def _navigation() -> None:
    st.sidebar.markdown(f"**{APP_TITLE}**")
    for label, (path, _) in PAGES.items():
        st.sidebar.page_link(path, label=label)


# --------------------------------------------------------------------------
# Filters: store <-> widgets <-> URL


@dataclass(frozen=True)
class FilterSet:
    """One set of filters: where it is stored, and its widget and URL prefix."""

    store: str
    prefix: str


MAIN = FilterSet("filters", "")
COMPARE = FilterSet("filters_b", "b_")  # 情景对比's set B


def _query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _sidebar_filters(tables: Tables, options: dict[str, dict[str, str]], own_params: tuple[str, ...]) -> Filters:
    state = st.session_state
    if MAIN.store not in state:  # first run of this session: the URL is the source
        query = _query()
        known = urlstate.filter_params() | urlstate.filter_params(COMPARE.prefix) | set(own_params)
        state[NOTICES] = [n.text() for n in urlstate.unknown_params(query, known)]
    bar = st.sidebar
    bar.header("筛选")
    filters = draw_filters(MAIN, options, bar)
    bar.caption("约数按所写数值；“以上”“超”的数值是下限，只要范围可能包含就算在内。")
    bar.button("重置筛选", on_click=_reset, width="stretch", disabled=filters == Filters())
    return filters


def draw_filters(
    fs: FilterSet, options: dict[str, dict[str, str]], container: DeltaGenerator, columns: int = 1
) -> Filters:
    """Draw one filter set's widgets (in ``columns`` columns), seeded from its store; keep the URL in step."""
    state = st.session_state
    if fs.store not in state:
        filters, notices = urlstate.filters_from_query(_query(), options, fs.prefix)
        state[fs.store] = filters
        for notice in notices:
            add_notice(notice.text())
    filters: Filters = state[fs.store]
    # Re-seed the widgets from the store: they forget on a page switch.
    for field, (key, _) in WIDGETS.items():
        state[fs.prefix + key] = list(getattr(filters, field))
    state[fs.prefix + MIN_KEY], state[fs.prefix + MAX_KEY] = filters.min_investment, filters.max_investment
    slots = container.columns(columns) if columns > 1 else [container]
    for i, (field, (key, label)) in enumerate(WIDGETS.items()):
        labels = options[field]
        slots[i % len(slots)].multiselect(
            label,
            list(labels),
            format_func=labels.__getitem__,
            key=fs.prefix + key,
            placeholder="全部",
            on_change=_store_from_widgets,
            args=(fs,),
        )
    low, high = slots[len(WIDGETS) % len(slots)].columns(2)
    for col, key, label in ((low, MIN_KEY, "最低（亿元）"), (high, MAX_KEY, "最高（亿元）")):
        col.number_input(
            label, min_value=0.0, step=10.0, key=fs.prefix + key, on_change=_store_from_widgets, args=(fs,)
        )
    if RANGE_NOTICE in state:
        container.warning(state.pop(RANGE_NOTICE))
    write_query(urlstate.query_from_filters(filters, fs.prefix), urlstate.filter_params(fs.prefix))
    return filters


def _store_from_widgets(fs: FilterSet) -> None:
    state = st.session_state
    values = {field: tuple(state[fs.prefix + key]) for field, (key, _) in WIDGETS.items()}
    low, high = state[fs.prefix + MIN_KEY], state[fs.prefix + MAX_KEY]
    if low is not None and high is not None and low > high:
        state[RANGE_NOTICE] = f"最高 {high:g} 亿元小于最低 {low:g} 亿元，暂不按最高值筛选。"
        high = None  # as for a link with min > max: keep the lower bound, say so
    state[fs.store] = Filters(**values, min_investment=low, max_investment=high)
    state[NOTICES] = []


def _reset() -> None:
    st.session_state[MAIN.store] = Filters()
    st.session_state[NOTICES] = []


def narrow_filters(**changes: tuple[str, ...]) -> None:
    """Replace some filter fields (a chart click); used from callbacks."""
    st.session_state[MAIN.store] = replace(st.session_state[MAIN.store], **changes)
    st.session_state[NOTICES] = []
    st.session_state[CHART_VERSION] = st.session_state.get(CHART_VERSION, 0) + 1


def write_query(wanted: dict[str, list[str]], managed: set[str]) -> None:
    """Make the URL's ``managed`` parameters equal ``wanted``; leave the others."""
    for param in managed:
        current = st.query_params.get_all(param)
        target = wanted.get(param, [])
        if current == target:
            continue
        if target:
            st.query_params[param] = target
        else:
            del st.query_params[param]


# --------------------------------------------------------------------------
# Totals


def quantity_help(quantity: Quantity, what: str) -> str:
    parts = []
    if quantity.approx:
        parts.append("含“约”数，合计为约数")
    if quantity.bound == "at_least":
        parts.append("含“以上”或只知部分的数，合计是下限")
    if quantity.bound == "more_than":
        parts.append("含“超”数，合计是下限（实际更多）")
    if quantity.undisclosed:
        parts.append(f"另有 {quantity.undisclosed} 行未披露{what}，未计入")
    return "；".join(parts) or "原文数字直接相加"


def group_label(tables: Tables, total: jjdata.GroupTotal) -> str:
    return group_label_of(tables, total.scope, total.city_list or "", total.period, total.basis)


def group_label_of(tables: Tables, scope: str, city_list: str, period: str, basis: str) -> str:
    names = frames.labels(tables)
    scope_label = f"全市口径（{names.dept[city_list]}）" if city_list else jjdata.vocab.SCOPES[scope]
    return f"{jjdata.vocab.PERIODS[period]} · {scope_label} · {names.basis[basis]}"


def difference_frame(tables: Tables, a: list[jjdata.GroupTotal], b: list[jjdata.GroupTotal]) -> pd.DataFrame:
    records = []
    for key, measures in compare_totals(a, b):
        record = {"口径": group_label_of(tables, *key)}
        for name, (qa, qb, diff) in measures.items():
            label = MEASURE_LABELS[name]
            record[f"A {label}"] = qa.label(MEASURE_UNITS[name])
            record[f"B {label}"] = qb.label(MEASURE_UNITS[name])
            if diff is None:
                record[f"{label}差"] = "无法确定" if qa.value is not None and qb.value is not None else "—"
            else:
                sign = "+" if diff.value and diff.value > 0 else ""
                partial = "（仅已披露部分）" if diff.undisclosed else ""
                record[f"{label}差"] = (
                    f"{diff.symbol}{sign}{diff.label(MEASURE_UNITS[name]).lstrip(diff.symbol)}{partial}"
                )
        records.append(record)
    return pd.DataFrame(records)


def render_totals(
    ctx: PageContext,
    rows: pd.DataFrame,
    empty: str = "当前筛选没有匹配的项目。可在左侧放宽筛选，或点“重置筛选”。",
    compact: bool = False,
) -> None:
    """Totals, one per group that may be read on its own, never one grand sum.

    Up to two groups are shown as KPI cards; more (or ``compact``) as one table.
    """
    groups = jjdata.totals(ctx.tables, rows)
    if not groups:
        st.info(empty)
        return
    status = [g for g in groups if g.basis == "status"]
    goals = [g for g in groups if g.basis != "status"]
    short = frames.labels(ctx.tables).dept
    if len(status) <= 2 and not compact:
        for total in status:
            _total_line(ctx, total, short)
    else:
        if len(status) > 1:
            st.caption(
                f"当前筛选跨 {len(status)} 个不可相加的口径（时期不同，或全市口径与部门口径），分行列出，不合计。"
            )
        _totals_table(ctx, status, short)
    if goals:
        with st.expander(f"目标与预计（{len(goals)} 项，不与现状相加）", expanded=not status):
            _totals_table(ctx, goals, short)


def _totals_table(ctx: PageContext, groups: list[jjdata.GroupTotal], short: dict[str, str]) -> None:
    records = []
    for total in groups:
        record = {"口径": group_label(ctx.tables, total)}
        notes = []
        for name in MEASURES:
            quantity: Quantity = getattr(total, name)
            record[MEASURE_LABELS[name]] = quantity.label(MEASURE_UNITS[name])
            if quantity.undisclosed and quantity.value is not None:
                notes.append(f"{MEASURE_LABELS[name]}另有 {quantity.undisclosed} 行未披露")
        record["部门"] = "、".join(short[d] for d in total.departments)
        record["说明"] = "；".join(notes)
        records.append(record)
    st.dataframe(pd.DataFrame(records), hide_index=True, width="stretch", placeholder="")


def _total_line(ctx: PageContext, total: jjdata.GroupTotal, short: dict[str, str]) -> None:
    st.markdown(f"**{escape_markdown(group_label(ctx.tables, total))}**")
    cols = st.columns(4)
    for col, name in zip(cols, MEASURES, strict=False):
        quantity: Quantity = getattr(total, name)
        col.metric(
            f"{MEASURE_LABELS[name]}（{MEASURE_UNITS[name]}）",
            quantity.label(""),
            help=quantity_help(quantity, MEASURE_LABELS[name]),
        )
    names = "、".join(short[d] for d in total.departments)
    cols[3].metric("涉及部门（个）", str(len(total.departments)), help=names)
    partial = [
        f"{MEASURE_LABELS[name]}另有 {q.undisclosed} 行未披露、未计入"
        for name in MEASURES
        if (q := getattr(total, name)).value is not None and q.undisclosed
    ]
    note = f"注意：{'；'.join(partial)}。" if partial else ""
    st.caption(f"{note}{total.rows} 行，其中 {total.counted} 行计入合计（其余是已计入行的组成部分）。部门：{names}")


# --------------------------------------------------------------------------
# Charts that narrow the filters when clicked (总览 and 项目)


def dept_names(tables: Tables) -> dict[str, str]:
    return frames.labels(tables).dept


def measure_choice(key: str) -> str:
    choice = st.segmented_control(
        "图表指标",
        ["projects", "investment"],
        format_func=MEASURE_LABELS.__getitem__,
        default="projects",
        key=key,
    )
    return choice or "projects"


def render_bar_chart(ctx: PageContext, rows: pd.DataFrame, measure: str, key: str, clickable: bool = True) -> None:
    summary = summarize(ctx.tables, rows, by=("dept_id",))

    def build() -> go.Figure | None:
        status = summary[summary["basis"] == "status"] if not summary.empty else summary
        if status.empty or status[measure].isna().all():
            return None
        return charts.bar_by_department(status, dept_names(ctx.tables), ctx.colors, measure)

    hint = "点击柱子可筛选到该部门与时期。" if clickable else ""
    _chart(_figure(("bar", measure), summary, build), key, _narrow_from_bars if clickable else None, measure)
    st.caption(f"按部门与时期分列（不同时期不相加）。{hint}")


def render_treemap(ctx: PageContext, rows: pd.DataFrame, measure: str, key: str) -> None:
    counted = counted_rows(ctx.tables, rows)

    def build() -> go.Figure | None:
        own = counted[(counted["basis"] == "status") & (counted["scope"] == "department")]
        if not (own["counted"] & own[f"{measure}_value"].notna()).any():
            return None
        names = frames.labels(ctx.tables)
        return charts.treemap(own, names.dept, names.type_short, ctx.colors, measure)

    _chart(_figure(("treemap", measure), counted, build), key, _narrow_from_treemap, measure)
    st.caption("时期 → 部门 → 项目类型，仅部门口径的现状与计划；全市口径另计。点击方块可筛选。")


def _chart(figure: go.Figure | None, key: str, on_click: Callable[[str], None] | None, measure: str) -> None:
    if figure is None:
        st.caption(f"当前筛选下没有可画的{MEASURE_LABELS[measure]}。")
        return
    chart_key = f"{key}_{st.session_state.get(CHART_VERSION, 0)}"
    st.plotly_chart(
        figure,
        key=chart_key,
        on_select=partial(on_click, chart_key) if on_click else "ignore",
        selection_mode="points",
        config={"displaylogo": False},
    )


# Charts built once per source frame (jjdata hands out the same frame for the same rows).
_FIGURES = IdentityMemo(32)


def _figure(kind: tuple, source: pd.DataFrame, build: Callable[[], go.Figure | None]) -> go.Figure | None:
    return _FIGURES.get(kind, source, build)


def _narrow_from_bars(chart_key: str) -> None:
    changes = charts.bar_point_filters(st.session_state[chart_key]["selection"]["points"])
    if changes:
        narrow_filters(**changes)


def _narrow_from_treemap(chart_key: str) -> None:
    points = st.session_state[chart_key]["selection"]["points"]
    node = next((p.get("id") for p in points if p.get("id")), None)
    if node:
        narrow_filters(**charts.treemap_node_filters(node))


# --------------------------------------------------------------------------
# Tables of rows and figures, with their sources

QUALIFIER_HELP = "≈ 约；≥ 以上；> 超（实际更多，是下限）；空白为原文确数"


MAX_TABLE_ROWS = 1000  # more is unreadable on screen and slow to send; downloads hold every row


def render_project_table(ctx: PageContext, rows: pd.DataFrame, downloads: bool = True) -> None:
    frame = frames.project_frame(ctx.tables, rows, limit=MAX_TABLE_ROWS)
    if len(rows) > MAX_TABLE_ROWS:
        st.caption(f"共 {len(rows):,} 行，表中显示前 {MAX_TABLE_ROWS:,} 行；下载的文件包含全部 {len(rows):,} 行。")
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        placeholder="",
        column_order=[c for c in frame.columns if c not in ("数字编号", "项目编号")],
        column_config={
            "项目/项目组": st.column_config.TextColumn(width="medium", pinned=True),
            "项目数限定": st.column_config.TextColumn("", width=36, help=QUALIFIER_HELP),
            "项目数": st.column_config.NumberColumn(format="%d 个"),
            "投资限定": st.column_config.TextColumn("", width=36, help=QUALIFIER_HELP),
            "投资（亿元）": st.column_config.NumberColumn(format="%.2f"),
            "年度限定": st.column_config.TextColumn("", width=36, help=QUALIFIER_HELP),
            "年度计划投资（亿元）": st.column_config.NumberColumn(format="%.2f"),
            "计入合计": st.column_config.CheckboxColumn(help="未勾选的行是已计入行的组成部分，不重复相加"),
            "原文": st.column_config.TextColumn(width="large"),
            "出处": st.column_config.LinkColumn(display_text="看原文"),
        },
    )
    if downloads:
        left, right, _ = st.columns([1, 1, 4])
        left.download_button(
            "下载 CSV",
            data=lambda: frames.csv_bytes(frames.project_frame(ctx.tables, rows)),
            file_name="晋江重点项目_筛选结果.csv",
            mime="text/csv",
            on_click="ignore",
        )
        right.download_button(
            "下载 Excel",
            data=lambda: frames.xlsx_bytes({"项目": frames.project_frame(ctx.tables, rows)}),
            file_name="晋江重点项目_筛选结果.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            on_click="ignore",
        )


def render_figure_table(ctx: PageContext, figures: pd.DataFrame) -> None:
    frame = frames.figure_frame(ctx.tables, figures)
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        placeholder="",
        column_order=[c for c in frame.columns if c != "数字编号"],
        column_config={
            "限定": st.column_config.TextColumn("", width=36, help=QUALIFIER_HELP),
            "数值": st.column_config.NumberColumn(format="%g"),
            "原文": st.column_config.TextColumn(width="large"),
            "出处": st.column_config.LinkColumn(display_text="看原文"),
        },
    )


# --------------------------------------------------------------------------
# The report text, reflowed, with numbers and search hits marked


def render_paragraphs(
    tables: Tables, dept_id: str | None, extra: list[tuple[int, int, str]], only_marked: bool = False
) -> None:
    """A unit's paragraphs (``None``: the page's own) with numbers marked, plus
    ``extra`` marks (search hits, a located sentence); ``only_marked`` keeps
    just the paragraphs that an extra mark touches."""
    for paragraph in _shown_paragraphs(tables, dept_id):
        touching = [m for m in extra if m[0] < paragraph.span.end and m[1] > paragraph.span.start]
        if not touching:
            if not only_marked:
                st.markdown(paragraph.markdown)
            continue
        render_span(tables, paragraph.span, touching)


def touches(tables: Tables, dept_id: str | None, extra: list[tuple[int, int, str]]) -> bool:
    """Whether any of ``extra`` falls in the unit's shown paragraphs."""
    return any(m[0] < p.span.end and m[1] > p.span.start for p in _shown_paragraphs(tables, dept_id) for m in extra)


def _shown_paragraphs(tables: Tables, dept_id: str | None) -> list[frames.Paragraph]:
    return [
        p for p in frames.report_paragraphs(tables) if p.dept_id == dept_id and p.role not in ("masthead", "page_label")
    ]


def render_span(tables: Tables, span: Span, extra: list[tuple[int, int, str]]) -> None:
    raw = tables.reports.iloc[0]["raw_text"]
    pieces = marked_pieces(raw, span, [*frames.number_marks(tables), *extra])
    st.markdown(pieces_markdown(pieces, frames.MARK_COLORS))


# --------------------------------------------------------------------------
# Page-level choices kept in the URL, and other shared pieces


def page_choice(param: str, label: str, options: list[str], labels: dict[str, str], default: str) -> str:
    """A selectbox whose value lives in the URL parameter ``param`` (shareable)."""
    key = f"page_{param}"
    state = st.session_state
    if key not in state:
        wanted = st.query_params.get(param)
        if wanted is not None and wanted not in options:
            add_notice(urlstate.Notice(param, wanted, "不是可选值").text())
        state[key] = wanted if wanted in options else default
    choice = st.selectbox(label, options, format_func=labels.__getitem__, key=key)
    write_query({param: [choice]}, {param})
    return choice


def render_comment(ctx: PageContext, comment_id: str) -> None:
    lead, points = frames.comment_parts(ctx.tables)[comment_id]
    st.markdown(escape_markdown(lead))
    if points:
        st.markdown("\n".join(f"{n}. {escape_markdown(text)}" for n, text in enumerate(points, start=1)))


def page_text(param: str, label: str) -> str:
    """A text input whose value lives in the URL parameter ``param``."""
    key = f"page_{param}"
    state = st.session_state
    if key not in state:
        state[key] = (st.query_params.get(param) or "")[:100]
    value = st.text_input(label, key=key, max_chars=100).strip()
    write_query({param: [value]} if value else {}, {param})
    return value
