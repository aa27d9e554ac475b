"""The chart figures (explorer_ui/charts.py): clicks back to filters, labels with
their qualifiers that stay inside the plot, one treemap per period, one kind of amount a chart."""

import jjdata
from explorer_ui import charts, frames
from jjdata import Filters
from jjdata.phrases import bar_label
from jjdata.query import SeriesKind, counted_amounts, counted_rows, counted_series, series_kinds, series_rows, summarize

RESERVE_COUNT = SeriesKind("reserve", "projects", "项目数", "个")
RESERVE_INVESTMENT = SeriesKind("reserve", "investment", "总投资", "亿元")


def bar_figure(tables, series, x_max=None, **filters):
    rows = jjdata.filter_projects(tables, Filters(**filters))
    summary = series_rows(summarize(tables, rows, by=("dept_id",)), series)
    labels = [bar_label(tables, r["pool"], str(r["dept_id"])) for r in summary.to_dict("records")]
    colors = charts.department_colors(tables.departments)
    return charts.bar_by_department(summary, labels, colors, series.measure, series.unit, x_max=x_max)


def treemap_figure(tables, series, **filters):
    counted = counted_rows(tables, jjdata.filter_projects(tables, Filters(**filters)))
    own = counted_series(counted[counted["scope"] == "department"], series)
    leaves = list(zip(own["pool"], own["dept_id"], own["type_id"], counted_amounts(own, series.measure), strict=True))
    names, types = frames.labels(tables).dept, frames.labels(tables).type_short
    return charts.treemap(leaves, names, types, charts.department_colors(tables.departments))


def test_chart_clicks_map_to_filters():
    points = [{"customdata": ["jt", "十四五"]}, {"customdata": ["sl", "十四五"]}, {"x": 1}]
    assert charts.bar_point_filters(points) == {"departments": ("jt", "sl"), "periods": ("十四五",)}
    assert charts.bar_point_filters([]) == {}
    assert charts.treemap_node_filters("十四五|jt|transport.road") == {
        "periods": ("十四五",),
        "departments": ("jt",),
        "types": ("transport.road",),
    }
    assert charts.treemap_node_filters("2021") == {"periods": ("2021",)}
    assert charts.treemap_node_filters("none|sl") == {"periods": ("",), "departments": ("sl",)}


def test_bar_chart_carries_rows_back_to_filters(tables):
    # 储备项目's counts: 住建局 2021 22, 交通局 “十四五” 38, the city's “十四五” list 160; 工信局's 375 项 are another series
    (trace,) = bar_figure(tables, RESERVE_COUNT).data
    assert [list(c) for c in trace.customdata] == [["zj", "2021"], ["jt", "十四五"], ["fg", "十四五"]]
    assert list(trace.text) == ["22", "38", "160"]
    assert list(trace.y[1]) == ["住建局", "交通局", "发改局（全市）"]
    assert list(trace.marker.color) == ["#1f77b4", "#ff7f0e", "#7f7f7f"]


def test_one_chart_holds_one_kind_of_amount(tables):
    """Issue 15: 交通局's ≈137.8 (完成投资 of what was carried out) and ≈405 (总投资 of a reserve) were
    bars of one chart; so were 22 个 and 375 项, and targets beside projects."""
    rows = jjdata.filter_projects(tables, Filters(departments=("jt",)))
    assert series_kinds(tables, [rows], "investment") == [
        SeriesKind("implemented", "investment", "完成投资", "亿元"),
        RESERVE_INVESTMENT,
    ]
    everything = series_kinds(tables, [jjdata.filter_projects(tables, Filters())], "projects")
    assert everything[0] == RESERVE_COUNT  # the series with the most bars first
    assert SeriesKind("reserve", "projects", "项目数", "项") in everything  # 工信局's 375 项: a series of its own
    assert not [s for s in everything if s.basis.startswith("target") or s.basis == "expected"]


def test_the_longest_bar_carries_its_label_inside_so_it_is_never_clipped(tables):
    """Issue 9 item 4: “80(” for 800 and “4,2” for 4,244.2 ran past the plot's right edge."""
    (trace,) = bar_figure(tables, RESERVE_COUNT).data
    positions = dict(zip(trace.text, trace.textposition, strict=True))
    assert positions == {"160": "inside", "38": "outside", "22": "outside"}  # 38 and 22 are short beside 160
    (trace,) = bar_figure(tables, SeriesKind("annual_plan", "investment", "总投资", "亿元")).data
    assert dict(zip(trace.text, trace.textposition, strict=True)) == {"4,244.2": "inside"}


