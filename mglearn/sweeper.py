"""Closed on time, always (issue 32): a thread per server process that closes every exam whose
deadline and grace are over, whether anyone reads it or not.

Each round is :meth:`mglearn.store.exams.Exams.sweep_exams`: the same close as a submit or
a read (:func:`mglearn.finish.close_exam`, which also issues a passed exam's certificate), in
one transaction per exam that locks it first and closes it only while it is still open, so
several servers sweeping at once close each exam exactly once, finished at its deadline.
An exam is closed within ``MGLEARN_EXAM_SWEEP_SECONDS`` (at most a minute) of deadline + grace.

Started once per process (:func:`start_once`, from the server's lifespan in
:mod:`mglearn.web_examday`); no Streamlit here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from . import clock

log = logging.getLogger("mglearn.sweeper")


class SweepsExams(Protocol):
    def sweep_exams(self, now: datetime) -> int: ...


class Sweeps(Protocol):  # the store: its exams part sweeps
    @property
    def exams(self) -> SweepsExams: ...


class Sweeper:
    """Call ``store().exams.sweep_exams(now())`` every ``seconds`` until stopped; an error (the
    database away for a while) is logged and the next round tries again."""

    def __init__(
        self,
        store: Callable[[], Sweeps],
        seconds: float,
        now: Callable[[], datetime] = clock.utcnow,
    ) -> None:
        self.store, self.seconds, self.now = store, seconds, now
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.closed = 0  # exams this sweeper closed
        self.rounds = 0

    def run_once(self) -> int:
        done = self.store().exams.sweep_exams(self.now())
        self.closed += done
        self.rounds += 1
        if done:
            log.info("closed %d exam(s) whose time was over", done)
        return done

    def _loop(self) -> None:
        while not self._stop.wait(self.seconds):
            try:
                self.run_once()
            except Exception as exc:  # noqa: BLE001 - a sweeper that dies closes nothing again
                log.warning("exam sweep failed, trying again in %ss: %s", self.seconds, type(exc).__name__)

    def start(self) -> Sweeper:
        self._thread = threading.Thread(target=self._loop, name="mglearn-exam-sweeper", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()


_lock = threading.Lock()
_started: list[Sweeper] = []


def start_once(store: Callable[[], Sweeps], seconds: float) -> Sweeper:
    """The process's one sweeper, started on the first call."""
    with _lock:
        if not _started or not _started[0].running:
            _started[:] = [Sweeper(store, seconds).start()]
        return _started[0]
