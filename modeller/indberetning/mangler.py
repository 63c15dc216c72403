"""What is still missing for the current follow-up (pure polars, no I/O).

Conventions:
- The current follow-up (`aktuel_opfoelgning`) is the first budget deadline of the
  årshjul (kind "frist") on or after the data date: the follow-up the units report for;
  with monthly follow-up to Økonomiudvalget (the årshjul's default) the month end on or
  after the data date when that comes first (the seed: "månedsvis til økonomiudvalget").
- A goal misses its vurdering when it has none dated after the previous goal-assessment
  deadline (`siden`) before the next one (`aktuel_maalvurdering`, when it is due):
  neither in the snapshot nor reported.
- A budget line (enhed × politikområde × budgettype × projekt with budget in the year)
  misses its prognose when no forecast is dated at the current follow-up; a forecast
  without budgettype counts as service.
`enheder` limits both lists to the units a user may report for. `pr_ejer` counts both
per owning unit (the compact list on Overblik and Aftaler).
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from datetime import date

import polars as pl

from modeller.aarshjul import Aarshjul, FristDato

LINJE = ("enhed_id", "politikomraade_id", "budgettype", "projekt_id")


def med_linje(df: pl.DataFrame) -> pl.DataFrame:
    """`df` (budget or prognoser) with every LINJE column: a snapshot from before the
    optional columns existed gets budgettype "service" and no project."""
    return df.with_columns(
        pl.lit("service" if c == "budgettype" else None, pl.String).alias(c)
        for c in LINJE
        if c not in df.columns
    )


MAANEDLIG_OPFOELGNING = "Månedlig opfølgning til Økonomiudvalget"


def aktuel_opfoelgning(hjul: Aarshjul, data_pr: date) -> FristDato | None:
    """The first budget deadline on or after `data_pr`, or, when Økonomiudvalget follows
    up monthly, the month end on or after `data_pr` if that comes first (a deadline on
    the same day wins: it has the proper name). None if there is neither."""
    frist = next((f for f in hjul.naeste_frister(data_pr, n=20) if f.art == "frist"), None)
    if not hjul.maanedlig_oekonomiudvalg:
        return frist
    slut = date(data_pr.year, data_pr.month, calendar.monthrange(data_pr.year, data_pr.month)[1])
    if frist is not None and frist.dato <= slut:
        return frist
    return FristDato(slut, MAANEDLIG_OPFOELGNING, "frist")


def aktuel_maalvurdering(hjul: Aarshjul, data_pr: date) -> date | None:
    """The first goal-assessment deadline (`vurder_maal`) on or after `data_pr`: when the
    missing vurderinger are due (a monthly follow-up to Økonomiudvalget asks for
    forecasts, not for goal assessments). None when no deadline assesses goals."""
    datoer = [
        f.dato(aar)
        for aar in (data_pr.year, data_pr.year + 1)
        for f in hjul.frister
        if f.vurder_maal and f.dato(aar) >= data_pr
    ]
    return min(datoer) if datoer else None


def vurderinger_siden(hjul: Aarshjul, opfoelgning: date) -> date | None:
    """The goal-assessment deadline before `opfoelgning`: a vurdering after it is fresh."""
    foer = [
        f.dato(aar)
        for aar in (opfoelgning.year - 1, opfoelgning.year)
        for f in hjul.frister
        if f.vurder_maal and f.dato(aar) < opfoelgning
    ]
    return max(foer) if foer else None


def manglende_vurderinger(
    maal: pl.DataFrame, vurderinger: pl.DataFrame, enheder: Collection[str], siden: date | None
) -> pl.DataFrame:
    """Goals of `enheder` without a vurdering dated after `siden`: maal_id, titel,
    enhed_id, seneste_vurdering (date or null), sorted by unit and goal."""
    seneste = vurderinger.group_by("maal_id").agg(pl.col("dato").max().alias("seneste_vurdering"))
    ud = (
        maal.filter(pl.col("enhed_id").is_in(list(enheder)))
        .select("maal_id", "titel", "enhed_id")
        .join(seneste, on="maal_id", how="left")
    )
    if siden is not None:
        ud = ud.filter(
            pl.col("seneste_vurdering").is_null() | (pl.col("seneste_vurdering") <= siden)
        )
    return ud.sort("enhed_id", "maal_id")


def manglende_prognoser(
    budget: pl.DataFrame,
    prognoser: pl.DataFrame,
    enheder: Collection[str],
    aar: int,
    opfoelgning: date,
) -> pl.DataFrame:
    """Budget lines of `enheder` in `aar` without a forecast at `opfoelgning`: the
    columns of LINJE, sorted."""
    linjer = (
        med_linje(budget)
        .filter((pl.col("aar") == aar) & pl.col("enhed_id").is_in(list(enheder)))
        .select(*LINJE)
        .unique()
    )
    har = (
        med_linje(prognoser)
        .filter(pl.col("opfoelgningsdato") == opfoelgning)
        .select(
            "enhed_id",
            "politikomraade_id",
            pl.col("budgettype").fill_null("service"),
            "projekt_id",
        )
    )
    return linjer.join(har, on=list(LINJE), how="anti", nulls_equal=True).sort(
        list(LINJE), nulls_last=True
    )


def pr_ejer(vurderinger: pl.DataFrame, prognoser: pl.DataFrame) -> pl.DataFrame:
    """Per owning unit, how many goals miss a vurdering and how many budget lines miss a
    prognose (from `manglende_vurderinger` and `manglende_prognoser`): enhed_id,
    mangler_vurdering, mangler_prognose (0 when none), only units missing something;
    most missing first, then by unit."""
    v = vurderinger.group_by("enhed_id").agg(pl.len().alias("mangler_vurdering"))
    p = prognoser.group_by("enhed_id").agg(pl.len().alias("mangler_prognose"))
    return (
        v.join(p, on="enhed_id", how="full", coalesce=True)
        .with_columns(
            pl.col("mangler_vurdering").fill_null(0).cast(pl.Int64),
            pl.col("mangler_prognose").fill_null(0).cast(pl.Int64),
        )
        .sort(
            pl.col("mangler_vurdering") + pl.col("mangler_prognose"), "enhed_id",
            descending=[True, False],
        )
    )  # fmt: skip
