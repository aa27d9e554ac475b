"""The shared vocabularies of data/taxonomy.toml: project types and stages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import vocab
from ..errors import Problem
from .record import load_toml, records


@dataclass
class Taxonomy:
    types: dict[str, dict[str, str]]
    bases: dict[str, dict[str, Any]]  # in display order; "count_kinds": the figure kinds a count may have
    stages: dict[str, dict[str, str]]


def read_taxonomy(path: Path, sink: list[Problem]) -> Taxonomy:
    name = path.name
    doc = load_toml(path, sink)
    level1 = {}
    for rec in records(sink, name, doc, "level1", {"id", "zh", "en"}):
        level1[rec.text("id")] = {"zh": rec.text("zh"), "en": rec.text("en")}
    types: dict[str, dict[str, str]] = {}
    for rec in records(sink, name, doc, "types", {"id", "zh", "en"}):
        type_id = rec.text("id")
        head = type_id.split(".", 1)[0]
        if "." not in type_id or head not in level1:
            rec.problem(
                f"类型 id “{type_id}” 应为 “大类.小类”，大类须在 [[level1]] 中",
                "如 transport.road",
            )
            continue
        if type_id in types:
            rec.problem(f"类型 id “{type_id}” 重复")
        types[type_id] = {
            "level1_id": head,
            "level1_zh": level1[head]["zh"],
            "level1_en": level1[head]["en"],
            "level2_zh": rec.text("zh"),
            "level2_en": rec.text("en"),
        }
    bases: dict[str, dict[str, Any]] = {}
    for rec in records(sink, name, doc, "bases", {"id", "zh", "en", "group", "explanation", "count_kinds"}):
        basis_id = rec.text("id")
        if basis_id in bases:
            rec.problem(f"口径 id “{basis_id}” 重复")
        count_kinds = rec.texts("count_kinds")
        unknown = [kind for kind in count_kinds if kind not in vocab.KINDS]
        if unknown or not count_kinds:
            rec.problem(f"count_kinds 须是 {', '.join(vocab.KINDS)} 中的一个或几个", 'count_kinds = ["actual"]')
        explanation = rec.text("explanation")
        if not explanation.strip():
            rec.problem("explanation 为空", "用市里工作人员读得懂的话说明这个口径算的是什么")
        bases[basis_id] = {
            "zh": rec.text("zh"),
            "en": rec.text("en"),
            "group": rec.choice("group", vocab.BASIS_GROUPS),
            "explanation": explanation,
            "count_kinds": count_kinds,
        }
    stages: dict[str, dict[str, str]] = {}
    for rec in records(sink, name, doc, "stages", {"id", "zh", "en", "basis", "basis_reason"}):
        stage_id = rec.text("id")
        basis = rec.choice("basis", set(bases))
        reason = rec.text("basis_reason")
        if not reason.strip():
            rec.problem("basis_reason 为空", "说明这个阶段为何归入该口径")
        if stage_id in stages:
            rec.problem(f"阶段 id “{stage_id}” 重复")
        stages[stage_id] = {"zh": rec.text("zh"), "en": rec.text("en"), "basis": basis, "basis_reason": reason}
    return Taxonomy(types, bases, stages)
