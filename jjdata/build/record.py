"""Reading TOML records field by field; every misfit becomes a named Problem."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from ..errors import Problem


class Record:
    """One TOML table, read field by field; every misfit becomes a Problem."""

    def __init__(self, sink: list[Problem], file: str, where: str, data: Any, allowed: set[str]) -> None:
        self.sink, self.file, self.data = (
            sink,
            file,
            data if isinstance(data, dict) else {},
        )
        rid = self.data.get("id")
        self.where = f"{where} id={rid}" if isinstance(rid, str) else where
        if not isinstance(data, dict):
            self.problem("不是 TOML 表", "写成 [[...]] 下的键值对")
        for key in sorted(set(self.data) - allowed):
            self.problem(f"未知字段 “{key}”", f"可用字段：{', '.join(sorted(allowed))}")

    def problem(self, problem: str, fix: str = "") -> None:
        self.sink.append(Problem(self.file, self.where, problem, fix))

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            self.problem(f"缺少字段 “{key}”", f'加上 {key} = "..."')
            return ""
        if not isinstance(value, str):
            self.problem(f"字段 “{key}” 应为字符串，实为 {value!r}")
            return ""
        return value

    def choice(self, key: str, options: dict[str, Any] | set[str], default: str | None = None) -> str:
        value = self.text(key, default)
        if value not in options:
            self.problem(
                f"字段 “{key}” 的值 “{value}” 不在可选范围内",
                f"可选：{', '.join(repr(o) for o in options)}",
            )
        return value

    def number(self, key: str) -> float:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(f"字段 “{key}” 应为数字，实为 {value!r}", f"写成 {key} = 12.5")
            return float("nan")
        return float(value)

    def texts(self, key: str, required: bool = True) -> list[str]:
        value = self.data.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"字段 “{key}” 应为字符串列表", f'写成 {key} = ["...", "..."]')
            return []
        return value

    def span_spec(self, key: str) -> tuple[str, str]:
        value = self.data.get(key)
        if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in ("start", "end")):
            self.problem(f'字段 “{key}” 应为 {{ start = "...", end = "..." }}')
            return "", ""
        return value["start"], value["end"]


def records(sink: list[Problem], file: str, doc: dict[str, Any], table: str, allowed: set[str]) -> list[Record]:
    """The records of the ``[[table]]`` array in ``doc`` (none when absent)."""
    items = doc.get(table, [])
    if not isinstance(items, list):
        sink.append(Problem(file, table, "应为 [[...]] 表数组"))
        return []
    return [Record(sink, file, f"{table}[{i}]", item, allowed) for i, item in enumerate(items)]


def load_toml(path: Path, sink: list[Problem]) -> dict[str, Any]:
    """The parsed file, or {} with the reason added to ``sink``."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        sink.append(Problem(str(path), "文件", "文件不存在"))
    except tomllib.TOMLDecodeError as exc:
        sink.append(Problem(path.name, "TOML 语法", str(exc), "按报错的行列修正语法"))
    except UnicodeDecodeError:
        sink.append(Problem(path.name, "编码", "文件不是 UTF-8", "以 UTF-8 保存"))
    return {}
