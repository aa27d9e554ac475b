"""Frames as Streamlit sends them (Arrow), converted once per frame object.

``st.dataframe`` and ``st.table`` convert a pandas frame to Arrow on every
call, about 0.5-1 ms for the app's tables; most frames they get are memoised
answers that stay the same object from one rerun to the next.

``st.table`` reads every cell and header as Markdown (a leading ">" drew
“>500 亿元” as a quotation “│ 500 亿元”): ``plain_table`` is the one way a
frame reaches it, every text escaped. ``st.dataframe`` draws cells as plain
text on a canvas and takes ``arrow_table``.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from jjdata.memo import IdentityMemo

from .text import escape_markdown

_TABLES = IdentityMemo(64)
_PLAIN = IdentityMemo(64)


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """``frame`` without its index, as Arrow (memoised per frame object; treat both as read-only)."""
    return _TABLES.get((), frame, lambda: pa.Table.from_pandas(frame, preserve_index=False))


def plain_table(frame: pd.DataFrame) -> pa.Table:
    """``frame`` for ``st.table``: every text cell and header escaped, so nothing in it is read as
    Markdown; as Arrow, without its index (memoised per frame object; treat both as read-only)."""
    return _PLAIN.get((), frame, lambda: pa.Table.from_pandas(_escaped(frame), preserve_index=False))


def _escaped(frame: pd.DataFrame) -> pd.DataFrame:
    shown = frame.copy()
    for column in shown.columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = [escape_markdown(v) if isinstance(v, str) else v for v in shown[column]]
    shown.columns = [escape_markdown(str(c)) for c in shown.columns]
    return shown
