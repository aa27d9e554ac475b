"""A ``Briefing`` as a short 16:9 deck (.pptx) for WPS and PowerPoint. Pure: no Streamlit.

Charts are native chart objects, so the numbers stay data that can be edited;
each value label carries its qualifier (≈/≥/>). Every slide with numbers has
its source sentences in the speaker notes and a short footnote; the last
slides list every source. Text is set in Microsoft YaHei for both Latin and
East Asian script, with the GB2312 charset hint, so an office suite without
YaHei substitutes a Chinese font rather than boxes.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from urllib.parse import unquote

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.text.text import Font, TextFrame, _Paragraph, _Run
from pptx.util import Emu, Inches, Pt

from .briefing import (
    GOALS_HEADING,
    NOT_GIVEN,
    Briefing,
    Card,
    Chart,
    Footnote,
    Row,
    RowTable,
    Sentence,
    headline_table,
    union_notes,
)
from .chart_context import text_units
from .provenance import APP_NAME

FONT_NAME = "Microsoft YaHei"
FONT_PANOSE = "020B0503020204020204"
GB2312_CHARSET = "-122"  # lets WPS/PowerPoint substitute a Chinese font when YaHei is missing

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
SIDE = Inches(0.6)
INK, GREY, ACCENT, SHADE = RGBColor(25, 25, 25), RGBColor(100, 100, 100), RGBColor(31, 58, 95), RGBColor(242, 244, 247)
SERIES_COLORS = (RGBColor(47, 109, 181), RGBColor(224, 123, 36))

CARDS_ON_A_SLIDE = 6
TABLE_TOP, TABLE_BOTTOM = Inches(1.45), Inches(6.25)  # the footnote starts at 6.3"
TABLE_FONT = 13  # pt
TABLE_LINE = Pt(TABLE_FONT * 1.3)
TABLE_CELL_MARGINS = Inches(0.04) * 2 + Inches(0.1)  # top + bottom; left + right inset
NOTE_COLUMN = Inches(0.6)
SENTENCES_PER_SLIDE = 6
BARS_PER_SLIDE = 16
LABELLED_BARS_PER_SLIDE = 12  # bars whose label also names their total
FOOTNOTE_CHARS = 260  # more sources than this on a slide: the slide says where they are
SOURCE_CHARS_PER_SLIDE = 700


def render(briefing: Briefing) -> bytes:
    """The deck as .pptx bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _Deck(deck, briefing).build()
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


