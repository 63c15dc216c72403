"""Comparing indicator series across units, for the Indikatorer page (pure polars).

In the source contract every indicator belongs to one goal, and an institution's goal has
its own indicators: "Andel børn med alderssvarende sprog" measured at 13 institutions is
13 indicators. Two series are *comparable* when their indicators have the same name
(trimmed, case-insensitive), the same maaleenhed and the same retning. A *kind* of
indicator is such a (navn, maaleenhed, retning) triple.

Status is not defined here: `status_pr_indikator` asks `status.maal_status` (the one
definition) for each indicator of a goal on its own.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from modeller.maal import forfaedre
from modeller.organisation import enhed_sti
from modeller.status import maal_status

_SLAGS = ("_navn", "maaleenhed", "retning")


def _slags(indikatorer: pl.DataFrame) -> pl.DataFrame:
    return indikatorer.with_columns(
        pl.col("navn").str.strip_chars().str.to_lowercase().alias("_navn")
    )


def maal_politikomraade(maal: pl.DataFrame) -> pl.DataFrame:
    """maal_id, politikomraade_id: the goal's own politikomraade, else its nearest ancestor's.

    Institution and centre goals often leave politikomraade_id empty; they belong to the
    area of the goal they cascade from. Empty when no ancestor has one. Sorted by maal_id.
    """
    arvet = (
        forfaedre(maal)
        .join(
            maal.select(pl.col("maal_id").alias("forfader_id"), "politikomraade_id"),
            on="forfader_id",
            how="inner",
        )
        .drop_nulls("politikomraade_id")
        .sort("maal_id", "afstand")
        .group_by("maal_id")
        .agg(pl.col("politikomraade_id").first().alias("_arvet"))
    )
    return (
        maal.select("maal_id", "politikomraade_id")
        .join(arvet, on="maal_id", how="left")
        .select("maal_id", pl.coalesce("politikomraade_id", "_arvet").alias("politikomraade_id"))
        .sort("maal_id")
    )


def sammenlignelige(
    indikatorer: pl.DataFrame,
    maalinger: pl.DataFrame,
    organisation: pl.DataFrame,
    indikator_id: str,
) -> pl.DataFrame:
    """The series comparable with `indikator_id`, one per measured unit, kommune-wide.

    Columns: indikator_id, enhed_id, egen (the chosen indicator's own series), center_id
    (the unit's centre; empty above centre level), samme_center (the unit's centre is a
    centre of one of the chosen indicator's own units). A unit measured on several
    comparable indicators keeps one series: the chosen indicator's, else the smallest
    indikator_id. Empty for an unknown id. Sorted by enhed_id.
    """
    alle = _slags(indikatorer)
    valgt = alle.filter(pl.col("indikator_id") == indikator_id).select(*_SLAGS)
    ids = alle.join(valgt, on=list(_SLAGS), how="semi").select("indikator_id")
    centre = enhed_sti(organisation).select("enhed_id", "center_id")
    serier = (
        maalinger.join(ids, on="indikator_id", how="semi")
        .select("indikator_id", "enhed_id")
        .unique()
        .with_columns((pl.col("indikator_id") == indikator_id).alias("egen"))
        .sort("enhed_id", "egen", "indikator_id", descending=[False, True, False])
        .unique("enhed_id", keep="first")
        .join(centre, on="enhed_id", how="left")
    )
    egne_centre = serier.filter(pl.col("egen")).get_column("center_id").drop_nulls().implode()
    return serier.with_columns(
        (pl.col("egen") | pl.col("center_id").is_in(egne_centre).fill_null(False)).alias(
            "samme_center"
        )
    ).sort("enhed_id")


def status_pr_indikator(
    maal: pl.DataFrame,
    indikatorer: pl.DataFrame,
    maalinger: pl.DataFrame,
    maal_id: str,
    pr: date,
) -> pl.DataFrame:
    """indikator_id, status: what `status.maal_status` computes for the goal from each of
    its indicators alone (the same series selection, the same worst-of rule; vurderinger
    ignored). The goal's computed status is the worst of these. Sorted by indikator_id."""
    egne = indikatorer.filter(pl.col("maal_id") == maal_id).sort("indikator_id")
    et_maal = maal.filter(pl.col("maal_id") == maal_id)
    tom = pl.DataFrame(
        schema={
            "maal_id": pl.String(),
            "dato": pl.Date(),
            "status": pl.String(),
            "kommentar": pl.String(),
            "vurderet_af": pl.String(),
        }
    )
    rows = []
    for iid in egne.get_column("indikator_id"):
        st = maal_status(
            et_maal,
            egne.filter(pl.col("indikator_id") == iid),
            maalinger.filter(pl.col("indikator_id") == iid),
            tom,
            pr,
        )
        rows.append({"indikator_id": iid, "status": st.get_column("beregnet_status")[0]})
    return pl.DataFrame(rows, schema={"indikator_id": pl.String(), "status": pl.String()})
