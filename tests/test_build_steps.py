"""The build's steps (issue 8, Structure): each named, documented, and in step with README."""

import re

import pytest

from jjdata.build.steps import STEPS

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# step -> the annotation table whose keys it reads
TABLE_OF_STEP = {
    "report": "[report]",
    "departments": "[[departments]]",
    "comments": "[[comments]]",
    "figures": "[[figures]]",
    "numbers": "[[not_figures]]",
    "projects": "[[projects]]",
    "headlines": "[[headlines]]",
    "lists": "[[lists]]",
    "events": "[[events]]",
    "data_notes": "[[data_notes]]",
    "reconciliations": "[[reconciliations]]",
    "sentences": "[[narrative]]",
}


def step_name(step):
    return step.__name__.rsplit(".", 1)[-1]


def test_readme_gives_the_pipeline_order():
    order = ", ".join(step_name(step) for step in STEPS)
    assert order in " ".join(README.split())


@pytest.mark.parametrize("step", STEPS, ids=step_name)
def test_each_step_says_what_it_reads_adds_and_checks(step):
    doc = step.__doc__ or ""
    assert doc.startswith(f"Step ``{step_name(step)}``"), doc[:40]
    for part in ("Reads:", "Adds:", "Checks:"):
        assert part in doc, (step_name(step), part)


@pytest.mark.parametrize("name", sorted(TABLE_OF_STEP))
def test_readme_lists_every_annotation_key(name):
    step = next(s for s in STEPS if step_name(s) == name)
    table = TABLE_OF_STEP[name]
    row = next(line for line in README.splitlines() if line.startswith(f"| `{table}`"))
    documented = set(re.findall(r"`(\w+)(?: = \{[^}]*\})?`", row.split("|")[2]))
    assert set(step.KEYS) <= documented, sorted(set(step.KEYS) - documented)
