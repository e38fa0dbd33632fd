"""scripts/start.sh (issue 30 item 7): it says what it is doing while it installs, installs
only when the requirements changed, listens on localhost unless told otherwise, and documents
the port. Run for real on a copy of the project whose .venv/bin/python records its calls."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from mglearn.content import PROJECT_ROOT

FAKE_PYTHON = """#!/usr/bin/env bash
echo "$*" >> "$(dirname "$0")/../calls.log"
echo "${MGLEARN_PUBLIC_URL-unset}" > "$(dirname "$0")/../public.log"
"""


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "scripts" / "start.sh", root / "scripts" / "start.sh")
    (root / "scripts" / "pdf-fonts.txt").write_text("", encoding="utf-8")  # no fonts to check here
    (root / "requirements.txt").write_text("streamlit==1.67.0\n", encoding="utf-8")
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    python = root / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON, encoding="utf-8")
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    return root


def start(root: Path, *args: str) -> tuple[str, list[str]]:
    done = subprocess.run(
        ["bash", str(root / "scripts" / "start.sh"), *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    calls = (root / ".venv" / "calls.log").read_text(encoding="utf-8").splitlines()
    (root / ".venv" / "calls.log").unlink()
    return done.stdout, calls


def test_it_says_what_it_does_and_listens_on_localhost(tmp_path: Path) -> None:
    root = project(tmp_path)
    out, calls = start(root)
    assert out.splitlines() == [
        "mglearn: installing the Python packages into .venv (the first time takes about a minute)...",
        "mglearn: starting on http://localhost:8501 (Ctrl+C stops it; --help: other ports and addresses)",
    ]
    assert calls[:2] == [
        "-m pip install -q --disable-pip-version-check -r requirements.txt",
        "-m pip install -q --disable-pip-version-check -e .",
    ]
    assert calls[2] == "-m streamlit run app.py --server.address=127.0.0.1 --server.port=8501"
    # a second start installs nothing, until the requirements change
    out, calls = start(root, "--port", "9000", "--host=0.0.0.0", "--server.baseUrlPath=leren")
    assert out.splitlines()[0] == "mglearn: the Python packages are up to date"
    assert "http://0.0.0.0:9000" in out
    assert calls == [
        "-m streamlit run app.py --server.address=0.0.0.0 --server.port=9000 --server.baseUrlPath=leren"
    ]
    (root / "requirements.txt").write_text("streamlit==1.67.0\naltair==6.3.0\n", encoding="utf-8")
    out, calls = start(root)
    assert "installing the Python packages" in out and len(calls) == 3


def test_help_documents_the_port_and_a_bad_port_is_told(tmp_path: Path) -> None:
    root = project(tmp_path)
    done = subprocess.run(
        ["bash", str(root / "scripts" / "start.sh"), "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "--port N        the port to listen on (default 8501)" in done.stdout
    assert "127.0.0.1: this computer only" in done.stdout
    assert not (root / ".venv" / "calls.log").exists()  # --help installs nothing
    bad = subprocess.run(
        ["bash", str(root / "scripts" / "start.sh"), "--port", "web"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and bad.stderr.strip() == "mglearn: --port needs a number, not 'web'"


def test_on_another_port_certificates_name_that_port(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A certificate's address said localhost:8501 while the app listened on --port 9000."""
    root = project(tmp_path)
    monkeypatch.delenv("MGLEARN_PUBLIC_URL", raising=False)
    public = root / ".venv" / "public.log"
    start(root, "--port", "9000")
    assert public.read_text(encoding="utf-8").strip() == "http://localhost:9000"
    start(root, "--port", "9000", "--host", "192.0.2.7")  # which name reaches it: not known here
    assert public.read_text(encoding="utf-8").strip() == "unset"
    monkeypatch.setenv("MGLEARN_PUBLIC_URL", "https://leren.example.nl")  # what is set is kept
    start(root, "--port", "9000")
    assert public.read_text(encoding="utf-8").strip() == "https://leren.example.nl"
