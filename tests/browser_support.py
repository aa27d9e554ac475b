"""Helpers for the real-browser tests: Debian's Chromium driven by Playwright,
against a live Streamlit server started on a free port."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import parse_qs, urlparse

import pytest

from .conftest import ROOT

CHROMIUM = shutil.which("chromium")
REQUIRED = os.environ.get("JJ_REQUIRE_BROWSER") == "1"
DONE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> None:
    """Skip the calling module without Chromium, unless CI requires it."""
    if CHROMIUM:
        return
    if REQUIRED:
        pytest.fail("JJ_REQUIRE_BROWSER=1 but chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    pytest.skip(
        "chromium not found: apt-get install chromium fonts-noto-cjk to run the browser tests", allow_module_level=True
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict[str, str], port: int | None = None):
    port = port or free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true", f"--server.port={port}"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    pytest.fail("streamlit server did not start")


def stop(process) -> None:
    process.terminate()
    process.wait(timeout=20)


def settle(page):
    page.wait_for_selector(DONE, timeout=30_000)
    page.wait_for_timeout(300)
    page.wait_for_selector(DONE, timeout=30_000)


def metric_values(page) -> dict[str, list[str]]:
    page.wait_for_selector("[data-testid='stMetricValue']", timeout=30_000)
    settle(page)
    values: dict[str, list[str]] = {}
    for metric in page.locator("[data-testid='stMetric']").all():
        label = metric.locator("[data-testid='stMetricLabel']").inner_text().strip()
        values.setdefault(label, []).append(metric.locator("[data-testid='stMetricValue']").inner_text().strip())
    return values


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def wait_for_query(page, key, expected):
    for _ in range(100):
        if query_of(page).get(key) == expected:
            return
        page.wait_for_timeout(100)
    assert query_of(page).get(key) == expected, page.url


def answer_lines(page) -> list[str]:
    """The visible answer sentences of the main area (总览, 情景对比): its list items."""
    items = page.get_by_test_id("stMain").locator("[data-testid='stMarkdownContainer'] li")
    items.first.wait_for(timeout=30_000)
    settle(page)
    return [item.inner_text().strip() for item in items.all() if item.is_visible()]
