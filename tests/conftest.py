from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from mglearn.content import PROJECT_ROOT, Content, load_content
from mglearn.store import Store

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
