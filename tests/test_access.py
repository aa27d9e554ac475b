"""The password gate (issue 7, items 1 and 5): with a password, no page shows
any data until it is given; a configuration that cannot be used shows an
error page and no data; guessing is slowed, locked, limited and logged."""

import logging
import os
import subprocess
import sys

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from explorer_ui import access
from explorer_ui.login_brake import LoginBrake
from explorer_ui.navigation import HOME, PAGES

from .conftest import ROOT

SECRET = "晋江-2021-测试"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    """No password from the machine running the tests; a fresh brake on a fake clock;
    Streamlit's secrets files pointed at one temporary file (absent unless a test writes it)."""
    monkeypatch.chdir(ROOT)
    for name in ("JJ_PASSWORD", "JJ_AUTH"):
        monkeypatch.delenv(name, raising=False)
    clock = FakeClock()
    monkeypatch.setattr(access, "BRAKE", LoginBrake(clock=clock))
    secrets = tmp_path / "secrets.toml"
    original = config.get_option
    monkeypatch.setattr(
        config, "get_option", lambda name: [str(secrets)] if name == "secrets.files" else original(name)
    )
    return clock, secrets


@pytest.fixture
def clock(isolated):
    return isolated[0]


@pytest.fixture
def secrets_file(isolated):
    return isolated[1]


def app(**params):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def locked_app(monkeypatch, **params):
    monkeypatch.setenv("JJ_PASSWORD", SECRET)
    return app(**params)


def shown_text(at):
    return " ".join(e.value for e in [*at.markdown, *at.caption, *at.error, *at.warning, *at.title])


def assert_no_data(at):
    assert not at.exception
    assert not at.metric and not at.dataframe and not at.table and not at.multiselect and not at.sidebar.code
    shown = shown_text(at)
    assert "亿元" not in shown and "晋江市领导" not in shown and "交通局" not in shown


def assert_only_the_form(at):
    assert at.text_input[0].label == "访问密码"
    assert_no_data(at)


def try_password(at, password):
    at.text_input[0].input(password)
    at.button[0].click().run()
    return at


@pytest.mark.parametrize("page", [p.script for p in PAGES.values()])
def test_every_page_shows_only_the_form(monkeypatch, page):
    at = locked_app(monkeypatch).run()
    if page != HOME.script:
        at.switch_page(page).run()  # as when a page is opened by its own URL
    assert_only_the_form(at)


def test_wrong_password_is_refused(monkeypatch):
    at = try_password(locked_app(monkeypatch).run(), "wrong")
    assert at.error[0].value == "密码不正确。请 1 秒后再试。"
    assert_only_the_form(at)


def test_right_password_opens_the_shared_view(monkeypatch):
    at = try_password(locked_app(monkeypatch, dept=["jt"], period=["2021-2025"]).run(), SECRET)
    assert not at.exception
    answer = "交通局“十四五”（2021–2025）储备项目：38 个"
    assert any(answer in m.value for m in at.markdown)  # the link's filters survived the login
    at.switch_page("pages/5_原文.py").run()
    assert not at.text_input(key="page_q").value


def test_no_password_configured_means_open():
    at = app().run()
    assert at.metric and at.table  # headline figures and the department × period grid shown straight away


# -- item 1: fail closed --------------------------------------------------------


def assert_error_page(at, *expected):
    assert_no_data(at)
    assert not at.text_input  # no login form either
    assert "访问密码的设置有误" in at.error[0].value
    advice = " ".join(m.value for m in at.markdown).replace("\\", "")
    for text in expected:
        assert text in advice, (text, advice)


@pytest.mark.parametrize("page", [p.script for p in PAGES.values()])
def test_required_mode_without_a_password_shows_the_error_on_every_page(monkeypatch, page):
    monkeypatch.setenv("JJ_AUTH", "required")
    at = app().run()
    if page != HOME.script:
        at.switch_page(page).run()
    assert_error_page(at, "JJ_AUTH=required", "JJ_PASSWORD=<密码>", 'password = "<密码>"')


def test_required_mode_with_a_password_shows_the_form(monkeypatch):
    monkeypatch.setenv("JJ_AUTH", "required")
    assert_only_the_form(locked_app(monkeypatch).run())


