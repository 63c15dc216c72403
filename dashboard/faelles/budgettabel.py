"""The economy split by budget type (Service, Indkomstoverførsler, Anlæg and a grand total
that says what it contains), formatted for a table: shared by Overblik and Økonomi."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from modeller import budget

FORDELING_KOLONNER: tuple[tuple[str, str], ...] = (
    ("budgettype_navn", "Budgettype"),
    ("korrigeret_budget_kr", "Korrigeret budget"),
    ("forbrug_kr", "Forbrug til dato"),
    ("forventet_forbrug_kr", "Forventet regnskab"),
    ("forventet_afvigelse_kr", "Forventet afvigelse"),
    ("forventet_overfoersel_ud_kr", "Forventet overførsel (ud)"),
    ("tidsforskydning_kr", "Tidsforskydning"),
    ("antal_prognose_mangler", "Linjer uden prognose"),
)


def fordeling(
    linjer: pl.DataFrame,
    regnskab: bool,
    budgettyper: tuple[str, ...] = (),
    i_alt_tekst: str = budget.I_ALT_NAVN,
) -> tuple[tbl.Indhold, pl.DataFrame]:
    """The selection's totals split into Service, Indkomstoverførsler and Anlæg (only the
    types of the filter, when one is set), with a grand total that says what it
    contains: (shown, export)."""
    df = budget.fordel_pr_budgettype(linjer, i_alt=True)
    if budgettyper:
        df = df.filter(pl.col("budgettype").is_null() | pl.col("budgettype").is_in(budgettyper))
    df = df.with_columns(
        pl.when(pl.col("budgettype").is_null())
        .then(pl.lit(i_alt_tekst))
        .otherwise(pl.col("budgettype_navn"))
        .alias("budgettype_navn")
    ).select(k for k, _ in FORDELING_KOLONNER)
    navne = dict(FORDELING_KOLONNER)
    if regnskab:
        navne["forventet_forbrug_kr"] = "Regnskab"
        navne["forventet_afvigelse_kr"] = "Afvigelse af regnskab"
    vist = df.rename(navne)
    fmt_: dict[str, Callable[[Any], str]] = {
        v: fmt.mio for k, v in navne.items() if k.endswith("_kr")
    }
    fmt_[navne["forventet_afvigelse_kr"]] = lambda x: fmt.mio(x, fortegn=True)
    fmt_[navne["antal_prognose_mangler"]] = lambda x: fmt.tal(x) if x else "–"
    eksport = df.rename({k: f"{v} (kr.)" if k.endswith("_kr") else v for k, v in navne.items()})
    return tbl.indhold(vist, formater=fmt_), eksport
