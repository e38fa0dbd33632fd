"""Exam accommodations per group membership: extra minutes or a multiplier of the exam's
length, and extra attempts within the cool-down (issue 32). A row goes with its membership.

Revision ID: 0010_examday
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_examday"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accommodations",
        sa.Column("group_id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, primary_key=True),
        sa.Column("extra_minutes", sa.Integer, nullable=False, server_default="0"),
        sa.Column("multiplier", sa.Float, nullable=False, server_default="1"),
        sa.Column("extra_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id", "learner_id"],
            ["memberships.group_id", "memberships.learner_id"],
            ondelete="CASCADE",
            name="fk_accommodations_membership",
        ),
    )


def downgrade() -> None:
    op.drop_table("accommodations")
