"""The page's URL on the Streamlit side: read its query parameters, write them
once per run, tell a Back/Forward run apart, and collect the notices about
values dropped from it (or from a widget), shown once per page.

Why one write per run: every change Streamlit makes to the query string is a
new browser history entry, so writing parameter by parameter left entries
that were never a view (重置筛选 from 交通局 + “十四五” pushed ``?period=…``
and then the empty query), and Back landed on them.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import get_script_run_ctx

NOTICES = "url_notices"
PENDING = "url_pending"  # parameters this run wants in the URL, written by flush_query


def browser_navigated() -> bool:
    """Whether this run comes from the browser's Back or Forward button.

    Then the address bar holds the view to restore, and it wins over the
    session's store. (Streamlit 1.67 marks such runs; a version that does not
    makes this False, and the app keeps the address bar in step with its store.)
    """
    return bool(getattr(get_script_run_ctx(), "is_history_navigation", False))


def seeded_from_url(key: str) -> bool:
    """Whether the session value under ``key`` must be read from the URL now:
    its first run, or the browser went Back/Forward."""
    return key not in st.session_state or browser_navigated()


def current_query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def start_run() -> None:
    """Forget what an interrupted run wanted to write."""
    st.session_state[PENDING] = {}


def write_query(wanted: dict[str, list[str]], managed: set[str]) -> None:
    """Make the URL's ``managed`` parameters equal ``wanted`` (at the end of the run); leave the others."""
    pending = st.session_state.setdefault(PENDING, {})
    for param in sorted(managed):
        pending[param] = list(wanted.get(param, []))


def query_after_run() -> dict[str, list[str]]:
    """The query string this run leaves: the URL's, with the parameters the run wrote replaced."""
    pending: dict[str, list[str]] = st.session_state.get(PENDING, {})
    query = {key: pending.get(key, values) for key, values in current_query().items()}
    query |= {key: values for key, values in pending.items() if key not in query}
    return {key: values for key, values in query.items() if values}


def flush_query() -> None:
    """Write the run's parameters to the URL in one step (one history entry), if they changed it."""
    query = query_after_run()
    if query != current_query():
        st.query_params.from_dict(query)
    start_run()


def add_notice(text: str) -> None:
    st.session_state[NOTICES] = [*st.session_state.get(NOTICES, []), text]


def clear_notices() -> None:
    st.session_state[NOTICES] = []


def show_notices(slot: DeltaGenerator) -> None:
    """Say what was dropped from the link (or a widget), once, where it happened.

    The notices quote the dropped values, so they are plain text, never
    markdown: ``https://…`` or ``www.…`` would become a link there, and a
    newline plus an indent a code block.
    """
    notices = list(dict.fromkeys(st.session_state.get(NOTICES) or []))
    if notices:
        with slot.container():
            st.warning("以下内容无法识别，已忽略：")
            st.text("\n".join(notices))
        clear_notices()
