"""Reports as source tables: for the export (`python -m modeller.indberetning eksport`)
and for the loader, which folds them into the next snapshot.

Every report up to an id is taken; per key of the source table (DESIGN.md §4: a
vurdering per goal and date, a prognose per follow-up and budget line, a måling per
indicator, unit and period) the latest report wins. The result has exactly the source
columns and types of modeller/schemas.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from modeller.indberetning.lager import som_ramme
from modeller.indberetning.model import TABEL, Indberetning
from modeller.schemas import TABELLER


def kildetabeller(indberetninger: Iterable[Indberetning]) -> dict[str, pl.DataFrame]:
    """One frame per source table (vurderinger, prognoser, maalinger), latest report per
    source key, sorted by that key, with `indberetning_id` as the last column."""
    alle = list(indberetninger)
    ud: dict[str, pl.DataFrame] = {}
    for art, navn in TABEL.items():
        tabel = TABELLER[navn]
        df = som_ramme(alle, art).sort("indberetning_id")
        df = df.unique(subset=list(tabel.noegle), keep="last", maintain_order=True)
        ud[navn] = df.select(*tabel.kolonnenavne, "indberetning_id").sort(
            list(tabel.noegle), nulls_last=True
        )
    return ud


def skriv_csv(tabeller: dict[str, pl.DataFrame], ud: Path) -> dict[str, int]:
    """Write `<tabel>.csv` per table in the source format (`;`, UTF-8, ISO dates);
    each file is written beside and renamed into place. Returns rows per file."""
    ud.mkdir(parents=True, exist_ok=True)
    antal: dict[str, int] = {}
    for navn, df in tabeller.items():
        sti = ud / f"{navn}.csv"
        tmp = ud / f".{navn}.csv.tmp-{os.getpid()}"
        df.select(TABELLER[navn].kolonnenavne).write_csv(tmp, separator=";")
        os.replace(tmp, sti)
        antal[sti.name] = df.height
    return antal
