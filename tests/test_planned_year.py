"""住建局's planned year shown wherever its rows are (issue 8 item 2 / review E7).

The report (住建局's piece): “建筑业转型升级项目包括晋江路桥预制装配式基地项目、
中建佳园绿色建材泉州区域总部及产研基地项目，两个项目均计划 2022 年投产。” So the
group and its two named projects carry “计划2022年投产”; no other row has a planned
year, and those show an empty cell, never 0 or nan.
"""

import csv
import io

import openpyxl
from streamlit.testing.v1 import AppTest

import jjdata
from explorer_ui import brief_pdf, briefing, frames
from jjdata import Filters

from .conftest import ROOT
from .test_brief_pdf import text_of

WORDS = "计划2022年投产"
SENTENCE = "两个项目均计划2022年投产"
GROUP = "建筑业转型升级项目"
PARTS = ("晋江路桥预制装配式基地项目", "中建佳园绿色建材泉州区域总部及产研基地项目")
LISTING = f"{GROUP}包括{PARTS[0]}、{PARTS[1]}"  # the parts' own sentence, without the year
CONSTRUCTION = "urban.construction_industry"


def planned(frame):
    """{row name: (计划年份, 计划年份原文)} of an exported frame."""
    return {
        name: (words, quote)
        for name, words, quote in zip(
            frame["项目/项目组"], frame[frames.PLANNED_YEAR], frame[frames.PLANNED_YEAR_QUOTE], strict=True
        )
    }


def test_the_export_frame_has_the_words_for_the_three_rows_and_empty_cells_elsewhere(tables):
    rows = jjdata.filter_projects(tables, Filters(departments=("zj",)))
    years = planned(frames.project_frame(tables, rows))
    assert len(years) == 17  # 住建局's rows: 4 品质提升, 2 房地产, 4 老旧小区, 4 安置房, 3 建筑业
    assert {name: y for name, y in years.items() if any(y)} == {
        GROUP: (WORDS, SENTENCE),
        PARTS[0]: (WORDS, SENTENCE),
        PARTS[1]: (WORDS, SENTENCE),
    }
    assert years["房地产项目（可纳统）"] == ("", "")


def test_csv_and_excel_carry_the_planned_year_under_a_chinese_header(tables):
    rows = jjdata.filter_projects(tables, Filters(departments=("zj",)))
    table = frames.exported(frames.project_frame(tables, rows), "http://host:8501")
    lines = list(csv.reader(io.StringIO(frames.csv_bytes(table).decode("utf-8-sig"))))
    head, body = lines[0], lines[1:]
    name, year = head.index("项目/项目组"), head.index("计划年份")
    assert head[year + 1] == "计划年份原文"
    by_name = {line[name]: line[year] for line in body}
    assert [by_name[n] for n in (GROUP, *PARTS)] == [WORDS] * 3
    assert by_name["老旧小区改造项目（安海镇）"] == ""  # not 0, not nan

    sheet = openpyxl.load_workbook(io.BytesIO(frames.xlsx_bytes({"项目": table}))).active
    cells = list(sheet.iter_rows(values_only=True))
    name, year = cells[0].index("项目/项目组"), cells[0].index("计划年份")
    by_name = {row[name]: row[year] for row in cells[1:]}
    assert [by_name[n] for n in (GROUP, *PARTS)] == [WORDS] * 3
    assert by_name["老旧小区改造项目（安海镇）"] is None  # an empty cell


def open_rows(monkeypatch, script, table_key, position, **params):
    """A page with row ``position`` of its table ``table_key`` selected, as a click does."""
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(script).run()
    at.session_state[table_key] = {"selection": {"rows": [position], "columns": []}}
    at.run()
    assert not at.exception, at.exception
    return at, [m.value for m in at.main.markdown]


def test_the_project_pages_selected_row_shows_its_planned_year_and_its_sentence(monkeypatch):
    at, shown = open_rows(monkeypatch, "pages/1_项目.py", "projects_table", 1, type=[CONSTRUCTION])
    grid = at.dataframe[0].value
    assert grid["项目/项目组"].tolist() == [GROUP, f"└ {PARTS[0]}", f"└ {PARTS[1]}"]
    assert f"原文：“{LISTING}”" in shown
    assert f"**计划年份**：{WORDS}（原文：“{SENTENCE}”）" in shown  # a part's own sentence has no year

    at, shown = open_rows(monkeypatch, "pages/1_项目.py", "projects_table", 0, type=[CONSTRUCTION])
    assert f"原文：“{SENTENCE}”" in shown
    assert f"**计划年份**：{WORDS}" in shown  # the group's sentence is the one that sets it: not quoted twice

    at, shown = open_rows(monkeypatch, "pages/1_项目.py", "projects_table", 0, dept=["jt"])
    assert any(line.startswith("原文：") for line in shown)
    assert not any("计划年份" in line for line in shown)


def test_the_unit_pages_table_shows_it_too(monkeypatch):
    at, shown = open_rows(monkeypatch, "pages/2_部门.py", "unit_projects_table", 15, unit="zj")
    assert at.title[0].value == "晋江市住建局"
    assert f"**{PARTS[0]}**（住建局 · 单个项目）" in shown
    assert f"**计划年份**：{WORDS}（原文：“{SENTENCE}”）" in shown


def test_the_brief_lists_the_planned_year_with_its_sentence(tables):
    brief = briefing.department_briefing(tables, "zj")
    projects = brief.tables[0]
    assert projects.columns == (
        "项目/项目组",
        "时期",
        "阶段",
        "计划年份",
        "项目数",
        "投资",
        "年度计划投资",
    )
    rows = {row.cells[0]: row for row in projects.rows}
    assert [rows[n].cells[3] for n in (GROUP, *(f"其中：{p}" for p in PARTS))] == [WORDS] * 3
    assert rows["房地产项目（可纳统）"].cells[3] == ""
    quotes = {n.number: n.quote for n in brief.footnotes}
    assert [quotes[n] for n in rows[f"其中：{PARTS[0]}"].notes] == [SENTENCE, LISTING]  # the year's and the row's

    assert "计划年份" not in briefing.department_briefing(tables, "jt").tables[0].columns  # no row of it has one


def test_the_pdf_shows_the_words(tables):
    """(The deck lists no rows: its slides are the totals, answers and charts.)"""
    brief = briefing.department_briefing(tables, "zj", base_url="http://host:8501")
    text = text_of(brief_pdf.render(brief))
    assert "计划年份" in text
    assert text.count(WORDS) == 4  # three rows and the footnote quoting the sentence
