"""Helpers for the deployment tests: the examples in deploy/ run as written,
with only their site values (ports, host name, file paths) swapped for the
test's, and a Streamlit websocket client that speaks the protocol directly."""

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import ClientConnection, connect

from .browser_support import free_port
from .conftest import ROOT

DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "jinjiang-explorer@.service"
NGINX_CONF = DEPLOY / "nginx.conf"
ENV_EXAMPLE = DEPLOY / "explorer.env.example"
CHECKOUT = "/opt/jinjiang-explorer"
EXAMPLE_HOST = "explorer.intranet.example"

# The administrator's commands, word for word as in the README (a test checks
# that the README still has them).
CERT_COMMAND = (
    "openssl req -x509 -newkey rsa:3072 -nodes -days 825 -subj /CN=$NAME "
    '-addext "subjectAltName=DNS:$NAME" -keyout key.pem -out cert.pem'
)
HTPASSWD_HASH = "openssl passwd -6"
LAN_COMMAND = ".venv/bin/streamlit run app.py --server.address 0.0.0.0 --server.port 8501 --server.headless true"

NGINX_GROUP = "www-data"  # the `user` of deploy/nginx.conf
NGINX = shutil.which("nginx") or (os.path.exists("/usr/sbin/nginx") and "/usr/sbin/nginx")


def require_nginx() -> None:
    """Skip the calling module without nginx, unless CI requires it."""
    if NGINX:
        return
    if os.environ.get("JJ_REQUIRE_NGINX") == "1":
        pytest.fail("JJ_REQUIRE_NGINX=1 but nginx is not installed (apt-get install nginx)")
    pytest.skip("nginx not found: apt-get install nginx to test the deployment example", allow_module_level=True)


def unit_settings() -> dict[str, list[str]]:
    """The [Service] settings of the systemd unit, each key with all its values."""
    settings: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def unit_environment(password: str, host: str) -> dict[str, str]:
    """The unit's Environment= lines plus the example environment file, with the test's values."""
    env: dict[str, str] = {}
    for assignment in unit_settings()["Environment"]:
        key, value = assignment.split("=", 1)
        env[key] = value
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    assert env["JJ_PASSWORD"] == "change-me" and env["STREAMLIT_SERVER_ALLOWED_HOSTS"] == EXAMPLE_HOST
    env["JJ_PASSWORD"] = password
    env["STREAMLIT_SERVER_ALLOWED_HOSTS"] = host
    return env


def unit_command(key: str, port: int, python: str = sys.executable) -> list[str]:
    """ExecStart or ExecStartPre as the unit runs it, with this checkout's Python."""
    words = shlex.split(unit_settings()[key][0].replace("%i", str(port)))
    venv = f"{CHECKOUT}/.venv/bin/"
    assert words[0].startswith(venv), words
    program = words[0].removeprefix(venv)
    return [python, *(["-m", "streamlit"] if program == "streamlit" else []), *words[1:]]


def start_replica(
    env: dict[str, str | None], port: int | None = None, log: Path | None = None, command: list[str] | None = None
) -> tuple[subprocess.Popen, int]:
    """Run the unit's ExecStart (or `command`) on a free port, from this checkout, and wait for
    its health check. A None value in `env` removes that variable."""
    port = port or free_port()
    environment = {key: value for key, value in {**os.environ, **env}.items() if value is not None}
    process = subprocess.Popen(
        command or unit_command("ExecStart", port),
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w") if log else subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return process, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    pytest.fail(f"{command or 'the unit ExecStart'} did not start a healthy server")


def lan_command(port: int) -> list[str]:
    """The README's command for one machine on the LAN, with this checkout's Python and `port`."""
    words = LAN_COMMAND.replace("--server.port 8501", f"--server.port {port}").split()
    assert words[0] == ".venv/bin/streamlit"
    return [sys.executable, "-m", "streamlit", *words[1:]]


def make_certificate(folder: Path, name: str) -> None:
    """A self-signed certificate for `name`, by the README's command."""
    subprocess.run(
        ["bash", "-c", CERT_COMMAND], cwd=folder, env={**os.environ, "NAME": name}, check=True, capture_output=True
    )


def make_htpasswd(path: Path, user: str, password: str) -> None:
    """One htpasswd line, hashed by the README's command (fed on stdin instead of typed),
    readable by nginx's workers only, as the README sets it."""
    hashed = subprocess.run(
        [*HTPASSWD_HASH.split(), "-stdin"], input=password, text=True, check=True, capture_output=True
    ).stdout.strip()
    path.write_text(f"{user}:{hashed}\n", encoding="utf-8")
    shutil.chown(path, group=NGINX_GROUP)
    path.chmod(0o640)


def site_folder() -> Path:
    """A folder nginx's workers can read (pytest's own temporary folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="jj-site-"))
    folder.chmod(0o755)
    return folder


def site_nginx_conf(folder: Path, host: str, https_port: int, http_port: int, upstream_ports: list[int]) -> str:
    """deploy/nginx.conf with the test's site values; every swapped value must be found."""
    conf = NGINX_CONF.read_text(encoding="utf-8")
    swaps = [
        ("listen 443 ssl default_server;", f"listen 127.0.0.1:{https_port} ssl default_server;"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        ("listen 80 default_server;", f"listen 127.0.0.1:{http_port} default_server;"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        (f"server_name {EXAMPLE_HOST};", f"server_name {host};"),
        ("/etc/nginx/jinjiang-explorer/", f"{folder}/"),
        ("/var/log/nginx/", f"{folder}/"),
    ]
    for old, new in swaps:
        assert old in conf, f"deploy/nginx.conf no longer has {old!r}"
        conf = conf.replace(old, new)
    upstreams = iter(upstream_ports)
    conf, count = re.subn(r"server 127\.0\.0\.1:850\d;", lambda _: f"server 127.0.0.1:{next(upstreams)};", conf)
    assert count == len(upstream_ports)
    return conf


def start_nginx(folder: Path, conf: str) -> subprocess.Popen:
    (folder / "nginx.conf").write_text(conf, encoding="utf-8")
    command = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", f"pid {folder}/nginx.pid;"]
    tested = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert tested.returncode == 0, tested.stderr
    return subprocess.Popen([*command[:-1], f"daemon off; pid {folder}/nginx.pid;"], stderr=subprocess.DEVNULL)


def resident_memory_mb(pid: int) -> float:
    """A process's resident memory now (VmRSS), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def open_stream(base: str, **connect_options) -> ClientConnection:
    """A websocket to /_stcore/stream, as the browser opens it (without a browser)."""
    url = base.replace("https://", "wss://").replace("http://", "ws://") + "/_stcore/stream"
    return connect(url, subprotocols=["streamlit"], open_timeout=30, **connect_options)


def rerun_message(query: str) -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = query
    return message.SerializeToString()


def run_page(stream: ClientConnection, query: str = "") -> list[ForwardMsg]:
    """Ask for a run of the home page and collect what the server sends until it finishes."""
    stream.send(rerun_message(query))
    received = []
    while True:
        message = ForwardMsg()
        message.ParseFromString(stream.recv(timeout=60))
        received.append(message)
        if message.WhichOneof("type") == "script_finished":
            return received


def shown_metrics(messages: list[ForwardMsg]) -> dict[str, str]:
    """Label -> value of every st.metric in the messages; fails on an exception element."""
    metrics = {}
    for message in messages:
        element = message.delta.new_element
        assert element.WhichOneof("type") != "exception", element.exception
        if element.WhichOneof("type") == "metric":
            metrics[element.metric.label] = element.metric.body
    return metrics
