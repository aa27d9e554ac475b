"""Server capacity over Streamlit's own websocket protocol, without browsers.

    .venv/bin/python bench/protoload.py levels [--sessions 1,10,20,50,100] [--seconds 20]
    .venv/bin/python bench/protoload.py floor [--reruns 40]
    .venv/bin/python bench/protoload.py flat [--reruns 1000]

Each client does what Chromium does (frames captured from a real session):
GET /_stcore/health for the ``_streamlit_xsrf`` cookie, open the websocket
``/_stcore/stream`` with that cookie, an Origin header and the subprotocols
``streamlit, <cookie value>``, then send a ``BackMsg.rerun_script`` whose
``ClientState`` carries the query string (opening the shared link), and
later the same with the new value of the 部门 multiselect in
``widget_states`` and the page's ``page_script_hash`` (a filter change).
A rerun is timed from sending the message to the ``ForwardMsg.script_finished``
that ends it.

``levels``: the app and an empty one-line script, each on a fresh server
(the empty script twice: with the app's settings and with Streamlit's defaults),
under 1, 10, 20, 50 and 100 concurrent sessions that open the shared link and
then change the filter every 2-4 s; reruns per second, latency
percentiles, errors, server CPU and memory.
``floor``: one session, back-to-back reruns, with the default settings and
with each setting that can lower Streamlit's own cost per rerun.
``flat``: 1,000 reruns with changing filters on one server; resident memory
every 100 reruns and its slope.

Traffic stays on this machine: the servers are started on 127.0.0.1, and
``--url`` refuses anything that is not a loopback address. Every wait is
bounded (``--timeout`` per rerun, ``--seconds`` per level).
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookies
import ipaddress
import random
import socket
import statistics
import sys
import tempfile
import time
import urllib.request
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bench.servers import (  # noqa: E402
    APP,
    SHARED_QUERY,
    Server,
    load_note,
    machine_note,
    percentile,
    running,
    write_baselines,
)

XSRF_COOKIE = "_streamlit_xsrf"
FILTER_KEY = "w_departments"  # the sidebar 部门 multiselect
# The app's .streamlit/config.toml sets runner.postScriptGC = false and
# server.fileWatcherType = "none" (README "Load and restarts"), and every server
# here reads it. The empty script is also run with Streamlit's own defaults for
# both: Streamlit's floor as shipped.
STREAMLIT_DEFAULTS = "empty, Streamlit's defaults"
DEFAULTS_OPTIONS = ("--runner.postScriptGC=true", "--server.fileWatcherType=auto")
# Settings that change Streamlit's own work per rerun.
FLOOR_VARIANTS: dict[str, tuple[str, ...]] = {
    "Streamlit's defaults": DEFAULTS_OPTIONS,
    "runner.postScriptGC=false": ("--server.fileWatcherType=auto",),
    "server.fileWatcherType=none": ("--runner.postScriptGC=true",),
    "both (the app's config)": (),
}


class ProtocolError(Exception):
    """The server answered, but not with a finished run."""


@dataclass
class Rerun:
    seconds: float
    runs: int  # script_finished messages until the run that answers the request
    error: str | None = None


@dataclass
class Session:
    """One browser tab, spoken in protobuf."""

    base: str
    ws: ClientConnection
    timeout: float
    page_hash: str = ""
    query_string: str = ""
    widgets: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # key -> (widget id, option labels)

    @classmethod
    async def open(cls, base: str, query_string: str, timeout: float) -> tuple[Session, Rerun]:
        cookie = await asyncio.to_thread(_xsrf_cookie, base)
        ws = await connect(
            "ws" + base.removeprefix("http") + "/_stcore/stream",
            subprotocols=["streamlit", cookie] if cookie else ["streamlit"],
            additional_headers={"Origin": base, **({"Cookie": f"{XSRF_COOKIE}={cookie}"} if cookie else {})},
            compression=None,
            max_size=None,
            open_timeout=timeout,
            ping_interval=None,
        )
        session = cls(base, ws, timeout, query_string=query_string)
        return session, await session.rerun()

    async def rerun(self, widgets: dict[str, list[str]] | None = None) -> Rerun:
        """Ask for a rerun (with new multiselect values) and wait until it has finished."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_hash
        state.widget_states.SetInParent()
        for widget_id, values in (widgets or {}).items():
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            widget.string_array_value.data.extend(values)
        state.context_info.url = self.base + "/"
        state.context_info.timezone = "UTC"
        state.context_info.locale = "zh-CN"
        start = time.perf_counter()
        try:
            runs = await asyncio.wait_for(self._until_finished(msg.SerializeToString()), self.timeout)
        except TimeoutError:
            return Rerun(time.perf_counter() - start, 0, f"no script_finished within {self.timeout:.0f} s")
        except ProtocolError as exc:
            return Rerun(time.perf_counter() - start, 0, str(exc))
        return Rerun(time.perf_counter() - start, runs)

    async def _until_finished(self, request: bytes) -> int:
        await self.ws.send(request)
        runs = 0
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                element_kind = element.WhichOneof("type")
                if element_kind == "exception":
                    raise ProtocolError(f"exception on the page: {element.exception.message[:80]}")
                if element_kind == "multiselect":
                    key = element.multiselect.id.split("-", 2)[-1]
                    self.widgets[key] = (element.multiselect.id, list(element.multiselect.options))
            elif kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string  # the app wrote the URL
            elif kind == "script_finished":
                runs += 1
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ProtocolError("the script did not compile")
                if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return runs

    async def change_filter(self, rng: random.Random) -> Rerun:
        """Pick 1-4 departments, as a user does in the sidebar; a plain rerun where there is no filter."""
        if FILTER_KEY not in self.widgets:
            self.query_string = f"dept={rng.randrange(10**6)}"  # a script without filters: just rerun
            return await self.rerun()
        widget_id, labels = self.widgets[FILTER_KEY]
        return await self.rerun({widget_id: rng.sample(labels, rng.randint(1, 4))})

    async def close(self) -> None:
        await self.ws.close()


