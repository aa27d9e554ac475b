"""Where the data lives: data/ next to the code, or $JJDATA_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "data"
DATA_DIR_ENV = "JJDATA_DATA_DIR"
TAXONOMY_FILE = "taxonomy.toml"


def data_dir_from_env() -> Path:
    """The data folder: $JJDATA_DATA_DIR when set (tests, benchmarks), else data/."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else DEFAULT_DATA_DIR