def test_an_empty_jj_password_is_an_error_not_an_open_app(monkeypatch):
    monkeypatch.setenv("JJ_PASSWORD", "")
    assert_error_page(app().run(), "环境变量 JJ_PASSWORD 已设置，但为空")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('password = "abc\n', "secrets.toml 的格式有误"),  # the quote is never closed
        ('pasword = "abc"\n', "没有 password 一项（只有：'pasword'）"),
        ('password = ""\n', "password 为空"),
        ("password = 1234\n", "password 不是文字"),
        ("# nothing yet\n", "没有 password 一项（文件是空的）"),
        (b"password = '\xff\xfe'\n", "无法读取"),
    ],
)
def test_a_secrets_file_that_cannot_be_used_is_an_error_in_every_mode(monkeypatch, secrets_file, content, expected):
    if isinstance(content, bytes):
        secrets_file.write_bytes(content)
    else:
        secrets_file.write_text(content, encoding="utf-8")
    assert_error_page(app().run(), expected)
    monkeypatch.setenv("JJ_PASSWORD", SECRET)  # a good password elsewhere does not hide a broken file
    assert_error_page(app().run(), expected)


def test_a_password_in_secrets_toml_protects_the_app(secrets_file):
    secrets_file.write_text('password = "sesame"\n', encoding="utf-8")
    at = app().run()
    assert_only_the_form(at)
    assert data_after_login(at, "sesame")


def data_after_login(at, password):
    """Whether the page shows its data (the department × period grid) after this password."""
    try_password(at, password)
    return not at.exception and bool(at.table) and "访问密码" not in [t.label for t in at.text_input]


def test_breaking_secrets_toml_while_running_closes_the_open_page(secrets_file):
    secrets_file.write_text('password = "sesame"\n', encoding="utf-8")
    at = app().run()
    assert data_after_login(at, "sesame")
    secrets_file.write_text('password = "sesame\n', encoding="utf-8")
    at.run()
    assert_error_page(at, "格式有误")


def test_a_changed_password_asks_logged_in_sessions_again(secrets_file):
    secrets_file.write_text('password = "sesame"\n', encoding="utf-8")
    at = app().run()
    assert data_after_login(at, "sesame")
    secrets_file.write_text('password = "new-one"\n', encoding="utf-8")
    assert_only_the_form(at.run())


def test_an_unknown_jj_auth_is_an_error(monkeypatch):
    monkeypatch.setenv("JJ_AUTH", "requird")
    assert_error_page(locked_app(monkeypatch).run(), "JJ_AUTH 的值 'requird' 无法识别")


def test_the_mode_is_logged_once_and_again_when_it_changes(monkeypatch, caplog, secrets_file):
    monkeypatch.setattr(access, "_logged_summary", None)
    caplog.set_level(logging.WARNING, logger=access.LOG.name)
    secrets_file.write_text('password = "sesame"\n', encoding="utf-8")
    at = app().run()
    at.run()
    app().run()  # another session, same process
    lines = [r for r in caplog.records if r.name == access.LOG.name]
    assert [(r.levelno, r.getMessage()) for r in lines] == [
        (logging.WARNING, "access: 需要密码才能查看（密码来自：secrets.toml）")
    ]
    secrets_file.unlink()
    monkeypatch.setenv("JJ_AUTH", "required")
    at.run()
    assert lines[-1] is not caplog.records[-1]
    last = caplog.records[-1]
    assert last.levelno == logging.ERROR and "没有设置访问密码" in last.getMessage()


# -- the start-up check ---------------------------------------------------------


