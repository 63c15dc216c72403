"""Activity and unit costs: what do we get for the money (DESIGN.md §2, §6; issue 16).

The optional source table `aktivitet` gives, per year (optionally per month), unit and
politikområde, the quantity of a ydelse (`maengde`) and the quantity the budget was
adopted on (`budget_maengde`). Pure polars, no I/O.

Conventions:

- *Mængde is a level*: the number served at a time (indskrevne børn, elever, modtagere
  af hjemmepleje, fuldtidspersoner). A year row (maaned empty) is the year's average
  level; with month rows the year's level is the average of the months up to `pr`
  (months whose first day is on or before `pr`). The budgeted level is averaged over the
  same rows, so the activity variance compares like with like at any time of year.
- *Cost* is the unit's service spending on the politikområde (budgettype service; the
  lines of `modeller.budget.opfoelgning`): `udgift_kr` = forventet regnskab (the forecast
  in force; regnskab in a closed year; a line without forecast at its korrigeret budget,
  as in every roll-up), `budget_kr` = oprindeligt budget (the budget the budgeted
  activity was adopted with; tillægsbevillinger and carry-over are not a price).
  Only units that report the ydelse count, so the centre's own lines are not spread on
  the institutions' activity.
- *Unit cost* (kr. pr. ydelse pr. år): `enhedspris_kr` = udgift / mængde,
  `budget_enhedspris_kr` = budget / budgetteret mængde, over the units that have both.
- *Activity variance*: `afvigelse_maengde` = mængde − budgetteret mængde (units with a
  budgeted quantity), `afvigelse_maengde_pct` = variance / budgetteret mængde × 100, and
  `afvigelse_til_budgetpris_kr` = variance × budgetteret enhedspris: what the extra (or
  missing) activity costs for a year at the adopted unit price, the basis of
  demografiregulering. Positive = more activity than budgeted (a cost).
- A division by 0 or null gives null.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

__all__ = [
    "ENHEDSPRIS_KOLONNER",
    "aktivitet_i_aar",
    "enhedspris_aendring",
    "enhedspriser",
]

ENHED: tuple[str, ...] = ("enhed_id", "politikomraade_id", "ydelse")
"""A unit's ydelse on a politikområde."""

ENHEDSPRIS_KOLONNER: tuple[str, ...] = (
    "maaleenhed",
    "antal_enheder",
    "maengde",
    "budget_maengde",
    "afvigelse_maengde",
    "afvigelse_maengde_pct",
    "udgift_kr",
    "budget_kr",
    "enhedspris_kr",
    "budget_enhedspris_kr",
    "enhedspris_afvigelse_pct",
    "afvigelse_til_budgetpris_kr",
)
"""Columns of `enhedspriser` after the grouping keys."""


def _div(taeller: pl.Expr, naevner: pl.Expr) -> pl.Expr:
    return pl.when(naevner != 0).then(taeller / naevner).cast(pl.Float64())


def aktivitet_i_aar(aktivitet: pl.DataFrame, aar: int, pr: date) -> pl.DataFrame:
    """The year's level per (enhed_id, politikomraade_id, ydelse) as of `pr`.

    Columns: enhed_id, politikomraade_id, ydelse, maaleenhed (the first non-empty),
    maengde (average level of the rows counted), budget_maengde (average budgeted level
    over the rows that have one; null when none), antal_maaneder (month rows counted; 0
    for a year row). Rows of `aar` only; month rows whose first day is after `pr` are
    left out; a year row counts when `aar` ≤ pr.year. Sorted by the key.
    """
    maaned = pl.col("maaned")
    med = (maaned.is_null() & pl.lit(aar <= pr.year)) | (
        maaned.is_not_null() & (pl.date(pl.lit(aar), maaned, 1) <= pr)
    )
    return (
        aktivitet.filter(pl.col("aar") == aar)
        .filter(med)
        .group_by(ENHED)
        .agg(
            pl.col("maaleenhed").drop_nulls().first(),
            pl.col("maengde").mean().alias("maengde"),
            pl.col("budget_maengde").mean().alias("budget_maengde"),
            maaned.is_not_null().sum().cast(pl.Int32()).alias("antal_maaneder"),
        )
        .sort(ENHED)
    )


def _udgifter(linjer: pl.DataFrame) -> pl.DataFrame:
    """Service spending per (enhed_id, politikomraade_id) from follow-up lines."""
    return (
        linjer.filter(pl.col("budgettype") == "service")
        .group_by("enhed_id", "politikomraade_id")
        .agg(
            pl.coalesce("forventet_forbrug_kr", "korrigeret_budget_kr")
            .sum()
            .cast(pl.Float64())
            .alias("udgift_kr"),
            pl.col("oprindeligt_budget_kr").sum().cast(pl.Float64()).alias("budget_kr"),
        )
    )


