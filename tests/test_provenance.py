"""What a file says about where it comes from: names that name the view, the
report's date as the text gives it, the build time in Beijing time."""

import pytest

import jjdata
from explorer_ui import provenance
from jjdata import Filters


@pytest.fixture(scope="module")
def options(tables):
    return jjdata.filter_options(tables)


@pytest.mark.parametrize(
    ("iso", "words"),
    [
        ("2026-11-27T04:44:09+00:00", "2026-11-27 12:44（北京时间）"),
        ("2026-11-27T20:05:00+00:00", "2026-11-28 04:05（北京时间）"),  # past midnight in Beijing
        ("2026-11-27T13:04:00+08:00", "2026-11-27 13:04（北京时间）"),
        ("2026-11-27T01:00:00-05:00", "2026-11-27 14:00（北京时间）"),
        ("2026-11-27T04:44:09", "2026-11-27 04:44"),  # no offset: not converted, not labelled
        ("not a time", "not a time"),
    ],
)
def test_build_time_in_beijing_time(iso, words):
    assert provenance.built_at_words(iso) == words


def test_report_date_invents_no_month():
    assert provenance.report_date(None, None, 16) == "16日（原文未写年月）"
    assert provenance.report_date(2021, 7, 16) == "2021年7月16日"
    assert provenance.report_date(None, None, None) == "原文未给出"


@pytest.mark.parametrize(
    ("filters", "what", "extension", "name"),
    [
        (Filters(departments=("jt",), periods=("十四五",)), "简报", "pdf", "晋江重点项目_交通局_十四五_简报.pdf"),
        (Filters(), "", "csv", "晋江重点项目_全部.csv"),
        (Filters(periods=("十三五", "2021")), "幻灯片", "pptx", "晋江重点项目_十三五、2021年_幻灯片.pptx"),
        (Filters(departments=("jt", "sl", "zj", "gx")), "", "xlsx", "晋江重点项目_4个部门.xlsx"),
        (Filters(types=("transport.road",), bands=("ge1000",)), "", "csv", "晋江重点项目_道路建设_按投资规模.csv"),
        (Filters(stages=("signed",), single_only=True), "简报", "pdf", "晋江重点项目_已签约_单个项目_简报.pdf"),
    ],
)
def test_file_names_name_the_view(options, filters, what, extension, name):
    assert provenance.file_name(provenance.filter_name_parts(filters, options), what, extension) == name


def test_file_names_hold_no_character_a_file_system_refuses():
    name = provenance.file_name(['a/b:c*"d"', "“十四五”", "x y"], "简报", "pdf")
    assert name == "晋江重点项目_abcd_十四五_xy_简报.pdf"


def test_header_lines_say_filters_source_date_build_and_link(tables):
    lines = dict(provenance.header_lines(tables, ["筛选：部门：交通局"], "http://host:8501/?dept=jt"))
    assert lines == {
        "内容": "筛选：部门：交通局",
        "来源": "报道《比拼成绩晒亮点 拓宽思路谋发展》",
        "报道日期": "16日（原文未写年月）",
        "数据生成时间": provenance.built_at_words(tables.manifest.built_at),
        "本视图链接": "http://host:8501/?dept=jt",
        "生成工具": "晋江重点项目数据浏览器",
    }
