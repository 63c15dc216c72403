"""Alembic environment: always run programmatically on a connection handed over in
`config.attributes["connection"]` (see `modeller.indberetning.lager.migrer`)."""

from __future__ import annotations

from alembic import context

from modeller.indberetning.tabeller import METADATA

forbindelse = context.config.attributes["connection"]
context.configure(connection=forbindelse, target_metadata=METADATA, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
