"""Files that carry their context: the header block of a CSV and of an Excel
workbook (its first sheet “说明”), Excel's layout (widths, frozen header,
autofilter), the all-tables export under Chinese names with its column
dictionary and codes, and a chart's title lines."""

import io
import zipfile

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

import jjdata
from explorer_ui import chart_context, frames, provenance, table_dictionary
from jjdata import Filters
from jjdata.schema import SCHEMAS

HEADER = [("内容", "当前筛选：部门：交通局"), ("本视图链接", "http://host:8501/?dept=jt")]


@pytest.fixture(scope="module")
def transport(tables):
    rows = jjdata.filter_projects(tables, Filters(departments=("jt",)))
    return frames.exported(frames.project_frame(tables, rows), "http://host:8501")


def test_csv_opens_with_its_header_block_then_the_table(transport):
    text = frames.csv_bytes(transport, HEADER).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[:3] == ["内容,当前筛选：部门：交通局", "本视图链接,http://host:8501/?dept=jt", ""]
    table = pd.read_csv(io.StringIO("\n".join(lines[3:])))
    assert list(table.columns) == list(transport.columns) and len(table) == len(transport) == 14
    assert frames.csv_bytes(transport).decode("utf-8-sig").startswith("项目/项目组,")  # no block: the table alone


def test_excel_has_a_first_sheet_of_context_and_a_readable_table(transport):
    book = openpyxl.load_workbook(io.BytesIO(frames.xlsx_bytes({"项目": transport}, HEADER)))
    assert book.sheetnames == ["说明", "项目"]
    notes = book["说明"]
    assert [c.value for c in notes[3]] == ["本视图链接", "http://host:8501/?dept=jt"]
    assert notes["B3"].hyperlink.target == "http://host:8501/?dept=jt"
    sheet = book["项目"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(transport.columns))}{len(transport) + 1}"
    widths = {
        sheet.cell(1, i + 1).value: sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width
        for i in range(len(transport.columns))
    }
    assert widths["原文"] == frames.MAX_COLUMN_WIDTH  # the sentence wraps
    assert 8 <= widths["部门"] <= 16  # “交通局” and its header, not a default or a sentence
    source = list(transport.columns).index("出处") + 1
    assert sheet.cell(2, source).hyperlink.target.startswith("http://host:8501/%E5%8E%9F%E6%96%87?")
    part = list(transport.columns).index("已含在上一级中") + 1
    assert {sheet.cell(r, part).value for r in range(2, sheet.max_row + 1)} == {"是", "否"}


def test_all_tables_have_chinese_names_and_every_column_is_explained(tables):
    sheets = frames.all_tables_sheets(tables, tuple(SCHEMAS))
    assert list(sheets)[:5] == ["报道", "部门", "版面段落", "数字", "项目"]
    assert list(sheets)[-2:] == ["字段说明", "代码说明"]
    projects = sheets["项目"]
    assert {"名称", "总投资（亿元）", "总投资限定", "上一级编号", "原文"} <= set(projects.columns)
    assert not any(c.isascii() for c in projects.columns)  # every header in Chinese
    assert set(projects["原文写出名称"]) == {"是", "否"}
    dictionary = sheets["字段说明"]
    assert len(dictionary) == sum(len(s) for s in SCHEMAS.values())
    assert (dictionary["含义"] != "").all() and not dictionary["列名"].str.isascii().any()
    codes = sheets["代码说明"].set_index(["代码用于", "代码"])["含义"]
    assert codes[("部门编号", "jt")] == "晋江市交通局"
    assert codes[("限定", "approx")] == "约" and codes[("时期", "十四五")] == "“十四五”（2021–2025）"
    assert codes[("统计类别", tables.stages.set_index("stage_id").at["signed", "basis"])] == "已签约项目"
    assert "原文全文" not in sheets["报道"].columns  # an Excel cell cannot hold it …


def test_the_csv_archive_holds_the_whole_text_and_the_dictionaries(tables):
    archive = zipfile.ZipFile(io.BytesIO(frames.all_tables_zip(tables, tuple(SCHEMAS), HEADER)))
    names = archive.namelist()
    assert names[0] == "说明.csv" and {"报道.csv", "字段说明.csv", "代码说明.csv"} <= set(names)
    reports = pd.read_csv(io.BytesIO(archive.read("报道.csv")), encoding="utf-8-sig")
    assert reports["原文全文"][0] == tables.reports["raw_text"][0]  # … the CSV can


def test_every_table_name_and_column_has_words():
    assert set(table_dictionary.TABLE_NAMES) == set(SCHEMAS)
    for table, schema in SCHEMAS.items():
        for field in schema:
            name, what = table_dictionary.column_words(table, field.name)
            assert name != field.name and what, (table, field.name)


@pytest.mark.parametrize("columns", [1, 2])
def test_chart_lines_fit_the_charts_width(columns):
    parts = [
        "当前筛选：部门：交通局、水利局、住建局、工信局",
        "来源：《比拼成绩晒亮点 拓宽思路谋发展》（报道日期：16日（原文未写年月））",
        "数据生成：2026-11-27 15:03（北京时间）",
    ]
    lines = chart_context.wrap_parts(parts, chart_context.LINE_UNITS[columns])
    assert "".join(lines).replace(chart_context.SEPARATOR, "") == "".join(parts)  # nothing lost
    assert all(chart_context.text_units(line) <= chart_context.LINE_UNITS[columns] for line in lines)


def test_a_chart_carries_title_and_context_above_its_own_plot():
    figure = go.Figure(go.Bar(x=[1]), layout=dict(height=200))
    decorated = chart_context.with_context(figure, "储备项目的总投资", ["当前筛选：部门：交通局", "来源：<报道>"])
    assert decorated.layout.title.text == "<b>储备项目的总投资</b>"
    assert decorated.layout.title.subtitle.text == "当前筛选：部门：交通局 · 来源：&lt;报道&gt;"
    assert decorated.layout.height == 200 + chart_context.TITLE_HEIGHT + chart_context.CONTEXT_LINE_HEIGHT
    assert decorated is figure  # decorated in place: a copy re-validates every property


def test_view_names_are_file_names(tables):
    options = jjdata.filter_options(tables)
    assert provenance.file_name(provenance.filter_name_parts(Filters(departments=("bdt",)), options), "", "csv") == (
        "晋江重点项目_晋江分园区.csv"
    )


def test_the_scope_column_says_when_a_city_wide_list_is_a_reading(tables):
    """发改局: 晋江市共安排 800个重点项目 (the text says the city); 商务局's 已成功签约 56个 and 发改局's
    80/90/33/74 targets: the data reads them as the city's without the text saying so."""
    scope = frames.project_frame(tables, tables.projects).set_index("项目编号")["统计范围"]
    city = scope[scope.str.startswith("全市清单")]
    assert city.to_dict() == {
        "fg-key-2021": "全市清单（发改局）",
        "fg-start-target": "全市清单（发改局；按全市统计理解，原文未明说）",
        "fg-complete-target": "全市清单（发改局；按全市统计理解，原文未明说）",
        "fg-h2-start": "全市清单（发改局；按全市统计理解，原文未明说）",
        "fg-h2-complete": "全市清单（发改局；按全市统计理解，原文未明说）",
        "fg-reserve-14": "全市清单（发改局）",
        "sw-sign-target": "全市清单（商务局；按全市统计理解，原文未明说）",
        "sw-signed": "全市清单（商务局；按全市统计理解，原文未明说）",
    }
