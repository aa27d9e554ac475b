"""The page's URL on the Streamlit side: read and write its query parameters,
and collect the notices about values dropped from it (or from a widget),
shown once per page."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

NOTICES = "url_notices"


def current_query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def write_query(wanted: dict[str, list[str]], managed: set[str]) -> None:
    """Make the URL's ``managed`` parameters equal ``wanted``; leave the others."""
    for param in managed:
        current = st.query_params.get_all(param)
        target = wanted.get(param, [])
        if current == target:
            continue
        if target:
            st.query_params[param] = target
        else:
            del st.query_params[param]


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
