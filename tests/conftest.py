import shutil
from pathlib import Path

import pytest

import jjdata

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RAW_FILE = DATA / "raw" / "000_8be8280e27aee29f.txt"
ANNOTATION = DATA / "annotations" / "000_8be8280e27aee29f.toml"


@pytest.fixture(scope="session")
def tables() -> jjdata.Tables:
    return jjdata.load_tables(DATA)


@pytest.fixture(scope="session")
def raw() -> str:
    return RAW_FILE.read_text(encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ (raw, annotations, taxonomy and built tables)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns(".build-*"))
    return target


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from .browser_support import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()
