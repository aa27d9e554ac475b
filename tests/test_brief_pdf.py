"""The PDF brief: its text (poppler's pdftotext, as a viewer reads it) holds the
figures with their qualifiers and the quotes; the Chinese font is embedded, so a
machine without CJK fonts renders it the same; a unit fits on two pages."""

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from fpdf import FPDF

from explorer_ui import brief_pdf, briefing
from jjdata import Filters

from .test_briefing import JT_14_QUOTE, SL_2021_QUOTE


def compact(text):
    return re.sub(r"\s+", "", text)


def read(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} not found: apt-get install poppler-utils (.ci/run installs it)")
    return path


def text_of(data: bytes, page: int | None = None) -> str:
    """The PDF's text as poppler reads it, without whitespace (lines wrap anywhere in Chinese).

    pypdf and pdfminer cannot decode the embedded CMap of a CID-keyed CFF font (they
    return stray NULs or nothing), so the text is read as a viewer does.
    """
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        [poppler("pdftotext"), *pages, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return compact(result.stdout.decode("utf-8"))


@pytest.fixture(scope="module")
def department_pdf(tables):
    """Each unit's brief, rendered once for all the tests of this module."""
    rendered = {}

    def render(dept_id):
        if dept_id not in rendered:
            brief = briefing.department_briefing(
                tables,
                dept_id,
                base_url="http://host:8501",
                view_url=f"http://host:8501/%E9%83%A8%E9%97%A8?unit={dept_id}",
            )
            rendered[dept_id] = brief_pdf.render(brief)
        return rendered[dept_id]

    return render


@pytest.fixture(scope="module")
def transport_bytes(department_pdf):
    return department_pdf("jt")


@pytest.fixture(scope="module")
def transport_pdf(transport_bytes):
    return read(transport_bytes)


def test_transport_brief_holds_its_totals_with_qualifiers_and_quotes(transport_bytes, tables):
    text = text_of(transport_bytes)
    for expected in (
        "晋江市交通局·部门简报",
        "打通三大通道和三大快速路网",
        "38个",
        "≈405亿元",
        "≈137.8亿元",
        "原文未给出",
        "总投资约405亿元",  # the answer sentence
        compact(JT_14_QUOTE),  # its footnote
        "报道日期：16日（原文未写年月）",
        "本视图链接：http://host:8501/部门?unit=jt",
        tables.manifest.built_at[:10],
    ):
        assert expected in text, expected
    assert "≈542.8" not in text  # the two periods are never added


def test_transport_brief_links_each_quote_to_the_original(transport_pdf):
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in transport_pdf.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert "http://host:8501/%E5%8E%9F%E6%96%87?fig=jt-14-count" in links
    assert "http://host:8501/%E9%83%A8%E9%97%A8?unit=jt" in links


def test_the_chinese_font_is_embedded_as_a_subset(transport_pdf):
    fonts = transport_pdf.pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        font = font.get_object()
        assert re.match(r"/[A-Z]{6}\+", font["/BaseFont"]), font["/BaseFont"]  # a subset
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys())  # glyphs inside the file


@pytest.mark.parametrize("dept_id", ["zrzy", "zj", "jt", "sl", "fg", "cz", "kj", "sw", "gx", "bdt"])
def test_a_department_brief_is_at_most_two_pages(department_pdf, dept_id):
    assert len(read(department_pdf(dept_id)).pages) <= 2


def test_page_footer_names_source_date_build_and_page(department_pdf):
    data = department_pdf("sl")
    pages = len(read(data).pages)
    for number in range(1, pages + 1):
        text = text_of(data, number)
        assert "来源：《比拼成绩晒亮点拓宽思路谋发展》，报道日期：16日（原文未写年月）" in text
        assert "数据生成时间：" in text
        assert f"第{number}/{pages}页" in text
    assert compact(SL_2021_QUOTE) in text_of(data)
    assert "32个" in text_of(data) and "101.78亿元" in text_of(data) and "11.41亿元" in text_of(data)


