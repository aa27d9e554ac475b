"""The pure parts of the UI: export frames. (URL state: test_urlstate.py; charts: test_charts.py.)"""

import io

import pandas as pd

import jjdata
from explorer_ui import frames
from jjdata import Filters


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


def test_a_row_without_a_figure_links_to_its_quote(tables):
    rows = tables.projects.set_index("project_id")
    assert frames.row_source_query(rows.at["jt-14", "figure_ids"], 1561) == {"fig": "jt-14-count"}
    assert frames.row_source_query(None, 922) == {"at": "922"}
    assert frames.row_source_query(pd.NA, 922) == {"at": "922"}
