from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from mglearn.content import PROJECT_ROOT, Content, load_content
from mglearn.store import Store

from .browser import CHROMIUM_ARGS, TIMEOUT, app_server, assert_quiet_log, require_chromium
from .pg import postgres_server


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(PROJECT_ROOT).content


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    monkeypatch.setenv("MGLEARN_DATABASE_URL", url)
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    yield s
    s.dispose()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """One really started PostgreSQL server for the whole test session (per xdist worker)."""
    with postgres_server() as url:
        yield url


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def pytest_configure(config: pytest.Config) -> None:
    # a Python DeprecationWarning raised from Streamlit's own modules fails the test
    config.addinivalue_line("filterwarnings", r"error::DeprecationWarning:streamlit(\..*)?")


@pytest.fixture(autouse=True)
def no_streamlit_deprecations() -> Iterator[None]:
    """Streamlit reports a deprecated call (e.g. ``use_container_width``) through the logger
    ``streamlit.deprecation_util`` (which does not propagate, so caplog never sees it), and
    as an st.warning only with client.showErrorDetails=full: every test listens to that
    logger and fails when it spoke, so a deprecated call never reaches the server log."""
    logger = logging.getLogger("streamlit.deprecation_util")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        pytest.fail("Streamlit deprecation warning:\n" + "\n---\n".join(handler.messages), pytrace=False)


# -- browser tests: one Chromium per module, a real app server per test --------------------

expect.set_options(timeout=TIMEOUT)  # assertions wait as long as actions do (a loaded CI machine)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = require_chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`streamlit run app.py` on a free port with a fresh SQLite database: (url, db_url).
    Its log is tmp_path/server.log and must stay free of deprecation warnings."""
    db_url = f"sqlite:///{tmp_path / 'browser.sqlite3'}"
    log = tmp_path / "server.log"
    with app_server(db_url, log) as url:
        yield url, db_url
    assert_quiet_log(log)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 1000})
    context.set_default_timeout(TIMEOUT)
    pg = context.new_page()
    yield pg
    context.close()
