"""Streamlit's own table controls that speak only English, hidden from the screen.

Streamlit 1.67 offers no parameter, setting or locale for these words
(README, “界面中无法改成中文的地方”): the table toolbar's 搜索 button opens a box
reading “Type to search”, its 显示/隐藏列 button a list headed “Select all”,
and every toolbar button (a table's or a chart's) shows its English name as a
tooltip on hover. In a meeting those are the words the room would see, so the
two buttons are hidden (the filters and 原文's search do their work in Chinese)
and the tooltips of toolbar buttons are not drawn; 全屏 stays, its icon says
what it does.
"""

from __future__ import annotations

import streamlit as st

_CSS = """<style>
[data-testid="stElementToolbar"] button[aria-label="Search"],
[data-testid="stElementToolbar"] button[aria-label="Show/hide columns"] { display: none; }
body:has([data-testid="stElementToolbar"] button:hover) [role="tooltip"] { display: none; }
</style>"""


def hide_english_controls() -> None:
    """Add the rules to the page (a style-only element: it takes no space)."""
    st.html(_CSS)
