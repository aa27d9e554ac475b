"""Step ``aliases``: other names of a unit are names the text itself uses for it.

Reads: ``dept_aliases``, ``sections`` (bodies, comments, mastheads: after ``comments``).
Adds: nothing; the aliases are in the ``departments`` rows already.
Checks: every alias is printed in the unit's own text (so a search for
either name finds the unit, and no name is made up).
"""

from __future__ import annotations

from ...text import compact
from ..context import ReportContext


def run(ctx: ReportContext) -> None:
    for dept_id, (rec, aliases) in ctx.dept_aliases.items():
        own = "".join(ctx.text_of(s.span) for s in ctx.sections if s.dept_id == dept_id)
        for alias in aliases:
            if not compact(alias) or compact(alias) not in own:
                rec.problem(f"别名 “{alias}” 不在该部门的正文、点评或标题中", "别名须是原文对该部门的称呼，逐字照抄")
