"""Shared helpers for the indberetning tests: a snapshot read without streamlit, roles."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from modeller.indberetning import Bruger
from modeller.indberetning.roller import Roller, fra_tekst
from modeller.schemas import TABELLER
from modeller.snapshot import MANIFEST, Manifest, Snapshot, snapshots_dir

ANNE = Bruger("anne@demo.dk", "Anne Andersen")
"""Reports for Center for Ældre (C-AE) and everything below; controller."""
BO = Bruger("bo@demo.dk", "Bo Bech")
"""Reports for Center for Ældre too (the race's second user); not a controller."""
SOFIE = Bruger("sofie@demo.dk", "Sofie Sand", grupper=("sg-boern",))
"""Reports for Center for Børn og Unge through the group claim."""

ROLLER_TEKST = """
[bruger."anne@demo.dk"]
enheder = ["C-AE"]
controller = true

[bruger."BO@demo.dk"]
enheder = ["C-AE"]

[gruppe."sg-boern"]
enheder = ["C-BU"]
"""


def roller() -> Roller:
    return fra_tekst(ROLLER_TEKST)


def nyeste_snapshot(data_dir: Path) -> Snapshot:
    # By creation time, not by id: two loads in one second get ids with a random suffix.
    manifester = [
        Manifest.from_json((p / MANIFEST).read_text(encoding="utf-8"))
        for p in snapshots_dir(data_dir).iterdir()
        if not p.name.startswith(".")
    ]
    manifest = max(manifester, key=lambda m: (m.created_at, m.snapshot_id))
    mappe = snapshots_dir(data_dir) / manifest.snapshot_id
    return Snapshot(
        manifest,
        {
            n: pl.read_parquet(mappe / f"{n}.parquet")
            if (mappe / f"{n}.parquet").exists()
            else t.tom()
            for n, t in TABELLER.items()
        },
    )


def institutionsmaal(s: Snapshot, center: str) -> str:
    """A goal of an institution under `center`."""
    org = s["organisation"].filter(pl.col("overordnet_id") == center)["enhed_id"]
    return str(
        s["maal"].filter(pl.col("enhed_id").is_in(org.implode())).sort("maal_id")["maal_id"][0]
    )