def _xsrf_cookie(base: str) -> str | None:
    """The XSRF cookie the health check sets, as the browser receives it."""
    with urllib.request.urlopen(base + "/_stcore/health", timeout=30) as response:
        jar = http.cookies.SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
    return jar[XSRF_COOKIE].value if XSRF_COOKIE in jar else None


def require_loopback(url: str) -> str:
    """The URL without a trailing slash, if every address of its host is loopback."""
    host = urlparse(url).hostname
    if not host:
        raise SystemExit(f"not a URL: {url}")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror as exc:
        raise SystemExit(f"cannot resolve {host}: {exc}") from None
    if not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        raise SystemExit(f"refusing {url}: load is only generated against loopback (127.0.0.0/8, ::1)")
    return url.rstrip("/")


# --------------------------------------------------------------------------
# levels


@dataclass
class Level:
    target: str
    sessions: int
    seconds: float  # the measured window, as long as it lasted
    opens: list[Rerun] = field(default_factory=list)
    reruns: list[Rerun] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cpu_seconds: float = float("nan")  # the server's, during the measured window
    client_cpu_seconds: float = float("nan")  # this load generator shares the cores with the server
    peak_mb: float = float("nan")
    base_mb: float = float("nan")
    loaded_mb: float = float("nan")


async def _warm(server: Server, timeout: float) -> None:
    """One session first: imports and caches, so the levels measure steady state."""
    session, opened = await Session.open(server.base, SHARED_QUERY, timeout)
    if opened.error or (server.name == "app" and FILTER_KEY not in session.widgets):
        # e.g. a password form or an error page instead of the explorer: measuring it would mislead
        raise SystemExit(
            f"{server.name}: the shared link did not open the explorer ({opened.error or 'no 部门 filter'})"
        )
    for seed in range(3):
        await session.change_filter(random.Random(seed))
    await session.close()


async def run_level(server: Server, sessions: int, seconds: float, think: float, timeout: float) -> Level:
    """Open every session (over ``think`` seconds, as tabs are opened in a meeting), then
    measure ``seconds`` of filter changes while all of them stay connected."""
    level = Level(server.name, sessions, seconds)
    await _warm(server, timeout)
    level.base_mb = server.rss_mb()

    async def open_one(number: int) -> Session | None:
        await asyncio.sleep(random.Random(number).uniform(0, think))
        try:
            session, opened = await Session.open(server.base, SHARED_QUERY, timeout)
        except (OSError, TimeoutError) as exc:
            level.errors.append(f"session {number}: open: {type(exc).__name__}: {exc}")
            return None
        level.opens.append(opened)
        if opened.error:
            level.errors.append(f"session {number}: open: {opened.error}")
        return session

    opened = await asyncio.gather(*(open_one(n) for n in range(sessions)))
    level.loaded_mb = server.rss_mb()
    cpu_start, client_start, start = server.cpu_seconds(), time.process_time(), time.monotonic()
    end = start + seconds

    async def change_filters(number: int, session: Session) -> None:
        rng = random.Random(number)
        try:
            while True:
                await asyncio.sleep(rng.uniform(think * 2 / 3, think * 4 / 3))
                if time.monotonic() >= end:
                    break
                rerun = await session.change_filter(rng)
                level.reruns.append(rerun)
                if rerun.error:
                    level.errors.append(f"session {number}: {rerun.error}")
        except Exception as exc:  # a dropped connection counts, and the level goes on
            level.errors.append(f"session {number}: {type(exc).__name__}: {str(exc)[:100]}")

    running_sessions = [(n, s) for n, s in enumerate(opened) if s is not None]
    await asyncio.wait_for(asyncio.gather(*(change_filters(n, s) for n, s in running_sessions)), seconds + 2 * timeout)
    elapsed = time.monotonic() - start
    level.seconds = elapsed
    level.cpu_seconds = server.cpu_seconds() - cpu_start
    level.client_cpu_seconds = time.process_time() - client_start
    level.peak_mb = server.peak_mb()
    for _, session in running_sessions:
        await session.close()
    return level


