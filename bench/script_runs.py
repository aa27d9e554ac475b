"""A hook around every script run that AppTest makes in this process.

AppTest runs the page script in a thread of its own: a profiler or a CPU
clock started in the calling thread would not see the script's work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from streamlit.runtime.scriptrunner.script_runner import ScriptRunner


@contextmanager
def each_script_run(enter: Callable[[], None], leave: Callable[[], None]) -> Iterator[None]:
    """Call ``enter`` and ``leave`` in the script's own thread around each run."""
    original = ScriptRunner._run_script

    def wrapped(runner: ScriptRunner, *args: object, **kwargs: object) -> None:
        enter()
        try:
            original(runner, *args, **kwargs)
        finally:
            leave()

    ScriptRunner._run_script = wrapped  # type: ignore[method-assign]
    try:
        yield
    finally:
        ScriptRunner._run_script = original  # type: ignore[method-assign]
