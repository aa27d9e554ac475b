"""Optional password: with one configured, no page shows any data until it is given."""

import pytest
from streamlit.testing.v1 import AppTest

from explorer_ui.navigation import HOME, PAGES

from .conftest import ROOT

SECRET = "晋江-2021-测试"


def fresh(monkeypatch, **params):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("JJ_PASSWORD", SECRET)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def assert_nothing_shown(at):
    assert not at.exception
    assert at.text_input[0].label == "访问密码"
    assert not at.metric and not at.dataframe and not at.multiselect
    shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "亿元" not in shown and "晋江市领导" not in shown


@pytest.mark.parametrize("page", [p.script for p in PAGES.values()])
def test_every_page_shows_only_the_form(monkeypatch, page):
    at = fresh(monkeypatch)
    at.run()
    if page != HOME.script:
        at.switch_page(page).run()  # as when a page is opened by its own URL
    assert_nothing_shown(at)


def test_wrong_password_is_refused(monkeypatch):
    at = fresh(monkeypatch).run()
    at.text_input[0].input("wrong")
    at.button[0].click().run()
    assert at.error[0].value == "密码不正确，请重试。"
    assert_nothing_shown(at)


def test_right_password_opens_the_shared_view(monkeypatch):
    at = fresh(monkeypatch, dept=["jt"], period=["2021-2025"]).run()
    at.text_input[0].input(SECRET)
    at.button[0].click().run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["项目数（个）"] == "38"  # the link's filters survived the login
    at.switch_page("pages/5_原文.py").run()
    assert not at.text_input(key="page_q").value


def test_no_password_configured_means_open(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("JJ_PASSWORD", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert at.dataframe  # totals shown straight away


def test_no_raw_html_anywhere():
    """Text from the data or the URL is always escaped markdown, never HTML."""
    sources = [*ROOT.glob("*.py"), *ROOT.glob("pages/*.py"), *ROOT.glob("explorer_ui/*.py")]
    assert len(sources) >= 10
    for path in sources:
        assert "unsafe_allow_html" not in path.read_text(encoding="utf-8"), path
        assert "st.html(" not in path.read_text(encoding="utf-8"), path
