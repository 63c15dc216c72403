"""Reports made after a snapshot, laid on top of its source tables (pure polars).

Until the next load folds them in (modeller/loader/indberetninger.py), documents show the
reports newer than the snapshot on top of it. These functions give the snapshot's table
with the reports added so that the shared rules (`status.maal_status`,
`budget.opfoelgning`) apply to them unchanged:

- A report is newer than everything in the snapshot, so it counts *as of* the snapshot's
  reference date `pr`: a date after `pr` is read as `pr` (only for counting; the report's
  own date is shown). A vurdering dated before the goal's latest measurement still loses
  to the indicators, as the goal-status rule says.
- A prognose replaces the snapshot's forecasts of its line (enhed × politikområde ×
  budgettype × projekt, a forecast without budgettype being service) in the same year
  dated on or after its own (counting) date: it is the forecast in force, and the line's
  earlier forecasts stay as its month-by-month history. Of several reports for one
  line, the one for the latest follow-up wins.

`nye` are reports as a frame of the source table (`lager.som_ramme`); extra columns
(who, when) are dropped.
"""

from __future__ import annotations

from datetime import date

import polars as pl

LINJE = ("enhed_id", "politikomraade_id", "budgettype", "projekt_id")
_LINJE_SAMMENLIGN = "__budgettype"
_FRA = "__fra"


def vurderinger_ovenpaa(vurderinger: pl.DataFrame, nye: pl.DataFrame, pr: date) -> pl.DataFrame:
    """The snapshot's vurderinger plus the reported ones (dato after `pr` read as `pr`)."""
    if nye.is_empty():
        return vurderinger
    tilfoej = nye.select(vurderinger.columns).with_columns(
        pl.min_horizontal(pl.col("dato"), pl.lit(pr)).alias("dato")
    )
    return pl.concat([vurderinger, tilfoej], how="vertical_relaxed")


def prognoser_ovenpaa(
    prognoser: pl.DataFrame, nye: pl.DataFrame, aar: int, pr: date
) -> pl.DataFrame:
    """The snapshot's forecasts with the reported ones for `aar` on top: per line the
    report for the latest follow-up counts at its opfoelgningsdato (after `pr` read as
    `pr`) and replaces the snapshot's forecasts of that line in `aar` dated on or after
    that; the earlier ones stay (the history `budgetopfoelgning.prognoseudvikling`
    shows). Reports for other years are left out (they cannot be in force in `aar`)."""
    nye = nye.filter(pl.col("opfoelgningsdato").dt.year() == aar)
    if nye.is_empty():
        return prognoser
    kolonner = prognoser.columns
    for k in ("budgettype", "projekt_id", "kommentar"):
        if k not in kolonner:
            prognoser = prognoser.with_columns(pl.lit(None, dtype=pl.String()).alias(k))
    sammenlign = pl.col("budgettype").fill_null("service").alias(_LINJE_SAMMENLIGN)
    on = ["enhed_id", "politikomraade_id", _LINJE_SAMMENLIGN, "projekt_id"]
    seneste = (
        nye.with_columns(sammenlign)
        .sort("opfoelgningsdato")
        .unique(on, keep="last", maintain_order=True)
    )
    i_aar = pl.col("opfoelgningsdato").dt.year() == aar
    fra = seneste.select(*on, pl.min_horizontal(pl.col("opfoelgningsdato"), pl.lit(pr)).alias(_FRA))
    beholdt = pl.concat(
        [
            prognoser.filter(~i_aar),
            prognoser.filter(i_aar)
            .with_columns(sammenlign)
            .join(fra, on=on, how="left", nulls_equal=True)
            .filter(pl.col(_FRA).is_null() | (pl.col("opfoelgningsdato") < pl.col(_FRA)))
            .drop(_LINJE_SAMMENLIGN, _FRA),
        ],
        how="vertical_relaxed",
    )
    tilfoej = seneste.select(beholdt.columns).with_columns(
        pl.min_horizontal(pl.col("opfoelgningsdato"), pl.lit(pr)).alias("opfoelgningsdato")
    )
    return pl.concat([beholdt, tilfoej], how="vertical_relaxed")