def test_comparison_brief_shows_both_sides_and_never_a_difference_against_nothing(tables):
    brief = briefing.comparison_briefing(
        tables, Filters(departments=("jt",), periods=("十四五",)), Filters(departments=("sl",))
    )
    text = text_of(brief_pdf.render(brief))
    assert "情景A：部门：交通局；时期：“十四五”（2021–2025）" in text
    assert "情景B：部门：水利局" in text
    assert "不相减（B不在当前筛选内）" in text  # the report gives 交通局's 38: B's filters leave them out
    assert "101.78亿元" in text and "≈405亿元" in text
    assert "-38" not in text and "≈-405" not in text


def test_overview_brief_keeps_every_word_inside_the_margins(tables):
    brief = briefing.overview_briefing(tables, Filters())
    data = brief_pdf.render(brief)
    text = text_of(data)
    assert "4,244.2亿元" in text and ">500亿元" in text
    boxes = subprocess.run(
        [poppler("pdftotext"), "-bbox", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))
    right = width - brief_pdf.MARGIN / 25.4 * 72
    ends = [float(x) for x in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', boxes)]
    assert len(ends) > 500
    assert max(ends) <= right + 0.5  # nothing runs past the right margin


def test_page_one_renders_the_same_on_a_machine_without_cjk_fonts(transport_bytes, tmp_path):
    """The glyphs are in the file: poppler with only DejaVu draws exactly what it draws with Noto installed."""
    bare = tmp_path / "fonts.conf"
    bare.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{tmp_path}/cache</cachedir></fontconfig>",
        encoding="utf-8",
    )
    images = []
    for env in ({}, {"FONTCONFIG_FILE": str(bare)}):
        result = subprocess.run(
            [poppler("pdftoppm"), "-r", "40", "-f", "1", "-l", "1", "-gray", "-"],
            input=transport_bytes,
            capture_output=True,
            check=True,
            env={**os.environ, **env},
        )
        images.append(result.stdout)
    assert images[0] == images[1]
    assert sum(1 for pixel in images[0] if pixel < 128) > 2000  # and the page is not blank


def test_a_missing_font_is_named_with_its_debian_package():
    missing = brief_pdf.FontFiles(Path("/nonexistent/font.ttc"), "")
    with pytest.raises(brief_pdf.FontMissingError, match="fonts-noto-cjk"):
        brief_pdf.find_font((missing,))


@pytest.fixture(scope="module")
def measuring_pdf():
    pdf = FPDF()
    files = brief_pdf.find_font()
    pdf.add_font("cjk", fname=str(files.path))
    pdf.set_font("cjk", size=9)
    return pdf


def test_wrapping_keeps_numbers_whole_and_punctuation_off_the_line_start(measuring_pdf):
    text = "2021年，晋江市共安排800个重点项目，总投资4244.2亿元，年度计划投资835.6亿元，总投资超500亿元。" * 3
    for width in (20.0, 33.0, 47.0, 80.0):
        lines = brief_pdf.wrap(measuring_pdf, text, width)
        assert "".join(lines) == text  # nothing lost or added
        assert all(measuring_pdf.get_string_width(line) <= width + 0.01 for line in lines)
        assert not any(line[0] in "，。、" for line in lines)
        for number in ("4244.2", "835.6", "800", "2021", "500"):
            assert text.count(number) == sum(line.count(number) for line in lines), (width, number)


def test_column_widths_fill_the_page_and_never_exceed_it(measuring_pdf):
    headers = ("部门", "项目/项目组", "时期", "注")
    rows = [("住建局", "中建佳园绿色建材泉州区域总部及产研基地项目" * 2, "“十三五”（2016–2020）", "1")]
    widths = brief_pdf.column_widths(measuring_pdf, headers, rows, 180.0, 1.2)
    assert sum(widths) == pytest.approx(180.0)
    assert widths[1] == max(widths)  # the long column takes the rest and wraps
    narrow = brief_pdf.column_widths(measuring_pdf, ("注",), [("1",)], 180.0, 1.2)
    assert narrow == [pytest.approx(180.0)]
