"""Markdown for text that comes from the data or the URL: always escaped, so
nothing in it is ever read as markup or HTML."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^\"'])")


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def pieces_markdown(pieces: list[tuple[str, str | None]], colors: dict[str, str]) -> str:
    """Join (text, tag) pieces; a tagged piece gets its background colour."""
    out = []
    for text, tag in pieces:
        escaped = escape_markdown(text)
        out.append(f":{colors[tag]}-background[{escaped}]" if tag in colors else escaped)
    return "".join(out)
