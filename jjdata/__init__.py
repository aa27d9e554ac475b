"""晋江重点项目数据：the report as checked, source-linked tables.

Pure Python (no Streamlit): build and check the tables (``python -m jjdata
build|check``), load them, and answer the explorer's queries.
"""

from .amounts import Amount, AmountKind, Difference, Measured, Pool, UnlikeAmounts
from .build import BuildResult, build, build_tables
from .coverage import Coverage, SentenceCoverage
from .errors import (
    BuildError,
    CorruptTableError,
    DataFileError,
    DataIntegrityError,
    JJDataError,
    MissingTableError,
    Problem,
    SchemaMismatchError,
    ShrinkError,
)
from .load import Tables, load_tables
from .paths import DEFAULT_DATA_DIR
from .query import (
    BANDS,
    DepartmentPart,
    Filters,
    GroupTotal,
    Rejected,
    filter_options,
    filter_projects,
    totals,
    validate_filters,
)
from .schema import TABLE_NAMES

__all__ = [
    "BANDS",
    "DEFAULT_DATA_DIR",
    "TABLE_NAMES",
    "Amount",
    "AmountKind",
    "BuildError",
    "BuildResult",
    "CorruptTableError",
    "Coverage",
    "DataFileError",
    "DataIntegrityError",
    "DepartmentPart",
    "Difference",
    "Filters",
    "GroupTotal",
    "JJDataError",
    "Measured",
    "MissingTableError",
    "Pool",
    "Problem",
    "Rejected",
    "SchemaMismatchError",
    "SentenceCoverage",
    "ShrinkError",
    "Tables",
    "UnlikeAmounts",
    "build",
    "build_tables",
    "filter_options",
    "filter_projects",
    "load_tables",
    "totals",
    "validate_filters",
]