def print_levels(levels: list[Level], think: float) -> None:
    print(f"Protocol load, {machine_note()}")
    print(
        f"all sessions open the shared link within {think:g} s; then, for the measured window, each changes "
        f"the 部门 filter every {think * 2 / 3:g}-{think * 4 / 3:g} s; latency = request to script_finished; "
        "fresh server per row; CPU 100% = one core"
    )
    print(
        "| script | sessions | reruns | reruns/s | p50 (ms) | p95 (ms) | p99 (ms) | p95 ÷ empty | p95 ÷ empty, "
        "defaults | open p95 (ms) | errors | server CPU | CPU ms per rerun | client CPU | peak MB | MB per session |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")

    def p95_of(target: str) -> dict[int, float]:
        return {lv.sessions: _ms(lv.reruns, 0.95) for lv in levels if lv.target == target}

    empty_p95, defaults_p95 = p95_of("empty"), p95_of(STREAMLIT_DEFAULTS)
    for lv in levels:
        p95 = _ms(lv.reruns, 0.95)
        ratio = p95 / empty_p95[lv.sessions] if lv.sessions in empty_p95 else float("nan")
        to_defaults = p95 / defaults_p95[lv.sessions] if lv.sessions in defaults_p95 else float("nan")
        per_session = (lv.loaded_mb - lv.base_mb) / lv.sessions
        print(
            f"| {lv.target} | {lv.sessions} | {len(lv.reruns)} | {len(lv.reruns) / lv.seconds:.1f} "
            f"| {_ms(lv.reruns, 0.5):.0f} | {p95:.0f} | {_ms(lv.reruns, 0.99):.0f} | {ratio:.2f} | {to_defaults:.2f} "
            f"| {_ms(lv.opens, 0.95):.0f} | {len(lv.errors)} | {lv.cpu_seconds / lv.seconds:.0%} "
            f"| {lv.cpu_seconds * 1000 / max(1, len(lv.reruns)):.0f} | {lv.client_cpu_seconds / lv.seconds:.0%} "
            f"| {lv.peak_mb:.0f} | {per_session:.2f} |"
        )
    for lv in levels:
        for error in lv.errors[:5]:
            print(f"  {lv.target} × {lv.sessions}: {error}")
    print(f"at the end: {load_note()}")


def _ms(reruns: list[Rerun], q: float) -> float:
    return percentile([r.seconds * 1000 for r in reruns if not r.error], q)


# --------------------------------------------------------------------------
# floor


async def floor_reruns(server: Server, reruns: int, timeout: float) -> tuple[list[float], float]:
    """Back-to-back filter changes in one session (after a short pause each): ms each,
    and the server's CPU ms per rerun (which other work on the machine hardly changes)."""
    await _warm(server, timeout)
    session, _ = await Session.open(server.base, SHARED_QUERY, timeout)
    rng = random.Random(0)
    times = []
    cpu_start = server.cpu_seconds()
    for _ in range(reruns):
        await asyncio.sleep(0.05)
        rerun = await session.change_filter(rng)
        if rerun.error:
            raise SystemExit(f"{server.name}: {rerun.error}")
        times.append(rerun.seconds * 1000)
    cpu_ms = (server.cpu_seconds() - cpu_start) * 1000 / reruns
    await session.close()
    return times, cpu_ms


# --------------------------------------------------------------------------
# flat


async def flat_memory(server: Server, reruns: int, sessions: int, timeout: float) -> list[tuple[int, float]]:
    """(reruns so far, resident MB) every 100 reruns, ``sessions`` sessions taking turns."""
    await _warm(server, timeout)
    opened = [await Session.open(server.base, SHARED_QUERY, timeout) for _ in range(sessions)]
    samples = [(0, server.rss_mb())]
    started = completed = 0

    async def client(session: Session, rng: random.Random) -> None:
        nonlocal started, completed
        while started < reruns:
            started += 1
            rerun = await session.change_filter(rng)
            if rerun.error:
                raise SystemExit(f"{server.name}: {rerun.error}")
            completed += 1
            if completed % 100 == 0:
                samples.append((completed, server.rss_mb()))

    await asyncio.gather(*(client(s, random.Random(n)) for n, (s, _) in enumerate(opened)))
    for session, _ in opened:
        await session.close()
    return samples


