"""A ``Briefing`` as an A4 PDF a city office can hand out. Pure: no Streamlit.

fpdf2 embeds a subset of the CJK font, so the Chinese shows in any viewer;
the font comes from a Debian package (``fonts-noto-cjk``), never from the
network. Charts are drawn as vector bars; text is wrapped here, by Chinese
rules (no line starts with a closing mark, a number is never split), so
nothing runs off the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from fontTools.ttLib import TTCollection
from fpdf import FPDF
from fpdf.enums import TextMode

from .briefing import GOALS_HEADING, NOT_GIVEN, Briefing, Card, Chart, RowTable, Sentence, headline_table
from .provenance import APP_NAME

FONT_PACKAGE = "fonts-noto-cjk"


@dataclass(frozen=True)
class FontFiles:
    path: Path
    family: str  # the face to pick from a collection (.ttc); "" takes the first


# Known places of an embeddable CJK font, best first: Debian's Noto Sans CJK
# (OpenType/CFF in a collection: fpdf2 subsets it, reportlab could not), then
# the WenQuanYi TrueType fonts.
FONT_CANDIDATES = (
    FontFiles(Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), "Noto Sans CJK SC"),
    FontFiles(Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), ""),
    FontFiles(Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), ""),
)


class FontMissingError(RuntimeError):
    """No CJK font that the PDF can embed is installed."""


def find_font(candidates: tuple[FontFiles, ...] = FONT_CANDIDATES) -> FontFiles:
    for files in candidates:
        if files.path.is_file():
            return files
    raise FontMissingError(
        "无法生成 PDF 简报：服务器上没有可嵌入的中文字体。"
        f"请管理员安装 Debian 软件包 {FONT_PACKAGE}（apt-get install {FONT_PACKAGE}）后重试。"
    )


@lru_cache(maxsize=8)
def _face_index(path: Path, family: str) -> int:
    """The index of ``family`` in a font collection (0 for a single font)."""
    if not family or path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    names = [font["name"].getDebugName(1) for font in TTCollection(str(path), lazy=True).fonts]
    return names.index(family) if family in names else 0


# --------------------------------------------------------------------------
# Page, type and colours (mm, pt)

MARGIN = 15.0
FOOTER_SPACE = 16.0
BODY, SMALL, TINY = 9.0, 8.0, 7.0
PT = 0.3528  # mm per point
LINE = 0.2  # rules, mm
INK, GREY, RULE, SHADE = (25, 25, 25), (100, 100, 100), (190, 190, 190), (242, 244, 247)
ACCENT = (31, 58, 95)
LINK = (20, 80, 170)
SERIES_COLORS = ((47, 109, 181), (224, 123, 36))
FONT = "cjk"


def render(briefing: Briefing) -> bytes:
    """The brief as PDF bytes."""
    pdf = _BriefPDF(briefing)
    pdf.title_block()
    pdf.headline(briefing.cards)
    if briefing.other_headlines:
        pdf.row_table(briefing.other_headlines)
    facts = [sentence for sentence in briefing.sentences if not sentence.goal]
    goals = [sentence for sentence in briefing.sentences if sentence.goal]
    for heading, sentences in (("要点", facts), (GOALS_HEADING, goals)):
        if sentences:
            pdf.heading(heading)
            pdf.bullets(sentences)
    if briefing.background:
        pdf.row_table(briefing.background)
    for i, chart in enumerate(briefing.charts):
        pdf.chart(chart, note_shown=i > 0 and briefing.charts[i - 1].note == chart.note)
    for table in briefing.tables:
        pdf.row_table(table)
    pdf.reading_notes()
    pdf.footnotes()
    return bytes(pdf.output())


class _BriefPDF(FPDF):
    def __init__(self, briefing: Briefing) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.briefing = briefing
        self._bold: tuple[int, int, int] | None = None  # the colour of bold text, while it is chosen
        files = find_font()
        # One face only: reading a CJK font takes most of a brief's time, so bold
        # is drawn by stroking the regular glyphs (see _font).
        self.add_font(FONT, fname=str(files.path), collection_font_number=_face_index(files.path, files.family))
        for font in self.fonts.values():
            # The subset keeps the font's own bounding box: recomputing it per
            # glyph (CFF outlines) doubled the time of a brief.
            font.ttfont.recalcBBoxes = False
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=FOOTER_SPACE + 4)
        self.set_title(briefing.title)
        self.set_creator(APP_NAME)
        self.set_lang("zh-CN")
        self.add_page()

    # -- page furniture ----------------------------------------------------

    def footer(self) -> None:
        self.set_y(-FOOTER_SPACE)
        self._rule(MARGIN, self.get_y(), self.w - MARGIN, self.get_y(), RULE)
        self._font(TINY, color=GREY)
        b = self.briefing
        self.set_xy(MARGIN, self.get_y() + 1.5)
        self.cell(self.epw, 3.5, f"来源：《{b.report_title}》，报道日期：{b.report_date}")
        self.set_xy(MARGIN, self.get_y() + 3.8)
        self.cell(self.epw * 0.75, 3.5, f"数据生成时间：{b.built_at} · {APP_NAME}")
        self.cell(self.epw * 0.25, 3.5, f"第 {self.page_no()} / {{nb}} 页", align="R")

    def title_block(self) -> None:
        b = self.briefing
        self._font(SMALL, color=GREY)
        self.cell(self.epw, 4, f"{APP_NAME} · 简报", new_x="LMARGIN", new_y="NEXT")
        self.paragraph(b.title, 17, bold=True, color=ACCENT, after=1.0)
        if b.subtitle:
            self.paragraph(b.subtitle, 11.5, after=1.0)
        # The box behind the filters is drawn first: measure what goes in it.
        lines = [(line, BODY, INK, None) for line in b.filters]
        lines.append(
            (f"来源：《{b.report_title}》，报道日期：{b.report_date}；数据生成时间：{b.built_at}", BODY, INK, None)
        )
        if b.view_url:
            lines.append((f"本视图链接：{unquote(b.view_url)}", BODY, LINK, b.view_url))
        inner = self.epw - 3.0
        height = sum(self.text_height(text, size, inner) for text, size, _, _ in lines)
        top = self.get_y() + 1.5
        self.set_fill_color(*SHADE)
        self.rect(MARGIN, top, self.epw, height + 4.0, style="F")
        self.set_fill_color(*ACCENT)
        self.rect(MARGIN, top, 1.0, height + 4.0, style="F")
        self.set_y(top + 2.0)
        for text, size, color, link in lines:
            self.paragraph(text, size, color=color, indent=3.0, link=link, after=0.0)
        self.set_y(top + height + 4.0 + 3.0)

    def heading(self, text: str) -> None:
        if self.will_page_break(20):
            self.add_page()
        self.ln(2.0)
        y = self.get_y()
        self.set_fill_color(*ACCENT)
        self.rect(MARGIN, y + 0.8, 1.2, 4.2, style="F")
        self.set_x(MARGIN + 3.0)
        self._font(11.5, bold=True, color=ACCENT)
        self.cell(self.epw - 3.0, 6, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.0)

    # -- text ----------------------------------------------------------------

    def _font(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        self.set_font(FONT, "", size)
        self.set_text_color(*color)
        self._bold = color if bold else None

    def cell(self, *args: Any, **kwargs: Any) -> bool:
        """Bold text is the regular glyphs filled and stroked, in a local graphics state
        (fpdf2 would leave the stroke mode on for the text after it). fpdf2 2.8 writes a
        text's line width as points, unscaled: the stroke is 3.5% of the font size."""
        if self._bold is None:
            return super().cell(*args, **kwargs)
        stroke = self.font_size_pt * 0.035
        with self.local_context(text_mode=TextMode.FILL_STROKE, line_width=stroke, draw_color=self._bold):
            return super().cell(*args, **kwargs)

    def _rule(self, x1: float, y1: float, x2: float, y2: float, color: tuple[int, int, int]) -> None:
        self.set_draw_color(*color)
        self.set_line_width(LINE)
        self.line(x1, y1, x2, y2)

    def text_height(self, text: str, size: float, width: float) -> float:
        self._font(size)
        return len(wrap(self, text, width)) * size * PT * 1.45

    def paragraph(
        self,
        text: str,
        size: float,
        bold: bool = False,
        color: tuple[int, int, int] = INK,
        notes: tuple[int, ...] = (),
        indent: float = 0.0,
        width: float | None = None,
        link: str | None = None,
        after: float = 1.0,
        source_link: str | None = None,
    ) -> None:
        """Wrapped text from the left margin (+ ``indent``), then its footnote marks, or a 看原文 link."""
        self._font(size, bold, color)
        width = (width or self.epw) - indent
        height = size * PT * 1.45
        lines = wrap(self, text, width)
        for i, line in enumerate(lines):
            if self.will_page_break(height):
                self.add_page()
            self.set_x(MARGIN + indent)
            self.cell(self.get_string_width(line), height, line, link=link or "")
            if i == len(lines) - 1 and notes:
                self._marks(notes, size, height, MARGIN + indent + width)
            if i == len(lines) - 1 and source_link:
                self._after(" 看原文", size * 0.85, height, MARGIN + indent + width, link=source_link)
            self.ln(height)
        self.ln(after)

    def bullets(self, sentences: list[Sentence]) -> None:
        for sentence in sentences:
            self.paragraph("• " + sentence.text, BODY, notes=sentence.notes, indent=3.0)

    def _marks(self, notes: tuple[int, ...], size: float, height: float, right: float) -> None:
        """Footnote numbers, small and raised, after the text just written."""
        self._after(note_marks(notes), size * 0.72, height, right, rise=size * PT * 0.25)

    def _after(self, text: str, size: float, height: float, right: float, rise: float = 0.0, link: str = "") -> None:
        """A short run after the text just written (on the next line if it does not fit)."""
        self._font(size, color=LINK)
        if self.get_x() + self.get_string_width(text) > right:
            self.ln(height)
            self.set_x(right - self.get_string_width(text))
        self.set_xy(self.get_x(), self.get_y() - rise)
        self.cell(self.get_string_width(text) + 0.5, height, text, link=link)
        self.set_xy(self.get_x(), self.get_y() + rise)

    # -- headline numbers --------------------------------------------------

    def headline(self, cards: tuple[Card, ...]) -> None:
        if not cards:
            return
        self.heading("主要数字")
        groups = list(dict.fromkeys(card.group for card in cards))
        if len(groups) <= 2 and not any(card.side for card in cards):
            for group in groups:
                self._card_row(group, [card for card in cards if card.group == group])
        else:
            table = headline_table(cards)
            self._table(table.columns, [(row.cells, row.notes) for row in table.rows], SMALL)
        self.paragraph(
            "每个合计单独列出，不同时期、不同统计范围、不同类别之间不相加。上标数字是文末出处的编号。",
            SMALL,
            color=GREY,
        )

    def _card_row(self, group: str, cards: list[Card]) -> None:
        self.paragraph(group, BODY, bold=True, after=0.8)
        gap, height = 3.0, 17.0
        width = (self.epw - gap * (len(cards) - 1)) / len(cards)
        if self.will_page_break(height + 2):
            self.add_page()
        top = self.get_y()
        for i, card in enumerate(cards):
            x = MARGIN + i * (width + gap)
            self.set_fill_color(*SHADE)
            self.rect(x, top, width, height, style="F")
            self.set_xy(x + 2.5, top + 1.5)
            self._font(SMALL, color=GREY)
            self.cell(width - 5, 4, card.measure + (f"（{card.unit}）" if card.unit else ""))
            self.set_xy(x + 2.5, top + 6.5)
            given = card.value != NOT_GIVEN
            self._font(18 if given else 11, bold=given, color=INK if given else GREY)
            self.cell(self.get_string_width(card.value), 9 if given else 8, card.value)
            if card.unit:
                self._font(BODY, color=INK)
                self.cell(self.get_string_width(card.unit) + 1, 10.5, " " + card.unit)
            if card.notes:
                self._marks(card.notes, BODY, 8, x + width - 1)
        self.set_y(top + height + 3.0)

    # -- charts --------------------------------------------------------------

    def chart(self, chart: Chart, note_shown: bool = False) -> None:
        """Horizontal bars, one per category and series, each labelled with its value.

        A long chart may continue on the next page, but only between its headings.
        """
        bar, size = 4.2, SMALL
        line = size * PT * 1.35
        self._font(size)
        label_width = min(max(self.get_string_width(c) for c in chart.categories) + 4, self.epw * 0.4)
        value_width = max(self.get_string_width(label) for s in chart.series for label in s.labels) + 3
        bars_width = self.epw - label_width - value_width
        top_value = max((v for s in chart.series for v in s.values if v is not None), default=0.0) or 1.0
        blocks: list[tuple[str | None, list[int]]] = []  # (heading, categories under it)
        for i in range(len(chart.categories)):
            heading = chart.groups[i] if chart.groups else None
            if not blocks or heading != blocks[-1][0]:
                blocks.append((heading, []))
            blocks[-1][1].append(i)

        def row_height(i: int) -> float:
            label_lines = len(wrap(self, chart.categories[i], label_width - 2))
            return max(label_lines * line, len(chart.series) * bar) + 1.6

        def block_height(block: tuple[str | None, list[int]]) -> float:
            return (line + 1.2 if block[0] else 0.0) + sum(row_height(i) for i in block[1])

        total = 12 + sum(block_height(b) for b in blocks) + 10
        if self.will_page_break(min(total, 60.0)):
            self.add_page()
        self.heading(f"{chart.title}（{chart.unit}）")
        if len(chart.series) > 1:
            self._legend(chart)
        for block in blocks:
            if self.will_page_break(block_height(block)):
                self.add_page()
                self.heading(f"{chart.title}（{chart.unit}，续）")
            heading, categories = block
            if heading:
                self._font(size, bold=True, color=ACCENT)
                self.set_xy(MARGIN, self.get_y() + 0.6)
                self.cell(self.epw, line, heading, new_x="LMARGIN", new_y="NEXT")
                self.ln(0.6)
            for i in categories:
                self._bar_row(chart, i, label_width, bars_width, value_width, top_value, bar, line)
        self.ln(1.0)
        if not note_shown:
            self.paragraph(chart.note, TINY, color=GREY, after=0.3)
        if chart.notes:
            self.paragraph(f"出处：注 {'、'.join(map(str, chart.notes))}", TINY, color=GREY)

    def _bar_row(
        self,
        chart: Chart,
        i: int,
        label_width: float,
        bars_width: float,
        value_width: float,
        top_value: float,
        bar: float,
        line: float,
    ) -> None:
        y = self.get_y()
        self._font(SMALL)
        label_lines = wrap(self, chart.categories[i], label_width - 2)
        block = max(len(label_lines) * line, len(chart.series) * bar)
        label_top = y + (block - len(label_lines) * line) / 2
        for k, text in enumerate(label_lines):
            self.set_xy(MARGIN, label_top + k * line)
            self.cell(label_width - 2, line, text, align="R")
        axis_x = MARGIN + label_width
        bars_top = y + (block - len(chart.series) * bar) / 2
        for s, series in enumerate(chart.series):
            value, label = series.values[i], series.labels[i]
            top = bars_top + s * bar
            length = 0.0
            if value is not None:
                length = max(bars_width * value / top_value, 0.3)
                self.set_fill_color(*SERIES_COLORS[s % len(SERIES_COLORS)])
                self.rect(axis_x, top + 0.4, length, bar - 0.8, style="F")
            self._font(SMALL if value is not None else TINY, color=INK if value is not None else GREY)
            self.set_xy(axis_x + length + 1.0, top)
            self.cell(value_width, bar, label)
        self._rule(axis_x, y, axis_x, y + block, GREY)
        self.set_y(y + block + 1.6)

    def _legend(self, chart: Chart) -> None:
        x = MARGIN
        y = self.get_y()
        self._font(SMALL)
        for s, series in enumerate(chart.series):
            self.set_fill_color(*SERIES_COLORS[s % len(SERIES_COLORS)])
            self.rect(x, y + 1.0, 4, 3, style="F")
            self.set_xy(x + 5, y)
            self.cell(self.get_string_width(series.name) + 6, 5, series.name)
            x = self.get_x()
        self.set_y(y + 6)

    # -- tables --------------------------------------------------------------

    def row_table(self, table: RowTable) -> None:
        self.heading(table.title)
        rows = [(row.cells, row.notes) for row in table.rows]
        self._table(table.columns, rows, SMALL)
        if table.note:
            self.paragraph(table.note, TINY, color=GREY)

    def _table(
        self, columns: tuple[str, ...], rows: list[tuple[tuple[str, ...], tuple[int, ...]]], size: float
    ) -> None:
        """A ruled table; long cells wrap, the header repeats on each new page."""
        headers = (*columns, "注")
        body = [(*cells, note_marks(notes, brackets=False)) for cells, notes in rows]
        pad = 1.2
        self._font(size)
        widths = column_widths(self, headers, body, self.epw, pad)
        line = size * PT * 1.4

        def draw(cells: tuple[str, ...], bold: bool, fill: bool) -> None:
            self._font(size, bold=bold, color=INK)
            wrapped = [wrap(self, text, w - 2 * pad) for text, w in zip(cells, widths, strict=True)]
            height = max(len(lines) for lines in wrapped) * line + 2 * pad
            if self.will_page_break(height):
                self.add_page()
                if not bold:
                    draw(headers, True, True)
                    self._font(size)
            y = self.get_y()
            if fill:
                self.set_fill_color(*SHADE)
                self.rect(MARGIN, y, sum(widths), height, style="F")
            x = MARGIN
            for lines, w in zip(wrapped, widths, strict=True):
                for k, text in enumerate(lines):
                    self.set_xy(x + pad, y + pad + k * line)
                    grey = text == NOT_GIVEN
                    self.set_text_color(*(GREY if grey else INK))
                    self.cell(w - 2 * pad, line, text)
                x += w
            self._rule(MARGIN, y + height, MARGIN + sum(widths), y + height, RULE)
            self.set_y(y + height)

        draw(headers, True, True)
        for cells in body:
            draw(cells, False, False)
        self.ln(1.5)

    # -- end matter --------------------------------------------------------

    def reading_notes(self) -> None:
        self.heading("读数说明")
        for note in self.briefing.reading_notes:
            self.paragraph("• " + note, SMALL, indent=3.0, after=0.3)

    def footnotes(self) -> None:
        if not self.briefing.footnotes:
            return
        self.heading("出处：报道原文")
        number_width = 7.0
        line = SMALL * PT * 1.45
        for note in self.briefing.footnotes:
            if self.will_page_break(line * 2):
                self.add_page()
            y = self.get_y()
            self._font(SMALL, color=ACCENT)
            self.set_xy(MARGIN, y)
            self.cell(number_width, line, f"[{note.number}]")
            self.set_y(y)
            text = f"{note.unit}：“{note.quote}”"
            self.paragraph(text, SMALL, indent=number_width, after=0.6, source_link=note.link)


