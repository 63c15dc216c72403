"""The append-only table of reports.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SQLITE_VAGT = (
    "CREATE TRIGGER indberetninger_{hvad} BEFORE {HVAD} ON indberetninger "
    "BEGIN SELECT RAISE(ABORT, 'indberetninger er kun til tilføjelse'); END"
)
_PG_FUNKTION = """
CREATE FUNCTION indberetninger_kun_tilfoej() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'indberetninger er kun til tilføjelse';
END;
$$ LANGUAGE plpgsql
"""
_PG_VAGT = (
    "CREATE TRIGGER indberetninger_kun_tilfoej BEFORE UPDATE OR DELETE ON indberetninger "
    "FOR EACH ROW EXECUTE FUNCTION indberetninger_kun_tilfoej()"
)


def upgrade() -> None:
    op.create_table(
        "indberetninger",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("art", sa.String(20), nullable=False),
        sa.Column("noegle", sa.String(500), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("enhed_id", sa.String(200), nullable=False),
        sa.Column("vaerdi", sa.Text, nullable=False),
        sa.Column("forrige", sa.Text, nullable=True),
        sa.Column("snapshot_id", sa.String(40), nullable=True),
        sa.Column("bruger", sa.String(320), nullable=False),
        sa.Column("navn", sa.String(320), nullable=False),
        sa.Column("indberettet", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("art", "noegle", "version", name="uq_indberetninger_version"),
        sa.CheckConstraint(
            "art IN ('vurdering', 'prognose', 'maaling')", name="ck_indberetninger_art"
        ),
        sa.CheckConstraint("version >= 1", name="ck_indberetninger_version"),
    )
    op.create_index("ix_indberetninger_enhed", "indberetninger", ["enhed_id"])
    # Append-only in the database itself: no UPDATE or DELETE, whoever connects.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNKTION)
        op.execute(_PG_VAGT)
    else:
        for hvad in ("update", "delete"):
            op.execute(_SQLITE_VAGT.format(hvad=hvad, HVAD=hvad.upper()))


def downgrade() -> None:
    op.drop_table("indberetninger")
