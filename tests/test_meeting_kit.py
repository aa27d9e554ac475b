"""The meeting kit on its pages (issue 10), through AppTest: the brief and deck
buttons hand out exactly the current view, built only when asked; 投影模式 is
in the link, steps through its slides and leaves with the same filters; the
charts' toolbar saves a named image in Chinese; the downloads say where they
come from."""

import io
import json
import re
import subprocess
from urllib.parse import quote

import pandas as pd
import pytest
from pptx import Presentation
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

import jjdata
from explorer_ui import brief_pdf, frames, meeting_view, slides
from explorer_ui.briefing import COMPARISON, DEPARTMENT, OVERVIEW, View
from jjdata import Filters

from .conftest import ROOT
from .test_brief_pdf import poppler
from .test_briefing import JT_14_QUOTE
from .test_pages import shown_table

BASE = "http://meeting.example:8501"
SOURCE_PAGE = quote("原文")


@pytest.fixture
def files(monkeypatch):
    """Every file a page registers for a download button: {label-free file name: (callable, mime)}."""
    registered = {}
    original = MediaFileManager.add_deferred

    def record(self, data, mimetype, coordinates, file_name=None, element_id=""):
        registered[file_name] = (data, mimetype)
        return original(self, data, mimetype, coordinates, file_name=file_name, element_id=element_id)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return registered


def open_page(monkeypatch, script="app.py", url=BASE + "/", **params):
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context["url"] = url
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if script != "app.py":
        at.switch_page(script).run()
    assert not at.exception, at.exception
    return at


def labels(at, kind="download_button"):
    return [element.proto.label for element in at.get(kind)]


