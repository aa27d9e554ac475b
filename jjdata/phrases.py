"""Plain Chinese for what a total holds beyond its numbers, built from the tables.

Pages and briefs word a total themselves; these are the facts about it that
only the data can say in words: which named projects sit beside a counted
group without the text saying whether they are among it, and which measure a
total's value is (估算总投资 when it rests on an estimate).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .query import MEASURE_NAMES

if TYPE_CHECKING:
    from .load import Tables
    from .query import GroupTotal, Quantity


def measure_words(name: str, quantity: Quantity) -> str:
    """The measure as the text words it: "总投资", or "估算总投资" when the value rests on an estimate."""
    return f"{quantity.estimate}{MEASURE_NAMES[name]}"


def listed_apart_words(tables: Tables, total: GroupTotal, with_names: bool = True) -> str:
    """What a total's ``listed_apart`` means, or "" when it has none.

    E.g. "另列出 3 个具名项目（国省干线横九线、快速通道东石连接线、大深线），原文未说明是否在这 44 个之内":
    those projects are neither in the total's numbers nor said to be outside them.
    """
    if not total.listed_apart:
        return ""
    projects = tables.projects.set_index("project_id")
    by_group: dict[str, list[str]] = {}
    for project_id in total.listed_apart:
        by_group.setdefault(str(projects.at[project_id, "beside_id"]), []).append(project_id)
    sentences = []
    for group_id, members in by_group.items():
        names = "（" + "、".join(str(projects.at[m, "name"]) for m in members) + "）" if with_names else ""
        group = projects.loc[group_id]
        sentences.append(
            f"另列出 {len(members)} 个具名项目{names}，原文未说明是否在这"
            f"{_count_words(int(group['project_count']), str(group['count_qualifier']))}之内"
        )
    return "；".join(sentences)


def _count_words(count: int, qualifier: str) -> str:
    before = {"approx": "约 ", "more_than": "超 "}.get(qualifier, " ")
    after = "以上" if qualifier == "at_least" else ""
    return f"{before}{count} 个{after}"
