"""LTI 1.3: platforms, deployments, logins, users, courses, sessions, grade links, the grade
outbox and the tool's key (issue 31).

Revision ID: 0009
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lti_platforms",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("issuer", sa.String(255), nullable=False),
        sa.Column("client_id", sa.String(255), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("auth_url", sa.String(2000), nullable=False),
        sa.Column("token_url", sa.String(2000), nullable=False),
        sa.Column("jwks_url", sa.String(2000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("issuer", "client_id", name="ux_lti_platforms_issuer_client"),
    )
    op.create_table(
        "lti_deployments",
        sa.Column("platform_id", sa.Integer, sa.ForeignKey("lti_platforms.id"), primary_key=True),
        sa.Column("deployment_id", sa.String(255), primary_key=True),
    )
    op.create_table(
        "lti_logins",
        sa.Column("state", sa.String(64), primary_key=True),
        sa.Column("nonce", sa.String(64), nullable=False, unique=True),
        sa.Column("platform_id", sa.Integer, sa.ForeignKey("lti_platforms.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "lti_users",
        sa.Column("issuer", sa.String(255), primary_key=True),
        sa.Column("sub", sa.String(255), primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=True),
        sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "lti_contexts",
        sa.Column("issuer", sa.String(255), primary_key=True),
        sa.Column("context_id", sa.String(255), primary_key=True),
        sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), primary_key=True),
        sa.Column("group_id", sa.Integer, sa.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
    )
    op.create_table(
        "lti_enrolments",
        sa.Column("issuer", sa.String(255), primary_key=True),
        sa.Column("context_id", sa.String(255), primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), primary_key=True),
    )
    op.create_table(
        "lti_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    op.create_table(
        "lti_grade_links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("activity", sa.String(80), nullable=False),
        sa.Column("platform_id", sa.Integer, sa.ForeignKey("lti_platforms.id"), nullable=False),
        sa.Column("sub", sa.String(255), nullable=False),
        sa.Column("lineitem", sa.String(2000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("learner_id", "activity", "lineitem", name="ux_lti_grade_links"),
    )
    op.create_table(
        "lti_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id"), nullable=False),
        sa.Column("platform_id", sa.Integer, sa.ForeignKey("lti_platforms.id"), nullable=False),
        sa.Column("lineitem", sa.String(2000), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_try_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tries", sa.Integer, nullable=False, server_default="0"),
        sa.Column("lease_owner", sa.String(64), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(200), nullable=True),
        sa.UniqueConstraint("attempt_id", "lineitem", name="ux_lti_outbox_attempt_lineitem"),
        sa.Index("ix_lti_outbox_due", "sent_at", "next_try_at"),
    )
    op.create_table(
        "lti_tool_keys",
        sa.Column("kid", sa.String(64), primary_key=True),
        sa.Column("private_pem", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("lti_tool_keys")
    op.drop_table("lti_outbox")
    op.drop_table("lti_grade_links")
    op.drop_table("lti_sessions")
    op.drop_table("lti_enrolments")
    op.drop_table("lti_contexts")
    op.drop_table("lti_users")
    op.drop_table("lti_logins")
    op.drop_table("lti_deployments")
    op.drop_table("lti_platforms")