def pdf_text(data: bytes) -> str:
    result = subprocess.run(
        [poppler("pdftotext"), "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return re.sub(r"\s+", "", result.stdout.decode("utf-8"))


def test_the_files_are_built_only_when_asked(monkeypatch, files):
    """A page's rerun registers the files' makers but never runs them (bench/briefs.py: ~1 s a file)."""
    built = []
    monkeypatch.setattr(brief_pdf, "render", lambda brief: built.append("pdf") or b"")
    monkeypatch.setattr(slides, "render", lambda brief: built.append("pptx") or b"")
    at = open_page(monkeypatch, dept=["jt"])
    at.run()
    assert labels(at) == ["导出简报（PDF）", "导出幻灯片（PPT）"]
    assert built == []
    files["晋江重点项目_交通局_简报.pdf"][0]()  # the button's click
    assert built == ["pdf"]


def test_overview_brief_is_exactly_the_filtered_view_with_absolute_links(monkeypatch, files):
    at = open_page(monkeypatch, dept=["jt", "sl"], period=["2021-2025"])
    make, mime = files["晋江重点项目_交通局、水利局_十四五_简报.pdf"]
    assert mime == "application/pdf"
    text = pdf_text(make())
    assert "筛选：部门：交通局、水利局；时期：“十四五”（2021–2025）" in text
    assert "交通局“十四五”（2021–2025）储备项目：38个，总投资约405亿元" in text  # the page's own sentence
    assert "水利局：原文未给出“十四五”（2021–2025）的项目数和投资。" in text
    assert re.sub(r"\s+", "", JT_14_QUOTE) in text
    assert f"本视图链接：{BASE}?dept=jt&dept=sl&period=2021-2025" in text
    assert not at.exception


def test_the_deck_links_each_quote_to_the_original_on_this_server(monkeypatch, files):
    open_page(monkeypatch, "pages/2_部门.py", BASE + "/%E9%83%A8%E9%97%A8", unit="jt")
    make, mime = files["晋江重点项目_交通局_部门_幻灯片.pptx"]
    assert mime == meeting_view.PPTX_MIME
    deck = Presentation(io.BytesIO(make()))
    links = {
        run.hyperlink.address
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address
    }
    assert f"{BASE}/{SOURCE_PAGE}?fig=jt-14-count" in links
    assert f"{BASE}/%E9%83%A8%E9%97%A8?unit=jt" in links  # the view's own link


def test_comparison_files_name_both_sides(monkeypatch, files):
    open_page(
        monkeypatch, "pages/4_情景对比.py", BASE + "/%E6%83%85%E6%99%AF%E5%AF%B9%E6%AF%94", dept=["jt"], b_dept=["sl"]
    )
    make, _ = files["晋江重点项目_情景对比_A_交通局_B_水利局_简报.pdf"]
    text = pdf_text(make())
    assert "情景A：部门：交通局" in text and "情景B：部门：水利局" in text
    assert "不相减（B不在当前筛选内）" in text  # 交通局's 十四五 38 against nothing
    assert "不相减（B原文未给出）" not in text  # the report gives the 38: B's filters leave them out


def test_no_files_for_a_view_without_rows(monkeypatch, files):
    at = open_page(monkeypatch, dept=["cz"])  # 财政局 lists no projects
    assert labels(at) == []
    assert "投影模式" in labels(at, "button")  # the presentation still shows the headline figures
    at = open_page(monkeypatch, "pages/2_部门.py", unit="cz")  # …but its unit page has its figures to hand out
    assert labels(at) == ["导出简报（PDF）", "导出幻灯片（PPT）"]


def test_a_missing_font_is_said_and_the_deck_is_still_offered(monkeypatch):
    def missing():
        raise brief_pdf.FontMissingError("无法生成 PDF 简报：请管理员安装 Debian 软件包 fonts-noto-cjk")

    monkeypatch.setattr(brief_pdf, "find_font", missing)
    at = open_page(monkeypatch, dept=["jt"])
    assert labels(at) == ["导出幻灯片（PPT）"]
    assert any("fonts-noto-cjk" in w.value for w in at.warning)


# --------------------------------------------------------------------------
# 投影模式


def header_texts(at):
    return [h.value for h in at.subheader]


def param(at, key):
    """A query parameter as a list (AppTest keeps a single value as a string)."""
    value = at.query_params[key]
    return [value] if isinstance(value, str) else list(value)


def test_the_presentation_is_in_the_link_and_steps_through_the_view(monkeypatch):
    """A filtered view opens on its own answer; the city's figures come after it, said to be the city's
    (issue 15 item 11): the answer (four sentences), 全市背景, two charts, each chosen unit's answer."""
    at = open_page(monkeypatch, dept=["jt", "sl"], view="present")
    assert param(at, "step") == ["1"]
    banner = at.get_by_key("present_banner")
    assert banner is not None
    assert "当前筛选：部门：交通局、水利局" in header_texts(at)
    assert "当前筛选的答案（第 1 / 6 页）" in header_texts(at)
    shown = [m.value for m in at.markdown]
    assert any("交通局“十四五”（2021–2025）储备项目：38 个，总投资约 405 亿元" in t for t in shown)
    assert not at.metric and not at.title  # not the city's 800; the page's own content is not drawn
    forward = next(b for b in at.button if b.label == "下一页")
    assert forward.proto.shortcut == "right"  # the → key
    forward.click().run()
    assert param(at, "step") == ["2"] and param(at, "dept") == ["jt", "sl"]
    assert "全市背景：报道中的全市数字（不受筛选影响）（第 2 / 6 页）" in header_texts(at)
    assert [m.value for m in at.metric][:3] == ["800", "4,244.2", "835.6"]
    at.query_params["step"] = "5"  # each chosen unit's answer
    at.run()
    assert "交通局（第 5 / 6 页）" in header_texts(at)
    next(b for b in at.button if b.label == "退出投影模式").click().run()
    assert "view" not in at.query_params and "step" not in at.query_params
    assert param(at, "dept") == ["jt", "sl"]  # the same filters
    assert at.title[0].value == "晋江重点项目 · 总览"


def test_a_step_past_the_end_or_not_a_number_is_corrected(monkeypatch):
    at = open_page(monkeypatch, dept=["jt"], view="present", step="99")
    assert param(at, "step") == ["5"]  # headline figures, answer, two charts, 交通局
    assert next(b for b in at.button if b.label == "下一页").proto.disabled
    at = open_page(monkeypatch, view="present", step="二")
    assert param(at, "step") == ["1"]
    assert "链接参数 'step'='二' 已忽略：应为从 1 开始的页码" in at.text[0].value


def test_the_banner_replaces_the_small_filter_line(monkeypatch):
    def filter_lines(at) -> list[str]:
        return [m.value for m in at.markdown if m.value.startswith("**当前筛选**")]

    assert filter_lines(open_page(monkeypatch, dept=["jt"])) == ["**当前筛选**：部门：交通局"]
    presenting = open_page(monkeypatch, dept=["jt"], view="present")
    assert filter_lines(presenting) == []
    assert "当前筛选：部门：交通局" in header_texts(presenting)


def test_a_unit_and_a_comparison_are_presented_too(monkeypatch):
    at = open_page(monkeypatch, "pages/2_部门.py", unit="sl", view="present")
    assert "部门：水利局（该部门在报道中的全部内容）" in header_texts(at)
    assert [m.value for m in at.metric][:3] == ["32", "101.78", "11.41"]
    at.query_params["step"] = "5"  # its cards, totals, sentences, chart, leader's comment
    at.run()
    assert "领导点评 · 王也夫（第 5 / 5 页）" in header_texts(at)
    at = open_page(monkeypatch, "pages/4_情景对比.py", dept=["jt"], b_dept=["sl"], view="present", step="2")
    assert header_texts(at)[:2] == ["情景 A：部门：交通局", "情景 B：部门：水利局"]
    table = shown_table(at, 0)
    fourteenth = table[(table["统计范围"].str.startswith("“十四五”")) & (table["指标"] == "项目数")]
    assert fourteenth[["情景 A", "情景 B", "B − A"]].values.tolist() == [
        ["38 个", "不在当前筛选内", "不相减（B 不在当前筛选内）"]
    ]


# --------------------------------------------------------------------------
# Charts and downloads that carry their context


def test_a_saved_chart_names_the_view_and_has_one_chinese_button(monkeypatch):
    at = open_page(monkeypatch, dept=["jt"], period=["2021-2025"], measure="investment")
    bars = at.get("plotly_chart")[0]
    config = json.loads(bars.proto.config)
    assert config["modeBarButtons"] == [["toImage"]]
    assert config["locale"] == "zh-CN"
    assert config["locales"]["zh-CN"]["dictionary"]["Download plot as a PNG"].startswith("下载图片")
    assert (
        config["toImageButtonOptions"]["filename"]
        == "晋江重点项目_交通局_十四五_储备项目的总投资（亿元，按部门与时期）"
    )
    title = json.loads(bars.proto.spec)["layout"]["title"]
    assert title["text"] == "<b>储备项目的总投资（亿元，按部门与时期）</b>"
    subtitle = title["subtitle"]["text"]
    assert "当前筛选：部门：交通局；时期：“十四五”（2021–2025）" in subtitle
    assert "来源：《比拼成绩晒亮点 拓宽思路谋发展》" in subtitle and "（北京时间）" in subtitle


def test_the_row_downloads_say_where_they_come_from(monkeypatch, files):
    open_page(monkeypatch, "pages/1_项目.py", BASE + "/%E9%A1%B9%E7%9B%AE", dept=["jt"], period=["2021-2025"])
    make, _ = files["晋江重点项目_交通局_十四五.csv"]
    lines = make().decode("utf-8-sig").splitlines()
    header = dict(line.split(",", 1) for line in lines[: lines.index("")])
    assert header["内容"] == "当前筛选：部门：交通局；时期：“十四五”（2021–2025）"
    assert header["来源"] == "报道《比拼成绩晒亮点 拓宽思路谋发展》" and header["报道日期"] == "16日（原文未写年月）"
    assert header["数据生成时间"].endswith("（北京时间）")
    assert header["本视图链接"] == f"{BASE}/%E9%A1%B9%E7%9B%AE?dept=jt&period=2021-2025"
    table = pd.read_csv(io.StringIO("\n".join(lines[lines.index("") + 1 :])))
    assert len(table) == 10
    road = table[table["项目编号"] == "jt-14-road"].iloc[0]
    assert road["已含在上一级中"] == "是"  # not True
    assert road["出处"] == f"{BASE}/{SOURCE_PAGE}?fig=jt-14-road"
    make, _ = files["晋江重点项目_交通局_十四五.xlsx"]
    sheets = pd.read_excel(io.BytesIO(make()), sheet_name=None)
    assert list(sheets) == ["说明", "项目"]
    assert sheets["说明"].set_index("项目")["内容"]["本视图链接"] == header["本视图链接"]
    assert len(sheets["项目"]) == 10


def test_no_row_downloads_without_rows(monkeypatch, files):
    at = open_page(monkeypatch, "pages/1_项目.py", dept=["cz"])
    assert labels(at) == []


@pytest.mark.parametrize(
    ("view", "name"),
    [
        (View(OVERVIEW, Filters(departments=("jt",), periods=("十四五",))), "晋江重点项目_交通局_十四五_简报.pdf"),
        (View(OVERVIEW), "晋江重点项目_全部_简报.pdf"),
        (View(DEPARTMENT, unit="sl"), "晋江重点项目_水利局_部门_简报.pdf"),
        (View(COMPARISON, filters_b=Filters(departments=("sl",))), "晋江重点项目_情景对比_A_全部_B_水利局_简报.pdf"),
    ],
)
def test_file_names_name_the_view(tables, view, name):
    assert meeting_view.file_name(tables, view, "简报", "pdf") == name


def test_the_view_link_holds_exactly_its_view():
    assert meeting_view.view_query(View(DEPARTMENT, Filters(departments=("jt",)), unit="sl")) == {"unit": ["sl"]}
    comparison = View(
        COMPARISON, Filters(periods=("十四五",)), filters_b=Filters(departments=("sl",), single_only=True)
    )
    assert meeting_view.view_query(comparison) == {"period": ["2021-2025"], "b_dept": ["sl"], "b_single": ["1"]}


def test_exported_rows_read_yes_no_and_link_absolutely(tables):
    rows = jjdata.filter_projects(tables, Filters(departments=("jt",), periods=("十四五",)))
    shown = frames.exported(frames.project_frame(tables, rows), BASE + "/")
    assert set(shown["已含在上一级中"]) == {"是", "否"}
    assert shown["出处"].str.startswith(f"{BASE}/{SOURCE_PAGE}?").all()
