"""The pure parts of the UI: chart click mapping, export frames. (URL state: test_urlstate.py.)"""

import io

import pandas as pd

import jjdata
from explorer_ui import charts, frames
from jjdata import Filters, bases


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


def test_bar_chart_carries_rows_back_to_filters(tables):
    rows = jjdata.filter_projects(tables, Filters(departments=("jt",)))
    summary = jjdata.query.summarize(tables, rows, by=("dept_id",))
    names = frames.labels(tables).dept
    figure = charts.bar_by_department(summary, names, charts.department_colors(tables.departments), "investment")
    (trace,) = figure.data
    assert [list(c) for c in trace.customdata] == [["jt", "十三五"], ["jt", "十四五"]]
    assert list(trace.text) == ["≈137.8", "≈405"]
    assert list(trace.marker.color) == ["#ff7f0e", "#ff7f0e"]


def test_treemap_never_adds_periods(tables):
    counted = jjdata.query.counted_rows(tables, jjdata.filter_projects(tables, Filters(departments=("jt",))))
    names, types = frames.labels(tables).dept, frames.labels(tables).type_short
    figure = charts.treemap(counted, names, types, charts.department_colors(tables.departments), "projects")
    values = dict(zip(figure.data[0].ids, figure.data[0].values, strict=True))
    assert values["十三五"] == 44 and values["十四五"] == 38
    assert "" not in figure.data[0].ids  # no root summing the periods


def test_period_matrix_cells(tables):
    summary = jjdata.query.summarize(tables, jjdata.filter_projects(tables, Filters()), by=("dept_id",))
    names = frames.labels(tables).dept
    under_way = charts.period_matrix(summary[summary["basis"].isin(bases.primary_bases(tables))], names)
    assert under_way.loc["交通局", "“十三五”（2016–2020）"] == "44 个 / ≈137.8 亿元"
    assert under_way.loc["商务局（全市）", "2021年"] == "56 个 / >500 亿元"
    assert under_way.loc["住建局", "2021年"] == "167 个"  # 可纳统 123 + 已启动 44, not the 22 储备 or 107 策划
    pipeline = charts.period_matrix(summary[summary["basis"] == "pipeline"], names)
    assert pipeline.loc["交通局", "“十四五”（2021–2025）"] == "38 个 / ≈405 亿元"


def test_csv_export_is_the_filtered_rows_with_a_bom(tables):
    rows = jjdata.filter_projects(tables, Filters(departments=("jt",), periods=("十四五",)))
    frame = frames.project_frame(tables, rows)
    data = frames.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back["项目编号"]) == list(rows["project_id"])
    assert back.loc[back["项目编号"] == "jt-14", ["投资限定", "投资（亿元）"]].values.tolist() == [["≈", 405.0]]
    xlsx = pd.read_excel(io.BytesIO(frames.xlsx_bytes({"项目": frame})))
    assert len(xlsx) == len(rows) == 10


def test_describe_filters(tables):
    options = jjdata.filter_options(tables)
    text = frames.describe_filters(Filters(departments=("jt",), min_investment=100), options)
    assert text == "部门：交通局；投资：≥100 亿元"
    assert frames.describe_filters(Filters(), options) == "全部项目（未筛选）"


def test_the_active_filter_line_names_every_filter_as_the_sidebar_does(tables):
    """Issue 9: one line at the top of every page, for a room that cannot see the sidebar."""
    options = jjdata.filter_options(tables)
    line = frames.active_filters_line(Filters(departments=("jt", "sl"), periods=("十四五",)), options)
    assert line == "当前筛选：部门：交通局、水利局；时期：“十四五”（2021–2025）"
    every = Filters(
        departments=("bdt",),
        types=("transport",),
        bands=("100to1000", "ge1000"),
        periods=("",),
        stages=("reserve",),
        min_investment=1234567,
        max_investment=None,
        single_only=True,
    )
    assert frames.active_filters_line(every, options) == (
        "当前筛选：部门：晋江分园区；项目类型：交通；投资规模：100–1000亿、1000亿及以上；时期：未注明时期；"
        "阶段：储备；投资：≥1234567 亿元；只看单个项目"
    )
    assert frames.active_filters_line(Filters(), options) == "未筛选：显示全部"
    assert frames.active_filters_line(Filters(), options, "情景 B") == "情景 B：未筛选，显示全部"
    assert frames.active_filters_line(Filters(max_investment=10), options, "情景 B") == "情景 B：投资：≤10 亿元"


def test_treemap_node_for_rows_without_period(tables):
    counted = jjdata.query.counted_rows(tables, jjdata.filter_projects(tables, Filters(departments=("sl",))))
    names, types = frames.labels(tables).dept, frames.labels(tables).type_short
    figure = charts.treemap(counted, names, types, charts.department_colors(tables.departments), "investment")
    values = dict(zip(figure.data[0].ids, figure.data[0].values, strict=True))
    assert values == {
        "2021": 101.78,
        "2021|sl": 101.78,
        "2021|sl|water.general": 101.78,
        "none": 19.3,
        "none|sl": 19.3,
        "none|sl|water.general": 19.3,
    }
    assert charts.treemap_node_filters("none|sl") == {"periods": ("",), "departments": ("sl",)}


def test_a_row_without_a_figure_links_to_its_quote(tables):
    rows = tables.projects.set_index("project_id")
    assert frames.row_source_query(rows.at["jt-14", "figure_ids"], 1561) == {"fig": "jt-14-count"}
    assert frames.row_source_query(None, 922) == {"at": "922"}
    assert frames.row_source_query(pd.NA, 922) == {"at": "922"}
