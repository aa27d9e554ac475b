"""The slide deck, read back with python-pptx: native charts whose series are the
view's totals, value labels with their qualifiers, quotes in notes and footnotes."""

import io

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches

from explorer_ui import answers, briefing, slides
from explorer_ui.briefing import NOT_GIVEN
from jjdata import Filters

from .test_briefing import JT_14_QUOTE, SL_2021_QUOTE


def deck_of(brief):
    return Presentation(io.BytesIO(slides.render(brief)))


def title_of(slide):
    return slide.shapes[0].text_frame.text


def chart_on(deck, title):
    slide = next(s for s in deck.slides if title_of(s) == title)
    (frame,) = [shape for shape in slide.shapes if shape.has_chart]
    return slide, frame.chart


def slide_text(slide):
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def labels_of(series):
    return [point.data_label.text_frame.text for point in series.points]


@pytest.fixture(scope="module")
def transport(tables):
    return deck_of(briefing.department_briefing(tables, "jt", base_url="http://host:8501"))


@pytest.fixture(scope="module")
def overview(tables):
    return deck_of(briefing.overview_briefing(tables, Filters(), base_url="http://host:8501"))


ZJ_RESERVE_QUOTE = "2021年，晋江房地产项目可纳统123个，储备项目22个"
FG_RESERVE_QUOTE = "同时，储备160个“十四五”规划支撑项目，总投资2152.9亿元。"


def test_charts_are_native_with_the_reports_totals_one_kind_a_chart(overview):
    """储备项目's counts: 住建局 2021 22, 交通局 “十四五” 38, the city's “十四五” 160: one series, each bar
    its own total; 工信局's 375 项 and every target are charts (or no chart) of their own."""
    _, chart = chart_on(overview, "储备项目的项目数（个）")
    (series,) = chart.plots[0].series
    assert series.values == (22.0, 38.0, 160.0)  # 38, not 76 = 38 + 24 + 1 + 13
    assert labels_of(series) == ["22", "38", "160"]
    assert list(chart.plots[0].categories) == [
        "住建局 · 2021年",
        "交通局 · “十四五”（2021–2025）",
        "发改局（全市） · “十四五”（2021–2025）",
    ]
    charted = [title_of(s) for s in overview.slides if any(shape.has_chart for shape in s.shapes)]
    assert charted and not [t for t in charted if "目标" in t or "预计" in t]


def test_every_chart_slide_quotes_its_sentences_in_notes_and_footnote(overview):
    slide, _ = chart_on(overview, "储备项目的项目数（个）")
    notes = slide.notes_slide.notes_text_frame.text
    for quote in (JT_14_QUOTE, ZJ_RESERVE_QUOTE, FG_RESERVE_QUOTE):
        assert quote in notes, quote


def test_a_unit_of_totals_of_different_kinds_has_cards_and_no_chart(tables, transport):
    """交通局's 44 / 完成投资 ≈137.8 (carried out) and 38 / 总投资 ≈405 (a reserve) are not one series."""
    assert not [s for s in transport.slides for shape in s.shapes if shape.has_chart]
    cards = slide_text(next(s for s in transport.slides if title_of(s) == "主要数字"))
    assert "完成投资" in cards and "≈137.8" in cards and "≈405" in cards


def test_water_deck_carries_32_projects_101_78_and_11_41(tables):
    deck = deck_of(briefing.department_briefing(tables, "sl"))
    headline = next(s for s in deck.slides if title_of(s) == "主要数字")
    text = slide_text(headline)
    assert "32" in text and "101.78" in text and "11.41" in text and NOT_GIVEN in text
    assert "估算总投资" in text and "19.3" in text  # the undated plans: 估算, as the text says
    assert SL_2021_QUOTE in headline.notes_slide.notes_text_frame.text


