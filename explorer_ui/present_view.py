"""投影模式: a page shown for a projector, one thing per screen.

The link says it (``?view=present&step=2``), so a shared link opens on the
same slide and the browser's Back and Forward step through the slides. The
sidebar is collapsed (``st.set_page_config`` applies a changed sidebar state
on a rerun too), the active filters stand in a large banner, and 上一页 /
下一页 (also the ← and → keys) step through the view: 总览's headline figures,
the answer, the charts, each chosen unit's answer; a unit's figures, answer,
chart and leader's comment; 情景对比's two sides, their difference and charts.
The slides are drawn by the page's own view functions (``totals_view``,
``charts_view``, ``source_view``), only larger where Streamlit allows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import streamlit as st

import jjdata
from jjdata import Filters
from jjdata.amounts import MEASURES
from jjdata.query import SeriesKind

from . import answers, charts_view, frames, source_view, totals_view
from .answers import Answer
from .arrow_cache import plain_table
from .briefing import COMPARISON, DEPARTMENT, View
from .page import PageContext
from .text import escape_markdown
from .url_view import add_notice, current_query, write_query
from .urlstate import Notice

VIEW_PARAM, STEP_PARAM = "view", "step"
PRESENT = "present"
PARAMS = (VIEW_PARAM, STEP_PARAM)  # a page that offers the presentation lists them in setup_page(own_params=...)
ANSWERS_PER_SLIDE = 4  # sentences large enough to read from the back of a room
NAV_KEY = "present_nav"
BANNER_KEY = "present_banner"


@dataclass(frozen=True)
class Slide:
    title: str
    draw: Callable[[], None]


def active() -> bool:
    """Whether the link asks for the presentation."""
    return st.query_params.get(VIEW_PARAM) == PRESENT


def enter() -> None:
    """Button callback: the presentation of the current view, from its first slide."""
    _go_to(1)


def leave() -> None:
    """Button callback: back to the page, with the same filters (only the presentation's parameters go)."""
    st.query_params.from_dict({k: v for k, v in current_query().items() if k not in PARAMS})


def _go_to(step: int) -> None:
    # One write of the whole query: one browser history entry per step, so Back steps back.
    st.query_params.from_dict({**current_query(), VIEW_PARAM: [PRESENT], STEP_PARAM: [str(step)]})


def show(ctx: PageContext, view: View) -> None:
    """The presentation of ``view``: banner, 上一页 / 下一页 with the slide's title, the slide the link names."""
    slides = _slides(ctx, view)
    step = min(_step_from_url(), len(slides))
    write_query({VIEW_PARAM: [PRESENT], STEP_PARAM: [str(step)]}, set(PARAMS))
    ctx.filter_line_slot.empty()  # the banner says it, larger
    _banner(ctx, view)
    _navigation(step, slides)
    slides[step - 1].draw()


def _step_from_url() -> int:
    raw = st.query_params.get(STEP_PARAM)
    if raw is None:
        return 1
    if re.fullmatch(r"[1-9][0-9]{0,2}", raw):
        return int(raw)
    add_notice(Notice(STEP_PARAM, raw, "应为从 1 开始的页码").text())
    return 1


def _banner(ctx: PageContext, view: View) -> None:
    """The filters in large type, so the back of the room knows what it looks at."""
    if view.page == DEPARTMENT and view.unit:
        lines = [f"部门：{frames.labels(ctx.tables).dept[view.unit]}（该部门在报道中的全部内容）"]
    elif view.page == COMPARISON:
        lines = [
            frames.active_filters_line(view.filters, ctx.options, "情景 A"),
            frames.active_filters_line(view.filters_b, ctx.options, "情景 B"),
        ]
    else:
        lines = [frames.active_filters_line(view.filters, ctx.options)]
    with st.container(border=True, key=BANNER_KEY):
        for line in lines:
            st.subheader(line, anchor=False)


def _navigation(step: int, slides: list[Slide]) -> None:
    """上一页 / 下一页 (also ← →: Streamlit shows the keys on the buttons), where we are, and the way out."""
    with st.container(horizontal=True, key=NAV_KEY, vertical_alignment="center", gap="medium"):
        st.button("上一页", on_click=_go_to, args=(step - 1,), disabled=step <= 1, shortcut="Left")
        st.button(
            "下一页", on_click=_go_to, args=(step + 1,), disabled=step >= len(slides), shortcut="Right", type="primary"
        )
        st.subheader(f"{slides[step - 1].title}（第 {step} / {len(slides)} 页）", anchor=False, width="content")
        st.button("退出投影模式", on_click=leave, icon=":material/close_fullscreen:")


# --------------------------------------------------------------------------
# The slides of each view


def _slides(ctx: PageContext, view: View) -> list[Slide]:
    if view.page == DEPARTMENT and view.unit:
        return _department_slides(ctx, view.unit)
    if view.page == COMPARISON:
        return _comparison_slides(ctx, view)
    return _overview_slides(ctx, view.filters)


def _overview_slides(ctx: PageContext, filters: Filters) -> list[Slide]:
    tables, rows = ctx.tables, ctx.rows
    lead, _ = answers.headline_cards(tables)
    series = _series(ctx, [rows])
    said = answers.answers(tables, filters, rows) + answers.scale_answers(tables, filters, rows)
    city = Slide("报道中的主要数字", lambda: totals_view.render_headline_cards(lead))
    if filters == Filters():
        slides = [city, *_answer_slides("当前筛选的答案", said)]
    else:  # the view's own answer first; the city's figures after it, said to be the city's
        background = Slide("全市背景：报道中的全市数字（不受筛选影响）", city.draw)
        slides = [*_answer_slides("当前筛选的答案", said), background]
    if len(rows):
        view = charts_view.chart_view(ctx, filters, large=True)
        slides += [
            Slide(
                "图表：按部门与时期",
                lambda: charts_view.render_bar_chart(ctx, rows, series, "present_bars", view=view),
            ),
            Slide(
                "图表：时期 → 部门 → 项目类型",
                lambda: charts_view.render_treemap(ctx, rows, series, "present_map", view=view),
            ),
        ]
    names = frames.labels(tables).dept
    for unit in filters.departments:
        unit_filters = replace(filters, departments=(unit,))
        unit_rows = jjdata.filter_projects(tables, unit_filters)
        slides += _answer_slides(names[unit], answers.answers(tables, unit_filters, unit_rows))
    return slides


def _department_slides(ctx: PageContext, unit: str) -> list[Slide]:
    tables = ctx.tables
    filters = Filters(departments=(unit,))
    rows = jjdata.filter_projects(tables, filters)
    names = frames.labels(tables).dept
    empty = "原文没有给出该部门的项目数量或投资。"

    # As the page opens: the unit's own headline cards, then its totals; one screen each,
    # so neither runs below a 1280×720 projector.
    slides = []
    if totals_view.unit_headline_cards(tables, unit):
        slides.append(Slide(f"{names[unit]}的主要数字", lambda: totals_view.render_unit_headline_cards(tables, unit)))
    slides.append(Slide(f"{names[unit]}：合计", lambda: totals_view.render_totals(ctx, rows, empty=empty)))
    slides += _answer_slides(f"{names[unit]}：要点", answers.answers(tables, filters, rows))
    if len(rows):
        series = _series(ctx, [rows])
        view = charts_view.ChartView(f"部门：{names[unit]}", (names[unit], "部门"), large=True)
        slides.append(
            Slide(
                f"{names[unit]}：图表",
                lambda: charts_view.render_bar_chart(
                    ctx, rows, series, "present_unit_bars", clickable=False, view=view
                ),
            )
        )
    for comment in tables.comments[tables.comments["dept_id"] == unit].itertuples():
        slides.append(
            Slide(
                f"领导点评 · {comment.leader}",
                lambda comment_id=comment.comment_id: source_view.render_comment(ctx, comment_id),
            )
        )
    return slides


def _comparison_slides(ctx: PageContext, view: View) -> list[Slide]:
    tables = ctx.tables
    rows_a = ctx.rows
    rows_b = jjdata.filter_projects(tables, view.filters_b)
    sides = (("情景 A", view.filters, rows_a), ("情景 B", view.filters_b, rows_b))

    def both_sides() -> None:
        for column, (name, filters, rows) in zip(st.columns(2, gap="large"), sides, strict=True):
            with column:
                st.subheader(name, anchor=False)
                _large_answers(answers.side_answers(tables, filters, rows))

    def difference() -> None:
        table, note = answers.comparison(tables, view.filters, rows_a, view.filters_b, rows_b)
        if note:
            st.subheader(note, anchor=False)
        if table.empty:
            st.subheader("两边都没有给出数字的记录。", anchor=False)
        else:
            st.table(plain_table(table), hide_index=True)

    series = _series(ctx, [rows_a, rows_b])
    return [
        Slide("情景 A 与情景 B", both_sides),
        Slide("对比（B − A）", difference),
        Slide(
            "图表：情景 A 与情景 B",
            lambda: charts_view.render_side_by_side(ctx, view.filters_b, rows_b, series, "present", large=True),
        ),
    ]


def _answer_slides(title: str, said: list[Answer]) -> list[Slide]:
    """The answer sentences, a few per slide; targets and 预计 on slides of their own."""
    facts = [a for a in said if not a.goal] or [Answer("当前筛选没有匹配的记录。")]
    goals = [a for a in said if a.goal]
    slides = []
    for heading, lines in ((title, facts), (f"{title}：目标与预计（要争取的数，不与已有项目相加）", goals)):
        parts = [lines[i : i + ANSWERS_PER_SLIDE] for i in range(0, len(lines), ANSWERS_PER_SLIDE)]
        for i, part in enumerate(parts):
            name = heading + ("（续）" if i else "")
            slides.append(Slide(name, lambda part=part: _large_answers(part)))
    return slides


def _large_answers(lines: list[Answer]) -> None:
    for line in lines:
        st.markdown(f"#### {escape_markdown(line.text)}", anchors=False)


def _series(ctx: PageContext, row_sets: list) -> SeriesKind | None:
    """The charts' series as the page's link names it (the page's own choices are not drawn here)."""
    wanted = st.query_params.get(charts_view.MEASURE_PARAM)
    measure = wanted if wanted in MEASURES else charts_view.DEFAULT_MEASURE
    return charts_view.series_from_link(ctx.tables, row_sets, measure)
