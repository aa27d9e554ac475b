"""Median AppTest rerun time per page, beside an empty-script baseline measured
in the same run, with the real data and with a synthetic set 1,000× larger.

    .venv/bin/python bench/rerun.py [--runs 15] [--scale 1000]

Budget: every page ≤ 30 ms median with the real data, ≤ 150 ms with the
synthetic set. The synthetic set is written to a temporary folder and is
never shown as real data.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.synthetic import write_synthetic  # noqa: E402
from jjdata import Filters  # noqa: E402

PAGES = {
    "总览": None,
    "项目": "pages/1_项目.py",
    "部门": "pages/2_部门.py",
    "领导点评": "pages/3_领导点评.py",
    "情景对比": "pages/4_情景对比.py",
    "原文": "pages/5_原文.py",
    "数据说明": "pages/6_数据说明.py",
}


def median_ms(at: AppTest, runs: int) -> float:
    at.run()  # warm: imports, caches, first render
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        assert not at.exception, at.exception
    return statistics.median(times)


def baseline(runs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "empty.py"
        script.write_text("import streamlit as st\n", encoding="utf-8")
        return median_ms(AppTest.from_file(str(script), default_timeout=60), runs)


def changed_ms(at: AppTest, runs: int) -> float:
    """Median rerun right after a filter change: nothing of it is cached yet."""
    departments = ["zj", "jt", "sl", "fg", "kj", "sw", "gx", "bdt", "cz"]
    times = []
    for i in range(runs):
        at.session_state["filters"] = Filters(
            departments=tuple(departments[: i % 8 + 2]), periods=("2021", "十四五")[: i % 2 + 1]
        )
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        assert not at.exception, at.exception
    return statistics.median(times)


def page_times(runs: int) -> dict[str, tuple[float, float]]:
    """Per page: (median rerun, median rerun after a filter change)."""
    result = {}
    for name, page in PAGES.items():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        if page:
            at.switch_page(page)
        result[name] = (median_ms(at, runs), changed_ms(at, runs))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale", type=int, default=1000)
    args = parser.parse_args()
    os.chdir(ROOT)
    empty = baseline(args.runs)
    real = page_times(args.runs)
    with tempfile.TemporaryDirectory() as folder:
        rows = write_synthetic(Path(folder), args.scale)
        os.environ["JJDATA_DATA_DIR"] = folder
        big = page_times(args.runs)
        del os.environ["JJDATA_DATA_DIR"]
    print(f"AppTest rerun, median of {args.runs} (ms); synthetic set: {rows:,} project rows (×{args.scale})")
    print("rerun = same filters again; changed = rerun right after a filter change (nothing cached)")
    print("| page | empty script | real rerun | real changed | ≤30 | synthetic rerun | synthetic changed | ≤150 |")
    print("|---|---:|---:|---:|:-:|---:|---:|:-:|")
    for name in PAGES:
        ok_real = "yes" if max(real[name]) <= 30 else "NO"
        ok_big = "yes" if max(big[name]) <= 150 else "NO"
        print(
            f"| {name} | {empty:.1f} | {real[name][0]:.1f} | {real[name][1]:.1f} | {ok_real} "
            f"| {big[name][0]:.1f} | {big[name][1]:.1f} | {ok_big} |"
        )


if __name__ == "__main__":
    main()
