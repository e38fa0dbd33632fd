"""Exams, certificates and signing keys.

An exam is an attempt with a deadline: ``attempts`` gains its kind (quiz | exam), the stored
deadline, the questions flagged for review and the group whose exam settings applied. A group
may have its own exam settings and window; a passed exam may get a certificate; every public
signing key ever used stays published.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(sa.Column("kind", sa.String(8), nullable=False, server_default="quiz"))
        batch.add_column(sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("flags", sa.Text, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("group_id", sa.Integer, nullable=True))
    op.create_index("ix_attempts_kind_open", "attempts", ["kind", "submitted_at"])
    op.create_table(
        "group_exams",
        sa.Column("group_id", sa.Integer, sa.ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("questions", sa.Integer, nullable=True),
        sa.Column("minutes", sa.Integer, nullable=True),
        sa.Column("pass_mark", sa.Float, nullable=True),
        sa.Column("cooldown_hours", sa.Float, nullable=True),
        sa.Column("opens_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "certificates",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id"), nullable=False, unique=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False, index=True),
        sa.Column("subject_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("pass_mark", sa.Float, nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_reason", sa.String(200), nullable=True),
    )
    op.create_table(
        "signing_keys",
        sa.Column("kid", sa.String(64), primary_key=True),
        sa.Column("public_jwk", sa.Text, nullable=False),
        sa.Column("first_used", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("signing_keys")
    op.drop_table("certificates")
    op.drop_table("group_exams")
    op.drop_index("ix_attempts_kind_open", "attempts")
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("group_id")
        batch.drop_column("flags")
        batch.drop_column("deadline_at")
        batch.drop_column("kind")
