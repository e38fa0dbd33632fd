"""Attempt sequence numbers, one open attempt per learner and quiz, trainer sessions and
sign-in back-off.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(sa.Column("seq", sa.Integer, nullable=False, server_default="0"))
    # Before the unique index: close all but the newest open attempt of a learner and quiz
    # (made by the race this revision ends). Closed unscored, they count as no result.
    op.execute(
        """
        UPDATE attempts SET submitted_at = started_at
        WHERE submitted_at IS NULL AND id NOT IN (
            SELECT max(id) FROM attempts WHERE submitted_at IS NULL GROUP BY learner_id, quiz_id
        )
        """
    )
    op.create_index(
        "ux_attempts_one_open",
        "attempts",
        ["learner_id", "quiz_id"],
        unique=True,
        sqlite_where=sa.text("submitted_at IS NULL"),
        postgresql_where=sa.text("submitted_at IS NULL"),
    )
    op.create_table(
        "trainer_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sign_in_tries",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("sign_in_tries")
    op.drop_table("trainer_sessions")
    op.drop_index("ux_attempts_one_open", "attempts")
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("seq")