def check(tmp_path, **env):
    """``python -m explorer_ui.access check`` as the service runs it, from a folder of our choosing."""
    clean = {k: v for k, v in os.environ.items() if k not in ("JJ_PASSWORD", "JJ_AUTH")}
    return subprocess.run(
        [sys.executable, "-m", "explorer_ui.access", "check"],
        cwd=tmp_path,
        env={**clean, "HOME": str(tmp_path), "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_command(tmp_path):
    ok = check(tmp_path, JJ_AUTH="required", JJ_PASSWORD=SECRET)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "访问控制：需要密码才能查看（密码来自：环境变量 JJ_PASSWORD）"
    assert SECRET not in ok.stdout + ok.stderr
    open_ = check(tmp_path)
    assert open_.returncode == 0 and "未设置密码" in open_.stdout
    missing = check(tmp_path, JJ_AUTH="required")
    assert missing.returncode == 1
    assert "已要求登录（JJ_AUTH=required），但没有设置访问密码" in missing.stderr
    empty = check(tmp_path, JJ_PASSWORD="")
    assert empty.returncode == 1 and "JJ_PASSWORD 已设置，但为空" in empty.stderr


def test_check_command_reads_the_secrets_file_of_the_folder_it_runs_in(tmp_path):
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text('password = "abc\n', encoding="utf-8")
    broken = check(tmp_path, JJ_PASSWORD=SECRET)
    assert broken.returncode == 1
    assert ".streamlit/secrets.toml 的格式有误" in broken.stderr


# -- item 5: the brake on guessing ----------------------------------------------


def test_each_wrong_password_doubles_the_wait(monkeypatch, clock):
    at = locked_app(monkeypatch).run()
    waits = []
    for _ in range(4):
        try_password(at, "wrong")
        waits.append(at.error[0].value)
        clock.now += 100
    assert waits == [f"密码不正确。请 {n} 秒后再试。" for n in (1, 2, 4, 8)]


def test_a_try_during_the_wait_is_not_checked(monkeypatch, clock):
    at = try_password(locked_app(monkeypatch).run(), "wrong")
    clock.now += 1.5  # the second failure asks for 2 s
    try_password(at, "wrong")
    clock.now += 1
    try_password(at, SECRET)  # the right password, but too early: refused without a check
    assert at.error[0].value == "上次密码不正确，请 1 秒后再试。"
    assert_only_the_form(at)
    clock.now += 1
    assert data_after_login(at, SECRET)


def test_the_session_is_locked_after_ten_failures(monkeypatch, clock):
    at = locked_app(monkeypatch).run()
    for _ in range(10):
        try_password(at, "wrong")
        clock.now += 100
    assert at.error[0].value == access.LOCKED
    assert not at.text_input  # no form left to try
    at.run()
    assert at.error[0].value == access.LOCKED and not at.text_input
    assert_no_data(at)


def test_all_sessions_together_get_thirty_checked_tries_a_minute(monkeypatch, clock):
    sessions = [locked_app(monkeypatch).run() for _ in range(10)]
    for wait in (1, 2, 4):  # ten sessions, three tries each, within a few seconds
        for at in sessions:
            try_password(at, "wrong")
            assert at.error[0].value.startswith("密码不正确")
        clock.now += wait
    newcomer = try_password(locked_app(monkeypatch).run(), SECRET)
    assert "尝试登录的次数太多" in newcomer.error[0].value  # refused without checking even the right password
    assert_only_the_form(newcomer)
    clock.now += 60
    assert data_after_login(newcomer, SECRET)


def test_each_failure_is_logged_with_the_client_address(monkeypatch, caplog):
    monkeypatch.setattr(access, "client_address", lambda: ("10.1.2.3", "'203.0.113.9'", "'198.51.100.4'"))
    caplog.set_level(logging.WARNING, logger=access.LOG.name)
    try_password(locked_app(monkeypatch).run(), "wrong")
    failures = [r.getMessage() for r in caplog.records if "wrong password" in r.getMessage()]
    assert failures == [
        "access: wrong password; session failures 1/10; client 10.1.2.3; "
        "X-Forwarded-For '203.0.113.9'; X-Real-IP '198.51.100.4'"
    ]
    assert "wrong" not in failures[0].replace("wrong password", "")  # the password tried is never logged


def test_no_raw_html_anywhere():
    """Text from the data or the URL is always escaped markdown or plain text, never HTML."""
    sources = [*ROOT.glob("*.py"), *ROOT.glob("pages/*.py"), *ROOT.glob("explorer_ui/*.py")]
    assert len(sources) >= 10
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in text, path
        if path.name == "page_style.py":  # the one st.html: a constant style sheet, no data in it
            assert text.count("st.html(") == 1 and "st.html(_CSS)" in text, path
            continue
        assert "st.html(" not in text, path


def test_every_table_cell_reaches_st_table_escaped():
    """Issue 15 item 10: st.table reads cells as Markdown (“>500 亿元” became a quotation);
    every call hands it ``arrow_cache.plain_table``, which escapes each text."""
    sources = [*ROOT.glob("*.py"), *ROOT.glob("pages/*.py"), *ROOT.glob("explorer_ui/*.py")]
    calls = [
        (path.name, line.strip())
        for path in sources
        for line in path.read_text(encoding="utf-8").splitlines()
        if "st.table(" in line
    ]
    assert len(calls) >= 5
    assert [c for c in calls if "st.table(plain_table(" not in c[1]] == []
