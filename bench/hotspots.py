"""Where a page's rerun spends its time: cProfile over AppTest reruns.

    .venv/bin/python bench/hotspots.py [--runs 20] [--top 12] [--page 总览 ...]

For each page, profiled separately for the plain rerun (same filters) and
the rerun right after a filter change (nothing cached yet):
- ms per rerun under the profiler (slower than bench/rerun.py; compare
  shares, not absolute times),
- the share of self time per layer (the app's own code, pandas, plotly,
  pyarrow, Streamlit, ...),
- the calls made from the app's code, ranked by cumulative ms per rerun:
  its own functions and the Streamlit calls it makes (``st.plotly_chart``,
  ``st.dataframe``, a URL write is ``QueryParamsProxy.__setitem__``).

AppTest leaves out what the server adds to every rerun: the full garbage
collection after each script run (``runner.postScriptGC``) and the
websocket; ``bench/protoload.py floor`` measures those.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.rerun import fresh_filters  # noqa: E402
from bench.script_runs import each_script_run  # noqa: E402
from explorer_ui.filters_view import MAIN  # noqa: E402
from explorer_ui.navigation import HOME, PAGES  # noqa: E402

APP_DIRS = tuple(str(ROOT / d) + os.sep for d in ("explorer_ui", "jjdata", "pages"))
LAYERS = (  # (layer, path fragment), first match wins
    ("streamlit", f"{os.sep}streamlit{os.sep}"),
    ("plotly", f"{os.sep}plotly{os.sep}"),
    ("plotly", f"{os.sep}_plotly_utils{os.sep}"),
    ("narwhals", f"{os.sep}narwhals{os.sep}"),
    ("pandas", f"{os.sep}pandas{os.sep}"),
    ("numpy", f"{os.sep}numpy{os.sep}"),
    ("pyarrow", f"{os.sep}pyarrow{os.sep}"),
    ("protobuf", f"{os.sep}google{os.sep}protobuf{os.sep}"),
)
METRICS_WRAPPER = "streamlit.runtime.metrics_util:wrapped_func"
MEMO_LOOKUP = "jjdata.memo:get"

Function = tuple[str, int, str]  # pstats key: file, line, name


def is_app(function: Function) -> bool:
    path = function[0]
    return path.startswith(APP_DIRS) or path == str(ROOT / HOME.script)


def layer(function: Function) -> str:
    path = function[0]
    if is_app(function):
        return "app code"
    if path == "~":
        return "builtins"
    return next((name for name, fragment in LAYERS if fragment in path), "other")


def label(function: Function) -> str:
    path, _, name = function
    if path == "~":
        return name
    short = Path(path)
    for parent in (ROOT, *[Path(p) for p in sys.path if "site-packages" in p]):
        if short.is_relative_to(parent):
            short = short.relative_to(parent)
            break
    return f"{short.with_suffix('')}:{name}".replace(os.sep, ".")


def profile_page(page_script: str, runs: int, changed: bool) -> pstats.Stats:
    at = AppTest.from_file(str(ROOT / HOME.script), default_timeout=120)
    at.run()
    if page_script != HOME.script:
        at.switch_page(page_script)
    at.run()  # warm: imports, caches, first render
    profiler = cProfile.Profile()
    for i in range(runs):
        if changed:  # a new filter set each time: no answer of it is cached yet
            at.session_state[MAIN.store] = fresh_filters(i)
        with each_script_run(profiler.enable, profiler.disable):
            at.run()
        if at.exception:
            raise SystemExit(f"{page_script}: {at.exception}")
    return pstats.Stats(profiler)


def report(title: str, stats: pstats.Stats, runs: int, top: int) -> None:
    table = stats.stats  # type: ignore[attr-defined]  # {function: (cc, nc, tt, ct, callers)}
    total = sum(tt for _, _, tt, _, _ in table.values())
    by_layer: dict[str, float] = defaultdict(float)
    for function, (_, _, tt, _, _) in table.items():
        by_layer[layer(function)] += tt
    shares = ", ".join(f"{name} {t / total:.0%}" for name, t in sorted(by_layer.items(), key=lambda x: -x[1]))
    print(f"\n### {title}: {total / runs * 1000:.1f} ms per rerun under the profiler")
    print(f"self time by layer: {shares}")
    # Streamlit's st.* functions are wrapped for its usage metrics: look through the wrapper.
    wrappers = {f for f in table if label(f).endswith(METRICS_WRAPPER)}

    def from_app(function: Function) -> bool:
        return any(is_app(c) or (c in wrappers and from_app(c)) for c in table[function][4])

    entry = [f for f in table if f not in wrappers and (is_app(f) or from_app(f))]
    entry.sort(key=lambda f: -table[f][3])
    print("| call | from | calls per rerun | cumulative ms per rerun | share |")
    print("|---|---|---:|---:|---:|")
    for function in [f for f in entry if not label(f).endswith(":<module>")][:top]:
        _, calls, _, cumulative, _ = table[function]
        origin = "app" if is_app(function) else "called by app"
        print(
            f"| `{label(function)}` | {origin} | {calls / runs:g} | {cumulative / runs * 1000:.1f} "
            f"| {cumulative / total:.0%} |"
        )
    # A memo computes only on a miss: what it computed is what was not cached.
    lookups = sum(row[1] for f, row in table.items() if label(f).endswith(MEMO_LOOKUP))
    computed = [
        (f, row) for f, row in table.items() if f[0] != "~" and any(label(c).endswith(MEMO_LOOKUP) for c in row[4])
    ]
    misses = ", ".join(
        f"{label(f)} (line {f[1]}) {row[1] / runs:g}× {row[3] / runs * 1000:.1f} ms"
        for f, row in sorted(computed, key=lambda x: -x[1][3])
    )
    print(f"memo: {lookups / runs:g} lookups per rerun; computed on a miss: {misses or 'nothing'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--page", action="append", choices=list(PAGES), help="only these pages")
    args = parser.parse_args()
    os.chdir(ROOT)
    for title in args.page or PAGES:
        for changed in (False, True):
            stats = profile_page(PAGES[title].script, args.runs, changed)
            kind = "after a filter change" if changed else "rerun, same filters"
            report(f"{title} · {kind}", stats, args.runs, args.top)


if __name__ == "__main__":
    main()