def note_marks(notes: tuple[int, ...], brackets: bool = True) -> str:
    text = ",".join(map(str, notes))
    return f"[{text}]" if brackets and text else text


# --------------------------------------------------------------------------
# Line breaking for Chinese text

# A number, a Latin word or a link stays on one line; every other character may break.
_TOKEN = re.compile(r"（[^（）]{1,4}）|[A-Za-z0-9.,:/?=&%#_~+\-≈≥>≤<]+|\s+|.", re.DOTALL)
_NO_LINE_START = set("，。、；：？！）》」』”’…%·,.;:!?)]")
_NO_LINE_END = set("（《「『“‘([")


def _tokens(text: str) -> list[str]:
    """Units that are never split, with closing marks glued to what precedes them."""
    tokens: list[str] = []
    glue_next = False
    for piece in _TOKEN.findall(text):
        if tokens and (glue_next or piece[0] in _NO_LINE_START):
            tokens[-1] += piece
        else:
            tokens.append(piece)
        glue_next = piece[-1] in _NO_LINE_END
    return tokens


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` in the current font; "\\n" starts a new line."""
    width *= 0.99  # viewers measure the embedded widths ~0.2% wider than fpdf2 does
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _tokens(paragraph):
            if pdf.get_string_width(line + token) <= width or not line:
                line += token
            else:
                lines.append(line.rstrip())
                line = token.lstrip()
            while pdf.get_string_width(line) > width and len(line) > 1:  # a token wider than the line
                cut = len(line) - 1
                while cut > 1 and pdf.get_string_width(line[:cut]) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


def column_widths(
    pdf: FPDF, headers: tuple[str, ...], rows: list[tuple[str, ...]], total: float, pad: float
) -> list[float]:
    """Column widths that add up to ``total``: short columns keep their cells on one
    line; the long ones are capped at one common width and wrap."""
    natural = [
        max([pdf.get_string_width(header) / 2, *(pdf.get_string_width(row[i]) for row in rows)]) + 2 * pad + 0.5
        for i, header in enumerate(headers)
    ]  # a header may take two lines
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    cap = total / len(natural)
    for i, width in enumerate(sorted(natural)):  # the widest columns share what the narrow ones leave
        left = len(natural) - i
        cap = (total - sum(sorted(natural)[:i])) / left
        if width >= cap:
            break
    return [min(w, cap) for w in natural]
