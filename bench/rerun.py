"""A page's rerun (AppTest) as a ratio to an empty script measured in the same
run, with the real data and with a synthetic set 1,000× larger.

    .venv/bin/python bench/rerun.py [--runs 15] [--scale 1000]

Budget, as a ratio so that it holds on any machine of this kind: every page
≤ 8× the empty script's rerun with the real data, ≤ 25× with the synthetic
set (both the plain rerun and the rerun right after a filter change),
measured as issue 11 set it: the wall-clock time of ``AppTest.run()``. The
empty script is rerun right before each page and the median taken over all
of those, so a busy moment weighs on both sides of the ratio. A second table
gives the CPU time of the same runs (this process, all threads), which other
work on a shared machine hardly moves.

The synthetic set is written to a temporary folder and is never shown as
real data. AppTest leaves out what the server adds to every rerun (the
websocket, and the full garbage collection Streamlit runs after each script
run): see bench/protoload.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.servers import EMPTY, machine_note  # noqa: E402
from bench.synthetic import write_synthetic  # noqa: E402
from explorer_ui.filters_view import MAIN  # noqa: E402
from explorer_ui.navigation import HOME, PAGES  # noqa: E402
from jjdata import Filters  # noqa: E402

REAL_BUDGET, SYNTHETIC_BUDGET = 8, 25  # × the empty script's rerun, same run
CLOCKS = ("wall", "cpu")
DEPARTMENTS = ("zj", "jt", "sl", "fg", "kj", "sw", "gx", "bdt", "cz")

Timings = dict[str, list[float]]  # clock -> ms of each run


def fresh_filters(i: int) -> Filters:
    """The i-th of 1,022 different filter sets (department subsets × two period choices)."""
    subset = i // 2 % (2 ** len(DEPARTMENTS) - 1) + 1
    return Filters(
        departments=tuple(d for bit, d in enumerate(DEPARTMENTS) if subset >> bit & 1),
        periods=("2021", "十四五")[: i % 2 + 1],
    )


def timed_runs(at: AppTest, runs: int, before: Callable[[int], None] = lambda _: None) -> Timings:
    """``runs`` reruns, each after ``before(i)``: wall-clock and CPU ms of each."""
    timings: Timings = {clock: [] for clock in CLOCKS}
    for i in range(runs):
        before(i)
        wall, cpu = time.perf_counter(), time.process_time()
        at.run()
        timings["wall"].append((time.perf_counter() - wall) * 1000)
        timings["cpu"].append((time.process_time() - cpu) * 1000)
        assert not at.exception, at.exception
    return timings


def page_times(runs: int, empty: AppTest, empty_timings: Timings) -> dict[str, tuple[Timings, Timings]]:
    """Per page: (reruns with the same filters, reruns right after a filter change).
    The empty script's reruns, taken before each page, are added to ``empty_timings``."""

    def change(i: int) -> None:  # a new filter set each time: no answer of it is cached yet
        at.session_state[MAIN.store] = fresh_filters(i)

    result = {}
    for name, page in PAGES.items():
        at = AppTest.from_file(str(ROOT / HOME.script), default_timeout=120)
        at.run()
        if page != HOME:
            at.switch_page(page.script)
        at.run()  # warm: imports, caches, first render
        for clock, times in timed_runs(empty, runs).items():
            empty_timings[clock] += times
        result[name] = (timed_runs(at, runs), timed_runs(at, runs, change))
    return result


def print_table(clock: str, empty: float, real: dict, big: dict) -> None:
    print(
        "| page | real rerun (ms) | × | real changed (ms) | × "
        f"| ≤{REAL_BUDGET}× | synthetic rerun (ms) | × | synthetic changed (ms) | × | ≤{SYNTHETIC_BUDGET}× |"
    )
    print("|---|---:|---:|---:|---:|:-:|---:|---:|---:|---:|:-:|")
    for name in PAGES:
        cells = []
        for timings, budget in ((real[name], REAL_BUDGET), (big[name], SYNTHETIC_BUDGET)):
            medians = [statistics.median(t[clock]) for t in timings]
            cells += [f"{m:.1f} | {m / empty:.1f}" for m in medians]
            cells.append("yes" if max(medians) / empty <= budget else "NO")
        print(f"| {name} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale", type=int, default=1000)
    args = parser.parse_args()
    os.chdir(ROOT)
    empty_timings: Timings = {clock: [] for clock in CLOCKS}
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "empty.py"
        script.write_text(EMPTY, encoding="utf-8")
        empty = AppTest.from_file(str(script), default_timeout=60)
        empty.run()
        real = page_times(args.runs, empty, empty_timings)
        rows = write_synthetic(Path(folder), args.scale)
        os.environ["JJDATA_DATA_DIR"] = folder
        big = page_times(args.runs, empty, empty_timings)
        del os.environ["JJDATA_DATA_DIR"]
    print(f"AppTest rerun, median of {args.runs}, {machine_note()}")
    print(f"synthetic set: {rows:,} project rows (×{args.scale}); ×: ÷ the empty script, same clock, same run")
    print("rerun = same filters again; changed = rerun right after a filter change (nothing cached)")
    for clock, title in (("wall", "wall-clock time (the budget)"), ("cpu", "CPU time of the same runs")):
        empty_ms = statistics.median(empty_timings[clock])
        print(f"\n{title}; empty script {empty_ms:.1f} ms (median of {len(empty_timings[clock])})")
        print_table(clock, empty_ms, real, big)


if __name__ == "__main__":
    main()
