from __future__ import annotations

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
