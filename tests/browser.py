"""Helpers for browser tests: start the real app server and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from mglearn.content import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


STARTED_LOGS: list[Path] = []  # every app server log of this process, in order


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def app_server(db_url: str, log: Path) -> Iterator[str]:
    """Run `streamlit run app.py` for real on a free loopback port; yield its URL."""
    with app_process(db_url, log) as (url, _):
        yield url


@contextmanager
def app_process(db_url: str, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """As :func:`app_server`, yielding (URL, process): a test may kill the server mid-session."""
    port = free_port()
    env = {**os.environ, "MGLEARN_DATABASE_URL": db_url}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "app.py"),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",  # nothing to reload; test-artifacts/ is written meanwhile
    ]
    STARTED_LOGS.append(log)  # a failing test's artifacts name it (conftest.py)
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the app server did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def require_chromium() -> str:
    """Debian's Chromium, or a failing test that says how to get it (never a skip)."""
    if not (shutil.which("chromium") or Path(CHROMIUM).exists()):
        pytest.fail("Chromium is missing: run `bash scripts/test.sh` as root, or `apt-get install chromium`.")
    return CHROMIUM


TIMEOUT = 20_000  # ms: generous on a shared 2-core machine; tests wait on signals, not sleeps


def wait_until(check: Callable[[], object], seconds: float = 15) -> None:
    """Poll the store (not the page) until what the browser did has been saved."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the app did not save in time"
        time.sleep(0.2)


def assert_quiet_log(log: Path) -> None:
    """A server log without Streamlit deprecation warnings (issue 14: they flooded it)."""
    text = log.read_text(errors="replace")
    assert "will be removed after" not in text and "deprecat" not in text.lower(), text[-3000:]


def settled(page: Any) -> None:
    """Wait until no script run is going: Streamlit marks its root element. A key pressed while
    a run still draws the page can land in an element React is about to reuse for another."""
    from playwright.sync_api import expect

    expect(page.locator('[data-testid="stApp"]')).to_have_attribute("data-test-script-state", "notRunning")
