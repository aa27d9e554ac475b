"""A chart that carries its context: its title, the filters in words, the source
and the build time are drawn in the figure itself (title and subtitle), so an
image saved with the chart's download button says what it shows; the button
is the only one on the chart's toolbar, in Chinese, and saves a file named
after the view. Pure: plotly figures and config dicts, no Streamlit.
"""

from __future__ import annotations

import plotly.graph_objects as go

CONTEXT_FONT = 12  # px: the subtitle's lines
TITLE_HEIGHT, CONTEXT_LINE_HEIGHT = 34, 17  # px each takes above the plot
LINE_UNITS = {1: 62, 2: 27}  # a chart's width in CJK characters of CONTEXT_FONT: alone, or one of two side by side
SEPARATOR = " · "
# plotly.js's own words for what our toolbar shows and says (its ``locales`` config).
PLOTLY_ZH = {
    "Download plot as a PNG": "下载图片（PNG，含标题、筛选与来源）",
    "Download plot": "下载图片",
    "Preparing image - this may take a few seconds": "正在生成图片……",
    "Image download succeeded": "图片已下载",
    "Sorry, there was a problem downloading your image!": "图片下载失败，请重试。",
    "Double-click to zoom back out": "双击恢复原始大小",
    "Autoscale": "自动缩放",
    "Reset axes": "重置坐标轴",
    "Zoom": "缩放",
    "Pan": "平移",
}
LOCALE = "zh-CN"


def text_units(text: str) -> float:
    """Width in CJK characters: Latin letters, digits and spaces are about half as wide."""
    return sum(0.55 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def wrap_parts(parts: list[str], units: float) -> list[str]:
    """Join ``parts`` with " · " into lines of at most ``units``; a part longer than a line is cut."""
    lines: list[str] = []
    line = ""
    for part in parts:
        joined = f"{line}{SEPARATOR}{part}" if line else part
        if text_units(joined) <= units:
            line = joined
            continue
        if line:
            lines.append(line)
        line = part
        while text_units(line) > units:
            cut = len(line)
            while cut > 1 and text_units(line[:cut]) > units:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def with_context(figure: go.Figure, title: str, context: list[str], columns: int = 1) -> go.Figure:
    """``figure`` with ``title`` and the ``context`` lines (filters, source, build time)
    above the plot, wrapped to fit a chart ``columns`` to a row.

    Changed in place: the callers hand over a figure just built for it, and copying
    one (``go.Figure(figure)``, every property validated again) cost four times the
    rest of the work."""
    lines = wrap_parts(context, LINE_UNITS.get(columns, LINE_UNITS[2]))
    subtitle = "<br>".join(_escaped(line) for line in lines)
    return figure.update_layout(
        # the plot keeps its own height: the title and its lines come on top of it
        height=(figure.layout.height or 450) + TITLE_HEIGHT + CONTEXT_LINE_HEIGHT * len(lines),
        title=dict(
            text=f"<b>{_escaped(title)}</b>",
            x=0,
            xanchor="left",
            xref="container",
            yref="container",
            y=1,
            yanchor="top",
            pad=dict(t=6, l=6),
            automargin=True,  # the plot moves down to make room: nothing overlaps, nothing is cut
            font=dict(size=16 if columns == 1 else 15),
            subtitle=dict(text=subtitle, font=dict(size=CONTEXT_FONT, color="#555555")),
        ),
    )


def for_projector(figure: go.Figure, height: int | None = None) -> go.Figure:
    """``figure`` (changed in place, as ``with_context``) with type large enough for the back of a room."""
    figure.update_layout(font=dict(size=22))
    figure.update_traces(textfont=dict(size=22))
    figure.update_yaxes(tickfont=dict(size=21))
    figure.update_xaxes(tickfont=dict(size=18))
    if height is not None:
        figure.update_layout(height=height)
    return figure


def image_config(file_stem: str) -> dict:
    """plotly.js config: only the download button, in Chinese, saving ``file_stem``.png at twice the size."""
    return {
        "displaylogo": False,
        "modeBarButtons": [["toImage"]],  # a fixed set: Streamlit's own (English) fullscreen button is not added
        "locale": LOCALE,
        "locales": {LOCALE: {"dictionary": PLOTLY_ZH}},
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2},
    }


def _escaped(text: str) -> str:
    """Plotly titles are a small HTML subset: keep "<" and "&" as text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
