"""Opening a shared link and switching pages, in a real browser, against baselines.

    .venv/bin/python bench/open.py [--runs 5]

Starts side by side on 127.0.0.1: the app, an empty one-line script, a
minimal page with one plotly bar chart and one ``st.dataframe`` (and the
same with an ``st.code`` block, as the app shows its share link), and an app
of two empty pages linked from the sidebar. Each open is a fresh Chromium
context at 1440×900 (Debian's chromium, the browser tests' settings); the
time runs from ``goto`` until the page is finished: the server has sent
``script_finished``, the front end is back at ``notRunning``, nothing is
stale or still loading, and every plotly chart and table the run sent is in
the page with its SVG or canvas drawn. Page switches click a sidebar link
in a session that opened the shared link, against a switch between the two
empty pages. Prints the medians, the ratios to the baselines measured in the
same run, and per open the script runs the server made (``script_finished``
messages on the websocket), the JS/CSS chunks fetched and the big ones.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from playwright.async_api import Browser, Page, Response, WebSocket, async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bench.servers import APP, SHARED_QUERY, machine_note, running, write_baselines  # noqa: E402
from explorer_ui.navigation import HOME, PAGES  # noqa: E402
from tests.browser_support import CHROMIUM_ARGS  # noqa: E402

VIEWPORT = {"width": 1440, "height": 900}
TIMEOUT_MS = 120_000
SETTLE_S = 0.5  # after a finished render: time for a run the page itself would trigger (not timed)
BIG_CHUNK = 300_000  # bytes: chunks this large are named in the table
OPEN_GOAL, SWITCH_GOAL = 1.2, 1.5  # issue 11: ÷ one-chart page, ÷ empty page switch

# The page is drawn: the run is over in the front end, nothing is left over
# from the previous run or still loading (a skeleton stands in for a chart
# whose code is still being fetched), every chart and table of the run is in
# the page, and every visible one has drawn its SVG or canvas.
DRAWN = """
([charts, tables]) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector("[data-stale='true'], [data-testid^='stSkeleton'], [data-testid='stAppSkeleton']")) {
    return false;
  }
  const drawn = (selector, inner, expected) => {
    const found = [...document.querySelectorAll(selector)];
    return found.length >= expected && found.every((e) => !e.checkVisibility() || e.querySelector(inner));
  };
  return drawn("[data-testid='stPlotlyChart']", ".main-svg", charts) && drawn("[data-testid='stDataFrame']", "canvas", tables);
}
"""
DRAWN_KINDS = ("plotly_chart", "dataframe")  # element kinds DRAWN waits for, counted per run


@dataclass
class Traffic:
    """What one browser context received: script runs and front-end chunks."""

    runs: int = 0
    responses: list[Response] = field(default_factory=list)
    elements: dict[str, int] = field(default_factory=dict)  # DRAWN_KINDS sent in the latest run
    connected_at: float = float("nan")  # perf_counter when the front end opened its websocket
    finished_at: float = float("nan")  # perf_counter of the latest script_finished

    def watch(self, page: Page) -> None:
        page.on("websocket", self._on_websocket)
        page.on("response", self._on_response)

    def _on_response(self, response: Response) -> None:
        self.responses.append(response)

    def _on_websocket(self, ws: WebSocket) -> None:
        self.connected_at = time.perf_counter()
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            msg = ForwardMsg()
            msg.ParseFromString(payload)
            kind = msg.WhichOneof("type")
            if kind == "script_finished":
                self.runs += 1
                self.finished_at = time.perf_counter()
            elif kind == "new_session":  # a run starts
                self.elements = dict.fromkeys(DRAWN_KINDS, 0)
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element.WhichOneof("type")
                if element in self.elements:
                    self.elements[element] += 1

    async def chunks(self, start: int = 0) -> list[tuple[str, int]]:
        """(file name, decoded bytes) of the JS and CSS fetched since response ``start``."""
        found = []
        for response in self.responses[start:]:
            name = response.url.split("?")[0].rsplit("/", 1)[-1]
            if name.endswith((".js", ".css")) and response.ok:
                found.append((name, len(await response.body())))
        return found


@dataclass
class Measure:
    seconds: float  # until the page is drawn
    runs: int
    chunks: list[tuple[str, int]]
    connected: float  # seconds until the websocket opened (front end booted); NaN on a page switch
    run_done: float  # seconds until the server's script_finished


async def _finished(page: Page, traffic: Traffic, runs_before: int) -> None:
    """Wait for the server to finish a run after ``runs_before`` runs, and for the page to be drawn."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while traffic.runs <= runs_before:
        if time.monotonic() > deadline:
            raise TimeoutError("no script_finished from the server")
        await asyncio.sleep(0.005)
    expected = [traffic.elements.get(kind, 0) for kind in DRAWN_KINDS]
    await page.wait_for_function(DRAWN, arg=expected, polling="raf", timeout=TIMEOUT_MS)


async def open_once(browser: Browser, url: str) -> Measure:
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await context.new_page()
        traffic = Traffic()
        traffic.watch(page)
        start = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        await _finished(page, traffic, 0)
        seconds = time.perf_counter() - start
        connected, run_done = traffic.connected_at - start, traffic.finished_at - start
        await asyncio.sleep(SETTLE_S)
        return Measure(seconds, traffic.runs, await traffic.chunks(), connected, run_done)
    finally:
        await context.close()


