"""The nginx example in deploy/nginx.conf, run for real over TLS in front of two
replicas started by the systemd unit's command line, opened by host name.

Issue 7: blank page by host name on a non-default port, downloads and upload
route open to anyone with the URL, no Host check, no security headers.
Needs nginx and openssl (apt-get install nginx); skipped without nginx unless
JJ_REQUIRE_NGINX=1 (set by .ci/run).
"""

import base64
import http.client
import shutil
import socket
import ssl
import time
import urllib.parse

import pytest
from websockets.exceptions import InvalidStatus

from .browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    metric_values,
    require_chromium,
    settle,
    stop,
    wait_for_query,
)
from .conftest import ROOT
from .deploy_support import (
    CERT_COMMAND,
    HTPASSWD_HASH,
    LAN_COMMAND,
    make_certificate,
    make_htpasswd,
    open_stream,
    require_nginx,
    run_page,
    site_folder,
    site_nginx_conf,
    start_nginx,
    start_replica,
    unit_environment,
)

require_nginx()
require_chromium()

HOST = "explorer.test"
PROXY_USER, PROXY_PASSWORD = "staff", "proxy-secret-7"
APP_PASSWORD = "app-secret-7"
SHARED = "/?dept=jt&period=2021-2025"


class Site:
    def __init__(self, folder, https_port: int, http_port: int, replica_ports: list[int]):
        self.https_port = https_port
        self.http_port = http_port
        self.replica_ports = replica_ports
        self.base = f"https://{HOST}:{https_port}"
        self.tls = ssl.create_default_context(cafile=str(folder / "cert.pem"))

    def request(self, path, method="GET", credentials=True, host=HOST, headers=None, body=None):
        """One HTTPS request to nginx on 127.0.0.1, SNI and Host `host`; returns (status, headers, body)."""
        connection = _PinnedHTTPS(host, self.https_port, context=self.tls, timeout=20)
        headers = dict(headers or {})
        if credentials:
            headers["Authorization"] = basic_auth(PROXY_USER, PROXY_PASSWORD)
        try:
            connection.request(method, urllib.parse.quote(path, safe="/?=&%"), body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def stream(self, credentials=True, origin=None):
        headers = {"Authorization": basic_auth(PROXY_USER, PROXY_PASSWORD)} if credentials else {}
        sock = socket.create_connection(("127.0.0.1", self.https_port))
        return open_stream(
            self.base, sock=sock, ssl=self.tls, server_hostname=HOST, additional_headers=headers, origin=origin
        )


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to 127.0.0.1 under a host name, without touching /etc/hosts."""

    def connect(self):
        sock = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def basic_auth(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.fixture(scope="module")
def site():
    folder = site_folder()
    make_certificate(folder, HOST)
    make_htpasswd(folder / "htpasswd", PROXY_USER, PROXY_PASSWORD)
    env = unit_environment(APP_PASSWORD, HOST)
    replicas = [start_replica(env) for _ in range(2)]
    https_port, http_port = free_port(), free_port()
    conf = site_nginx_conf(folder, HOST, https_port, http_port, [port for _, port in replicas])
    nginx = start_nginx(folder, conf)
    site = Site(folder, https_port, http_port, [port for _, port in replicas])
    for _ in range(100):
        try:
            site.request("/_stcore/health")
            break
        except OSError:
            time.sleep(0.1)
    yield site
    nginx.terminate()
    nginx.wait(timeout=10)
    for process, _ in replicas:
        stop(process)
    shutil.rmtree(folder)


@pytest.fixture(scope="module")
def named_browser(browser):
    """Chromium that resolves the test's host name to 127.0.0.1 (from the session's Playwright: one per process)."""
    named = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"]
    )
    yield named
    named.close()


@pytest.fixture
def staff_page(named_browser):
    """A page that knows the proxy's password (as a browser remembers it) and the test's certificate."""
    context = named_browser.new_context(
        viewport={"width": 1400, "height": 1100},
        accept_downloads=True,
        ignore_https_errors=True,
        http_credentials={"username": PROXY_USER, "password": PROXY_PASSWORD},
    )
    yield context.new_page()
    context.close()


def log_in_to_the_app(page):
    page.locator("input[type='password']").fill(APP_PASSWORD)
    page.keyboard.press("Enter")


def test_the_app_works_by_host_name_through_the_proxy(site, staff_page):
    """Opened by name on a port other than 443, the page renders (Host keeps its port), stays on one replica."""
    staff_page.goto(site.base + SHARED)
    settle(staff_page)  # the page only runs over the upgraded websocket
    log_in_to_the_app(staff_page)
    assert metric_values(staff_page)  # the page rendered past the login: not blank
    staff_page.get_by_test_id("stSidebar").get_by_role("link", name="项目", exact=True).click()
    settle(staff_page)
    assert metric_values(staff_page)
    wait_for_query(staff_page, "dept", ["jt"])  # the filters live in the session: sticky to one replica


def test_a_download_needs_the_proxy_password(site, staff_page):
    staff_page.goto(site.base + "/项目?dept=jt&period=2021-2025")
    settle(staff_page)
    log_in_to_the_app(staff_page)
    metric_values(staff_page)
    with staff_page.expect_download() as download:
        staff_page.get_by_role("button", name="下载 CSV").click()
    path = urllib.parse.urlparse(download.value.url).path
    assert path.startswith("/media/")
    status, _, body = site.request(path)
    assert status == 200 and "交通局".encode() in body
    assert site.request(path, credentials=False)[0] == 401


@pytest.mark.parametrize(
    "path",
    ["/", "/项目?dept=jt", "/_stcore/health", "/_stcore/host-config", "/static/js/index.js", "/media/0.csv"],
)
def test_without_the_proxy_password_no_route_answers(site, path):
    status, headers, body = site.request(path, credentials=False)
    assert status == 401
    assert headers["WWW-Authenticate"].startswith("Basic")
    assert b"streamlit" not in body.lower() and b"nginx/" not in body


def test_without_the_proxy_password_the_websocket_is_refused(site):
    with pytest.raises(InvalidStatus) as refused:
        site.stream(credentials=False)
    assert refused.value.response.status_code == 401


def test_with_the_proxy_password_the_websocket_runs_the_app(site):
    with site.stream(origin=f"https://{HOST}:{site.https_port}") as stream:
        messages = run_page(stream)
    assert messages[-1].script_finished is not None
    assert any(m.WhichOneof("type") == "new_session" for m in messages)


def test_a_websocket_from_another_site_is_refused_by_the_proxy(site):
    with pytest.raises(InvalidStatus) as refused:
        site.stream(origin="https://evil.example")
    assert refused.value.response.status_code == 403


@pytest.mark.parametrize("credentials", [True, False])
@pytest.mark.parametrize(
    "method, path",
    [
        ("PUT", "/_stcore/upload_file/session/file"),
        ("POST", "/_stcore/upload_file"),
        ("GET", "/_stcore/metrics"),
        ("GET", "/_stcore/agent/openapi.json"),
    ],
)
def test_routes_the_app_does_not_use_are_blocked(site, method, path, credentials):
    body = b"x" * 100 if method != "GET" else None
    assert site.request(path, method=method, credentials=credentials, body=body)[0] == 404


def test_a_large_request_body_is_refused(site):
    assert site.request("/", method="POST", body=b"x" * 100_000)[0] == 413


def test_security_headers_on_every_answer(site):
    for credentials in (True, False):
        status, headers, _ = site.request("/", credentials=credentials)
        assert status == (200 if credentials else 401)
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Content-Security-Policy"] == "frame-ancestors 'none'"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["Server"] == "nginx"  # no version


def test_another_host_name_gets_no_certificate(site):
    """DNS rebinding: a name that is not the site's is refused at the TLS handshake."""
    with pytest.raises(ssl.SSLError):
        site.request("/", host="evil.example")