def test_charts_set_side_by_side_share_one_axis(tables):
    """Issue 9 item 4: A and B used different x ranges."""
    whole = SeriesKind("mixed", "projects", "项目数", "个")
    alone = bar_figure(tables, whole, departments=("sl",), periods=("2021",))
    shared = bar_figure(tables, whole, x_max=800, departments=("sl",), periods=("2021",))
    assert alone.layout.xaxis.range[1] < 40  # its own 32
    assert shared.layout.xaxis.range[1] >= 800
    (trace,) = shared.data
    assert list(trace.textposition) == ["outside"]  # 32 of 800: a short bar, label after it


def test_annual_investment_can_be_charted(tables):
    series = SeriesKind("reserve", "annual_investment", "年度计划投资", "亿元")
    (trace,) = bar_figure(tables, series, periods=("2021",)).data
    assert dict(zip(trace.text, [str(c[0]) for c in trace.customdata], strict=True)) == {"265.6": "gx"}
    assert bar_figure(tables, series).layout.xaxis.title.text == "亿元"


def test_one_treemap_per_period_never_adds_periods(tables):
    figure = treemap_figure(tables, RESERVE_COUNT)
    # the units' own reserves: 住建局 2021 22; 交通局 “十四五” 38 (one treemap each; the city's 160 overlaps them)
    assert [trace.ids[0] for trace in figure.data] == ["2021", "十四五"]
    values = {i: v for trace in figure.data for i, v in zip(trace.ids, trace.values, strict=True)}
    assert values["2021"] == 22 and values["十四五"] == 38
    assert "" not in {p for trace in figure.data for p in trace.ids}  # no root summing the periods
    domains = [tuple(trace.domain.x) for trace in figure.data]
    assert domains[0][1] <= domains[1][0]  # side by side, each its own area


def test_treemap_labels_keep_the_qualifier(tables):
    figure = treemap_figure(tables, RESERVE_INVESTMENT, departments=("jt",))
    texts = {i: t for trace in figure.data for i, t in zip(trace.ids, trace.text, strict=True)}
    assert texts["十四五|jt"] == "≈405"
    assert figure.data[0].texttemplate == "%{label}<br>%{text}"


def test_treemap_node_for_rows_without_period(tables):
    figure = treemap_figure(tables, SeriesKind("generated", "investment", "估算总投资", "亿元"), departments=("sl",))
    values = {i: v for trace in figure.data for i, v in zip(trace.ids, trace.values, strict=True)}
    assert values == {"none": 19.3, "none|sl": 19.3, "none|sl|water.general": 19.3}


def test_a_treemap_node_that_adds_rows_says_the_tool_added_them(tables):
    """Synthetic: a second “十四五” reserve row of 交通局 (invented: 12 个, rail) beside the 38."""
    from dataclasses import replace

    import pandas as pd

    projects = tables.projects
    extra = projects[projects["project_id"] == "jt-14"].assign(
        project_id="jt-made-up", project_count=12, type_id="transport.rail"
    )
    edited = replace(tables, projects=pd.concat([projects, extra], ignore_index=True))
    figure = treemap_figure(edited, RESERVE_COUNT, periods=("十四五",))
    hover = {i: h for trace in figure.data for i, h in zip(trace.ids, trace.hovertext, strict=True)}
    assert hover["十四五|jt"] == "“十四五” · 交通局<br>50 个（本工具相加）"
    assert hover["十四五|jt|transport.rail"] == "“十四五” · 交通局 · 轨道交通<br>12 个"


def test_a_treemap_says_what_a_count_counts_and_marks_a_read_period(tables):
    """水利局's 10 在建项目包 are packages, not projects (在建项目，有 10 个项目包、共29个子项目)."""
    figure = treemap_figure(tables, SeriesKind("under_construction", "projects", "项目包数", "个"), departments=("sl",))
    hover = {i: h for trace in figure.data for i, h in zip(trace.ids, trace.hovertext, strict=True)}
    assert hover["2021|sl"] == "2021年 · 水利局<br>10 个项目包"
    assert charts.treemap_node_filters("2021H2*|fg") == {"periods": ("2021H2",), "departments": ("fg",)}


def test_a_city_wide_bar_says_when_city_wide_is_only_a_reading(tables):
    """发改局: 晋江市共安排 800个重点项目 (the text says the city); 商务局: 已成功签约 56个 (the
    text does not say whose tally; the data reads it as the city's): its bar says so, in the words
    every other surface uses."""
    (plan,) = bar_figure(tables, SeriesKind("annual_plan", "projects", "项目数", "个")).data
    assert list(plan.y[1]) == ["发改局（全市）"]
    (signed,) = bar_figure(tables, SeriesKind("signed", "projects", "项目数", "个")).data
    assert list(signed.y[1]) == ["晋江分园区", "商务局（按全市统计理解，原文未明说）"]
