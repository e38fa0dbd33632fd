"""Every certificate gets a place in the revocation status list (issue 29).

``certificates.status_index``: its index in the Bitstring Status List the app publishes (the
credential's ``credentialStatus.statusListIndex``), given when its credential is first signed
with a status entry; unique, and empty for a certificate whose credential was never signed
that way (older JWT-only ones until they are downloaded again).

Revision ID: 0008_ob
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("certificates")}
    if "status_index" in columns:  # a database whose tables were made from the newest schema
        return
    with op.batch_alter_table("certificates") as batch:
        batch.add_column(sa.Column("status_index", sa.Integer, nullable=True))
        batch.create_unique_constraint("uq_certificates_status_index", ["status_index"])


def downgrade() -> None:
    with op.batch_alter_table("certificates") as batch:
        batch.drop_constraint("uq_certificates_status_index", type_="unique")
        batch.drop_column("status_index")
