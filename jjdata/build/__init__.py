"""Turn the raw reports and their annotation files into checked tables.

Every problem found is collected and reported together; when there is any,
nothing is written and the existing parquet files stay as they were. The
steps that check and turn one annotation file into rows are in ``steps/``
(``STEPS`` is the order); this module runs them over every file and writes
the tables.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..coverage import Coverage, SentenceCoverage
from ..errors import BuildError, DataFileError, Problem, ShrinkError
from ..manifest import MANIFEST_FILE, Manifest, manifest_for, read_manifest
from ..paths import DEFAULT_DATA_DIR, TAXONOMY_FILE, data_dir_from_env
from ..schema import META_TABLE, META_VERSION, SCHEMA_VERSION, SCHEMAS
from .context import ReportContext, Rows
from .record import load_toml
from .steps import STEPS, run_steps
from .taxonomy import Taxonomy, read_taxonomy

__all__ = [
    "DEFAULT_DATA_DIR",
    "STEPS",
    "BuildResult",
    "Coverage",
    "SentenceCoverage",
    "Taxonomy",
    "build",
    "build_tables",
    "data_dir_from_env",
    "previous_rows",
    "read_taxonomy",
    "write_tables",
]


@dataclass
class BuildResult:
    tables: dict[str, pa.Table]
    coverage: Coverage
    sentence_coverage: SentenceCoverage
    manifest: Manifest | None = None  # set once written


def build_tables(data_dir: Path = DEFAULT_DATA_DIR) -> BuildResult:
    """Check every annotation against its raw text and return the tables.

    Raises BuildError listing every problem; nothing is written here.
    """
    # -- load inputs
    sink: list[Problem] = []
    taxonomy = read_taxonomy(data_dir / TAXONOMY_FILE, sink)
    annotation_files = sorted((data_dir / "annotations").glob("*.toml"))
    if not annotation_files:
        sink.append(Problem(str(data_dir / "annotations"), "目录", "没有任何 .toml 标注文件"))
    # -- check and build rows
    rows = Rows()
    for type_id, info in taxonomy.types.items():
        rows.add("project_types", type_id=type_id, **info)
    for order, (basis_id, info) in enumerate(taxonomy.bases.items(), start=1):
        rows.add(
            "bases",
            basis_id=basis_id,
            zh=info["zh"],
            en=info["en"],
            group=info["group"],
            explanation=info["explanation"],
            display_order=order,
        )
    for stage_id, info in taxonomy.stages.items():
        rows.add("stages", stage_id=stage_id, **info)
    coverage = Coverage(0, 0, 0)
    sentence_coverage = SentenceCoverage()
    global_ids: dict[str, set[str]] = {}
    for path in annotation_files:
        problems_before = len(sink)
        doc = load_toml(path, sink)
        if len(sink) > problems_before:
            continue  # unreadable: the reason is in the sink already
        ctx = ReportContext(
            file=f"annotations/{path.name}",
            annotation_name=path.name,
            doc=doc,
            data_dir=data_dir,
            taxonomy=taxonomy,
            rows=rows,
            sink=sink,
            global_ids=global_ids,
        )
        run_steps(ctx)
        coverage = coverage + ctx.coverage
        sentence_coverage = sentence_coverage + ctx.sentence_coverage
    if sink:
        raise BuildError(sink, coverage, sentence_coverage)
    # -- tables
    tables = {name: _to_table(name, rows.by_table[name]) for name in SCHEMAS}
    return BuildResult(tables, coverage, sentence_coverage)


def _to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    schema = SCHEMAS[name]
    columns = {f.name: [row.get(f.name) for row in rows] for f in schema}
    arrays = []
    for f in schema:
        if pa.types.is_dictionary(f.type):
            arrays.append(pa.array(columns[f.name], type=pa.string()).dictionary_encode())
        else:
            arrays.append(pa.array(columns[f.name], type=f.type))
    table = pa.Table.from_arrays(arrays, schema=schema)
    return table.replace_schema_metadata({META_VERSION: str(SCHEMA_VERSION).encode(), META_TABLE: name.encode()})


def write_tables(
    tables: dict[str, pa.Table],
    data_dir: Path = DEFAULT_DATA_DIR,
    allow_shrink: bool = False,
    now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
) -> Manifest:
    """Write every table and the manifest so that a reader never mixes two builds.

    Refuses (``ShrinkError``, nothing written) when a table would have fewer
    rows than the data already there, unless ``allow_shrink``. The tables go
    to a staging folder first, then each is moved in place; the manifest is
    moved in last, and loading checks every table against it (and retries
    while an update is under way). The build time is kept when no table
    changed, so a rebuild of the same annotations is byte-identical.
    """
    files = {name: _parquet_bytes(table) for name, table in tables.items()}
    rows = {name: table.num_rows for name, table in tables.items()}
    previous = _previous_manifest(data_dir)
    before = previous_rows(data_dir, previous)
    shrunk = [(name, before[name], rows[name]) for name in rows if name in before and rows[name] < before[name]]
    if shrunk and not allow_shrink:
        raise ShrinkError(shrunk)
    manifest = manifest_for(files, rows, now().isoformat(timespec="seconds"))
    if previous is not None and previous.same_tables(manifest):
        manifest = replace(manifest, built_at=previous.built_at)
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=data_dir))
    try:
        for name, data in files.items():
            _write_synced(staging / f"{name}.parquet", data)
        _write_synced(staging / MANIFEST_FILE, manifest.to_json().encode("utf-8"))
        for name in files:
            os.replace(staging / f"{name}.parquet", data_dir / f"{name}.parquet")
        os.replace(staging / MANIFEST_FILE, data_dir / MANIFEST_FILE)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _parquet_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _previous_manifest(data_dir: Path) -> Manifest | None:
    try:
        return read_manifest(data_dir, MANIFEST_FILE)
    except DataFileError:
        return None


def previous_rows(data_dir: Path, manifest: Manifest | None) -> dict[str, int]:
    """Row counts of the data already in ``data_dir``: from its manifest, else from the parquet files."""
    if manifest is not None:
        return {name: entry.rows for name, entry in manifest.tables.items()}
    counts = {}
    for path in data_dir.glob("*.parquet"):
        try:
            counts[path.stem] = pq.read_metadata(path).num_rows
        except (pa.ArrowException, OSError):
            continue  # unreadable: nothing to compare with
    return counts


def build(data_dir: Path = DEFAULT_DATA_DIR, allow_shrink: bool = False) -> BuildResult:
    result = build_tables(data_dir)
    result.manifest = write_tables(result.tables, data_dir, allow_shrink)
    return result
