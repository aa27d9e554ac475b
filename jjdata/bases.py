"""The bases a total is kept within (data/taxonomy.toml), for code that must not name them.

A total only ever adds rows of one basis. Bases fall into groups: ``projects``
(under way, counted or done), ``signed`` (已签约: signing is not carrying
out), ``reserve`` (储备、征集入库), ``leads`` (策划对接: cumulative, may hold
signed ones), ``generated`` (策划生成), ``unphased`` (phase not stated),
``target`` and ``expected``.
Pages ask these helpers which bases to chart or to set apart, instead of
hard-coding basis ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .memo import per_tables

if TYPE_CHECKING:
    from .load import Tables

PRIMARY_GROUP = "projects"  # the one group whose rows are projects under way: charted on its own
GOAL_GROUPS = ("target", "expected")  # numbers still to be reached: never shown as existing projects


@per_tables
def _groups(tables: Tables) -> dict[str, str]:
    ordered = tables.bases.sort_values("display_order")
    return dict(zip(ordered["basis_id"], ordered["group"], strict=True))


@per_tables
def basis_labels(tables: Tables) -> dict[str, str]:
    """Basis id -> its Chinese label, in display order."""
    ordered = tables.bases.sort_values("display_order")
    return dict(zip(ordered["basis_id"], ordered["zh"], strict=True))


@per_tables
def basis_explanations(tables: Tables) -> dict[str, str]:
    """Basis id -> what it counts, in plain words for city staff."""
    return dict(zip(tables.bases["basis_id"], tables.bases["explanation"], strict=True))


def basis_group(tables: Tables, basis_id: str) -> str:
    return _groups(tables)[basis_id]


def bases_in(tables: Tables, *groups: str) -> tuple[str, ...]:
    """The bases of the given groups, in display order."""
    return tuple(basis for basis, group in _groups(tables).items() if group in groups)


def primary_bases(tables: Tables) -> tuple[str, ...]:
    """Bases of projects under way or counted: the ones a chart of "the projects" shows."""
    return bases_in(tables, PRIMARY_GROUP)


def goal_bases(tables: Tables) -> tuple[str, ...]:
    """Targets and expected numbers: set apart from every count of projects that exist."""
    return bases_in(tables, *GOAL_GROUPS)


def is_goal(tables: Tables, basis_id: str) -> bool:
    return basis_group(tables, basis_id) in GOAL_GROUPS
