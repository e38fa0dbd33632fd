"""The store: SQLAlchemy Core on SQLite (default) or PostgreSQL, schema by Alembic.

Every state change a learner makes is written here the moment it happens, in one write
transaction that re-checks what it depends on (see ``base``); the UI's session state is only a
cache of it. Time is always passed in (UTC), never read inside the rules. One module per
aggregate: learners, attempts, trainers, groups.
"""

from __future__ import annotations

from ..records import Assignment, Attempt, Group, Learner, Trainer
from .attempts import AttemptStore
from .base import (
    CODE_ALPHABET,
    MAX_NAME,
    clean_name,
    clean_text,
    default_url,
    new_code,
    normalize_code,
    utcnow,
)
from .exams import ExamStore
from .factors import FactorStore
from .groups import GroupStore
from .learners import LearnerStore
from .practice import PracticeStore
from .sessions import SessionStore
from .trainers import TrainerStore


class Store(
    LearnerStore, ExamStore, AttemptStore, GroupStore, TrainerStore, PracticeStore, FactorStore, SessionStore
):
    """All of the store over one engine."""


__all__ = [
    "CODE_ALPHABET",
    "MAX_NAME",
    "Assignment",
    "Attempt",
    "Group",
    "Learner",
    "Store",
    "Trainer",
    "clean_name",
    "clean_text",
    "default_url",
    "new_code",
    "normalize_code",
    "utcnow",
]
