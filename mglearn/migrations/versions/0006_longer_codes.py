"""Resume and join codes of 12 characters (60 bits, issue 20): room for PREFIX-XXXX-XXXX-XXXX.

Codes of 8 characters already handed out stay valid. SQLite does not enforce a VARCHAR's
length, so only PostgreSQL's columns change.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column(
        "learners", "code", type_=sa.String(24), existing_type=sa.String(16), existing_nullable=False
    )
    op.alter_column(
        "groups", "join_code", type_=sa.String(24), existing_type=sa.String(16), existing_nullable=False
    )


def downgrade() -> None:  # pragma: no cover - never run; the old column cannot hold new codes
    raise NotImplementedError("codes of 12 characters do not fit the old columns")
