"""The store's tables (SQLAlchemy Core). The schema itself is made by Alembic migrations."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

learners = sa.Table(
    "learners",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("code", sa.String(24), nullable=False, unique=True),  # MG-XXXX-XXXX-XXXX (0006)
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
    sa.Column("kind", sa.String(8), nullable=False, server_default="quiz"),  # quiz | exam
    sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=True),  # exams: stored at the start
    sa.Column("flags", sa.Text, nullable=False, server_default="[]"),  # JSON: question ids flagged
    sa.Column("group_id", sa.Integer, nullable=True),  # exams: the group whose settings applied
    sa.Index("ix_attempts_learner_quiz", "learner_id", "quiz_id"),
    sa.Index("ix_attempts_kind_open", "kind", "submitted_at"),
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
    sa.Column("role", sa.String(8), nullable=False, server_default="trainer"),  # trainer | admin (0012)
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),  # 0012: off = no sign-in
    sa.Column("last_sign_in_at", sa.DateTime(timezone=True), nullable=True),  # 0012
)

groups = sa.Table(
    "groups",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=False, index=True),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("join_code", sa.String(24), nullable=False, unique=True),  # GR-XXXX-XXXX-XXXX (0006)
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
    sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),  # issue 33: the idle timeout
    sa.Column("client", sa.String(200), nullable=True),  # where it was opened from
    sa.Column("agent", sa.String(200), nullable=True),  # the browser's User-Agent
)

# -- issue 33: the second factor (migration 0011) --

trainer_factors = sa.Table(
    "trainer_factors",
    metadata,
    sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), primary_key=True),
    sa.Column("secret", sa.String(64), nullable=False),  # TOTP, base32
    sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_step", sa.BigInteger, nullable=True),  # the last 30 s step a code was taken for
)

recovery_codes = sa.Table(
    "recovery_codes",
    metadata,
    sa.Column("code_hash", sa.String(64), primary_key=True),  # sha256
    sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=False, index=True),
    sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
)

sign_in_steps = sa.Table(
    "sign_in_steps",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),  # sha256 of the step cookie's token
    sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=False, index=True),
    sa.Column("secret", sa.String(64), nullable=True),  # enrolment: the secret the QR code shows
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

sign_in_tries = sa.Table(
    "sign_in_tries",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),  # account name | client
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
)

group_exams = sa.Table(
    "group_exams",
    metadata,
    sa.Column("group_id", sa.Integer, sa.ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("questions", sa.Integer, nullable=True),
    sa.Column("minutes", sa.Integer, nullable=True),
    sa.Column("pass_mark", sa.Float, nullable=True),
    sa.Column("cooldown_hours", sa.Float, nullable=True),
    sa.Column("opens_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True),
)

certificates = sa.Table(
    "certificates",
    metadata,
    sa.Column("code", sa.String(32), primary_key=True),
    sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id"), nullable=False, unique=True),
    sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False, index=True),
    sa.Column("subject_id", sa.String(64), nullable=False),  # urn:uuid of the credential's subject
    sa.Column("name", sa.String(80), nullable=False),  # the name as it was when issued
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("pass_mark", sa.Float, nullable=False),
    sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("revoked_reason", sa.String(200), nullable=True),
    sa.Column("status_index", sa.Integer, nullable=True),  # its place in the revocation status list
    sa.UniqueConstraint("status_index", name="uq_certificates_status_index"),
)

signing_keys = sa.Table(
    "signing_keys",
    metadata,
    sa.Column("kid", sa.String(64), primary_key=True),
    sa.Column("public_jwk", sa.Text, nullable=False),  # never the private part
    sa.Column("first_used", sa.DateTime(timezone=True), nullable=False),
)

# practice (fsrs): one card per learner and question, its reviews, an optional daily goal
practice_cards = sa.Table(
    "practice_cards",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),  # the fsrs card_id
    sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
    sa.Column("question_id", sa.String(64), nullable=False),
    sa.Column("card", sa.Text, nullable=False),  # fsrs Card.to_dict() as JSON ("" before its first review)
    sa.Column("due", sa.DateTime(timezone=True), nullable=False),  # = card["due"], for queries
    sa.Column("reps", sa.Integer, nullable=False, server_default="0"),  # reviews so far
    sa.Column("origin", sa.String(16), nullable=False),  # practice | attempt | check: what started it
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("learner_id", "question_id", name="ux_practice_cards_learner_question"),
    sa.Index("ix_practice_cards_learner_due", "learner_id", "due"),
)

practice_reviews = sa.Table(
    "practice_reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("card_id", sa.Integer, sa.ForeignKey("practice_cards.id"), nullable=False, index=True),
    sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
    sa.Column("question_id", sa.String(64), nullable=False),
    sa.Column("version", sa.String(32), nullable=False),  # the question version answered
    sa.Column("source", sa.String(16), nullable=False),  # practice | attempt | check
    sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id"), nullable=True),
    sa.Column("response", sa.Text, nullable=True),  # JSON, practice answers only
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("rating", sa.Integer, nullable=False),  # fsrs Rating: 1 Again .. 4 Easy
    sa.Column("duration_ms", sa.Integer, nullable=True),  # server-measured, practice only
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("log", sa.Text, nullable=False),  # fsrs ReviewLog.to_dict() as JSON
    sa.Index("ix_practice_reviews_learner_time", "learner_id", "reviewed_at"),
)

practice_goals = sa.Table(
    "practice_goals",
    metadata,
    sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), primary_key=True),
    sa.Column("daily_goal", sa.Integer, nullable=True),  # questions a day; None: no goal
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# LTI 1.3 (issue 31): platforms, their deployments, logins in flight, who is who, grades out
lti_platforms = sa.Table(
    "lti_platforms",
    metadata,
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

lti_deployments = sa.Table(
    "lti_deployments",
    metadata,
    sa.Column("platform_id", sa.Integer, sa.ForeignKey("lti_platforms.id"), primary_key=True),
    sa.Column("deployment_id", sa.String(255), primary_key=True),
)

lti_logins = sa.Table(  # an OIDC login in flight: its state and nonce, usable once
    "lti_logins",
    metadata,
    sa.Column("state", sa.String(64), primary_key=True),
    sa.Column("nonce", sa.String(64), nullable=False, unique=True),
    sa.Column("platform_id", sa.Integer, sa.ForeignKey("lti_platforms.id"), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
)

lti_users = sa.Table(  # (issuer, sub) -> our learner or trainer
    "lti_users",
    metadata,
    sa.Column("issuer", sa.String(255), primary_key=True),
    sa.Column("sub", sa.String(255), primary_key=True),
    sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=True),
    sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

lti_contexts = sa.Table(  # a course of the platform -> each instructor's group for it
    "lti_contexts",
    metadata,
    sa.Column("issuer", sa.String(255), primary_key=True),
    sa.Column("context_id", sa.String(255), primary_key=True),
    sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), primary_key=True),
    sa.Column("group_id", sa.Integer, sa.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
)

lti_enrolments = sa.Table(  # the learners who launched from a course (they join its groups)
    "lti_enrolments",
    metadata,
    sa.Column("issuer", sa.String(255), primary_key=True),
    sa.Column("context_id", sa.String(255), primary_key=True),
    sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), primary_key=True),
)

lti_sessions = sa.Table(  # a learner's launch: the cookie holds the token, this its hash
    "lti_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
)

lti_grade_links = sa.Table(  # where a learner's scores of one activity go (from their launches)
    "lti_grade_links",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
    sa.Column("activity", sa.String(80), nullable=False),  # quiz:<id> | exam
    sa.Column("platform_id", sa.Integer, sa.ForeignKey("lti_platforms.id"), nullable=False),
    sa.Column("sub", sa.String(255), nullable=False),
    sa.Column("lineitem", sa.String(2000), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("learner_id", "activity", "lineitem", name="ux_lti_grade_links"),
)

lti_outbox = sa.Table(  # scores to send, one per attempt and line item
    "lti_outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id"), nullable=False),
    sa.Column("platform_id", sa.Integer, sa.ForeignKey("lti_platforms.id"), nullable=False),
    sa.Column("lineitem", sa.String(2000), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),  # the AGS score as JSON
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("next_try_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("tries", sa.Integer, nullable=False, server_default="0"),
    sa.Column("lease_owner", sa.String(64), nullable=True),
    sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
    sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True),  # refused for good
    sa.Column("last_error", sa.String(200), nullable=True),
    sa.UniqueConstraint("attempt_id", "lineitem", name="ux_lti_outbox_attempt_lineitem"),
    sa.Index("ix_lti_outbox_due", "sent_at", "next_try_at"),
)

lti_tool_keys = sa.Table(  # the tool's RSA key: signs token requests and deep-linking answers
    "lti_tool_keys",
    metadata,
    sa.Column("kid", sa.String(64), primary_key=True),
    sa.Column("private_pem", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# exam accommodations (issue 32): per group membership; gone when the membership goes
accommodations = sa.Table(
    "accommodations",
    metadata,
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

# the audit log of security events (issue 33, migration 0012)
audit_events = sa.Table(
    "audit_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("actor", sa.String(80), nullable=True),  # who did it (an account's name, or the command line)
    sa.Column("kind", sa.String(40), nullable=False, index=True),  # mglearn.store.audit.KINDS
    sa.Column("target", sa.String(200), nullable=True),  # the account or certificate it was done to
    sa.Column("client", sa.String(200), nullable=True),  # from where (mglearn.clients)
    sa.Column("detail", sa.String(500), nullable=True),
)
