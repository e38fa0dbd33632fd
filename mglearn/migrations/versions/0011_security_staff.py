"""Staff accounts to ASVS level 2 (issue 33): a second factor (TOTP) with recovery codes, the
half-way step of a sign-in (password right, code still to come).

- ``trainer_factors``: a trainer's TOTP secret, when it was enrolled, and the last 30-second step
  a code was accepted for (a code is good once, on any server).
- ``recovery_codes``: ten one-time codes per enrolment, as SHA-256 hashes.
- ``sign_in_steps``: the password was right; the cookie's token (its hash here) lets that
  browser, for five minutes, type the code, or enrol (``secret``: the one shown in the QR code).
- ``trainers.failed_logins``/``locked_until`` (there since 0002) count wrong codes and lock.
- ``trainer_sessions``: when each was last used (the idle timeout), from where and which browser
  (the trainer's list of their own sessions).

Revision ID: 0011
Revises: 0010_examday
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010_examday"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trainer_factors",
        sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), primary_key=True),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_step", sa.BigInteger, nullable=True),
    )
    op.create_table(
        "recovery_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=False, index=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "sign_in_steps",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=False, index=True),
        sa.Column("secret", sa.String(64), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )

    with op.batch_alter_table("trainer_sessions") as batch:
        batch.add_column(sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("client", sa.String(200), nullable=True))
        batch.add_column(sa.Column("agent", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("trainer_sessions") as batch:
        batch.drop_column("agent")
        batch.drop_column("client")
        batch.drop_column("last_seen_at")
    op.drop_table("sign_in_steps")
    op.drop_table("recovery_codes")
    op.drop_table("trainer_factors")