class _Deck:
    def __init__(self, deck: Presentation, briefing: Briefing) -> None:
        self.deck = deck
        self.briefing = briefing
        self.notes = {note.number: note for note in briefing.footnotes}

    def build(self) -> None:
        self.title_slide()
        self.headline_slides()
        if self.briefing.other_headlines:
            self.table_slides(self.briefing.other_headlines, "")
        facts = [sentence for sentence in self.briefing.sentences if not sentence.goal]
        goals = [sentence for sentence in self.briefing.sentences if sentence.goal]
        for title, sentences in (("要点", facts), (GOALS_HEADING, goals)):
            for part in _chunks(sentences, SENTENCES_PER_SLIDE):
                self.sentence_slide(title, part)
        if self.briefing.background:
            self.table_slides(self.briefing.background, "")
        for chart in self.briefing.charts:
            for title, categories in _chart_parts(chart):
                self.chart_slide(chart, title, categories)
        self.source_slides()
        total = len(self.deck.slides)
        for number, slide in enumerate(self.deck.slides, start=1):
            self._footer(slide, number, total)

    # -- slides ----------------------------------------------------------------

    def _slide(self, title: str) -> Slide:
        slide = self.deck.slides.add_slide(self.deck.slide_layouts[6])  # blank
        box = slide.shapes.add_textbox(SIDE, Inches(0.35), WIDTH - 2 * SIDE, Inches(0.8))
        _write(box.text_frame, [title], 28, bold=True, color=ACCENT)
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, SIDE, Inches(1.12), Inches(1.2), Emu(38100))
        _fill(bar, ACCENT)
        return slide

    def title_slide(self) -> None:
        b = self.briefing
        slide = self._slide(b.title)
        lines = [b.subtitle] if b.subtitle else []
        box = slide.shapes.add_textbox(SIDE, Inches(1.5), WIDTH - 2 * SIDE, Inches(0.9))
        _write(box.text_frame, lines or [""], 22, color=INK)
        panel = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, SIDE, Inches(2.6), WIDTH - 2 * SIDE, Inches(3.3))
        _fill(panel, SHADE)
        frame = panel.text_frame
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = Inches(0.3)
        frame.margin_top = Inches(0.25)
        lines = [*b.filters, f"来源：《{b.report_title}》", f"报道日期：{b.report_date}", f"数据生成时间：{b.built_at}"]
        _write(frame, lines, 18, color=INK)
        if b.view_url:
            paragraph = frame.add_paragraph()
            paragraph.alignment = PP_ALIGN.LEFT
            run = paragraph.add_run()
            run.text = f"本视图链接：{unquote(b.view_url)}"
            _style(run.font, 14, color=SERIES_COLORS[0])
            run.hyperlink.address = b.view_url
        self._notes(slide, "本简报由晋江重点项目数据浏览器生成；每个数字的原文句子见各页备注和最后的“出处”页。", ())

    def headline_slides(self) -> None:
        cards = self.briefing.cards
        if not cards:
            return
        if len(cards) <= CARDS_ON_A_SLIDE and not any(card.side for card in cards):
            self.card_slide(cards)
            return
        self.table_slides(headline_table(cards), "每个合计单独列出，不同时期、不同统计范围、不同类别之间不相加。")

    def table_slides(self, table: RowTable, note: str) -> None:
        """As many rows per slide as fit above the footnote, their wrapped lines counted
        (WPS and PowerPoint grow a row to its text: a fixed count ran over the footnote)."""
        widths = _column_widths(table.columns, [row.cells for row in table.rows])
        for i, rows in enumerate(_fitting(list(table.rows), table.columns, widths)):
            slide = self._slide(table.title + ("（续）" if i else ""))
            self._table(slide, table.columns, [(row.cells, row.notes) for row in rows], widths)
            self._sources(slide, union_notes(row.notes for row in rows), note)

    def card_slide(self, cards: tuple[Card, ...]) -> None:
        slide = self._slide("主要数字")
        groups = list(dict.fromkeys(card.group for card in cards))
        top = Inches(1.45)
        width, gap = Inches(3.9), Inches(0.25)
        for group in groups:
            label = slide.shapes.add_textbox(SIDE, top, WIDTH - 2 * SIDE, Inches(0.45))
            _write(label.text_frame, [group], 16, bold=True, color=INK)
            top += Inches(0.5)
            for i, card in enumerate(c for c in cards if c.group == group):
                box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, SIDE + i * (width + gap), top, width, Inches(1.55))
                _fill(box, SHADE)
                frame = box.text_frame
                frame.vertical_anchor = MSO_ANCHOR.TOP
                frame.margin_left = Inches(0.2)
                _write(frame, [card.measure], 14, color=GREY)
                paragraph = frame.add_paragraph()
                paragraph.alignment = PP_ALIGN.LEFT
                given = card.value != NOT_GIVEN
                _run(paragraph, card.value, 40 if given else 24, bold=given, color=INK if given else GREY)
                if card.unit:
                    _run(paragraph, f" {card.unit}", 18, color=INK)
                if card.notes:
                    _run(paragraph, f" [{','.join(map(str, card.notes))}]", 12, color=SERIES_COLORS[0])
            top += Inches(1.8)
        notes = union_notes(card.notes for card in cards)
        self._sources(slide, notes, "每个合计单独列出，不同时期、不同统计范围、不同类别之间不相加。")

    def sentence_slide(self, title: str, sentences: list[Sentence]) -> None:
        slide = self._slide(title)
        box = slide.shapes.add_textbox(SIDE, Inches(1.45), WIDTH - 2 * SIDE, Inches(4.9))
        frame = box.text_frame
        frame.word_wrap = True
        for i, sentence in enumerate(sentences):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(8)
            _run(paragraph, "• " + sentence.text, 17, color=INK)
            if sentence.notes:
                _run(paragraph, f" [{','.join(map(str, sentence.notes))}]", 12, color=SERIES_COLORS[0])
        self._sources(slide, union_notes(s.notes for s in sentences), "")

    def chart_slide(self, chart: Chart, title: str, categories: list[int]) -> None:
        slide = self._slide(title)
        data = CategoryChartData(number_format="#,##0.##")
        data.categories = [_category_label(chart, i) for i in categories]
        for series in chart.series:
            data.add_series(series.name or chart.title, [series.values[i] for i in categories])
        frame = slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_CLUSTERED, SIDE, Inches(1.35), WIDTH - 2 * SIDE, Inches(4.85), data
        )
        plot_chart = frame.chart
        _chart_fonts(plot_chart, 12)
        plot_chart.has_legend = len(chart.series) > 1
        if plot_chart.has_legend:
            plot_chart.legend.position = XL_LEGEND_POSITION.TOP
            plot_chart.legend.include_in_layout = False
        plot_chart.has_title = False  # the slide's title says it
        plot_chart.category_axis.reverse_order = True  # first category on top, as read
        # …and the value axis stays at the bottom: it crosses the categories at the last one
        # (python-pptx sets this only from the value axis' side).
        plot_chart.value_axis._element.find(qn("c:crosses")).set("val", "max")
        plot_chart.category_axis.tick_labels.font.size = Pt(12)
        value_axis = plot_chart.value_axis
        value_axis.has_major_gridlines = True
        value_axis.major_gridlines.format.line.color.rgb = RGBColor(220, 220, 220)
        value_axis.minimum_scale = 0
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = chart.unit
        _style(value_axis.axis_title.text_frame.paragraphs[0].runs[0].font, 12, color=GREY)
        plot = plot_chart.plots[0]
        plot.gap_width = 60
        plot.overlap = 0
        for s, (series, shown) in enumerate(zip(chart.series, plot.series, strict=True)):
            shown.format.fill.solid()
            shown.format.fill.fore_color.rgb = SERIES_COLORS[s % len(SERIES_COLORS)]
            shown.invert_if_negative = False
            for point_index, i in enumerate(categories):
                label = shown.points[point_index].data_label
                label.position = XL_LABEL_POSITION.OUTSIDE_END
                label.text_frame.text = series.labels[i]  # the value with its qualifier, or 原文未给出
                _style(
                    label.text_frame.paragraphs[0].runs[0].font, 12, color=INK if series.values[i] is not None else GREY
                )
        self._sources(slide, chart.notes, chart.note)

    def source_slides(self) -> None:
        notes = list(self.briefing.footnotes)
        parts: list[list[Footnote]] = []
        size = SOURCE_CHARS_PER_SLIDE + 1
        for note in notes:
            if size + len(note.quote) > SOURCE_CHARS_PER_SLIDE:
                parts.append([])
                size = 0
            parts[-1].append(note)
            size += len(note.quote) + 20
        for i, part in enumerate(parts):
            slide = self._slide("出处：报道原文" + ("（续）" if i else ""))
            box = slide.shapes.add_textbox(SIDE, Inches(1.45), WIDTH - 2 * SIDE, Inches(5.0))
            frame = box.text_frame
            frame.word_wrap = True
            for k, note in enumerate(part):
                paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
                paragraph.space_after = Pt(6)
                _run(paragraph, f"[{note.number}] ", 14, bold=True, color=ACCENT)
                _run(paragraph, f"{note.unit}：“{note.quote}”", 14, color=INK)
                if note.link:
                    link = _run(paragraph, "  看原文", 12, color=SERIES_COLORS[0])
                    link.hyperlink.address = note.link
            self._notes(slide, "", tuple(note.number for note in part))

    # -- parts -----------------------------------------------------------------

    def _table(
        self,
        slide: Slide,
        columns: tuple[str, ...],
        rows: list[tuple[tuple[str, ...], tuple[int, ...]]],
        widths: list[int],
    ) -> None:
        headers = (*columns, "注")
        lines = [(*cells, ",".join(map(str, notes))) for cells, notes in rows]
        heights = [_row_height(cells, widths) for cells in [headers, *lines]]
        shape = slide.shapes.add_table(len(rows) + 1, len(headers), SIDE, TABLE_TOP, WIDTH - 2 * SIDE, sum(heights))
        table = shape.table
        for c, width in enumerate(widths):
            table.columns[c].width = width
        for r, cells in enumerate([headers, *lines]):
            table.rows[r].height = heights[r]
            for c, text in enumerate(cells):
                cell = table.cell(r, c)
                cell.text = ""
                color = GREY if text == NOT_GIVEN else INK
                _run(cell.text_frame.paragraphs[0], text, TABLE_FONT, bold=r == 0, color=color)
                cell.margin_top = cell.margin_bottom = Inches(0.04)

    def _sources(self, slide: Slide, numbers: tuple[int, ...], note: str) -> None:
        """A small footnote on the slide, and every quoted sentence in the notes."""
        quotes = [self.notes[n] for n in numbers if n in self.notes]
        lines = [note] if note else []
        written = "；".join(f"[{q.number}] {q.unit}：“{q.quote}”" for q in quotes)
        if quotes and len(written) <= FOOTNOTE_CHARS:
            lines.append("出处：" + written)
        elif quotes:
            lines.append(f"出处：注 {'、'.join(str(q.number) for q in quotes)}；原文句子见本页备注和最后的“出处”页。")
        if lines:
            box = slide.shapes.add_textbox(SIDE, Inches(6.3), WIDTH - 2 * SIDE, Inches(0.7))
            box.text_frame.word_wrap = True
            _write(box.text_frame, lines, 10, color=GREY)
        self._notes(slide, note, numbers)

    def _notes(self, slide: Slide, note: str, numbers: tuple[int, ...]) -> None:
        lines = [note] if note else []
        lines += [f"[{n}] {self.notes[n].unit}：“{self.notes[n].quote}”" for n in numbers if n in self.notes]
        slide.notes_slide.notes_text_frame.text = "\n".join(lines)

    def _footer(self, slide: Slide, number: int, total: int) -> None:
        b = self.briefing
        box = slide.shapes.add_textbox(SIDE, Inches(7.0), WIDTH - 2 * SIDE - Inches(1.2), Inches(0.35))
        _write(
            box.text_frame,
            [f"{APP_NAME} · 来源：《{b.report_title}》（{b.report_date}）· 数据生成：{b.built_at}"],
            9,
            color=GREY,
        )
        page = slide.shapes.add_textbox(WIDTH - SIDE - Inches(1.2), Inches(7.0), Inches(1.2), Inches(0.35))
        _write(page.text_frame, [f"{number} / {total}"], 9, color=GREY)
        page.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT


