"""The shared vocabularies of data/taxonomy.toml: project types and stages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .record import load_toml, records


@dataclass
class Taxonomy:
    types: dict[str, dict[str, str]]
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
    bases = {}
    for rec in records(sink, name, doc, "bases", {"id", "zh", "en"}):
        bases[rec.text("id")] = {"zh": rec.text("zh"), "en": rec.text("en")}
    stages: dict[str, dict[str, str]] = {}
    for rec in records(sink, name, doc, "stages", {"id", "zh", "en", "basis"}):
        stage_id = rec.text("id")
        basis = rec.choice("basis", set(bases))
        if stage_id in stages:
            rec.problem(f"阶段 id “{stage_id}” 重复")
        stages[stage_id] = {
            "zh": rec.text("zh"),
            "en": rec.text("en"),
            "basis": basis,
            "basis_zh": bases.get(basis, {}).get("zh", ""),
            "basis_en": bases.get(basis, {}).get("en", ""),
        }
    return Taxonomy(types, stages)