def enhedspriser(
    aktivitet: pl.DataFrame,
    linjer: pl.DataFrame,
    aar: int,
    pr: date,
    gruppe: Sequence[str] = ("politikomraade_id", "ydelse"),
) -> pl.DataFrame:
    """Unit costs and activity variance for `aar` as of `pr` (module docstring).

    `linjer`: follow-up lines of `aar` (`modeller.budget.opfoelgning`, same `pr`).
    `gruppe`: the grouping keys, any of enhed_id, politikomraade_id, ydelse (always keep
    ydelse: unit costs of different ydelser do not add up). Columns: the keys, then
    ENHEDSPRIS_KOLONNER (`antal_enheder`: units reporting). Sorted by the keys.
    """
    noegle = list(gruppe)
    akt = aktivitet_i_aar(aktivitet, aar, pr).join(
        _udgifter(linjer), on=["enhed_id", "politikomraade_id"], how="left"
    )
    har_budget = pl.col("budget_maengde").is_not_null()
    pris = pl.col("udgift_kr").is_not_null()
    grp = akt.group_by(noegle).agg(
        pl.col("maaleenhed").drop_nulls().first(),
        pl.col("enhed_id").n_unique().cast(pl.UInt32()).alias("antal_enheder"),
        pl.col("maengde").sum().alias("maengde"),
        pl.col("budget_maengde").sum().alias("budget_maengde"),
        (pl.col("maengde") - pl.col("budget_maengde")).sum().alias("afvigelse_maengde"),
        pl.col("maengde").filter(pris).sum().alias("_maengde_m_udgift"),
        pl.col("udgift_kr").sum().alias("udgift_kr"),
        pl.col("budget_kr").sum().alias("budget_kr"),
        pl.col("budget_kr").filter(har_budget & pris).sum().alias("_budget_kr_m_maengde"),
        pl.col("budget_maengde").filter(har_budget & pris).sum().alias("_budget_maengde_m_udgift"),
        har_budget.any().alias("_har_budget"),
        pris.any().alias("_har_udgift"),
    )
    budgetpris = _div(pl.col("_budget_kr_m_maengde"), pl.col("_budget_maengde_m_udgift"))
    return (
        grp.with_columns(
            pl.when(pl.col("_har_budget")).then(pl.col("budget_maengde")).alias("budget_maengde"),
            pl.when(pl.col("_har_budget"))
            .then(pl.col("afvigelse_maengde"))
            .alias("afvigelse_maengde"),
            pl.when(pl.col("_har_udgift")).then(pl.col("udgift_kr")).alias("udgift_kr"),
            pl.when(pl.col("_har_udgift")).then(pl.col("budget_kr")).alias("budget_kr"),
            pl.when(pl.col("_har_udgift"))
            .then(_div(pl.col("udgift_kr"), pl.col("_maengde_m_udgift")))
            .alias("enhedspris_kr"),
            pl.when(pl.col("_har_udgift") & pl.col("_har_budget"))
            .then(budgetpris)
            .alias("budget_enhedspris_kr"),
        )
        .with_columns(
            (_div(pl.col("afvigelse_maengde"), pl.col("budget_maengde")) * 100.0).alias(
                "afvigelse_maengde_pct"
            ),
            (
                _div(
                    pl.col("enhedspris_kr") - pl.col("budget_enhedspris_kr"),
                    pl.col("budget_enhedspris_kr"),
                )
                * 100.0
            ).alias("enhedspris_afvigelse_pct"),
            (pl.col("afvigelse_maengde") * pl.col("budget_enhedspris_kr")).alias(
                "afvigelse_til_budgetpris_kr"
            ),
        )
        .select(*noegle, *ENHEDSPRIS_KOLONNER)
        .sort(noegle)
    )


def enhedspris_aendring(
    nu: pl.DataFrame, foer: pl.DataFrame, noegle: Sequence[str]
) -> pl.DataFrame:
    """`nu` (from `enhedspriser`) with last year's unit cost beside it: adds
    `enhedspris_foer_kr` (from `foer`, same keys) and `enhedspris_aendring_pct` = (now −
    before) / before × 100 (null when either is missing or before is 0)."""
    k = list(noegle)
    return nu.join(
        foer.select(*k, pl.col("enhedspris_kr").alias("enhedspris_foer_kr")),
        on=k,
        how="left",
        nulls_equal=True,
    ).with_columns(
        (
            _div(
                pl.col("enhedspris_kr") - pl.col("enhedspris_foer_kr"),
                pl.col("enhedspris_foer_kr"),
            )
            * 100.0
        ).alias("enhedspris_aendring_pct")
    )
