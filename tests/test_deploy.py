"""The nginx example in deploy/nginx.conf, run for real in front of two replicas.

Needs nginx (apt-get install nginx); skipped without it unless
JJ_REQUIRE_NGINX=1 (set by .ci/run).
"""

import os
import re
import shutil
import subprocess
import time
import urllib.request

import pytest

from .browser_support import free_port, metric_values, require_chromium, settle, start_server, stop
from .conftest import ROOT

NGINX = shutil.which("nginx") or (os.path.exists("/usr/sbin/nginx") and "/usr/sbin/nginx")
if not NGINX:
    if os.environ.get("JJ_REQUIRE_NGINX") == "1":
        pytest.fail("JJ_REQUIRE_NGINX=1 but nginx is not installed (apt-get install nginx)")
    pytest.skip("nginx not found: apt-get install nginx to test the deployment example", allow_module_level=True)
require_chromium()


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nginx")
    replicas = [start_server({"JJ_PASSWORD": ""}) for _ in range(2)]
    port = free_port()
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    upstreams = iter(base.rsplit(":", 1)[1] for _, base in replicas)
    conf = re.sub(r"server 127\.0\.0\.1:850\d;", lambda _: f"server 127.0.0.1:{next(upstreams)};", conf)
    conf = conf.replace("listen 8080;", f"listen 127.0.0.1:{port};")
    (folder / "nginx.conf").write_text(conf, encoding="utf-8")
    nginx = subprocess.Popen(
        [
            NGINX,
            "-p",
            str(folder),
            "-c",
            str(folder / "nginx.conf"),
            "-g",
            f"daemon off; pid {folder}/nginx.pid; error_log {folder}/error.log;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    nginx.terminate()
    nginx.wait(timeout=10)
    for process, _ in replicas:
        stop(process)


def test_health_check_through_the_proxy(proxied):
    assert urllib.request.urlopen(proxied + "/_stcore/health", timeout=5).read() == b"ok"


def test_the_app_works_through_the_proxy(proxied, page):
    page.goto(proxied + "/?dept=jt&period=2021-2025")
    settle(page)  # the page only finishes running over the upgraded websocket
    assert metric_values(page)["项目数（个）"] == ["38"]
    page.get_by_test_id("stSidebar").get_by_role("link", name="项目", exact=True).click()
    settle(page)
    assert metric_values(page)["项目数（个）"] == ["38"]  # same session: sticky to one replica
