"""Load a source set: read → cast → validate each table → integrity across tables.

All or nothing: `load_source` returns a `Kildesaet` of typed, validated frames or raises
`IndlaesningsFejl` carrying every problem found in every table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from modeller.errors import Fejl, IndlaesningsFejl
from modeller.loader.integritet import advarsler_paa_tvaers, tjek_alle
from modeller.loader.konverter import konverter
from modeller.loader.laes import RAEKKE, beskriv_kortlaegning, laes_kilde
from modeller.loader.validering import valider
from modeller.schemas import TABELLER
from modeller.snapshot import KildeFil

Fremskridt = Callable[[str], None]
"""Progress callback, called with a table name after that table is done."""


@dataclass(frozen=True)
class Kildesaet:
    """A validated source set: one frame per contract table, typed per modeller.schemas."""

    kilde: Path
    tabeller: dict[str, pl.DataFrame]
    filer: tuple[KildeFil, ...]
    advarsler: tuple[str, ...]
    sha256: str
    """sha256 over all source files (name and content hash), for the snapshot id."""
    ekstra: dict[str, Any] = field(default_factory=dict)
    """Goes to Manifest.extra: e.g. `kortlaegning` (the mapping file used)."""


def _samlet_hash(kildehash: dict[str, str]) -> str:
    h = hashlib.sha256()
    for navn in sorted(kildehash):
        h.update(f"{navn}\0{kildehash[navn]}\n".encode())
    return h.hexdigest()


def load_source(kilde: Path, fremskridt: Fremskridt | None = None) -> Kildesaet:
    """Read and validate the source set at `kilde` (CSV folder or .xlsx workbook).

    Raises IndlaesningsFejl with every problem found (all tables are checked).
    """
    res = laes_kilde(kilde)
    fejl: list[Fejl] = list(res.fejl)
    advarsler: list[str] = list(res.advarsler)
    rammer: dict[str, pl.DataFrame] = {}
    filer: dict[str, str] = {}
    kildefiler: list[KildeFil] = []
    # Casting runs per table in parallel (polars releases the GIL); validation and the
    # messages then follow in contract order, so the output is the same every time.
    with ThreadPoolExecutor(max_workers=4) as pulje:
        konverteret = {
            navn: pulje.submit(konverter, res.tabeller[navn], tabel)
            for navn, tabel in TABELLER.items()
            if navn in res.tabeller
        }
    for navn, tabel in TABELLER.items():
        raa = res.tabeller.get(navn)
        if raa is not None:
            filer[navn] = raa.fil
            kildefiler.append(raa.kildefil)
            konv = konverteret[navn].result()
            fejl += konv.fejl
            advarsler += konv.advarsler
            fejl += valider(konv.data, tabel, raa.fil, konv.manglende, konv.fejlceller, raa.data)
            if not konv.manglende:
                rammer[navn] = konv.data
            if konv.data.height == 0:
                advarsler.append(f"{raa.fil}: tabellen er tom.")
        elif navn in res.fravaerende:
            # An optional table left out: an empty typed table, so references to it are
            # checked and the snapshot always holds it.
            rammer[navn] = tabel.tom().with_columns(pl.lit(None, dtype=pl.Int64).alias(RAEKKE))
        if fremskridt is not None:
            fremskridt(navn)
    fejl += tjek_alle(rammer, filer)
    advarsler += advarsler_paa_tvaers(rammer, filer)
    if fejl:
        # Report file by file in contract order, then by row (stable: rule order kept).
        orden = {fil: i for i, fil in enumerate(filer.values())}
        fejl.sort(key=lambda f: (orden.get(f.fil, -1), f.raekke or 0))
        raise IndlaesningsFejl(fejl)
    return Kildesaet(
        kilde=kilde,
        tabeller={n: df.drop(RAEKKE) for n, df in rammer.items()},
        filer=tuple(kildefiler),
        advarsler=tuple(advarsler),
        sha256=_samlet_hash(res.kildehash),
        ekstra=(
            {"kortlaegning": beskriv_kortlaegning(res.kortlaegning)} if res.kortlaegning else {}
        ),
    )
