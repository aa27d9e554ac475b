"""Card and total values (``st.metric``) sized to the screen's width.

Streamlit draws a metric's value at a fixed 2.25rem and cuts what does not fit
with an ellipsis: at 1280 px wide, four totals side by side showed 原文未给出 as
“原文未…”. The value now scales with the window's width, down to 1.5rem, so
it fits a quarter of the main area at 1280 px and keeps its full size from
about 1650 px on.
"""

from __future__ import annotations

import streamlit as st

_CSS = """<style>
[data-testid="stMetricValue"] { font-size: clamp(1.5rem, 2.3vw, 2.25rem); }
</style>"""


def size_metric_values() -> None:
    """Add the rule to the page (a style-only element: it takes no space)."""
    st.html(_CSS)
