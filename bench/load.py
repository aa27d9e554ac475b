"""Load test: a server on loopback and N concurrent headless Chromium sessions.

    .venv/bin/python bench/load.py [--sessions 20] [--rounds 3]

Each session opens a shared link, then per round changes a filter (the
department multiselect) and switches page. Prints p50/p95 latency from the
action until the page has finished updating, the error count (must be 0),
and the server's peak memory (VmHWM). Traffic goes to 127.0.0.1 only; every
wait is bounded and the script stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import time
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.servers import APP, SHARED_QUERY, percentile, running  # noqa: E402
from tests.browser_support import CHROMIUM_ARGS, DONE  # noqa: E402

SHARED = f"/?{SHARED_QUERY}"
UNITS = ["住建局", "工信局", "晋江分园区", "商务局", "发改局"]  # not in the shared link
TIMEOUT_MS = 90_000


async def finished(page) -> None:
    """Wait until a run started by the last action has finished."""
    await page.wait_for_timeout(150)
    await page.wait_for_selector(DONE, timeout=TIMEOUT_MS)


async def session(browser, base: str, number: int, rounds: int, results: dict) -> None:
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await context.new_page()
    try:
        start = time.perf_counter()
        await page.goto(base + SHARED, timeout=TIMEOUT_MS)
        await page.wait_for_selector("[data-testid='stMetricValue']", timeout=TIMEOUT_MS)
        results["open"].append(time.perf_counter() - start)
        for r in range(rounds):
            await page.locator(".st-key-w_departments input").click()
            option = page.get_by_role("option", name=UNITS[(number + r) % len(UNITS)])
            start = time.perf_counter()
            await option.click()
            await page.keyboard.press("Escape")
            await finished(page)
            results["filter"].append(time.perf_counter() - start)
            target = "项目" if r % 2 == 0 else "总览"
            start = time.perf_counter()
            await page.get_by_test_id("stSidebar").get_by_role("link", name=target, exact=True).click()
            await finished(page)
            results["switch"].append(time.perf_counter() - start)
            if "dept=" not in page.url:
                raise AssertionError(f"filters lost after switching to {target}: {page.url}")
        if await page.locator("[data-testid='stException']").count():
            raise AssertionError("an exception is shown")
    except Exception as exc:  # every failure counts, and the run goes on
        results["errors"].append(f"session {number}: {type(exc).__name__}: {str(exc)[:120]}")
    finally:
        await context.close()


async def run(sessions: int, rounds: int) -> None:
    with running("app", APP) as server:
        results: dict[str, list] = {"open": [], "filter": [], "switch": [], "errors": []}
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            started = time.perf_counter()
            await asyncio.wait_for(
                asyncio.gather(*(session(browser, server.base, n, rounds, results) for n in range(sessions))),
                timeout=600,
            )
            elapsed = time.perf_counter() - started
            await browser.close()
        peak = server.peak_mb()
    print(f"{sessions} concurrent sessions × {rounds} rounds, {elapsed:.0f} s, server on 127.0.0.1")
    print("| action | n | p50 (s) | p95 (s) |")
    print("|---|---:|---:|---:|")
    for name, label in (("open", "open shared link"), ("filter", "filter change"), ("switch", "page switch")):
        values = results[name]
        print(f"| {label} | {len(values)} | {percentile(values, 0.5):.2f} | {percentile(values, 0.95):.2f} |")
    print(f"errors: {len(results['errors'])}")
    for error in results["errors"]:
        print("  " + error)
    print(f"server peak memory (VmHWM): {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(run(args.sessions, args.rounds))


if __name__ == "__main__":
    main()
