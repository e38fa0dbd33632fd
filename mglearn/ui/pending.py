"""An answer the database could not take right now: kept in this tab, tried again, and never
silently lost (issue 20).

When a save fails because the database is briefly unavailable (a SQLite file locked by another
process past the short wait below, a PostgreSQL server restarting), the answer is kept in
``st.session_state`` as *pending* and the learner reads at the question "Niet opgeslagen, we
proberen het opnieuw.". While it is pending, a small fragment beside the question runs every
three seconds (``run_every`` only then: Streamlit stops its timer when the question is drawn
without it) and tries the write again. Once written, the whole page reruns and shows the answer
as saved. After about thirty seconds of trying the learner is told plainly that the answer was
not saved and to choose it again; the widget then shows what the store holds. A submit while an
answer is pending is refused by the page (nothing is graded that was not stored).

Only the save itself is handled here; a refusal by the store (a submitted attempt, a deadline)
is the page's own ``write`` function's business, as it was before.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import streamlit as st

from mglearn.errors import StoreUnavailable, UserError
from mglearn.store import Store
from mglearn.ui import state
from mglearn.ui.state import t

log = logging.getLogger("mglearn.ui.pending")

KEY = "pending_answers"  # session_state: {slot: Pending}
RETRY_EVERY = timedelta(seconds=3)
GIVE_UP_AFTER = 30.0  # seconds of trying before the learner is told it was not saved
# SQLite: how long an answer's write waits for another process's lock before it counts as
# unavailable. The store's own 30 s suits a command-line job, not a click: the page would hang
# half a minute before saying anything, and the retries would each hang as long.
ANSWER_WAIT = 3.0
clock: Callable[[], float] = time.monotonic  # tests move it on


@dataclass
class Pending:
    """One answer waiting for the database: how to write it and what to do once written."""

    write: Callable[[], Any]
    saved: Callable[[Any], None]
    response: Any
    since: float  # the first failure
    tried: float  # the last try
    failed: bool = False  # given up: the learner was told to choose again


def _table() -> dict[str, Pending]:
    table: dict[str, Pending] = st.session_state.setdefault(KEY, {})
    return table


def get(slot: str) -> Pending | None:
    return _table().get(slot)


def response(slot: str) -> Any:
    """The answer this tab is still trying to write to ``slot``, or None."""
    found = get(slot)
    return None if found is None or found.failed else found.response


def waiting(prefix: str) -> bool:
    """Is any answer whose slot starts with ``prefix`` (an attempt's) still being tried?"""
    return any(s.startswith(prefix) and not p.failed for s, p in _table().items())


def attempt_slot(attempt_id: int, question_id: str) -> str:
    """The slot of an answer to a quiz or an exam (their attempts share one numbering)."""
    return f"attempt:{attempt_id}:{question_id}"


def waiting_on(attempt_id: int) -> bool:
    """Is an answer to this attempt still waiting for the database? Then a submit is refused."""
    return waiting(f"attempt:{attempt_id}:")


@contextmanager
def as_refusal(key: str) -> Iterator[None]:
    """An unavailable database inside the block becomes a UserError with ``key`` (a message
    the page already knows how to show), e.g. for a submit: nothing was graded."""
    try:
        yield
    except StoreUnavailable as exc:
        log.warning("refused, database unavailable: %s", exc.kind)
        raise UserError(key) from None


def save_answer(
    store: Store,
    attempt_id: int,
    question_id: str,
    given: Any,
    *,
    error: tuple[str, Callable[[UserError], str]],
    saved: Callable[[int], None],
) -> bool:
    """A quiz's or an exam's answer through :func:`save`: a refusal by the store goes to
    ``st.session_state[error[0]]`` as ``error[1](err)`` and the whole page reruns."""

    def write() -> int:
        try:
            return store.attempts.save_answer(
                attempt_id, question_id, given, state.now()
            )  # the writing run's
        except UserError as err:
            st.session_state[error[0]] = error[1](err)
            st.rerun()

    return save(store, attempt_slot(attempt_id, question_id), write, saved, given)


def _attempt(store: Store, write: Callable[[], Any]) -> Any:
    with store.db.waiting_at_most(ANSWER_WAIT):
        return write()


def save(store: Store, slot: str, write: Callable[[], Any], saved: Callable[[Any], None], given: Any) -> bool:
    """Write an answer now (from a widget's callback). True when written (``saved`` was
    called); False when the database is unavailable: then it is pending."""
    table = _table()
    before = table.get(slot)
    try:
        result = _attempt(store, write)
    except StoreUnavailable as exc:
        log.warning("answer not saved, database unavailable: %s", exc.kind)
        now = clock()
        since = before.since if before is not None and not before.failed else now
        table[slot] = Pending(write, saved, given, since, now)
        return False
    except BaseException:  # a refusal (the page's write turned it into a message and a rerun)
        table.pop(slot, None)
        raise
    table.pop(slot, None)
    saved(result)
    return True


def try_again(store: Store, slot: str) -> None:
    """One more try of a pending answer; on success the whole page reruns to show it saved."""
    table = _table()
    found = table.get(slot)
    if found is None or found.failed:
        return
    try:
        result = _attempt(store, found.write)
    except StoreUnavailable:
        found.tried = clock()
        if found.tried - found.since >= GIVE_UP_AFTER:
            found.failed = True
            log.error("answer given up after %.0f s, database unavailable", found.tried - found.since)
            # the whole page again: the question's widget shows what the store holds, so that
            # choosing the same option again is a change that saves it
            st.rerun(scope="app")
        return
    except BaseException:
        table.pop(slot, None)
        raise
    table.pop(slot, None)
    found.saved(result)
    st.rerun(scope="app")


def _retry(store: Store, slot: str, retrying: str, failed: str) -> None:
    found = get(slot)
    if found is not None and not found.failed and clock() - found.tried >= RETRY_EVERY.total_seconds() - 0.5:
        try_again(store, slot)
        found = get(slot)
    if found is None:
        return
    if found.failed:
        st.error(t(failed), icon=":material/cloud_off:")
    else:
        st.warning(t(retrying), icon=":material/sync_problem:")


def notice(store: Store, slot: str, retrying: str, failed: str) -> None:
    """At the question: nothing when its answer is not pending; "not saved, trying again" and
    a fragment that tries again every few seconds while it is; the plain word once given up."""
    found = get(slot)
    if found is None:
        return
    if found.failed:
        st.error(t(failed), icon=":material/cloud_off:")
        return
    st.fragment(run_every=RETRY_EVERY)(_retry)(store, slot, retrying, failed)


def notice_all(store: Store, prefix: str, retrying: str, failed: str) -> None:
    """:func:`notice` for every answer whose slot starts with ``prefix`` (when the page cannot
    show its questions: the database is away for reading too)."""
    for slot in sorted(s for s in _table() if s.startswith(prefix)):
        notice(store, slot, retrying, failed)
