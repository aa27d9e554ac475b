"""The slide deck, read back with python-pptx: native charts whose series are the
view's totals, value labels with their qualifiers, quotes in notes and footnotes."""

import io

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches

from explorer_ui import briefing, slides
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


def test_transport_charts_are_native_with_the_reports_totals(transport):
    _, chart = chart_on(transport, "总投资（亿元）")
    (series,) = chart.plots[0].series
    assert series.values == (137.8, 405.0)  # 十三五 and 十四五 side by side, never ≈542.8
    assert labels_of(series) == ["≈137.8", "≈405"]
    first, second = chart.plots[0].categories
    assert first.startswith("“十三五”（2016–2020） · ") and second.startswith("“十四五”（2021–2025） · ")
    _, counts = chart_on(transport, "项目数（个）")
    assert counts.plots[0].series[0].values == (44.0, 38.0)  # 38, not 76 = 38 + 24 + 1 + 13


def test_every_chart_slide_quotes_its_sentences_in_notes_and_footnote(transport):
    slide, _ = chart_on(transport, "总投资（亿元）")
    notes = slide.notes_slide.notes_text_frame.text
    assert JT_14_QUOTE in notes
    assert "“十三五”期间，晋江共规划实施交通重点项目44个，完成投资约137.8亿元，新改建公路里程约150公里" in notes
    assert JT_14_QUOTE in slide_text(slide)  # the small footnote on the slide


def test_water_deck_carries_32_projects_101_78_and_11_41(tables):
    deck = deck_of(briefing.department_briefing(tables, "sl"))
    _, counts = chart_on(deck, "项目数（个）")
    assert counts.plots[0].series[0].values == (32.0,)
    _, investment = chart_on(deck, "总投资（亿元）")
    assert investment.plots[0].series[0].values == (101.78, 19.3)  # 2021, and the undated 估算 19.3
    _, annual = chart_on(deck, "年度计划投资（亿元）")
    assert annual.plots[0].series[0].values == (11.41,)
    headline = next(s for s in deck.slides if title_of(s) == "主要数字")
    text = slide_text(headline)
    assert "32" in text and "101.78" in text and "11.41" in text and NOT_GIVEN in text
    assert SL_2021_QUOTE in headline.notes_slide.notes_text_frame.text


def test_comparison_chart_has_both_sides_and_says_which_gives_nothing(tables):
    brief = briefing.comparison_briefing(
        tables, Filters(departments=("jt",), periods=("十四五",)), Filters(departments=("sl",))
    )
    deck = deck_of(brief)
    _, chart = chart_on(deck, "总投资：情景 A 与情景 B（亿元）")
    a, b = chart.plots[0].series
    categories = list(chart.plots[0].categories)
    fourteenth = next(i for i, c in enumerate(categories) if c.startswith("“十四五”"))
    assert a.values[fourteenth] == 405.0
    assert b.values[fourteenth] is None  # no bar: not 0
    assert categories[fourteenth].endswith(f"（情景 B：{NOT_GIVEN}）")
    assert labels_of(a)[fourteenth] == "≈405"


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
    # 财政局's 十三五 revenue: two figures in one cell wrap to a second line; 商务局's 100 个 does not
    revenue = next(h for (unit, numbers), h in heights.items() if unit == "财政局" and "1,092.56" in numbers)
    target = heights[("商务局", "项目数 ≥100 个")]
    assert revenue > target
    assert len({(unit, numbers) for unit, numbers, _ in shown}) == len(shown)  # no row twice, none lost below