async def switches(browser: Browser, url: str, labels: list[str]) -> dict[str, Measure]:
    """Open ``url``, then click each sidebar link in turn; one measure per click."""
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await context.new_page()
        traffic = Traffic()
        traffic.watch(page)
        await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        await _finished(page, traffic, 0)
        await asyncio.sleep(SETTLE_S)
        result = {}
        for label in labels:
            link = page.get_by_test_id("stSidebar").get_by_role("link", name=label, exact=True)
            await link.wait_for(timeout=TIMEOUT_MS)
            runs, responses = traffic.runs, len(traffic.responses)
            start = time.perf_counter()
            await link.click()
            await _finished(page, traffic, runs)
            seconds = time.perf_counter() - start
            run_done = traffic.finished_at - start
            await asyncio.sleep(SETTLE_S)
            chunks = await traffic.chunks(responses)
            result[label] = Measure(seconds, traffic.runs - runs, chunks, float("nan"), run_done)
        return result
    finally:
        await context.close()


def _median(measures: list[Measure]) -> Measure:
    """Median times; runs and chunks of the median open (they hardly vary)."""
    middle = sorted(measures, key=lambda m: m.seconds)[len(measures) // 2]
    return Measure(
        statistics.median(m.seconds for m in measures),
        middle.runs,
        middle.chunks,
        statistics.median(m.connected for m in measures),
        statistics.median(m.run_done for m in measures),
    )


def _chunk_cells(chunks: list[tuple[str, int]]) -> str:
    total = sum(size for _, size in chunks) / 1e6
    big = ", ".join(f"{name.split('.')[0]} {size / 1e6:.1f}" for name, size in chunks if size >= BIG_CHUNK)
    return f"{len(chunks)} | {total:.1f} | {big or '—'}"


async def run(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        baselines = write_baselines(Path(folder))
        app = stack.enter_context(running("app", APP))
        empty = stack.enter_context(running("empty", baselines["empty"]))
        one_chart = stack.enter_context(running("one_chart", baselines["one_chart"]))
        one_chart_code = stack.enter_context(running("one_chart_code", baselines["one_chart_code"]))
        two_pages = stack.enter_context(running("two_pages", baselines["two_pages"]))
        opens = {
            "empty script": f"{empty.base}/",
            "one-chart page": f"{one_chart.base}/",
            "one-chart page + st.code": f"{one_chart_code.base}/",  # the app's share link block
            f"{HOME.title} (no filter)": f"{app.base}/",  # every chart and table the home page has
            **{
                f"{page.title} (shared link)" if not page.url_path else page.title: (
                    f"{app.base}/{quote(page.url_path)}?{SHARED_QUERY}"
                )
                for page in PAGES.values()
            },
        }
        labels = [*list(PAGES)[1:], next(iter(PAGES))]  # every page from the previous one, back to 总览
        opened: dict[str, list[Measure]] = {name: [] for name in opens}
        switched: dict[str, list[Measure]] = {name: [] for name in ["empty page", *labels]}
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            for url in opens.values():  # warm: first imports and caches on each server, not timed
                await open_once(browser, url)
            for i in range(runs):  # interleaved, so a busy moment hits every row alike
                for name, url in opens.items():
                    opened[name].append(await open_once(browser, url))
                empty_switch = await switches(browser, f"{two_pages.base}/", ["其他"])
                switched["empty page"].append(empty_switch["其他"])
                for label, measure in (await switches(browser, opens[f"{labels[-1]} (shared link)"], labels)).items():
                    switched[label].append(measure)
                print(f"  run {i + 1}/{runs} done", file=sys.stderr)
            await browser.close()
    print_tables(runs, {n: _median(m) for n, m in opened.items()}, {n: _median(m) for n, m in switched.items()})


def print_tables(runs: int, opened: dict[str, Measure], switched: dict[str, Measure]) -> None:
    empty, one_chart = opened["empty script"].seconds, opened["one-chart page"].seconds
    print(f"Opening in a fresh Chromium context (1440×900), median of {runs}, {machine_note()}")
    print(f"goal: the shared link ≤ {OPEN_GOAL}× the one-chart page")
    print("websocket = front end booted and connected; run done = server's script_finished; open = drawn")
    print(
        "| page | websocket (s) | run done (s) | open (s) | ÷ empty | ÷ one-chart | runs "
        "| JS/CSS chunks | MB | chunks ≥ 0.3 MB (MB) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, m in opened.items():
        print(
            f"| {name} | {m.connected:.2f} | {m.run_done:.2f} | {m.seconds:.2f} | {m.seconds / empty:.2f} "
            f"| {m.seconds / one_chart:.2f} | {m.runs} | {_chunk_cells(m.chunks)} |"
        )
    for name in (f"{HOME.title} (shared link)", f"{HOME.title} (no filter)"):
        ratio = opened[name].seconds / one_chart
        verdict = "met" if ratio <= OPEN_GOAL else "NOT met"
        print(
            f"{name}: {ratio:.2f}× the one-chart page, {opened[name].seconds / empty:.2f}× the empty script: {verdict}"
        )
    base = switched["empty page"].seconds
    print()
    print(f"Page switch (sidebar link, after opening the shared link), median of {runs}, same run")
    print(f"goal: each ≤ {SWITCH_GOAL}× the switch between two empty pages")
    print(
        "| to page | run done (s) | switch (s) | ÷ empty switch | goal | runs "
        "| new JS/CSS chunks | MB | chunks ≥ 0.3 MB (MB) |"
    )
    print("|---|---:|---:|---:|:-:|---:|---:|---:|---|")
    for name, m in switched.items():
        goal = "" if name == "empty page" else ("yes" if m.seconds / base <= SWITCH_GOAL else "NO")
        print(
            f"| {name} | {m.run_done:.2f} | {m.seconds:.2f} | {m.seconds / base:.2f} | {goal} | {m.runs} "
            f"| {_chunk_cells(m.chunks)} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(run(args.runs))


if __name__ == "__main__":
    main()