# --------------------------------------------------------------------------
# Text and fonts


def _write(frame: TextFrame, lines: list[str], size: float, bold: bool = False, color: RGBColor = INK) -> None:
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT  # a shape's own text would be centred
        _run(paragraph, line, size, bold=bold, color=color)


def _run(paragraph: _Paragraph, text: str, size: float, bold: bool = False, color: RGBColor = INK) -> _Run:
    run = paragraph.add_run()
    run.text = text
    _style(run.font, size, bold, color)
    return run


def _style(font: Font, size: float, bold: bool = False, color: RGBColor = INK) -> None:
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = color
    _east_asian(font._rPr)  # python-pptx has no setter for the East Asian typeface


def _east_asian(properties: etree._Element) -> None:
    """Set the Latin and the East Asian typeface of a run (or default run) properties element."""
    for tag in ("a:latin", "a:ea"):
        existing = properties.find(qn(tag))
        if existing is not None:
            properties.remove(existing)
    latin = etree.SubElement(properties, qn("a:latin"))
    east = etree.SubElement(properties, qn("a:ea"))
    for element in (latin, east):
        element.set("typeface", FONT_NAME)
        element.set("panose", FONT_PANOSE)
        element.set("charset", GB2312_CHARSET)
    # Schema order: fills and effects, then latin, ea, cs, sym, hlinkClick, …
    for tag in ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"):
        for element in properties.findall(qn(tag)):
            properties.remove(element)
            properties.append(element)