def test_another_host_header_gets_no_answer(site):
    with pytest.raises(http.client.RemoteDisconnected):
        site.request("/", headers={"Host": "evil.example"})


def test_plain_http_by_name_redirects_to_https_and_by_address_gets_no_answer(site):
    connection = http.client.HTTPConnection("127.0.0.1", site.http_port, timeout=10)
    connection.request("GET", urllib.parse.quote("/项目?dept=jt"), headers={"Host": HOST})
    response = connection.getresponse()
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}" + urllib.parse.quote("/项目?dept=jt")
    connection = http.client.HTTPConnection("127.0.0.1", site.http_port, timeout=10)
    connection.request("GET", "/")
    with pytest.raises(http.client.RemoteDisconnected):
        connection.getresponse()


def test_the_app_refuses_a_websocket_for_another_host_even_without_the_proxy(site):
    """server.allowedHosts from the environment file, checked on a replica's loopback port."""
    port = site.replica_ports[0]

    def stream_as(name):
        return open_stream(f"http://{name}:{port}", sock=socket.create_connection(("127.0.0.1", port)))

    with stream_as(HOST) as stream:
        assert run_page(stream)[-1].WhichOneof("type") == "script_finished"
    with pytest.raises(InvalidStatus) as refused:
        stream_as("evil.example")
    assert refused.value.response.status_code == 403


def test_health_check_on_each_replica_and_through_the_proxy(site):
    for port in site.replica_ports:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/_stcore/health")
        assert connection.getresponse().read() == b"ok"
    assert site.request("/_stcore/health")[2] == b"ok"


def test_the_readme_gives_the_tested_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert CERT_COMMAND in readme
    assert HTPASSWD_HASH in readme
    assert LAN_COMMAND in readme
