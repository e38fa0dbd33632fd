"""A deploy that is right by default (issue 32): the public address check and the PostgreSQL
pool size setting."""

from __future__ import annotations

import pytest

from mglearn.public_address import behind_proxy, local_public_url, signing_refused
from mglearn.store import Store


def test_a_local_public_address_is_refused_only_behind_a_proxy() -> None:
    for url in ("http://localhost:8501", "http://127.0.0.1", "http://[::1]:8501", "http://0.0.0.0:8501"):
        assert local_public_url(url), url
    assert not local_public_url("https://learn.example.org")
    assert behind_proxy({"x-forwarded-for": "203.0.113.9"})
    assert behind_proxy({"x-real-ip": "203.0.113.9"})
    assert not behind_proxy({"host": "localhost:8501"})
    proxied = {"x-forwarded-proto": "https"}
    assert signing_refused(proxied, "http://localhost:8501")
    assert not signing_refused(proxied, "https://learn.example.org")
    assert not signing_refused({}, "http://localhost:8501")  # a developer's own browser


@pytest.mark.postgres
def test_the_pool_size_setting_reaches_the_engine(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGLEARN_DB_POOL_SIZE", "7")
    store = Store(pg_url, migrate=False)
    try:
        assert store.db.engine.pool.size() == 7  # type: ignore[attr-defined]
        assert store.db.engine.pool._max_overflow == 7  # type: ignore[attr-defined]
    finally:
        store.dispose()
