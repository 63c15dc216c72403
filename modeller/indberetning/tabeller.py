"""The store's one table (SQLAlchemy Core), shared by the code and the migrations.

`indberetninger` is append-only: one row per report. Columns:
- `art`: vurdering, prognose or maaling; `noegle`: the item's key as JSON (a list of
  the key columns' values, see `modeller.indberetning.model`); `version`: 1, 2, … per
  (art, noegle). The unique constraint on (art, noegle, version) is the last line of
  optimistic concurrency: two submits opened on the same version cannot both be stored.
- `enhed_id`: the unit that owns the item (checked against the user's role).
- `vaerdi`: the reported row in the source format (JSON, dates as ISO text);
  `forrige`: the value it was based on (the previous report, or the snapshot's row).
- `snapshot_id`: the snapshot the form was opened on; `bruger`/`navn`: who (e-mail and
  display name); `indberettet`: when (UTC, stored without zone).
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

ARTER: tuple[str, ...] = ("vurdering", "prognose", "maaling")

METADATA = MetaData()

INDBERETNINGER = Table(
    "indberetninger",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("art", String(20), nullable=False),
    Column("noegle", String(500), nullable=False),
    Column("version", Integer, nullable=False),
    Column("enhed_id", String(200), nullable=False),
    Column("vaerdi", Text, nullable=False),
    Column("forrige", Text, nullable=True),
    Column("snapshot_id", String(40), nullable=True),
    Column("bruger", String(320), nullable=False),
    Column("navn", String(320), nullable=False),
    Column("indberettet", DateTime(), nullable=False),
    UniqueConstraint("art", "noegle", "version", name="uq_indberetninger_version"),
    CheckConstraint("art IN ('vurdering', 'prognose', 'maaling')", name="ck_indberetninger_art"),
    CheckConstraint("version >= 1", name="ck_indberetninger_version"),
    Index("ix_indberetninger_enhed", "enhed_id"),
)
