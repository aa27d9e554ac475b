"""The app's few style rules, sent once per run as one style-only element (it takes no space).

- Streamlit's table controls that speak only English. Streamlit 1.67 offers no
  parameter, setting or locale for them (README, “界面中无法改成中文的地方”):
  the table toolbar's 搜索 button opens a box reading “Type to search”, its
  显示/隐藏列 button a list headed “Select all”, and every toolbar button (a
  table's or a chart's) shows its English name as a tooltip on hover. In a
  meeting those are the words the room would see, so the two buttons are
  hidden (the filters and 原文's search do their work in Chinese) and the
  tooltips of toolbar buttons are not drawn; 全屏 stays, its icon says what it does.
- Card and total values (``st.metric``) sized to the screen's width. Streamlit
  draws a metric's value at a fixed 2.25rem and cuts what does not fit with an
  ellipsis: at 1280 px wide, four totals side by side showed 原文未给出 as
  “原文未…”. The value now scales with the window's width, down to 1.5rem, so
  it fits a quarter of the main area at 1280 px and keeps its full size from
  about 1650 px on.
"""

from __future__ import annotations

import streamlit as st

_CSS = """<style>
[data-testid="stElementToolbar"] button[aria-label="Search"],
[data-testid="stElementToolbar"] button[aria-label="Show/hide columns"] { display: none; }
body:has([data-testid="stElementToolbar"] button:hover) [role="tooltip"] { display: none; }
[data-testid="stMetricValue"] { font-size: clamp(1.5rem, 2.3vw, 2.25rem); }
</style>"""


def apply_page_style() -> None:
    """Add the rules to the page."""
    st.html(_CSS)
