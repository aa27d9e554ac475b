"""Markdown for text that comes from the data or the URL: always escaped, so
nothing in it is ever read as markup or HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^\"'])")


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class MarkStyle:
    """How a marked piece of the report's text is drawn: a text colour, bold or not.

    Coloured text, never a coloured background: Streamlit pads a background
    span on both sides, which put visible gaps between Chinese characters
    ("约 405 亿元"), and its pale backgrounds vanish on a projector.
    """

    color: str  # a Streamlit markdown colour: blue, orange, red, gray, …
    bold: bool = True


def pieces_markdown(pieces: list[tuple[str, str | None]], styles: dict[str, MarkStyle]) -> str:
    """Join (text, tag) pieces; a tagged piece is drawn in its style."""
    out = []
    for text, tag in pieces:
        escaped = escape_markdown(text)
        style = styles.get(tag) if tag else None
        if style:
            escaped = f":{style.color}[**{escaped}**]" if style.bold else f":{style.color}[{escaped}]"
        out.append(escaped)
    return "".join(out)
