"""Load the built tables with proper dtypes, refusing anything unusable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import vocab
from .build import DEFAULT_DATA_DIR, data_dir_from_env
from .errors import CorruptTableError, MissingTableError, SchemaMismatchError
from .schema import META_TABLE, META_VERSION, SCHEMA_VERSION, SCHEMAS, TABLE_NAMES

T = TypeVar("T")
_NULLABLE = {
    pa.int64(): pd.Int64Dtype(),
    pa.float64(): pd.Float64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
}


@dataclass(frozen=True)
class Tables:
    """Every table of the data set, as pandas DataFrames."""

    reports: pd.DataFrame
    departments: pd.DataFrame
    sections: pd.DataFrame
    figures: pd.DataFrame
    projects: pd.DataFrame
    project_types: pd.DataFrame
    stages: pd.DataFrame
    comments: pd.DataFrame
    comment_points: pd.DataFrame
    lists: pd.DataFrame
    list_items: pd.DataFrame
    reconciliations: pd.DataFrame
    data_notes: pd.DataFrame
    numbers: pd.DataFrame

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


def read_table(path: Path, name: str) -> pa.Table:
    """Read one parquet file and make sure it is the table this code expects."""
    shown = _shown(path)
    if not path.exists():
        raise MissingTableError(shown, "文件不存在")
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise CorruptTableError(shown, f"无法读取（文件损坏或被截断：{exc}）") from exc
    meta = table.schema.metadata or {}
    version = meta.get(META_VERSION, b"?").decode(errors="replace")
    if version != str(SCHEMA_VERSION) or meta.get(META_TABLE) != name.encode():
        raise SchemaMismatchError(shown, f"表结构版本为 {version}，当前程序需要版本 {SCHEMA_VERSION}")
    if not table.schema.remove_metadata().equals(SCHEMAS[name]):
        raise SchemaMismatchError(shown, "列与当前程序期望的表结构不一致")
    return table


def load_tables(data_dir: Path | None = None) -> Tables:
    """Load every table; raises a DataFileError naming the first unusable file."""
    data_dir = data_dir or data_dir_from_env()
    key = tuple(_stat(data_dir / f"{name}.parquet") for name in TABLE_NAMES)
    cached = _CACHE.get(data_dir)
    if cached is not None and cached[0] == key:
        return cached[1]
    frames = {name: _to_pandas(read_table(data_dir / f"{name}.parquet", name)) for name in TABLE_NAMES}
    tables = Tables(**_order_categories(frames))
    _CACHE[data_dir] = (key, tables)
    return tables


_CACHE: dict[Path, tuple[tuple[object, ...], Tables]] = {}


def _stat(path: Path) -> object:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas(types_mapper=_NULLABLE.get)


def _order_categories(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Give every categorical column the same, meaningful category order."""
    orders = {
        "dept_id": list(frames["departments"]["dept_id"]),
        "type_id": list(frames["project_types"]["type_id"]),
        "stage_id": list(frames["stages"]["stage_id"]),
        "period": list(vocab.PERIODS),
        "qualifier": list(vocab.QUALIFIERS),
        "count_qualifier": list(vocab.QUALIFIERS),
        "investment_qualifier": list(vocab.QUALIFIERS),
        "annual_investment_qualifier": list(vocab.QUALIFIERS),
        "kind": None,
        "scope": list(vocab.SCOPES),
        "severity": list(vocab.SEVERITIES),
        "role": list(vocab.SECTION_ROLES),
        "status": ["figure", "not_figure"],
    }
    for name, frame in frames.items():
        for column, categories in orders.items():
            if column in frame.columns and isinstance(frame[column].dtype, pd.CategoricalDtype):
                if column == "kind":
                    categories = list(vocab.KINDS if name == "figures" else vocab.LIST_KINDS)
                frame[column] = frame[column].cat.set_categories(categories)
    return frames


def stale_tables(fresh: dict[str, pa.Table], data_dir: Path = DEFAULT_DATA_DIR) -> list[str]:
    """Which committed tables differ from a fresh build (empty when all match)."""
    stale = []
    for name, table in fresh.items():
        path = data_dir / f"{name}.parquet"
        try:
            committed = read_table(path, name)
        except (MissingTableError, CorruptTableError, SchemaMismatchError) as exc:
            stale.append(str(exc))
            continue
        if not committed.equals(table, check_metadata=True):
            stale.append(f"{_shown(path)}: 内容与重新生成的结果不同")
    return stale


def written_at(data_dir: Path | None = None) -> float:
    """When the tables were written on this machine (the files' mtime, a POSIX time).

    The tables themselves hold no build time, so that a rebuild is byte-identical.
    """
    data_dir = data_dir or data_dir_from_env()
    return max((data_dir / f"{name}.parquet").stat().st_mtime for name in TABLE_NAMES)


class IdentityMemo:
    """Answers cached under a key for as long as their owner is the same object.

    The owner (the tables, a frame) is kept with the answer, so its ``id``
    in the key cannot be reused by another object while the entry lives.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: dict[tuple, tuple[object, object]] = {}

    def get(self, key: tuple, owner: object, compute: Callable[[], T]) -> T:
        full_key = (*key, id(owner))
        hit = self._entries.get(full_key)
        if hit is None or hit[0] is not owner:
            if len(self._entries) >= self._size:
                self._entries.clear()
            hit = self._entries[full_key] = (owner, compute())
        return hit[1]  # type: ignore[return-value]


def per_tables(function: Callable[[Tables], T]) -> Callable[[Tables], T]:
    """Cache ``function(tables)`` for the current tables object (one data set at a time)."""
    memo = IdentityMemo(1)

    def cached(tables: Tables) -> T:
        return memo.get((), tables, lambda: function(tables))

    cached.__doc__ = function.__doc__
    return cached
