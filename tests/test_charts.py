"""The chart figures (explorer_ui/charts.py): clicks back to filters, labels with
their qualifiers that stay inside the plot, one treemap per period."""

import jjdata
from explorer_ui import charts, frames
from jjdata import Filters


def bar_figure(tables, measure, x_max=None, **filters):
    rows = jjdata.filter_projects(tables, Filters(**filters))
    summary = jjdata.query.summarize(tables, rows, by=("dept_id",))
    summary = summary[summary["basis"] == "projects"]
    colors = charts.department_colors(tables.departments)
    return charts.bar_by_department(summary, frames.labels(tables).dept, colors, measure, x_max=x_max)


def treemap_figure(tables, measure, **filters):
    counted = jjdata.query.counted_rows(tables, jjdata.filter_projects(tables, Filters(**filters)))
    names, types = frames.labels(tables).dept, frames.labels(tables).type_short
    return charts.treemap(counted, names, types, charts.department_colors(tables.departments), measure)


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
    rows = jjdata.filter_projects(tables, Filters(departments=("jt",)))
    summary = jjdata.query.summarize(tables, rows, by=("dept_id",))
    names = frames.labels(tables).dept
    figure = charts.bar_by_department(summary, names, charts.department_colors(tables.departments), "investment")
    (trace,) = figure.data
    assert [list(c) for c in trace.customdata] == [["jt", "十三五"], ["jt", "十四五"]]
    assert list(trace.text) == ["≈137.8", "≈405"]
    assert list(trace.marker.color) == ["#ff7f0e", "#ff7f0e"]


def test_the_longest_bar_carries_its_label_inside_so_it_is_never_clipped(tables):
    """Issue 9 item 4: “80(” for 800 and “4,2” for 4,244.2 ran past the plot's right edge."""
    (trace,) = bar_figure(tables, "investment", periods=("2021",)).data
    positions = dict(zip(trace.text, trace.textposition, strict=True))
    # 2021 实施项目: 发改局 4,244.2 (city), 水利局 101.78 (商务局's >500 are signed deals, not 实施项目)
    assert positions == {"4,244.2": "inside", "101.78": "outside"}
    (trace,) = bar_figure(tables, "projects", periods=("2021",)).data
    assert dict(zip(trace.text, trace.textposition, strict=True))["800"] == "inside"


def test_charts_set_side_by_side_share_one_axis(tables):
    """Issue 9 item 4: A and B used different x ranges."""
    alone = bar_figure(tables, "projects", departments=("sl",), periods=("2021",))
    shared = bar_figure(tables, "projects", x_max=800, departments=("sl",), periods=("2021",))
    assert alone.layout.xaxis.range[1] < 40  # its own 32
    assert shared.layout.xaxis.range[1] >= 800
    (trace,) = shared.data
    assert list(trace.textposition) == ["outside"]  # 32 of 800: a short bar, label after it


def test_annual_investment_can_be_charted(tables):
    (trace,) = bar_figure(tables, "annual_investment", periods=("2021",)).data
    assert dict(zip(trace.text, [str(c[0]) for c in trace.customdata], strict=True)) == {"835.6": "fg", "11.41": "sl"}


def test_one_treemap_per_period_never_adds_periods(tables):
    figure = treemap_figure(tables, "projects", departments=("jt",))
    # 交通局: 十三五 44 under way; 十四五 38 in reserve (a separate total, one treemap each)
    assert [trace.ids[0] for trace in figure.data] == ["十三五", "十四五"]
    values = {i: v for trace in figure.data for i, v in zip(trace.ids, trace.values, strict=True)}
    assert values["十三五"] == 44 and values["十四五"] == 38
    assert "" not in {p for trace in figure.data for p in trace.ids}  # no root summing the periods
    domains = [tuple(trace.domain.x) for trace in figure.data]
    assert domains[0][1] <= domains[1][0]  # side by side, each its own area


def test_treemap_labels_keep_the_qualifier(tables):
    figure = treemap_figure(tables, "investment", departments=("jt",))
    texts = {i: t for trace in figure.data for i, t in zip(trace.ids, trace.text, strict=True)}
    assert texts["十三五|jt"] == "≈137.8" and texts["十四五|jt"] == "≈405"
    assert figure.data[0].texttemplate == "%{label}<br>%{text}"


def test_treemap_node_for_rows_without_period(tables):
    figure = treemap_figure(tables, "investment", departments=("sl",))
    values = {i: v for trace in figure.data for i, v in zip(trace.ids, trace.values, strict=True)}
    assert values == {
        "2021": 101.78,
        "2021|sl": 101.78,
        "2021|sl|water.general": 101.78,
        "none": 19.3,
        "none|sl": 19.3,
        "none|sl|water.general": 19.3,
    }


def test_a_city_wide_bar_says_when_city_wide_is_only_a_reading(tables):
    """发改局: 晋江市共安排 800个重点项目 (the text says the city); 商务局: 已成功签约 56个 (the
    text does not say whose tally; the data reads it as the city's): its bar says so."""

    summary = jjdata.query.summarize(
        tables, jjdata.filter_projects(tables, Filters(periods=("2021",))), by=("dept_id",)
    )
    names, colors = frames.labels(tables).dept, charts.department_colors(tables.departments)
    read = frames.city_wide_by_reading(tables)
    assert read == {"sw"}
    labels = {}
    for basis in ("projects", "signed"):
        figure = charts.bar_by_department(
            summary[summary["basis"] == basis], names, colors, "projects", read_as_city=read
        )
        labels[basis] = list(figure.data[0].y[1])  # [periods, units]
    assert "发改局（全市）" in labels["projects"]
    assert labels["signed"] == ["商务局（按全市理解）"]
