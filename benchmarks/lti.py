"""Launch -> score latency from an LMS (issue 31): p50/p95 over N launches.

    python benchmarks/lti.py                # 20 launches; rewrites BENCHMARKS.md's LTI section
    python benchmarks/lti.py --launches 3 --output /tmp/B.md

A real app server (`streamlit run app.py`, its own grade sender at the default
MGLEARN_LTI_SEND_SECONDS) and the test platform (tests/lti_platform.py: the `lti1p3platform`
package over HTTP, on another host name). Each launch: the OIDC login and the launch over HTTP
(as a browser, without Chromium), the learner's quiz answered and submitted through the store
(what the quiz page calls), then wait until the platform's gradebook holds the score. Timed:
launch -> score in the gradebook, and submit -> score. The baseline, timed in the same run: one
score sent straight from this process (token request + score POST, the sender's own work
without its wait).
"""

from __future__ import annotations

import argparse
import json
import platform as host
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starlette.applications import Starlette  # noqa: E402

from mglearn.attempts import correct_response  # noqa: E402
from mglearn.content import load_content  # noqa: E402
from mglearn.lti import SCOPE_SCORE  # noqa: E402
from mglearn.lti.ags import SCORE_TYPE, delivered, score_payload, scores_url  # noqa: E402
from mglearn.lti_send import _post, access_token, forget_token  # noqa: E402
from mglearn.store import Store  # noqa: E402
from tests.browser import app_process  # noqa: E402
from tests.lti_platform import (  # noqa: E402
    CLIENT_ID,
    DEPLOYMENT,
    ISSUER,
    Browser,
    Scenario,
    TestPlatform,
    bound,
    port_of,
    serve,
)

BEGIN, END = "<!-- lti:begin -->", "<!-- lti:end -->"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def measure(launches: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"launch": [], "submit": [], "baseline": []}
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'lti.sqlite3'}"
        store = Store(db_url)
        sock = bound()
        with app_process(db_url, Path(tmp) / "server.log") as (url, _):
            lms = TestPlatform(url, port_of(sock), host="localhost")  # another site than the app
            with serve(Starlette(routes=lms.routes()), sock):
                store.lti_platforms.add_platform(
                    ISSUER, CLIENT_ID, **lms.urls, deployments=[DEPLOYMENT], now=datetime.now(UTC)
                )
                _launch_and_submit(store, lms, launches, times)
                _baseline(store, lms, launches, times)
        store.dispose()
    return times


def _launch_and_submit(store: Store, lms: TestPlatform, launches: int, times: dict[str, list[float]]) -> None:
    quiz = load_content(ROOT).content.quizzes[0]
    for i in range(launches):
        began = time.monotonic()
        scenario = Scenario(sub=f"bench-{i}", activity=f"quiz:{quiz.id}", lineitem="bench-item")
        page, _ = Browser().launch(lms.login_url(f"bench-{i}", scenario))
        assert page.status_code == 200, page.text
        learner = store.lti.lti_learner(ISSUER, f"bench-{i}")
        assert learner is not None
        attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
        for _, q in store.attempts.questions_of(attempt):
            store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
        submitted = time.monotonic()
        store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
        while len(lms.gradebook) < i + 1:
            if time.monotonic() - submitted > 60:
                raise RuntimeError("no score within 60 s")
            time.sleep(0.01)
        arrived = time.monotonic()
        times["launch"].append(arrived - began)
        times["submit"].append(arrived - submitted)


def _baseline(store: Store, lms: TestPlatform, launches: int, times: dict[str, list[float]]) -> None:
    """What the sender does for one score, done straight from this process without the outbox
    and without waiting for its next look: a fresh token request and the score POST."""
    platform = store.lti_platforms.lti_platform(ISSUER, CLIENT_ID)
    assert platform is not None
    for i in range(launches):
        now = datetime.now(UTC)
        started = time.monotonic()
        forget_token(platform, SCOPE_SCORE)
        token = access_token(store, platform, SCOPE_SCORE, now)
        payload = json.dumps(score_payload(f"bench-{i}", 1.0, now)).encode()
        headers = {"Content-Type": SCORE_TYPE, "Authorization": f"Bearer {token}"}
        status, _ = _post(scores_url(lms.lineitem_url("bench-item")), payload, headers)
        times["baseline"].append(time.monotonic() - started)
        assert delivered(status), status


def report(times: dict[str, list[float]], launches: int) -> str:
    def ms(x: float) -> str:
        return f"{x * 1000:.0f} ms"

    def row(what: str, values: list[float], ratio: str) -> str:
        p50, p95 = statistics.median(values), percentile(values, 95)
        return f"| {what} | {ms(p50)} | {ms(p95)} | {ms(max(values))} | {ratio} |"

    base = statistics.median(times["baseline"])
    rows = [
        row(
            "launch -> score in the gradebook",
            times["launch"],
            f"{percentile(times['launch'], 95) / base:.1f}x",
        ),
        row(
            "submit -> score in the gradebook",
            times["submit"],
            f"{percentile(times['submit'], 95) / base:.1f}x",
        ),
        row("baseline: one score sent straight (token + POST)", times["baseline"], "1.0x"),
    ]
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join(
        [
            BEGIN,
            "## LTI: launch from an LMS to the score in its gradebook (`benchmarks/lti.py`)",
            "",
            f"Measured {when} on {host.machine()} (Python {host.python_version()}) by",
            f"`python benchmarks/lti.py`: {launches} launches from the test platform (`lti1p3platform`",
            "over HTTP, on another host name) into a real app server, each learner's quiz submitted",
            "through the store; the app server's own sender (every",
            "`MGLEARN_LTI_SEND_SECONDS`, default 1 s) delivers the score. Ratio = p95 / the baseline's",
            "median. Target: the score in the gradebook within 5 s of the submit (p95).",
            "",
            "| what | p50 | p95 | max | ratio (p95) |",
            "| --- | ---: | ---: | ---: | ---: |",
            *rows,
            END,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--launches", type=int, default=20)
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args(argv)
    section = report(measure(args.launches), args.launches)
    out = Path(args.output)
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    out.write_text(text, encoding="utf-8")
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