def test_comparison_chart_has_both_sides_and_says_which_gives_nothing(tables):
    brief = briefing.comparison_briefing(
        tables, Filters(departments=("jt",), periods=("十四五",)), Filters(departments=("jt", "sl"))
    )
    deck = deck_of(brief)
    _, chart = chart_on(deck, "推进项目（多阶段）的总投资：情景 A 与情景 B（亿元）")
    a, b = chart.plots[0].series
    (category,) = chart.plots[0].categories
    assert a.values == (None,) and b.values == (101.78,)  # no bar for A: not 0
    assert category == f"2021年 · 水利局 · 推进项目（多阶段）（情景 A：{answers.FILTERED_OUT}）"
    assert labels_of(b) == ["101.78"]
    _, reserve = chart_on(deck, "储备项目的总投资：情景 A 与情景 B（亿元）")
    assert [s.values for s in reserve.plots[0].series] == [(405.0,), (405.0,)]


def test_headline_qualifiers_survive_in_a_large_view(tables):
    deck = deck_of(briefing.overview_briefing(tables, Filters()))
    tables_text = "\n".join(
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    )
    for expected in ("≈405 亿元", ">500 亿元", "≥100 个", "≈137.8 亿元"):  # the report's other headline figures
        assert expected in tables_text, expected
    cards = slide_text(next(s for s in deck.slides if title_of(s) == "主要数字"))
    for expected in ("800", "4,244.2", "835.6", "160", "2,152.9"):  # its lead figures, as 总览 shows them
        assert expected in cards, expected


def test_last_slides_list_every_source(transport, tables):
    brief = briefing.department_briefing(tables, "jt", base_url="http://host:8501")
    sources = "\n".join(slide_text(s) for s in transport.slides if title_of(s).startswith("出处"))
    for note in brief.footnotes:
        assert f"[{note.number}] {note.unit}：“{note.quote}”" in sources
    links = [
        run.hyperlink.address
        for slide in transport.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address
    ]
    assert "http://host:8501/%E5%8E%9F%E6%96%87?fig=jt-14-count" in links


def test_deck_is_16_9_with_a_chinese_font_for_east_asian_text(transport):
    assert (transport.slide_width, transport.slide_height) == (Inches(13.333), Inches(7.5))
    title = transport.slides[0]
    assert "部门：交通局" in slide_text(title)
    run_properties = [
        run.font._rPr
        for slide in transport.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert run_properties
    for properties in run_properties:
        east = properties.find(qn("a:ea"))
        assert east is not None and east.get("typeface") == slides.FONT_NAME
        assert east.get("charset") == slides.GB2312_CHARSET


def test_each_slide_names_source_date_and_build(transport, tables):
    count = len(transport.slides)
    for number, slide in enumerate(transport.slides, start=1):
        text = slide_text(slide)
        assert "《比拼成绩晒亮点 拓宽思路谋发展》（16日（原文未写年月））" in text
        assert f"{number} / {count}" in text


def test_tables_stop_above_the_footnote_and_a_long_cell_gets_its_lines(tables):
    """WPS and PowerPoint grow a row to its text: rows are sized for their wrapped lines and
    a slide takes only the rows that fit above the footnote (a fixed 9 ran over it)."""
    deck = deck_of(briefing.overview_briefing(tables, Filters(), base_url="http://host:8501"))
    footnote_top = Inches(6.3)
    shown = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table:
                rows = list(shape.table.rows)
                assert shape.top + sum(row.height for row in rows) <= footnote_top, title_of(slide)
                shown += [(row.cells[0].text, row.cells[2].text, row.height) for row in rows[1:]]
    heights = {(unit, numbers): height for unit, numbers, height in shown}
    # 财政局's 十三五 revenue: two figures in one cell wrap to a second line; 工信局's 375 项 do not
    revenue = next(h for (unit, numbers), h in heights.items() if unit == "财政局" and "1,092.56" in numbers)
    reserve = heights[("工信局", "项目数 375 项；年度计划投资 265.6 亿元")]
    assert revenue > reserve
    assert len({(unit, numbers) for unit, numbers, _ in shown}) == len(shown)  # no row twice, none lost below
