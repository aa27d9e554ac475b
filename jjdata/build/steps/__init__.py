"""The build pipeline of one report: one step per annotation table, in this order.

Each step is a module with its allowed annotation keys (``KEYS``) at the top
and one ``run(ctx)``; its docstring says what it reads from the
``ReportContext``, what it adds, and what it checks. A step never stops the
build for a problem: it adds a ``Problem`` and goes on, so one build names
every problem. Only ``report`` halts the pipeline, when the text is unusable.
"""

from __future__ import annotations

from types import ModuleType

from ..context import ReportContext
from . import (
    aliases,
    comments,
    data_notes,
    departments,
    events,
    figures,
    headlines,
    lists,
    numbers,
    projects,
    reconciliations,
    report,
    sections,
    sentences,
)

STEPS: tuple[ModuleType, ...] = (
    report,
    departments,
    comments,
    aliases,
    figures,
    numbers,
    projects,
    headlines,
    lists,
    events,
    data_notes,
    reconciliations,
    sections,
    sentences,
)


def run_steps(ctx: ReportContext) -> None:
    for step in STEPS:
        step.run(ctx)
        if ctx.halted:
            return
