"""The administrator in the browser (issue 33): a role and an active flag on trainer accounts,
when each last signed in, and the audit log of security events.

- ``trainers.role``: ``trainer`` or ``admin``; ``trainers.active``: a deactivated account
  cannot sign in (and its sessions ended when it was deactivated); ``trainers.last_sign_in_at``.
- ``audit_events``: when, who (the actor's name), what (the kind), on what (the target), from
  where (the client address as mglearn.clients computes it), a short detail.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE, not a batch copy: trainers is a parent table, and SQLite refuses to
    # drop it (the copy's way) while its children point at it
    op.add_column("trainers", sa.Column("role", sa.String(8), nullable=False, server_default="trainer"))
    op.add_column("trainers", sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()))
    op.add_column("trainers", sa.Column("last_sign_in_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("actor", sa.String(80), nullable=True),
        sa.Column("kind", sa.String(40), nullable=False, index=True),
        sa.Column("target", sa.String(200), nullable=True),
        sa.Column("client", sa.String(200), nullable=True),
        sa.Column("detail", sa.String(500), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("audit_events")
    for column in ("last_sign_in_at", "active", "role"):  # SQLite 3.35+ drops a column in place
        op.drop_column("trainers", column)
