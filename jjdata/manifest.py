"""The build manifest (``data/manifest.json``): every table's row count, size
and sha256, and when the data was built.

A build writes it last, after the tables; every load checks the tables
against it. So a half-finished update, a table from another build, or a
flipped bit is caught before a number is shown, and the build time is a
fact of the data, not of the checkout.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .errors import CorruptTableError, MissingTableError
from .schema import SCHEMA_VERSION

MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class TableEntry:
    rows: int
    size: int  # bytes
    sha256: str


@dataclass(frozen=True)
class Manifest:
    schema_version: int
    built_at: str  # ISO 8601 with the UTC offset of the machine that built it
    tables: dict[str, TableEntry]

    def to_json(self) -> str:
        document = {
            "schema_version": self.schema_version,
            "built_at": self.built_at,
            "tables": {
                name: {"rows": e.rows, "size": e.size, "sha256": e.sha256} for name, e in sorted(self.tables.items())
            },
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    def same_tables(self, other: Manifest) -> bool:
        return self.schema_version == other.schema_version and self.tables == other.tables


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_for(files: dict[str, bytes], rows: dict[str, int], built_at: str) -> Manifest:
    """The manifest of tables serialised as ``files`` (name -> parquet bytes)."""
    entries = {name: TableEntry(rows[name], len(data), digest(data)) for name, data in files.items()}
    return Manifest(SCHEMA_VERSION, built_at, entries)


def read_manifest(data_dir: Path, shown: str) -> Manifest:
    """Read and validate ``data_dir/manifest.json``; ``shown`` is its name in messages."""
    path = data_dir / MANIFEST_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise MissingTableError(shown, "文件不存在（数据生成时写入，记录每张表的行数与校验和）") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CorruptTableError(shown, f"无法读取：{exc}") from exc
    try:
        document = json.loads(text)
        tables = {
            str(name): TableEntry(int(entry["rows"]), int(entry["size"]), str(entry["sha256"]))
            for name, entry in document["tables"].items()
        }
        return Manifest(int(document["schema_version"]), str(document["built_at"]), tables)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CorruptTableError(shown, f"内容无法解析（文件损坏或被手工改动：{exc!r}）") from exc