def slope_per_100(samples: list[tuple[int, float]], start: int) -> float:
    """Least-squares MB per 100 reruns from rerun ``start`` on."""
    points = [(n, mb) for n, mb in samples if n >= start]
    return statistics.linear_regression([n for n, _ in points], [mb for _, mb in points]).slope * 100


# --------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("levels", "floor", "flat"))
    parser.add_argument("--sessions", default="1,10,20,50,100", help="levels: concurrent sessions, comma-separated")
    parser.add_argument("--seconds", type=float, default=20, help="levels: length of each level")
    parser.add_argument("--think", type=float, default=3, help="levels: mean seconds between filter changes")
    parser.add_argument("--reruns", type=int, help="floor: reruns per variant (40); flat: reruns in all (1000)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a rerun may take before it is an error")
    parser.add_argument(
        "--option", action="append", default=[], help="extra server option, e.g. --option=--runner.postScriptGC=false"
    )
    parser.add_argument("--url", help="levels: an already-running app on loopback instead of starting servers")
    args = parser.parse_args()
    options = tuple(args.option)
    url = require_loopback(args.url) if args.url else None
    if url and args.mode != "levels":
        parser.error("--url is for levels only: floor and flat compare servers they start themselves")
    with tempfile.TemporaryDirectory() as folder:
        empty = write_baselines(Path(folder))["empty"]
        scripts = {"app": (APP, ()), "empty": (empty, ()), STREAMLIT_DEFAULTS: (empty, DEFAULTS_OPTIONS)}

        def server(target: str, extra: tuple[str, ...] = ()) -> AbstractContextManager[Server]:
            if url:
                return nullcontext(_ExternalServer(target, url))
            script, own = scripts[target]
            return running(target, script, own + options + extra)

        if args.mode == "levels":
            levels = []
            targets = ("app",) if url else ("app", "empty", STREAMLIT_DEFAULTS)
            for sessions in (int(n) for n in args.sessions.split(",")):
                for target in targets:
                    with server(target) as s:
                        levels.append(asyncio.run(run_level(s, sessions, args.seconds, args.think, args.timeout)))
                    print(f"  {target} × {sessions}: done", file=sys.stderr)
            print_levels(levels, args.think)
        elif args.mode == "floor":
            reruns = args.reruns or 40
            print(f"One session, {reruns} filter changes back to back, {machine_note()}")
            print("latency: request to script_finished; CPU: the server's CPU time per rerun")
            print(
                "| settings | empty p50 (ms) | app p50 (ms) | app ÷ empty | app p90 (ms) | empty CPU (ms) | app CPU (ms) |"
            )
            print("|---|---:|---:|---:|---:|---:|---:|")
            for name, extra in FLOOR_VARIANTS.items():
                got = {}
                for target in ("empty", "app"):
                    with server(target, extra) as s:
                        got[target] = asyncio.run(floor_reruns(s, reruns, args.timeout))
                (empty_times, empty_cpu), (app_times, app_cpu) = got["empty"], got["app"]
                empty, app = statistics.median(empty_times), statistics.median(app_times)
                print(
                    f"| {name} | {empty:.1f} | {app:.1f} | {app / empty:.2f} | {percentile(app_times, 0.9):.1f} "
                    f"| {empty_cpu:.1f} | {app_cpu:.1f} |"
                )
        else:
            reruns = args.reruns or 1000
            print(f"Memory over {reruns} reruns with changing filters (5 sessions taking turns), {machine_note()}")
            results = {}
            for target in ("app", "empty"):
                with server(target) as s:
                    results[target] = (asyncio.run(flat_memory(s, reruns, 5, args.timeout)), s.peak_mb())
            half = reruns // 2
            print(f"resident MB after n reruns; slope: MB per 100 reruns from 100 on, and from {half} on")
            header = " | ".join(str(n) for n, _ in results["app"][0])
            print(f"| script | {header} | MB/100 (100-{reruns}) | MB/100 ({half}-{reruns}) | peak MB |")
            print("|---|" + "---:|" * (len(results["app"][0]) + 3))
            for target, (samples, peak) in results.items():
                cells = " | ".join(f"{mb:.1f}" for _, mb in samples)
                print(
                    f"| {target} | {cells} | {slope_per_100(samples, 100):+.2f} | {slope_per_100(samples, half):+.2f} "
                    f"| {peak:.0f} |"
                )


class _ExternalServer(Server):
    """A server this script did not start (``--url``): its CPU and memory are not read."""

    def __init__(self, name: str, base: str) -> None:
        self.name, self.base, self.process = name, base, None  # type: ignore[assignment]

    def cpu_seconds(self) -> float:
        return float("nan")

    def rss_mb(self) -> float:
        return float("nan")

    def peak_mb(self) -> float:
        return float("nan")


if __name__ == "__main__":
    main()
