"""Alembic environment: run against the connection the store hands over."""

from __future__ import annotations

from alembic import context

from mglearn.store.tables import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the store always passes one
    raise RuntimeError("run migrations through mglearn.store.Store, which passes a connection")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
