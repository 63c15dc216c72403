"""Alembic migrations of the indberetning store, run at start-up by `lager.migrer`."""
