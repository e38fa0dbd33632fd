"""The store: SQLAlchemy Core on SQLite (default) or PostgreSQL, schema by Alembic.

Every state change a learner makes is written here the moment it happens, in one write
transaction that re-checks what it depends on (:class:`~mglearn.store.database.Database`); the
UI's session state is only a cache of it. Time is always passed in (UTC), never read inside the
rules.

:class:`Store` is one :class:`~mglearn.store.database.Database` and the parts built on it, one
module and one attribute each: ``store.learners``, ``store.attempts``, ``store.exams``,
``store.certificates``, ``store.status_list``, ``store.practice``, ``store.groups``,
``store.trainers``, ``store.factors`` (the second factor), ``store.sessions`` (a trainer's
sessions), ``store.lti``, ``store.lti_platforms``, ``store.lti_outbox``, ``store.accommodations``,
``store.exam_live``, ``store.checks`` (check-yourself answers), ``store.audit`` (the audit log of
security events) and ``store.admin`` (an administrator's acts); and ``store.guesses``, the
wrong-code counter the learners and groups parts share. A part holds the
database and, where it needs one, another part given to it when it is built (the exams part
closes an exam through ``attempts`` and issues a missing certificate through ``certificates``);
no part inherits from another. So ``store.attempts.save_answer(...)`` says where the code is.
"""

from __future__ import annotations

from .. import settings as app_settings
from ..records import Assignment, Attempt, Group, Learner, Trainer
from ..settings import Settings
from .accommodations import Accommodations
from .admin import Admin
from .attempts import Attempts
from .audit import Audit
from .base import (
    CODE_ALPHABET,
    MAX_NAME,
    clean_name,
    clean_text,
    new_code,
    normalize_code,
    utcnow,
)
from .certificates import Certificates
from .checks import Checks
from .database import Database
from .exam_live import ExamLive
from .exams import Exams
from .factors import Factors
from .groups import Groups
from .guesses import Guesses
from .learners import Learners
from .lti import Lti
from .lti_outbox import Outbox
from .lti_platforms import Platforms
from .practice import Practice
from .sessions import Sessions
from .status_list import StatusList
from .trainers import Trainers


def default_url() -> str:
    """``MGLEARN_DATABASE_URL`` of the process environment (an entry point's default)."""
    return app_settings.current().database_url


class Store:
    """The database and its parts. ``Store(url)`` opens the database (and brings its schema up
    to date unless ``migrate=False``); the parts do the rest. ``settings`` (default: the process
    environment's, read once here) is handed to the parts that need one: no part reads it."""

    def __init__(
        self, url: str | None = None, *, settings: Settings | None = None, migrate: bool = True
    ) -> None:
        self.settings = settings if settings is not None else app_settings.current()
        self.db = Database(
            url or self.settings.database_url, migrate=migrate, pool_size=self.settings.db_pool_size
        )
        self.guesses = Guesses(self.db)
        self.learners = Learners(self.db, self.guesses)
        self.practice = Practice(self.db, self.settings)
        self.checks = Checks(self.db, self.practice)  # the lesson page's check yourself (issue 30)
        self.certificates = Certificates(self.db)
        self.attempts = Attempts(self.db, self.practice, self.certificates, self.settings)
        self.exams = Exams(self.db, self.attempts, self.certificates, self.settings)
        self.groups = Groups(self.db, self.guesses)
        self.trainers = Trainers(self.db, self.settings)
        self.factors = Factors(self.db)
        self.sessions = Sessions(self.db)
        self.status_list = StatusList(self.db)
        self.lti_outbox = Outbox(self.db)
        self.lti = Lti(self.db, self.learners, self.groups, self.trainers)
        self.lti_platforms = Platforms(self.db)
        self.accommodations = Accommodations(self.db, self.attempts)  # issue 32
        self.exam_live = ExamLive(self.db)
        self.audit = Audit(self.db)  # issue 33: the audit log, and the administrator's acts
        self.admin = Admin(self.db, self.trainers, self.factors, self.sessions, self.certificates)

    def dispose(self) -> None:
        """Close the database's connections (the same as ``store.db.dispose()``)."""
        self.db.dispose()


__all__ = [
    "CODE_ALPHABET",
    "MAX_NAME",
    "Assignment",
    "Accommodations",
    "Admin",
    "Attempt",
    "Attempts",
    "Audit",
    "Certificates",
    "Database",
    "ExamLive",
    "Exams",
    "Factors",
    "Group",
    "Groups",
    "Guesses",
    "Learner",
    "Learners",
    "Lti",
    "Outbox",
    "Practice",
    "Sessions",
    "StatusList",
    "Store",
    "Trainer",
    "Trainers",
    "clean_name",
    "clean_text",
    "default_url",
    "new_code",
    "normalize_code",
    "utcnow",
]
