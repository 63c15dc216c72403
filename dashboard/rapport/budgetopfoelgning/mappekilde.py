"""A `Kilde` over a data folder without streamlit, for the command line.

The app passes dashboard/beregning.py (cached per snapshot, shared by sessions); the
command line makes a few documents and exits, so it reads the folder once through
modeller/datamappe.py and applies the same rules as beregning.py, uncached.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import polars as pl
from sqlalchemy.exc import SQLAlchemyError

from modeller import budget, datamappe, status
from modeller.budget import Profilmetode
from modeller.errors import StyringsFejl
from modeller.indberetning import Indberetning
from modeller.indberetning.lager import nye_efter, som_ramme
from modeller.snapshot import Snapshot
from modeller.styringsregler import STANDARD, Oekonomiindstillinger


class Mappekilde:
    """Snapshots of `data_dir` and the computations the documents need (see
    dashboard/rapport/indhold.py `Kilde`)."""

    def __init__(self, data_dir: Path, sted: datamappe.Datasted | None = None) -> None:
        """`sted` is where the snapshots and settings live (a folder or `s3://…`; default
        `data_dir`); `data_dir` is the local folder of the default SQLite store."""
        self.data_dir = data_dir
        self.sted = data_dir if sted is None else sted
        self._snapshot = cache(self._laes)
        self._nye = cache(self._laes_nye)

    def _laes(self, snapshot_id: str | None) -> Snapshot:
        return datamappe.laes_snapshot(self.sted, datamappe.find_manifest(self.sted, snapshot_id))

    def load_snapshot(self, snapshot_id: str | None = None) -> Snapshot:
        return self._snapshot(snapshot_id)

    def opfoelgning(
        self,
        snapshot_id: str,
        aar: int,
        pr: date,
        profilmetode: Profilmetode = "lineaer",
        indstillinger: Oekonomiindstillinger = STANDARD,
    ) -> pl.DataFrame:
        s = self.load_snapshot(snapshot_id)
        return budget.opfoelgning(
            s["budget"], s["forbrug"], s["prognoser"], aar, pr, profilmetode,
            indstillinger=indstillinger,
        )  # fmt: skip

    def maal_status(self, snapshot_id: str, pr: date) -> pl.DataFrame:
        s = self.load_snapshot(snapshot_id)
        return status.maal_status_samlet(
            s["maal"], s["indikatorer"], s["maalinger"], s["vurderinger"], pr
        )

    def aktive_maal(self, snapshot_id: str, aar: int) -> pl.DataFrame:
        m = self.load_snapshot(snapshot_id)["maal"]
        fra = pl.col("aar_fra").fill_null(pl.col("aar_til")).fill_null(aar)
        til = pl.col("aar_til").fill_null(pl.col("aar_fra")).fill_null(aar)
        return m.filter((fra <= aar) & (til >= aar))

    def _laes_nye(self, snapshot_id: str) -> tuple[Indberetning, ...]:
        """Every current report after the snapshot (all kinds), read once (see
        `lager.nye_efter`). Raises StyringsFejl (Danish) when the store cannot be read."""
        try:
            return tuple(nye_efter(self.data_dir, self.load_snapshot(snapshot_id)))
        except SQLAlchemyError as exc:
            raise StyringsFejl(
                f"Indberetningerne kunne ikke læses fra databasen ({type(exc).__name__})."
            ) from exc

    def indberetninger(self, snapshot_id: str, art: str) -> pl.DataFrame:
        return som_ramme(self._nye(snapshot_id), art)
