from __future__ import annotations

import dataclasses
import logging
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from mglearn import settings
from mglearn.content import PROJECT_ROOT, Content, load_content
from mglearn.store import Store

from .browser import (
    CHROMIUM_ARGS,
    STARTED_LOGS,
    TIMEOUT,
    app_server,
    assert_quiet_log,
    require_chromium,
)
from .pg import fresh_pg, postgres_server


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


@pytest.fixture
def store_of(db_url: str) -> Iterator[Callable[..., Store]]:
    """``store_of(exam_minutes=5)``: a store on the test's database with the environment's
    settings, these changed. A store takes its settings once, when it is built: a test that
    sets an ``MGLEARN_*`` variable builds its store after (``store_of()``) or changes it here."""
    made: list[Store] = []

    def make(**changed: Any) -> Store:
        made.append(Store(db_url, settings=dataclasses.replace(settings.current(), **changed)))
        return made[-1]

    yield make
    for s in made:
        s.dispose()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """One really started PostgreSQL server for the whole test session (per xdist worker)."""
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on SQLite, then on the session's PostgreSQL server: a test
    taking it runs on both backends."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'any.sqlite3'}"
        return
    with fresh_pg(request.getfixturevalue("pg_url")) as url:
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


# -- a failing browser test leaves its screenshots, page texts and server log ----------------

ARTIFACTS = PROJECT_ROOT / "test-artifacts"  # git-ignored
_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()
_WRITE = pytest.StashKey[Callable[[], None]]()  # set by browser_artifacts: writes the folder
_Snapshot = tuple[str, bytes | None, str]  # (url, png, body text)


def artifact_dir(item: pytest.Item) -> Path:
    """test-artifacts/<module>.<test name>, e.g. test-artifacts/test_browser.test_x[nl]."""
    module = Path(str(item.location[0])).stem
    return ARTIFACTS / re.sub(r"[^A-Za-z0-9_.\[\]-]+", "_", f"{module}.{item.name}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the item; when a browser test fails, write its artifacts at
    once (its pages and app server are still up: fixtures are torn down after this) and name
    the folder in the report, so the failure output (and CI) prints it."""
    report: pytest.TestReport = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    write = item.stash.get(_WRITE, None)
    if report.failed and report.when in ("setup", "call") and write is not None:
        try:
            write()
        except Exception as err:  # the test's own failure matters more than its pictures
            report.sections.append(("browser artifacts", f"could not be written: {err!r}"))
        else:
            report.sections.append(("browser artifacts", f"screenshots and page texts: {artifact_dir(item)}"))
    return report  # type: ignore[return-value]


def _snapshot(page: Page) -> _Snapshot:
    try:
        png: bytes | None = page.screenshot(full_page=True, timeout=5_000)
    except Exception:  # a crashed or closing page: its text may still come
        png = None
    try:
        text = page.inner_text("body", timeout=5_000)
    except Exception as err:
        text = f"(no page text: {err})"
    return page.url, png, text


@pytest.fixture(autouse=True)
def browser_artifacts(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """For every browser test: follow each page it opens (the `page` fixture's and those a test
    makes itself with browser.new_context / new_page); when the test fails, the report hook
    writes each page's screenshot and text (``page.inner_text("body")``) and the app server
    log's path (and a copy) to artifact_dir(). A page closed while the failure propagates
    (``context.close()`` in a ``finally``) is captured just before it closes."""
    item = request.node
    if not item.get_closest_marker("browser"):
        yield
        return
    folder = artifact_dir(item)
    shutil.rmtree(folder, ignore_errors=True)  # no stale pictures from an earlier run
    contexts: list[BrowserContext] = []
    closed: list[_Snapshot] = []
    logs_before = len(STARTED_LOGS)
    new_context, new_page = Browser.new_context, Browser.new_page
    context_close, page_close = BrowserContext.close, Page.close

    # the test browser is a Dutch visitor's unless a test says otherwise: a first visit
    # speaks the browser's language (issue 30), and Chromium's own is en-US
    def tracked_context(self: Browser, *args: Any, **kwargs: Any) -> BrowserContext:
        kwargs.setdefault("locale", "nl-NL")
        context = new_context(self, *args, **kwargs)
        contexts.append(context)
        return context

    def tracked_page(self: Browser, *args: Any, **kwargs: Any) -> Page:
        kwargs.setdefault("locale", "nl-NL")
        page = new_page(self, *args, **kwargs)
        contexts.append(page.context)
        return page

    def closing_context(self: BrowserContext, *args: Any, **kwargs: Any) -> None:
        if sys.exc_info()[0] is not None:  # closed by a `finally` while the test fails
            closed.extend(_snapshot(p) for p in self.pages)
        context_close(self, *args, **kwargs)

    def closing_page(self: Page, *args: Any, **kwargs: Any) -> None:
        if sys.exc_info()[0] is not None and not self.is_closed():
            closed.append(_snapshot(self))
        page_close(self, *args, **kwargs)

    def write() -> None:
        shots = list(closed)
        for context in contexts:
            try:
                pages = [p for p in context.pages if not p.is_closed()]
            except Exception:  # noqa: S112 - a context already gone has nothing left to show
                continue
            shots.extend(_snapshot(p) for p in pages)
        folder.mkdir(parents=True, exist_ok=True)
        for n, (url, png, text) in enumerate(shots, 1):
            if png is not None:
                (folder / f"page-{n}.png").write_bytes(png)
            (folder / f"page-{n}.txt").write_text(f"{url}\n\n{text}\n", encoding="utf-8")
        logs = STARTED_LOGS[logs_before:]
        lines = [str(log) for log in logs] or ["(this test started no app server)"]
        (folder / "server-log-path.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for n, log in enumerate(logs, 1):
            if log.exists():
                shutil.copyfile(log, folder / f"server-{n}.log")

    monkeypatch.setattr(Browser, "new_context", tracked_context)
    monkeypatch.setattr(Browser, "new_page", tracked_page)
    monkeypatch.setattr(BrowserContext, "close", closing_context)
    monkeypatch.setattr(Page, "close", closing_page)
    item.stash[_WRITE] = write
    yield
    del item.stash[_WRITE]
