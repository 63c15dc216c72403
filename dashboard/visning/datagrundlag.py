"""Prepared frames for the Datagrundlag page: the manifest as tables."""

from __future__ import annotations

from datetime import date

import polars as pl

from dashboard import data
from dashboard.faelles import format as fmt
from modeller.snapshot import Manifest


def kildefiler(m: Manifest) -> pl.DataFrame:
    """One row per source file: table, file, encoding, separator, rows, sha256."""
    return pl.DataFrame(
        {
            "Tabel": [f.table for f in m.files],
            "Fil": [f.file for f in m.files],
            "Tegnsæt": [f.encoding or "–" for f in m.files],
            "Separator": [f.separator or "–" for f in m.files],
            "Rækker": [f.rows for f in m.files],
            "SHA-256": [f.sha256 for f in m.files],
        },
        schema_overrides={"Rækker": pl.Int64},
    )


def alle_datasaet() -> pl.DataFrame:
    """Every snapshot in the data folder, newest first."""
    alle = data.list_snapshots()
    return pl.DataFrame(
        {
            "Datasæt": [m.label or "Uden etiket" for m in alle],
            "Data pr.": [fmt.dato(m.data_as_of) for m in alle],
            "Indlæst": [fmt.tidspunkt(m.created_at) for m in alle],
            "Rækker i alt": [sum(m.tables.values()) for m in alle],
            "Advarsler": [len(m.warnings) for m in alle],
            "Id": [m.snapshot_id for m in alle],
        },
        schema_overrides={"Rækker i alt": pl.Int64, "Advarsler": pl.Int64},
    )


def alder_tekst(m: Manifest, idag: date | None = None) -> str:
    """How old the data is, in Danish: "Data er 58 dage gamle (pr. 30. september 2026)"."""
    if m.data_as_of is None:
        return "Datasættet har ingen datodato (ingen forbrug eller opfølgninger)."
    dage = ((idag or date.today()) - m.data_as_of).days
    if dage < 0:
        return f"Data er dateret frem i tiden: {fmt.dato(m.data_as_of)}."
    enhed = "dag" if dage == 1 else "dage"
    return f"Data er {fmt.tal(dage)} {enhed} gamle (pr. {fmt.dato(m.data_as_of)})."
