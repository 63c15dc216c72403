"""Fold the reports of the indberetning store into a source set (DESIGN.md §3).

The next load takes every report up to the store's latest id: per source key the latest
report replaces the source row with the same key (a report is newer than the file; a
service forecast also replaces a legacy forecast without budgettype), other reports are
added. The reports are checked again against the new source set (schemas and references:
a goal may have been removed since); any problem stops the load and nothing is written.
The manifest records how many reports were taken and up to which id
(`extra["indberetninger"]`), so the snapshot stays complete and reproducible.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path

import polars as pl
from sqlalchemy.exc import SQLAlchemyError

from modeller.errors import Fejl, IndlaesningsFejl, StyringsFejl
from modeller.indberetning.eksport import kildetabeller
from modeller.indberetning.lager import DB_ENV, SQLITE_FIL, Lager, standard_url
from modeller.loader.integritet import tjek_referencer
from modeller.loader.kilde import Kildesaet
from modeller.loader.laes import RAEKKE
from modeller.loader.validering import valider
from modeller.schemas import TABELLER

_SAMMENLIGN = "__noegle_budgettype"


def _uden_erstattede(kilde: pl.DataFrame, nye: pl.DataFrame, navn: str) -> pl.DataFrame:
    noegle = list(TABELLER[navn].noegle)
    if navn != "prognoser":
        return kilde.join(nye.select(noegle), on=noegle, how="anti", nulls_equal=True)
    # A legacy forecast (no budgettype) is read as service: the same line as a service report.
    on = [k for k in noegle if k != "budgettype"] + [_SAMMENLIGN]
    sammenlign = pl.col("budgettype").fill_null("service").alias(_SAMMENLIGN)
    return (
        kilde.with_columns(sammenlign)
        .join(nye.with_columns(sammenlign).select(on), on=on, how="anti", nulls_equal=True)
        .drop(_SAMMENLIGN)
    )


def fold_ind(saet: Kildesaet, lager: Lager, beskrivelse: str = "indberetninger") -> Kildesaet:
    """`saet` with the store's reports folded in. Raises IndlaesningsFejl when a report
    no longer fits the source set (nothing is written then)."""
    til_id = lager.seneste_id()
    rapporter = kildetabeller(lager.alle(til_id=til_id))
    filer = {navn: f"indberetning ({navn})" for navn in rapporter}
    # Validation: the reports alone (schemas), then their references against the source
    # set; row numbers in messages are report ids.
    rammer = {
        navn: df.with_row_index(RAEKKE, offset=1).with_columns(pl.col(RAEKKE).cast(pl.Int64))
        for navn, df in saet.tabeller.items()
        if navn not in rapporter
    }
    fejl: list[Fejl] = []
    for navn, df in rapporter.items():
        med_nr = df.rename({"indberetning_id": RAEKKE})
        fejl += valider(med_nr, TABELLER[navn], filer[navn])
        rammer[navn] = med_nr
    fejl += [
        f
        for f in tjek_referencer(rammer, {**{n: n for n in rammer}, **_kildefiler(saet), **filer})
        if f.fil in filer.values()
    ]
    if fejl:
        raise IndlaesningsFejl(
            [
                dataclasses.replace(f, besked=f.besked + " (rækkenummeret er indberetningens nr.)")
                for f in fejl
            ]
        )
    tabeller = dict(saet.tabeller)
    antal = 0
    for navn, df in rapporter.items():
        nye = df.drop("indberetning_id")
        antal += nye.height
        tabeller[navn] = pl.concat([_uden_erstattede(tabeller[navn], nye, navn), nye])
    h = hashlib.sha256(f"{saet.sha256}|indberetninger:{til_id}".encode()).hexdigest()
    ekstra = {
        **saet.ekstra,
        "indberetninger": {"antal": antal, "til_id": til_id, "kilde": beskrivelse},
    }
    return dataclasses.replace(saet, tabeller=tabeller, sha256=h, ekstra=ekstra)


def _kildefiler(saet: Kildesaet) -> dict[str, str]:
    return {f.table: f.file for f in saet.filer}


def tag_med(saet: Kildesaet, data_dir: Path | str, url: str | None = None) -> Kildesaet:
    """Fold in the reports of the default store: `url` (--db), else $STYRINGSOVERBLIK_DB,
    else the SQLite file in a local data folder when it exists. Without a store the set
    is returned as is. A store that cannot be read stops the load (StyringsFejl)."""
    url = url or os.environ.get(DB_ENV)
    if url is None:
        if not isinstance(data_dir, Path) or not (data_dir / SQLITE_FIL).exists():
            return saet
        url = standard_url(data_dir)
    beskrivelse = url.split(":", 1)[0].split("+", 1)[0]
    try:
        lager = Lager.aabn(url)
    except SQLAlchemyError as exc:
        raise StyringsFejl(
            f"Indberetningerne kunne ikke læses fra databasen ({type(exc).__name__}). "
            "Ret forbindelsen, eller indlæs uden dem med --uden-indberetninger."
        ) from exc
    try:
        return fold_ind(saet, lager, beskrivelse)
    finally:
        lager.luk()
