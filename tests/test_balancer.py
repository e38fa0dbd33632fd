"""Several app servers behind nginx (deploy/nginx.conf), one PostgreSQL: all really started.

A learner's answers survive the death of the server that held their tab; two learners pinned
to different servers take the same group's assignment and the trainer sees both.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from mglearn.content import PROJECT_ROOT, Content
from mglearn.store import Store, utcnow

from .browser import CHROMIUM_ARGS, free_port, require_chromium
from .pg import postgres_server
from .test_browser import answer_question

pytestmark = [pytest.mark.balancer, pytest.mark.postgres, pytest.mark.browser]
TIMEOUT = 30_000
COOKIE = "mglearn_route"


def require_nginx() -> str:
    """Debian's nginx, or a failing test that says how to get it (never a skip, as Chromium)."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found:
        return found
    message = "nginx is missing: run `bash scripts/test.sh` as root, or `apt-get install nginx`."
    pytest.fail(message)


@dataclass
class AppServer:
    proc: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"


def wait_healthy(url: str, proc: subprocess.Popen[bytes] | None, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if (proc is not None and proc.poll() is not None) or time.monotonic() > deadline:
            pytest.fail(f"{url} did not start:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.3)


@contextmanager
def app_server(db_url: str, log: Path) -> Iterator[AppServer]:
    port = free_port()
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
        "--server.fileWatcherType=none",
    ]
    env = {
        **os.environ,
        "MGLEARN_DATABASE_URL": db_url,
        "STREAMLIT_SERVER_COOKIE_SECRET": "the-same-secret-on-every-server",
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", proc, log)
        yield AppServer(proc, port, log)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def nginx_conf(template: str, port: int, upstreams: list[str], root: Path) -> str:
    """deploy/nginx.conf on loopback ports, its files in a temp folder, and a header that
    names the server that answered (for the test only)."""
    text = re.sub(r"(?m)^pid .*;$", f"pid {root}/nginx.pid;", template)
    text = re.sub(r"(?m)^error_log .*;$", f"error_log {root}/error.log warn;", text)
    text = re.sub(r"(?m)^worker_processes .*;$", "worker_processes 1;", text)
    servers = "".join(f"        server {u} max_fails=1 fail_timeout=10s;\n" for u in upstreams)
    text, n = re.subn(r"(?m)(^        server 127\.0\.0\.1:\d+ .*;\n)+", servers, text)
    assert n == 1, "deploy/nginx.conf: the upstream's server lines changed shape"
    text, n = re.subn(r"listen 80;", f"listen 127.0.0.1:{port};", text)
    assert n == 1
    temp = "".join(
        f"    {kind}_temp_path {root}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    text = text.replace("http {\n", "http {\n" + temp, 1)
    text, n = re.subn(
        r"(?m)^(        add_header Set-Cookie .*\n)",
        r"\1        add_header X-Upstream $upstream_addr always;\n",
        text,
    )
    assert n == 1
    if os.geteuid() == 0:
        text = "user root;\n" + text
    return text


@contextmanager
def nginx(upstreams: list[str], root: Path) -> Iterator[str]:
    binary = require_nginx()
    port = free_port()
    conf = root / "nginx.conf"
    template = (PROJECT_ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    conf.write_text(nginx_conf(template, port, upstreams, root), encoding="utf-8")
    log = root / "error.log"
    log.touch()
    proc = subprocess.Popen(
        [binary, "-c", str(conf), "-p", str(root), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, log)
        yield url
    finally:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def served_by(url: str, route: str) -> str:
    """Which app server nginx sends a browser with this route cookie to."""
    request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": f"{COOKIE}={route}"})
    with urllib.request.urlopen(request, timeout=5) as r:
        return str(r.headers["X-Upstream"]).split(", ")[-1]  # (after the servers it tried)


def pinned_context(browser: Browser, url: str, route: str) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1200, "height": 1000})
    context.set_default_timeout(TIMEOUT)
    context.add_cookies([{"name": COOKIE, "value": route, "url": url}])
    return context


def start_learner(page: Page, url: str, name: str, join: str = "") -> str:
    page.goto(url)
    page.get_by_label("Je naam").fill(name)
    if join:
        page.get_by_label("Groepscode").fill(join)
    page.get_by_role("button", name="Beginnen").click()
    expect(page.get_by_text("Bewaar je hervatcode")).to_be_visible()
    match = re.search(r"learner=(MG-[A-Z0-9-]+)", page.url)
    assert match
    return match.group(1)


def open_quiz(page: Page, url: str, code: str, quiz_id: str) -> None:
    page.goto(f"{url}/quiz?quiz={quiz_id}&learner={code}")
    page.get_by_role("button", name="Start de toets").click()
    expect(page.locator(".st-key-question_1")).to_be_visible()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, dict[str, AppServer]]]:
    """PostgreSQL, two app servers on it, nginx in front: (nginx URL, database URL, servers)."""
    require_nginx()
    root = tmp_path_factory.mktemp("cluster")
    with ExitStack() as stack:
        db_url = stack.enter_context(postgres_server())
        Store(db_url).dispose()  # migrate once before both servers start (they also would)
        servers = [stack.enter_context(app_server(db_url, root / f"app{i}.log")) for i in (1, 2)]
        url = stack.enter_context(nginx([s.address for s in servers], root))
        yield url, db_url, {s.address: s for s in servers}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = require_chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def routes_to_each_server(url: str, servers: dict[str, AppServer]) -> dict[str, str]:
    """A route cookie value per server: {server address: cookie value}."""
    found: dict[str, str] = {}
    for i in range(200):
        found.setdefault(served_by(url, f"route-{i}"), f"route-{i}")
        if len(found) == len(servers):
            return found
    pytest.fail(f"nginx sent every route to {sorted(found)}")


def test_two_learners_on_two_servers_one_assignment(
    cluster: tuple[str, str, dict[str, AppServer]], browser: Browser, content: Content
) -> None:
    url, db_url, servers = cluster
    store = Store(db_url, migrate=False)
    trainer = store.trainers.add_trainer("Tom", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(trainer.id, "Klas 4A", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    store.groups.create_assignment(
        group, "Functies", [], [quiz.id], utcnow() + timedelta(days=7), now=datetime.now(UTC)
    )

    routes = routes_to_each_server(url, servers)
    names = {}
    for n, (address, route) in enumerate(sorted(routes.items()), 1):
        context = pinned_context(browser, url, route)
        page = context.new_page()
        name = f"Leerling {n}"
        code = start_learner(page, url, name, join=group.join_code)
        open_quiz(page, url, code, quiz.id)
        person = store.learners.learner_by_code(code, now=datetime.now(UTC))
        assert person is not None
        attempt = store.attempts.open_attempt(person.id, quiz.id)
        assert attempt is not None
        _, q = next(
            (d, q) for d, q in store.attempts.questions_of(attempt) if q.type not in ("matching", "gapselect")
        )
        number = [x.id for _, x in store.attempts.questions_of(attempt)].index(q.id) + 1
        labels = [o.text.nl for o in q.options if o.correct]
        answer_question(
            page, number, labels, q.type, lambda a=attempt, q=q: store.attempts.answers(a.id).get(q.id, [])
        )
        page.get_by_role("button", name="Toch inleveren").click()
        expect(page.get_by_text("Nog niet gehaald")).to_be_visible()
        names[name] = address
        context.close()
    assert len(set(names.values())) == 2, names  # really two servers

    # The trainer's view (store queries): both learners in the group, both attempts there.
    members = store.groups.members(group.id)
    assert sorted(m.name for m in members) == sorted(names)
    attempts = store.groups.group_attempts([m.id for m in members])
    assert sorted(a.learner_id for a in attempts if a.submitted and a.quiz_id == quiz.id) == sorted(
        m.id for m in members
    )
    store.dispose()


def test_learner_keeps_every_answer_when_their_server_dies(
    cluster: tuple[str, str, dict[str, AppServer]], browser: Browser, content: Content
) -> None:
    url, db_url, servers = cluster
    store = Store(db_url, migrate=False)
    quiz = content.quizzes[1]
    context = pinned_context(browser, url, "one-learner")
    page = context.new_page()
    holder = served_by(url, "one-learner")
    code = start_learner(page, url, "Verhuizende Vera")
    open_quiz(page, url, code, quiz.id)
    person = store.learners.learner_by_code(code, now=datetime.now(UTC))
    assert person is not None
    attempt = store.attempts.open_attempt(person.id, quiz.id)
    assert attempt is not None
    questions = store.attempts.questions_of(attempt)
    answered = []
    for number, (_, q) in enumerate(questions, 1):
        if q.type in ("single", "true_false") and len(answered) < 3:
            label = next(o.text.nl for o in q.options if o.correct)
            answer_question(
                page, number, [label], q.type, lambda q=q: store.attempts.answers(attempt.id).get(q.id, [])
            )
            answered.append((number, label))
    total = len(questions)
    expect(page.get_by_text(f"3 van {total} beantwoord")).to_be_visible()

    servers[holder].proc.kill()  # the server holding the tab's session dies
    servers[holder].proc.wait()
    other = next(a for a in servers if a != holder)

    # The tab reconnects through nginx to the other server and shows every answer.
    expect(page.get_by_text(f"3 van {total} beantwoord")).to_be_visible(timeout=60_000)
    assert served_by(url, "one-learner") == other
    page.reload()
    expect(page.get_by_text(f"3 van {total} beantwoord")).to_be_visible()
    for number, label in answered:
        box = page.locator(f".st-key-question_{number}")
        expect(box.get_by_role("radio", name=label, exact=True)).to_be_checked()
    # ... and saves the next answer there.
    number, (_, q) = next((n, x) for n, x in enumerate(questions, 1) if n not in dict(answered))
    if q.type == "matching":
        labels = [p.right.nl for p in q.pairs]
    else:
        labels = [o.text.nl for o in q.options if o.correct]
    answer_question(page, number, labels, q.type, lambda: store.attempts.answers(attempt.id).get(q.id, []))
    expect(page.get_by_text(f"4 van {total} beantwoord")).to_be_visible()
    assert len(store.attempts.answers(attempt.id)) == 4
    context.close()
    store.dispose()
