"""Limits on what a client can make the server hold before anyone has logged in,
and what the server fetches by itself (issue 7: 16 clients x 24 MB took a
replica from 168 MB to 1.1 GB; an external-IP lookup at start).

The replicas run the systemd unit's command line with its environment.
"""

import textwrap
import tomllib
from contextlib import ExitStack

import pytest
from websockets.exceptions import ConnectionClosed

from .browser_support import free_port, require_chromium, settle, stop
from .conftest import ROOT
from .deploy_support import (
    lan_command,
    open_stream,
    rerun_message,
    resident_memory_mb,
    run_page,
    shown_metrics,
    start_replica,
    unit_environment,
)

SERVER_CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]
MESSAGE_LIMIT = SERVER_CONFIG["maxMessageSize"] * 1_000_000  # what the app may send, and uvicorn's frame limit
CLIENT_LIMIT = SERVER_CONFIG["maxWidgetStateSize"] * 1_000_000  # what a client may send
ATTACKERS = 12
ATTACK_SIZE = 20_000_000  # under Streamlit's default limit of 25 MB


@pytest.fixture(scope="module")
def replica():
    process, port = start_replica(unit_environment("app-secret-7", "127.0.0.1"))
    yield process, f"http://127.0.0.1:{port}"
    stop(process)


def test_a_message_over_the_limit_is_refused_before_login_and_the_server_does_not_grow(replica):
    process, base = replica
    with open_stream(base) as stream:
        run_page(stream)  # the password form: the server has loaded everything it needs
    before = resident_memory_mb(process.pid)
    huge = rerun_message("q=" + "x" * ATTACK_SIZE)
    closed = []
    with ExitStack() as attackers:  # all connected at once, as in the issue
        for stream in [attackers.enter_context(open_stream(base, max_size=None)) for _ in range(ATTACKERS)]:
            try:
                stream.send(huge)
                stream.recv(timeout=30)
            except ConnectionClosed as refused:
                # 1009 "message too big"; None when the server hung up before the client had sent it all
                closed.append(refused.rcvd.code if refused.rcvd else None)
    assert len(closed) == ATTACKERS and set(closed) <= {1009, None} and 1009 in closed, closed
    grown = resident_memory_mb(process.pid) - before
    assert grown < 40, f"the server grew by {grown:.0f} MB"
    with open_stream(base) as stream:  # and it still serves
        assert run_page(stream, "dept=jt&period=2021-2025")[-1].WhichOneof("type") == "script_finished"


def test_a_message_just_over_the_client_limit_is_refused(replica):
    _, base = replica
    with open_stream(base, max_size=None) as stream:
        stream.send(rerun_message("q=" + "x" * CLIENT_LIMIT))
        with pytest.raises(ConnectionClosed) as refused:
            stream.recv(timeout=30)
    assert refused.value.rcvd.code == 1009


def test_the_largest_messages_of_every_page_are_far_under_the_limits(page):
    """The limits leave a safety factor over what the pages really send and receive."""
    require_chromium()
    process, port = start_replica({"JJ_PASSWORD": None, "JJ_AUTH": None})  # no password: the pages themselves
    sent, received = [0], [0]

    def watch(websocket):
        websocket.on("framesent", lambda frame: sent.append(len(frame)))
        websocket.on("framereceived", lambda frame: received.append(len(frame)))

    try:
        page.on("websocket", watch)
        page.goto(f"http://127.0.0.1:{port}/")  # no filter: the most rows
        settle(page)
        for name in ["项目", "部门", "领导点评", "情景对比", "原文", "数据说明"]:
            page.get_by_test_id("stSidebar").get_by_role("link", name=name, exact=True).click()
            settle(page)
        page.goto(f"http://127.0.0.1:{port}/?dept=jt")
        settle(page)
        treemap = page.locator(".stPlotlyChart").nth(1)  # a click on a chart sends its selection
        treemap.scroll_into_view_if_needed()
        box = treemap.locator("g.slice").filter(has_text="综合交通").first.bounding_box()
        clicks_before = len(sent)
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        settle(page)
        assert len(sent) > clicks_before
    finally:
        stop(process)
    assert max(received) > 10_000 and max(received) * 10 < MESSAGE_LIMIT, max(received)
    assert max(sent) > 0 and max(sent) * 100 < CLIENT_LIMIT, max(sent)


OUTBOUND_GUARD = textwrap.dedent(
    """
    # Loaded by Python at start (sitecustomize): every name lookup or connection
    # to anything but this machine is written down and then refused.
    import ipaddress, os, socket

    _log = os.environ["JJ_OUTBOUND_LOG"]
    open(_log + ".loaded", "w").close()
    _LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}

    def _refuse(what):
        with open(_log, "a") as log:
            log.write(f"{what}\\n")
        raise OSError(f"outbound connection refused by the test: {what}")

    def _is_local(host):
        try:
            return ipaddress.ip_address(host).is_loopback or host == "0.0.0.0"
        except ValueError:
            return host in _LOCAL_NAMES

    _getaddrinfo = socket.getaddrinfo
    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host or "")
        if not _is_local(name):
            _refuse(f"lookup {name}")
        return _getaddrinfo(host, *args, **kwargs)
    socket.getaddrinfo = getaddrinfo

    _connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
    def _checked(original):
        def connect(self, address):
            if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
                _refuse(f"connect {address[0]}")
            return original(self, address)
        return connect
    socket.socket.connect = _checked(_connect)
    socket.socket.connect_ex = _checked(_connect_ex)
    """
)


@pytest.mark.parametrize(
    "command",
    [
        "unit",  # the systemd unit's ExecStart
        "lan",  # README: one machine on the LAN, no proxy
    ],
)
def test_starting_and_opening_a_page_fetches_nothing(tmp_path, command):
    (tmp_path / "sitecustomize.py").write_text(OUTBOUND_GUARD, encoding="utf-8")
    log = tmp_path / "outbound.log"
    env = {"PYTHONPATH": str(tmp_path), "JJ_OUTBOUND_LOG": str(log), "JJ_PASSWORD": None, "JJ_AUTH": None}
    port = free_port()
    process, _ = start_replica(env, port, command=lan_command(port) if command == "lan" else None)
    try:
        with open_stream(f"http://127.0.0.1:{port}") as stream:
            messages = run_page(stream, "dept=jt&period=2021-2025")
    finally:
        stop(process)
    assert shown_metrics(messages)  # the real page, not an error or password page
    assert (tmp_path / "outbound.log.loaded").exists()  # the guard ran in the server
    assert not log.exists(), log.read_text()
