"""A synthetic data set N times larger than the real one, for benchmarks only.

Every project and figure row is copied N times with new ids (parents and the
groups a row is listed beside remapped inside each copy); the other tables
are kept. Written to a folder the caller owns, never to data/.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

import jjdata
from jjdata.build import write_tables
from jjdata.schema import META_TABLE, META_VERSION, SCHEMA_VERSION, SCHEMAS

REAL = Path(__file__).resolve().parent.parent / "data"


def _copies(frame: pd.DataFrame, n: int, id_columns: list[str]) -> pd.DataFrame:
    parts = [frame.copy()]  # the first copy keeps the real ids, so references still resolve
    for i in range(1, n):
        part = frame.copy()
        for column in id_columns:
            part[column] = part[column].where(part[column].isna(), part[column] + f"~{i}")
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def write_synthetic(folder: Path, scale: int) -> int:
    tables = jjdata.load_tables(REAL)
    frames = {name: tables.table(name) for name in SCHEMAS}
    frames["projects"] = _copies(tables.projects, scale, ["project_id", "parent_id", "beside_id"])
    figures = _copies(tables.figures, scale, ["figure_id"])
    frames["figures"] = figures
    projects = frames["projects"]
    suffix = projects["project_id"].str.extract(r"(~\d+)$")[0].fillna("")
    projects["figure_ids"] = [
        ",".join(f + s for f in ids.split(",") if f) for ids, s in zip(projects["figure_ids"], suffix, strict=True)
    ]
    arrow = {}
    for name, frame in frames.items():
        table = pa.Table.from_pandas(frame, schema=SCHEMAS[name], preserve_index=False)
        meta = {META_VERSION: str(SCHEMA_VERSION).encode(), META_TABLE: name.encode()}
        arrow[name] = table.replace_schema_metadata(meta)
    write_tables(arrow, folder)  # with its manifest, as the loader requires
    return len(projects)
