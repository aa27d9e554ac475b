"""Time to make a brief (PDF) and a deck (PPTX) for the largest view, beside a
baseline measured in the same run: a one-line PDF with the same embedded CJK
font, and an empty 16:9 deck.

    .venv/bin/python bench/briefs.py [--runs 5] [--scale 1000]

Views: 总览 without filters (every row), 情景对比 of every row against every
row (the largest view: both sides in full) and one department (交通局), with the
real data and with a synthetic set 1,000× larger (written to a temporary
folder, never shown as real data). Each time is the whole request: building
the ``Briefing`` from the tables, then rendering the file. Goal: < 2 s a file.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fpdf import FPDF  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.util import Inches  # noqa: E402

import jjdata  # noqa: E402
from bench.synthetic import write_synthetic  # noqa: E402
from explorer_ui import brief_pdf, briefing, slides  # noqa: E402
from jjdata import Filters  # noqa: E402

GOAL_MS = 2000.0


def median_ms(make: Callable[[], bytes], runs: int) -> float:
    make()  # warm: imports, font lookup, per-data-set caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        make()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def one_line_pdf() -> bytes:
    pdf = FPDF()
    font = brief_pdf.find_font()
    pdf.add_font("cjk", fname=str(font.path))
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    pdf.cell(text="晋江重点项目 · 简报")
    return bytes(pdf.output())


def empty_deck() -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def view_times(tables: jjdata.Tables, runs: int) -> dict[str, tuple[float, float]]:
    """Per view: (PDF ms, PPTX ms)."""
    views: dict[str, Callable[[], briefing.Briefing]] = {
        "总览 · 无筛选": lambda: briefing.overview_briefing(tables, Filters(), base_url="http://host:8501"),
        "情景对比 · 全部 对 全部": lambda: briefing.comparison_briefing(
            tables, Filters(), Filters(), base_url="http://host:8501"
        ),
        "部门 · 交通局": lambda: briefing.department_briefing(tables, "jt", base_url="http://host:8501"),
    }
    return {
        name: (
            median_ms(lambda build=build: brief_pdf.render(build()), runs),
            median_ms(lambda build=build: slides.render(build()), runs),
        )
        for name, build in views.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1000)
    args = parser.parse_args()
    base_pdf, base_deck = median_ms(one_line_pdf, args.runs), median_ms(empty_deck, args.runs)
    results = {"real": view_times(jjdata.load_tables(), args.runs)}
    with tempfile.TemporaryDirectory() as folder:
        rows = write_synthetic(Path(folder), args.scale)
        results[f"synthetic ×{args.scale}"] = view_times(jjdata.load_tables(Path(folder)), args.runs)
    print(
        f"Brief (PDF) and deck (PPTX): build + render, median of {args.runs} (ms); "
        f"{date.today()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(
        f"baseline: one-line PDF {base_pdf:.0f} ms, empty deck {base_deck:.0f} ms; synthetic set: {rows:,} project rows"
    )
    print("| data | view | PDF (ms) | × one-line PDF | PPTX (ms) | × empty deck | < 2 s |")
    print("|---|---|---:|---:|---:|---:|:-:|")
    for data, times in results.items():
        for view, (pdf_ms, deck_ms) in times.items():
            ok = "yes" if max(pdf_ms, deck_ms) < GOAL_MS else "NO"
            print(
                f"| {data} | {view} | {pdf_ms:.0f} | {pdf_ms / base_pdf:.1f} | {deck_ms:.0f} | {deck_ms / base_deck:.1f} | {ok} |"
            )


if __name__ == "__main__":
    main()
