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
    sa.Index("ix_attempts_learner_quiz", "learner_id", "quiz_id"),
)

answers = sa.Table(
    "answers",
    metadata,
    sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id"), primary_key=True),
    sa.Column("question_id", sa.String(64), primary_key=True),
    sa.Column("response", sa.Text, nullable=False),
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
)
