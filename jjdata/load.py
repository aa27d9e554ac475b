"""Load the built tables with proper dtypes, refusing anything unusable."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import vocab
from .errors import CorruptTableError, DataFileError, MissingTableError, SchemaMismatchError
from .integrity import check_integrity
from .manifest import MANIFEST_FILE, Manifest, digest, read_manifest
from .paths import DEFAULT_DATA_DIR, data_dir_from_env
from .schema import META_TABLE, META_VERSION, SCHEMA_VERSION, SCHEMAS, TABLE_NAMES

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
    headlines: pd.DataFrame
    project_types: pd.DataFrame
    bases: pd.DataFrame
    stages: pd.DataFrame
    comments: pd.DataFrame
    comment_points: pd.DataFrame
    lists: pd.DataFrame
    list_items: pd.DataFrame
    events: pd.DataFrame
    reconciliations: pd.DataFrame
    data_notes: pd.DataFrame
    sentences: pd.DataFrame
    numbers: pd.DataFrame
    manifest: Manifest  # row counts, checksums and build time of the tables above

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


def parse_table(data: bytes, name: str, shown: str) -> pa.Table:
    """Parse one table's parquet bytes and make sure it is the table this code expects."""
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise CorruptTableError(shown, f"无法读取（文件损坏或被截断：{exc}）") from exc
    meta = table.schema.metadata or {}
    holds = meta.get(META_TABLE, b"").decode(errors="replace")
    if holds != name:
        raise SchemaMismatchError(shown, f"这是“{holds or '未知'}”表的文件，不是“{name}”表（文件被改名或放错了）")
    version = meta.get(META_VERSION, b"?").decode(errors="replace")
    if version != str(SCHEMA_VERSION):
        raise SchemaMismatchError(shown, f"表结构版本为 {version}，当前程序需要版本 {SCHEMA_VERSION}")
    if not table.schema.remove_metadata().equals(SCHEMAS[name]):
        raise SchemaMismatchError(shown, "列与当前程序期望的表结构不一致")
    return table


def read_table(path: Path, name: str) -> pa.Table:
    """Read one parquet file (without the manifest check)."""
    return parse_table(_read_bytes(path), name, _shown(path))


def read_verified(data_dir: Path) -> tuple[Manifest, dict[str, pa.Table]]:
    """Every table, checked against the manifest: all from one build, or an error.

    A build moves the tables in one by one and the manifest last; a reader
    that meets a mix of two builds sees a checksum mismatch and reads again.
    """
    for pause in (*_RETRY_PAUSES, None):
        try:
            return _read_once(data_dir)
        except _MixedBuild as mixed:
            if pause is None:
                raise mixed.error from None
            time.sleep(pause)
    raise AssertionError("unreachable")


_RETRY_PAUSES = (0.05, 0.1, 0.2, 0.4)  # seconds; an update moves its files in well under that


class _MixedBuild(Exception):
    def __init__(self, error: DataFileError) -> None:
        self.error = error


def _read_once(data_dir: Path) -> tuple[Manifest, dict[str, pa.Table]]:
    blobs = {name: _read_bytes(data_dir / f"{name}.parquet") for name in TABLE_NAMES}
    tables = {name: parse_table(blob, name, _shown(data_dir / f"{name}.parquet")) for name, blob in blobs.items()}
    manifest_shown = _shown(data_dir / MANIFEST_FILE)
    manifest = read_manifest(data_dir, manifest_shown)
    if manifest.schema_version != SCHEMA_VERSION:
        raise SchemaMismatchError(
            manifest_shown, f"记录的表结构版本为 {manifest.schema_version}，当前程序需要版本 {SCHEMA_VERSION}"
        )
    for name, blob in blobs.items():
        entry = manifest.tables.get(name)
        if entry is None:
            raise CorruptTableError(manifest_shown, f"没有“{name}”表的记录")
        if entry.size != len(blob) or entry.sha256 != digest(blob):
            raise _MixedBuild(
                CorruptTableError(
                    _shown(data_dir / f"{name}.parquet"),
                    f"内容与 {MANIFEST_FILE} 记录的校验和不符（文件损坏、被改动，或来自另一次生成）",
                )
            )
    return manifest, tables


def load_tables(data_dir: Path | None = None) -> Tables:
    """Load every table, checked against the manifest and against each other.

    Raises a DataFileError naming the first unusable file, or a
    DataIntegrityError listing what does not fit together.
    """
    data_dir = data_dir or data_dir_from_env()
    files = [data_dir / f"{name}.parquet" for name in TABLE_NAMES]
    key = tuple(_stat(path) for path in [*files, data_dir / MANIFEST_FILE])
    cached = _CACHE.get(data_dir)
    if cached is not None and cached[0] == key:
        return cached[1]
    manifest, arrow = read_verified(data_dir)
    frames = {name: _to_pandas(table) for name, table in arrow.items()}
    tables = Tables(**_order_categories(frames), manifest=manifest)
    check_integrity(tables, _shown(data_dir))
    _CACHE[data_dir] = (key, tables)
    return tables


_CACHE: dict[Path, tuple[tuple[object, ...], Tables]] = {}


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise MissingTableError(_shown(path), "文件不存在") from exc
    except OSError as exc:
        raise CorruptTableError(_shown(path), f"无法读取：{exc.strerror}") from exc


def _stat(path: Path) -> object:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _shown(path: Path) -> str:
    """A path for messages: relative to the working folder, else from the data folder's name on."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return f"{path.parent.name}/{path.name}"


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
        "granularity": list(vocab.GRANULARITIES),
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
