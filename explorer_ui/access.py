"""Optional access control: a password from $JJ_PASSWORD or .streamlit/secrets.toml."""

from __future__ import annotations

import hmac
import os

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from .navigation import APP_TITLE

PASSWORD_ENV = "JJ_PASSWORD"
AUTHENTICATED = "authenticated"


def configured_password() -> str | None:
    """The access password, or None when none is configured (open for local use)."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    try:
        secret = st.secrets.get("password")
    except StreamlitSecretNotFoundError:  # no secrets.toml at all
        return None
    return str(secret) if secret else None


def require_password() -> None:
    """Show only a password form, on every page, until the right password is given."""
    password = configured_password()
    if password is None or st.session_state.get(AUTHENTICATED):
        return
    st.title(APP_TITLE)
    with st.form("login"):
        entered = st.text_input("访问密码", type="password")
        submitted = st.form_submit_button("进入")
    if submitted:
        if hmac.compare_digest(entered.encode(), password.encode()):
            st.session_state[AUTHENTICATED] = True
            st.rerun()
        st.error("密码不正确，请重试。")
    st.stop()
