from streamlit.testing.v1 import AppTest

from .conftest import ROOT


def test_home_page_loads_the_data(monkeypatch):
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py")).run(timeout=30)
    assert not at.exception
    assert "晋江重点项目数据浏览器" in at.title[0].value


def test_home_page_without_data_shows_a_message(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("JJDATA_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "app.py")).run(timeout=30)
    assert not at.exception
    assert "python -m jjdata build" in at.error[0].value
