"""What keeps opening and rerunning fast (issue 11), checked without timing anything.

- A rerun with nothing changed computes nothing again: every memoised answer,
  frame and Arrow table is reused (counted at the memo).
- The pages read small tables as records built once per data set, not with
  ``DataFrame.itertuples`` on every run.
- In Chromium: opening the shared link makes exactly one script run, each page
  switch one run, and neither loads the syntax highlighter (1.6 MB of
  front-end code that the share link's code block needs only once opened).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter

import pandas as pd
import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest

from explorer_ui.filters_view import MAIN
from explorer_ui.navigation import HOME, PAGES
from jjdata import Filters
from jjdata.memo import IdentityMemo

from .conftest import ROOT

SHARED = "/?dept=jt&dept=sl&period=2021-2025&band=100to1000&band=ge1000"
HIGHLIGHTER = "StreamlitSyntaxHighlighter"  # the front-end chunk st.code needs


def _open(monkeypatch, page) -> AppTest:
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / HOME.script), default_timeout=30)
    for key, value in (("dept", ["jt", "sl"]), ("period", ["2021-2025"])):
        at.query_params[key] = value
    at.run()
    if page != HOME:
        at.switch_page(page.script).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def memo_misses(monkeypatch):
    """Counts, by the function that computes, every memo lookup that had to compute.

    While it counts, no memo empties itself when full (as one does after many
    other tests' questions): that would be a miss for a reason other than a change.
    """
    misses: Counter[str] = Counter()
    original = IdentityMemo.get
    sizes: dict[IdentityMemo, int] = {}

    def counting(self, key, owner, compute):
        def counted():
            misses[compute.__qualname__] += 1
            return compute()

        sizes.setdefault(self, self._size)
        self._size = 10**9
        return original(self, key, owner, counted)

    monkeypatch.setattr(IdentityMemo, "get", counting)
    yield misses
    for memo, size in sizes.items():
        memo._size = size


@pytest.mark.parametrize("page", list(PAGES.values()), ids=list(PAGES))
def test_a_rerun_with_nothing_changed_computes_nothing_again(monkeypatch, memo_misses, page):
    at = _open(monkeypatch, page)
    # a filter set no other run uses: its answers are computed now, and the counter sees it
    fresh = 0.01 + list(PAGES.values()).index(page) / 10_000
    at.session_state[MAIN.store] = Filters(departments=("jt", "sl"), min_investment=fresh)
    at.run()
    assert not at.exception, at.exception
    assert memo_misses, "a new filter set is computed, and the counter sees it"
    memo_misses.clear()
    at.run()
    assert not at.exception, at.exception
    assert not memo_misses, f"{page.title}: recomputed on a plain rerun: {dict(memo_misses)}"


BUILDERS = (  # what a page's answers are built from: each should run once per new question
    ("jjdata.query", "_filter_projects"),
    ("jjdata.query", "_counted_rows"),
    ("jjdata.query", "_summarize"),
    ("jjdata.query", "_totals"),
    ("explorer_ui.frames", "_project_frame"),
    ("explorer_ui.frames", "_project_grid"),
    ("explorer_ui.answers", "_answers"),
    ("explorer_ui.answers", "_answer_grid"),
    # Streamlit's pandas -> Arrow conversion for st.dataframe / st.table: the app hands it
    # Arrow tables built once per answer
    ("streamlit.dataframe_util", "convert_pandas_df_to_arrow_table"),
)


@pytest.mark.parametrize("page", PAGES.values(), ids=list(PAGES))
def test_a_rerun_with_nothing_changed_builds_no_frame(monkeypatch, page):
    import importlib

    at = _open(monkeypatch, page)
    calls: Counter[str] = Counter()
    for module_name, name in BUILDERS:
        module = importlib.import_module(module_name)
        original = getattr(module, name)

        def counting(*args, _original=original, _name=name, **kwargs):
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, counting)
    at.run()
    assert not at.exception, at.exception
    assert not calls, f"{page.title}: built again on a plain rerun: {dict(calls)}"


@pytest.mark.parametrize("title", ["领导点评", "原文", "数据说明"])
def test_pages_read_small_tables_as_records(monkeypatch, title):
    at = _open(monkeypatch, PAGES[title])
    calls = []
    original = pd.DataFrame.itertuples

    def counting(self, *args, **kwargs):
        calls.append(list(self.columns)[:3])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "itertuples", counting)
    at.run()
    assert not at.exception, at.exception
    assert calls == [], f"{title}: itertuples on every rerun, over columns {calls}"


def test_the_share_link_is_in_a_popover_with_its_copy_button(monkeypatch):
    at = _open(monkeypatch, HOME)
    popovers = [block for block in _blocks(at.sidebar) if block.type == "popover"]
    assert [block.proto.popover.label for block in popovers] == ["分享当前视图"]
    (code,) = popovers[0].code  # st.code: the block with the copy button
    assert code.value.endswith("?dept=jt&dept=sl&period=2021-2025")


def _blocks(node):
    for child in getattr(node, "children", {}).values():
        if hasattr(child, "children"):
            yield child
            yield from _blocks(child)


# --------------------------------------------------------------------------
# In Chromium


@pytest.fixture(scope="module")
def server():
    from .browser_support import require_chromium, start_server, stop

    require_chromium()
    process, base = start_server({})
    yield base
    stop(process)


class Traffic:
    """Script runs the server finished (script_finished on the websocket) and the files fetched."""

    def __init__(self, page) -> None:
        self.runs = 0
        self.files: list[str] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        page.on("response", lambda response: self.files.append(response.url.split("?")[0].rsplit("/", 1)[-1]))

    def _frame(self, payload) -> None:
        if isinstance(payload, bytes):
            msg = ForwardMsg()
            msg.ParseFromString(payload)
            self.runs += msg.WhichOneof("type") == "script_finished"

    def highlighter_loaded(self) -> bool:
        return any(name.startswith(HIGHLIGHTER) for name in self.files)


def _quiet(page, traffic: Traffic, runs: int) -> None:
    """Wait for run number ``runs``, then long enough for any further run the page would start."""
    from .browser_support import settle

    deadline = time.monotonic() + 60
    while traffic.runs < runs and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    settle(page)
    page.wait_for_timeout(1500)
    settle(page)


def test_opening_the_shared_link_makes_one_run_and_loads_no_highlighter(server, page):
    traffic = Traffic(page)
    page.goto(server + SHARED)
    _quiet(page, traffic, 1)
    assert traffic.runs == 1
    assert not traffic.highlighter_loaded(), [f for f in traffic.files if f.endswith(".js")]
    assert any(name.startswith("index") for name in traffic.files), "the front end's files were seen"

    for title in [t for t in PAGES if t != HOME.title]:
        runs = traffic.runs
        page.get_by_test_id("stSidebar").get_by_role("link", name=title, exact=True).click()
        _quiet(page, traffic, runs + 1)
        assert traffic.runs == runs + 1, f"switch to {title}: {traffic.runs - runs} runs"
    assert not traffic.highlighter_loaded()

    # Opening the share popover fetches it: the check above could see it.
    page.get_by_test_id("stSidebar").get_by_role("button", name="分享当前视图").click()
    page.get_by_test_id("stCode").first.wait_for(timeout=30_000)
    deadline = time.monotonic() + 30
    while not traffic.highlighter_loaded() and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert traffic.highlighter_loaded()
    assert "dept=jt&dept=sl" in page.get_by_test_id("stCode").first.inner_text()


def test_the_server_skips_what_costs_every_run_and_every_new_session():
    """.streamlit/config.toml, read as `streamlit run` reads it (from the project root): no
    gc.collect(2) after every run (about 125 of the app's 160 ms of CPU per rerun), no file
    watcher set up for every new session (about 0.2 s of CPU before its first run). A
    Streamlit upgrade that renamed either option would fail here."""
    check = "from streamlit import config; config.get_config_options(force_reparse=True); "
    check += "print(config.get_option('runner.postScriptGC'), config.get_option('server.fileWatcherType'))"
    shown = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, check=True)
    assert shown.stdout.split() == ["False", "none"]
