"""The password gate every page passes first, and the start-up check
``python -m explorer_ui.access check`` (exit 0 and the mode when the
configuration can be used, exit 1 and the reason when not).

What counts as a usable configuration is in ``password_config``; how often a
password may be tried is in ``login_brake``. A login lives in the session of
one browser tab: moving inside the app (sidebar, 看原文) keeps it; a new tab,
a reload or a server restart asks again.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import logging
import os
import secrets
import sys
import threading
from pathlib import Path

import streamlit as st
from streamlit import config
from streamlit.logger import get_logger

from .login_brake import LoginBrake, SessionAttempts, Verdict
from .navigation import APP_TITLE
from .password_config import AccessConfig, resolve
from .text import escape_markdown

LOG = get_logger(__name__)  # Streamlit's own handler, so the lines land in the server log
BRAKE = LoginBrake()
LOGGED_IN = "access_logged_in"  # session: the gate key of the password it logged in with
ATTEMPTS = "access_attempts"  # session: its SessionAttempts
RECHECK_SECONDS = 30
APP_DIR = Path(__file__).resolve().parent.parent
LOCKED = "已连续多次输错密码，本页已锁定，不能再试。请向管理员确认密码后，关闭并重新打开网页。"

_PROCESS_KEY = secrets.token_bytes(32)  # sessions keep a keyed digest of the password, never the password
_logged_summary: str | None = None
_log_lock = threading.Lock()


def current_config() -> AccessConfig:
    """Read on every run, so a secrets file broken while the server runs closes the app."""
    files = [Path(p) for p in config.get_option("secrets.files")]
    return resolve(os.environ, files, shown_from=Path.cwd())


def require_password() -> None:
    """Let the run go on only when the session may see data; otherwise show the
    configuration error or the login form, and stop."""
    access = current_config()
    _log_summary(access)
    if access.mode == "error":
        _error_page(access)
        st.stop()
    key = _gate_key(access)
    if access.mode == "password" and st.session_state.get(LOGGED_IN) != key:
        _login_page(access.password or "", key)
        st.stop()
    _recheck(key)


def _gate_key(access: AccessConfig) -> str:
    """Changes whenever what a session may see changes: mode, or password."""
    if access.mode != "password":
        return access.mode
    return hmac.new(_PROCESS_KEY, (access.password or "").encode(), hashlib.sha256).hexdigest()


@st.fragment(run_every=RECHECK_SECONDS)
def _recheck(key: str) -> None:
    """Re-read the configuration every half minute, without a click: a password
    broken or changed on the server closes open pages. It also makes the browser
    rerun the page by itself when its connection comes back (Streamlit does so
    for pages with a timed fragment), so after a server restart a protected
    page turns into the login form instead of showing the old data."""
    if _gate_key(current_config()) != key:
        st.rerun()


def _error_page(access: AccessConfig) -> None:
    st.title(APP_TITLE)
    st.error("网站暂时不能使用：访问密码的设置有误。为安全起见，不显示任何数据。")
    problems = "\n".join(f"- {escape_markdown(p.text())}" for p in access.problems)
    st.markdown(f"**请管理员处理：**\n\n{problems}")
    st.caption("改好文件后刷新本页即可；改了环境变量要重启服务。检查命令：`python -m explorer_ui.access check`")


def _login_page(password: str, key: str) -> None:
    st.title(APP_TITLE)
    attempts: SessionAttempts = st.session_state.setdefault(ATTEMPTS, SessionAttempts())
    if BRAKE.locked(attempts):
        st.error(LOCKED)
        return
    form = st.empty()
    with form.form("login", clear_on_submit=True):
        entered = st.text_input("访问密码", type="password")
        submitted = st.form_submit_button("进入")
    if not submitted:
        return
    verdict = BRAKE.admit(attempts)
    if verdict.outcome != "check":
        _log_attempt(f"login refused unchecked ({verdict.outcome})", attempts)
        st.error(_refusal(verdict))
        return
    if not hmac.compare_digest(entered.encode(), password.encode()):
        wait = BRAKE.failed(attempts)
        _log_attempt("wrong password", attempts)
        if BRAKE.locked(attempts):
            form.empty()
            st.error(LOCKED)
        else:
            st.error(f"密码不正确。请 {wait} 秒后再试。")
        return
    BRAKE.succeeded(attempts)
    st.session_state[LOGGED_IN] = key
    st.rerun()


def _refusal(verdict: Verdict) -> str:
    if verdict.outcome == "wait":
        return f"上次密码不正确，请 {verdict.seconds} 秒后再试。"
    if verdict.outcome == "busy":
        return f"这几分钟尝试登录的次数太多，为防止有人猜密码，暂停登录。请约 {verdict.seconds} 秒后再试。"
    return LOCKED


def client_address() -> tuple[str, str, str]:
    """The connection's address, and what a proxy says in X-Forwarded-For and
    X-Real-IP: for the log only, as the headers can be forged."""
    ip = st.context.ip_address
    headers = st.context.headers
    return (
        ip if isinstance(ip, str) else "local",
        *(ascii(value[:200]) if (value := headers.get(name)) else "-" for name in ("X-Forwarded-For", "X-Real-IP")),
    )


def _log_attempt(what: str, attempts: SessionAttempts) -> None:
    ip, forwarded_for, real_ip = client_address()
    LOG.warning(
        "access: %s; session failures %d/%d; client %s; X-Forwarded-For %s; X-Real-IP %s",
        what,
        attempts.failures,
        BRAKE.lock_after,
        ip,
        forwarded_for,
        real_ip,
    )


def _log_summary(access: AccessConfig) -> None:
    """Say in the server log whether a password is in force: at the first run, and when it changes."""
    global _logged_summary
    summary = access.summary()
    with _log_lock:
        if summary == _logged_summary:
            return
        _logged_summary = summary
    details = "".join(f" [{p.detail}]" for p in access.problems if p.detail)
    LOG.log(logging.ERROR if access.mode == "error" else logging.WARNING, "access: %s%s", summary, details)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m explorer_ui.access", description="检查访问密码的配置（在应用的目录中、服务启动前运行）。"
    )
    parser.add_argument("command", choices=["check"], help="配置可用：打印模式，返回 0；有误：打印原因，返回 1")
    parser.parse_args(argv)
    files = [Path(p) for p in config.get_option("secrets.files")]
    app_secrets = APP_DIR / ".streamlit" / "secrets.toml"  # `streamlit run app.py` reads it too
    if app_secrets not in files:
        files.append(app_secrets)
    access = resolve(os.environ, files, shown_from=Path.cwd())
    if access.mode == "error":
        print("访问密码的配置有误，服务不应启动：", file=sys.stderr)
        for problem in access.problems:
            print(f"- {problem.text()}" + (f"（{problem.detail}）" if problem.detail else ""), file=sys.stderr)
        return 1
    print(f"访问控制：{access.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
