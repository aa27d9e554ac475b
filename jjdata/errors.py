"""Typed errors. Each message says what is wrong, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

REBUILD_COMMAND = "python -m jjdata build"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an annotation file or the raw text."""

    file: str
    record: str
    problem: str
    fix: str = ""

    def __str__(self) -> str:
        tail = f"（修改：{self.fix}）" if self.fix else ""
        return f"{self.file} · {self.record}: {self.problem}{tail}"


class JJDataError(Exception):
    """Base class for every error jjdata raises on purpose."""


class BuildError(JJDataError):
    """The annotations do not check out; nothing was written."""

    def __init__(self, problems: list[Problem], coverage: object = None, sentence_coverage: object = None) -> None:
        self.problems = problems
        self.coverage = coverage  # of the numbers, as far as the build got
        self.sentence_coverage = sentence_coverage
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"数据未生成，发现 {len(problems)} 个问题，现有 parquet 文件保持不变：\n{lines}")


class ShrinkError(JJDataError):
    """A build would leave some tables with fewer rows than the data already there."""

    def __init__(self, shrunk: list[tuple[str, int, int]]) -> None:
        self.shrunk = shrunk
        lines = "\n".join(f"- {name}：{old} → {new} 行（少 {old - new} 行）" for name, old, new in shrunk)
        super().__init__(
            f"数据未写入：与现有数据相比，{len(shrunk)} 张表的行数减少了：\n{lines}\n"
            "标注文件可能被截断或误删了记录，请先核对。若确是有意删减，运行："
            f"{REBUILD_COMMAND} --allow-shrink。现有 parquet 文件保持不变。"
        )


class DataFileError(JJDataError):
    """A built table cannot be used as it is."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}。请重新生成数据：{REBUILD_COMMAND}")


class MissingTableError(DataFileError):
    pass


class CorruptTableError(DataFileError):
    pass


class SchemaMismatchError(DataFileError):
    pass


class DataIntegrityError(DataFileError):
    """The tables load, but do not fit together (unknown ids, impossible amounts or offsets)."""
