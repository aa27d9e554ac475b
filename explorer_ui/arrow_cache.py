"""Frames as Streamlit sends them (Arrow), converted once per frame object.

``st.dataframe`` and ``st.table`` convert a pandas frame to Arrow on every
call, about 0.5-1 ms for the app's tables; most frames they get are memoised
answers that stay the same object from one rerun to the next.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from jjdata.memo import IdentityMemo

_TABLES = IdentityMemo(64)


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """``frame`` without its index, as Arrow (memoised per frame object; treat both as read-only)."""
    return _TABLES.get((), frame, lambda: pa.Table.from_pandas(frame, preserve_index=False))
