"""The store's tables (SQLAlchemy Core). The schema itself is made by Alembic migrations."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

learners = sa.Table(
    "learners",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("lang", sa.String(2), nullable=False, server_default="nl"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

lesson_reads = sa.Table(
    "lesson_reads",
    metadata,
    sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), primary_key=True),
    sa.Column("lesson_id", sa.String(64), primary_key=True),
    sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
)

question_versions = sa.Table(
    "question_versions",
    metadata,
    sa.Column("version", sa.String(32), primary_key=True),
    sa.Column("question_id", sa.String(64), nullable=False, index=True),
    sa.Column("quiz_id", sa.String(64), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
)

attempts = sa.Table(
    "attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
    sa.Column("quiz_id", sa.String(64), nullable=False),
    sa.Column("seed", sa.BigInteger, nullable=False),
    sa.Column("draw", sa.Text, nullable=False),
    sa.Column("pass_mark", sa.Float, nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("passed", sa.Boolean, nullable=True),
    sa.Column("seq", sa.Integer, nullable=False, server_default="0"),
    sa.Index("ix_attempts_learner_quiz", "learner_id", "quiz_id"),
    sa.Index(
        "ux_attempts_one_open",
        "learner_id",
        "quiz_id",
        unique=True,
        sqlite_where=sa.text("submitted_at IS NULL"),
        postgresql_where=sa.text("submitted_at IS NULL"),
    ),
)

answers = sa.Table(
    "answers",
    metadata,
    sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id"), primary_key=True),
    sa.Column("question_id", sa.String(64), primary_key=True),
    sa.Column("response", sa.Text, nullable=False),
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_answers_question", "question_id"),
)

trainers = sa.Table(
    "trainers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(60), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

groups = sa.Table(
    "groups",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=False, index=True),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("join_code", sa.String(16), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

memberships = sa.Table(
    "memberships",
    metadata,
    sa.Column("group_id", sa.Integer, sa.ForeignKey("groups.id"), primary_key=True),
    sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), primary_key=True),
    sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
)

assignments = sa.Table(
    "assignments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("group_id", sa.Integer, sa.ForeignKey("groups.id"), nullable=False, index=True),
    sa.Column("title", sa.String(120), nullable=False),
    sa.Column("lessons", sa.Text, nullable=False),  # JSON list of lesson ids to read
    sa.Column("quizzes", sa.Text, nullable=False),  # JSON list of quiz ids to pass
    sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("pass_mark", sa.Float, nullable=True),  # overrides each quiz's own pass mark
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

trainer_sessions = sa.Table(
    "trainer_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),  # sha256 of the cookie's token
    sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

sign_in_tries = sa.Table(
    "sign_in_tries",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),  # account name | client
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
)
