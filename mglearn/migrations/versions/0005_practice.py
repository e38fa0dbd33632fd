"""Practice cards and review logs (fsrs).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_cards",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("card", sa.Text, nullable=False),
        sa.Column("due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reps", sa.Integer, nullable=False, server_default="0"),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("learner_id", "question_id", name="ux_practice_cards_learner_question"),
    )
    op.create_index("ix_practice_cards_learner_due", "practice_cards", ["learner_id", "due"])
    op.create_table(
        "practice_reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("card_id", sa.Integer, sa.ForeignKey("practice_cards.id"), nullable=False, index=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id"), nullable=True),
        sa.Column("response", sa.Text, nullable=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("duration_ms", sa.Integer, nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("log", sa.Text, nullable=False),
    )
    op.create_index("ix_practice_reviews_learner_time", "practice_reviews", ["learner_id", "reviewed_at"])
    op.create_table(
        "practice_goals",
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), primary_key=True),
        sa.Column("daily_goal", sa.Integer, nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("practice_goals")
    op.drop_index("ix_practice_reviews_learner_time", "practice_reviews")
    op.drop_table("practice_reviews")
    op.drop_index("ix_practice_cards_learner_due", "practice_cards")
    op.drop_table("practice_cards")