def _chart_fonts(chart: object, size: float) -> None:
    font = chart.font  # type: ignore[attr-defined]
    font.size = Pt(size)
    font.color.rgb = INK
    _east_asian(font._rPr)


def _fill(shape: object, color: RGBColor) -> None:
    shape.fill.solid()  # type: ignore[attr-defined]
    shape.fill.fore_color.rgb = color  # type: ignore[attr-defined]
    shape.line.fill.background()  # type: ignore[attr-defined]


# --------------------------------------------------------------------------
# Splitting across slides


def _column_widths(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[int]:
    """Widths (EMU) for the columns and the 注 column: the slide's width shared by each
    column's longest text (at least its header's, at most 30 characters' worth)."""
    wanted = [
        min(30.0, max(text_units(text) for text in (name, *(cells[c] for cells in rows)))) + 1
        for c, name in enumerate(columns)
    ]
    room = WIDTH - 2 * SIDE - NOTE_COLUMN
    widths = [int(room * w / sum(wanted)) for w in wanted]
    return [*widths, WIDTH - 2 * SIDE - sum(widths)]


def _row_height(cells: tuple[str, ...], widths: list[int]) -> int:
    """A row's height (EMU) with its longest cell wrapped at the column's width."""
    per_line = [max(1.0, (w - TABLE_CELL_MARGINS) / Pt(TABLE_FONT)) for w in widths]
    lines = max(math.ceil(text_units(text) / units) or 1 for text, units in zip(cells, per_line, strict=True))
    return int(TABLE_LINE * lines + TABLE_CELL_MARGINS)


def _fitting(rows: list[Row], columns: tuple[str, ...], widths: list[int]) -> list[list[Row]]:
    """Rows in slides' worth: each slide's rows with the header fit between the table's top and the footnote."""
    room = TABLE_BOTTOM - TABLE_TOP - _row_height((*columns, "注"), widths)
    parts: list[list[Row]] = [[]]
    used = 0
    for row in rows:
        height = _row_height((*row.cells, ",".join(map(str, row.notes))), widths)
        if parts[-1] and used + height > room:
            parts.append([])
            used = 0
        parts[-1].append(row)
        used += height
    return parts


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _category_label(chart: Chart, i: int) -> str:
    """One line per bar: a chart axis shows a second category level turned on its side.
    A side without a number says why here (原文未给出, 不在当前筛选内), where it has no bar to label."""
    label = f"{chart.categories[i]} · {chart.groups[i]}" if chart.groups else chart.categories[i]
    missing = [(s.name, s.labels[i]) for s in chart.series if s.values[i] is None and s.name]
    return label + "".join(f"（{name}：{why}）" for name, why in missing)


def _chart_parts(chart: Chart) -> Iterator[tuple[str, list[int]]]:
    """The chart's slides (title, category indexes), each with as many bars as stay readable."""
    title = f"{chart.title}（{chart.unit}）"
    most = LABELLED_BARS_PER_SLIDE if chart.groups else BARS_PER_SLIDE
    part: list[int] = []
    for i in range(len(chart.categories)):
        if part and (len(part) + 1) * len(chart.series) > most:
            yield title, part
            title, part = f"{chart.title}（{chart.unit}，续）", []
        part.append(i)
    if part:
        yield title, part
