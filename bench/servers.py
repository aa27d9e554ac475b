"""Streamlit servers for the benchmarks: the app and its baselines, on loopback.

Every server runs from the repository root, so the baselines read the same
``.streamlit/config.toml`` as the app (XSRF on, usage statistics off, no
sidebar navigation): only the script differs.
"""

from __future__ import annotations

import math
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
SHARED_QUERY = "dept=jt&dept=sl&period=2021-2025&band=100to1000&band=ge1000"
# Unset, so the app runs open (no password form) as for local use; set but empty is an error.
OPEN_APP_UNSET = ("JJ_PASSWORD", "JJ_AUTH")

# An empty one-line Streamlit script: Streamlit's own floor.
EMPTY = "import streamlit as st\n"

# The smallest page with what the app's pages show: one plotly bar chart and one table.
ONE_CHART = """\
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

frame = pd.DataFrame({"部门": ["交通局", "水利局", "住建局", "发改局"], "项目数": [38, 12, 20, 74]})
st.plotly_chart(go.Figure(go.Bar(x=frame["部门"], y=frame["项目数"])))
st.dataframe(frame)
"""

# The same with a share link shown by st.code, as the app shows it: what the code block costs.
ONE_CHART_CODE = ONE_CHART + 'st.sidebar.code("http://127.0.0.1/?dept=jt&dept=sl", language=None, wrap_lines=True)\n'

# Two empty pages linked from the sidebar the way the app links its pages.
_LINKS = """\
import streamlit as st

st.sidebar.page_link("home.py", label="首页")
st.sidebar.page_link("pages/other.py", label="其他")
"""


def write_baselines(folder: Path) -> dict[str, Path]:
    """Write the baseline scripts into ``folder``; name -> entry script."""
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    (folder / "empty.py").write_text(EMPTY, encoding="utf-8")
    (folder / "one_chart.py").write_text(ONE_CHART, encoding="utf-8")
    (folder / "one_chart_code.py").write_text(ONE_CHART_CODE, encoding="utf-8")
    (folder / "home.py").write_text(_LINKS, encoding="utf-8")
    (folder / "pages" / "other.py").write_text(_LINKS, encoding="utf-8")
    return {name: folder / f"{name}.py" for name in ("empty", "one_chart", "one_chart_code")} | {
        "two_pages": folder / "home.py"
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running Streamlit server and what /proc says about it."""

    name: str
    process: subprocess.Popen
    base: str

    @property
    def pid(self) -> int:
        return self.process.pid

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _status_mb(self, key: str) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def rss_mb(self) -> float:
        return self._status_mb("VmRSS")

    def peak_mb(self) -> float:
        """Peak resident memory (VmHWM) since start."""
        return self._status_mb("VmHWM")


@contextmanager
def running(name: str, script: Path, options: tuple[str, ...] = (), timeout: float = 60) -> Iterator[Server]:
    """Start ``streamlit run script`` on 127.0.0.1 and a free port; stop it on exit."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.headless=true",
            "--server.address=127.0.0.1",
            f"--server.port={port}",
            *options,
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in OPEN_APP_UNSET},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server(name, process, f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if urllib.request.urlopen(server.base + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{name}: streamlit did not start on port {port}") from None
                time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def machine_note() -> str:
    """Date and machine, printed above every table."""
    return (
        f"{date.today().isoformat()} · {platform.node()} · {os.cpu_count()} CPU cores · "
        f"Python {platform.python_version()} · {load_note()}"
    )


def load_note() -> str:
    """The machine's load average: other work on the same cores slows every figure."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(q * len(ordered)))) - 1]
