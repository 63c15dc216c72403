"""The chain of agreements (aftalehierarkiet): levels, counterparts, goals, follow-up.

Conventions (DESIGN.md §2):
- Level from the holder's organisation type: direktion → niveau 1 (counterpart
  "Byråd/fagudvalg"), center → niveau 2, institution → niveau 3; the counterpart of
  levels 2 and 3 is the unit above the holder (organisation.overordnet_id). An agreement
  held by the kommune unit has no level (niveau and counterpart empty).
- Effective status: the agreement's `status`; when empty, "indgaaet" if it has an
  `indgaaet_dato`, else "udkast".
- An agreement applies to year Y when aar_fra ≤ Y ≤ aar_til.
- Units that should have an agreement: every direktion, center and institution unit
  (the kommune is the council itself and holds none).
- The goals of an agreement are the goals with that `aftale_id`; their status is the
  shared goal status (modeller.status, via the caller's `maal_status` frame: the goal's
  own status, not rolled up). The latest assessment is the newest `vurdering_dato`.
- Follow-up is overdue ("mangler opfølgning") as of `pr`, with the first matching reason:
  1. "ikke_indgaaet": status udkast and the signing deadline for aar_fra has passed
     (pr > Aarshjul.signeringsfrist(aar_fra));
  2. "ikke_fulgt_op": status not opfulgt and the follow-up deadline after the period
     has passed (pr > Aarshjul.opfoelgningsfrist(aar_til));
  3. "maal_uden_opfoelgning": status indgaaet, a goal-assessment deadline D (the latest
     `vurder_maal` deadline ≤ pr) lies within the agreement period, and at least one of
     its goals is not followed up for D. A goal is followed up for D when it has a
     vurdering dated after the deadline before D (an assessment made in the run-up to D
     counts for D), or when its current status comes from its indicators (kilde
     "indikatorer": the data speaks for it). A goal with neither, e.g. one whose last
     vurdering is older or whose status is "ingen", is not. An agreement without goals
     is never overdue for this reason; it shows antal_maal = 0 instead.
Pure polars; the deadlines come from an `Aarshjul` (modeller/aarshjul.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import polars as pl

from modeller.aarshjul import Aarshjul
from modeller.organisation import enhed_sti
from modeller.schemas import AAR_MAX, AAR_MIN
from modeller.status import STATUSSER

NIVEAU_FOR_TYPE: dict[str, int] = {"direktion": 1, "center": 2, "institution": 3}
NIVEAU_TEKST: dict[int, str] = {
    1: "Niveau 1: byråd/fagudvalg ↔ direktion",
    2: "Niveau 2: direktion ↔ centre",
    3: "Niveau 3: centre ↔ institutioner",
}
BYRAAD = "Byråd/fagudvalg"
"""The counterpart of a level-1 agreement."""

AFTALESTATUSSER: tuple[str, ...] = ("udkast", "indgaaet", "opfulgt")
AFTALESTATUS_TEKST: dict[str, str] = {
    "udkast": "✎ Udkast",
    "indgaaet": "✔ Indgået",
    "opfulgt": "★ Opfulgt",
}
"""Icon + word per agreement status (what a user reads)."""

AARSAGER: tuple[str, ...] = ("ikke_indgaaet", "ikke_fulgt_op", "maal_uden_opfoelgning")
"""Reasons an agreement is overdue, in priority order (see module docstring)."""


def gaelder_for_aar(aar: int) -> pl.Expr:
    """True for agreements whose period covers `aar`."""
    return (pl.col("aar_fra") <= aar) & (pl.col("aar_til") >= aar)


def med_parter(aftaler: pl.DataFrame, organisation: pl.DataFrame) -> pl.DataFrame:
    """Every agreement with its level, holder and counterpart.

    Columns: aftale_id, enhed_id, enhed_navn, enhed_type, niveau (Int8; empty for a
    kommune holder), modpart_id (empty at niveau 1), modpart_navn, center_id, center_navn
    (the holder's centre; empty at niveau 1), aar_fra, aar_til, status (effective, see
    module docstring), indgaaet_dato. Sorted by niveau, center_id, enhed_id, aar_fra.
    """
    sti = enhed_sti(organisation).select("enhed_id", "center_id", "center_navn")
    org = organisation.select(
        "enhed_id",
        pl.col("navn").alias("enhed_navn"),
        pl.col("type").alias("enhed_type"),
        "overordnet_id",
    ).join(sti, on="enhed_id", how="left")
    over = organisation.select(
        pl.col("enhed_id").alias("overordnet_id"), pl.col("navn").alias("_over_navn")
    )
    niveau = pl.col("enhed_type").replace_strict(
        NIVEAU_FOR_TYPE, default=None, return_dtype=pl.Int8
    )
    df = (
        aftaler.select(
            "aftale_id",
            "enhed_id",
            "aar_fra",
            "aar_til",
            pl.col("status")
            if "status" in aftaler.columns
            else pl.lit(None, pl.String).alias("status"),
            pl.col("indgaaet_dato")
            if "indgaaet_dato" in aftaler.columns
            else pl.lit(None, pl.Date).alias("indgaaet_dato"),
        )
        .join(org, on="enhed_id", how="left")
        .join(over, on="overordnet_id", how="left")
        .with_columns(niveau.alias("niveau"))
    )
    return df.select(
        "aftale_id",
        "enhed_id",
        "enhed_navn",
        "enhed_type",
        "niveau",
        pl.when(pl.col("niveau") > 1).then(pl.col("overordnet_id")).alias("modpart_id"),
        pl.when(pl.col("niveau") == 1)
        .then(pl.lit(BYRAAD))
        .when(pl.col("niveau") > 1)
        .then(pl.col("_over_navn"))
        .alias("modpart_navn"),
        "center_id",
        "center_navn",
        "aar_fra",
        "aar_til",
        pl.coalesce(
            pl.col("status"),
            pl.when(pl.col("indgaaet_dato").is_not_null())
            .then(pl.lit("indgaaet"))
            .otherwise(pl.lit("udkast")),
        ).alias("status"),
        "indgaaet_dato",
    ).sort("niveau", "center_id", "enhed_id", "aar_fra", nulls_last=True)


def maal_pr_aftale(maal: pl.DataFrame, maal_status: pl.DataFrame) -> pl.DataFrame:
    """Goal counts per agreement.

    `maal_status` has maal_id, status and vurdering_dato (modeller.status.maal_status or
    dashboard.beregning.maal_status). Columns: aftale_id, antal_maal, antal_<status> for
    each of the five goal statuses (UInt32), seneste_vurdering (Date, newest vurdering
    among the agreement's goals). Only agreements with at least one goal appear.
    """
    df = (
        maal.filter(pl.col("aftale_id").is_not_null())
        .select("maal_id", "aftale_id")
        .join(maal_status.select("maal_id", "status", "vurdering_dato"), on="maal_id", how="left")
        .with_columns(pl.col("status").fill_null("ikke_vurderet"))
    )
    return df.group_by("aftale_id").agg(
        pl.len().cast(pl.UInt32).alias("antal_maal"),
        *[(pl.col("status") == s).sum().cast(pl.UInt32).alias(f"antal_{s}") for s in STATUSSER],
        pl.col("vurdering_dato").max().alias("seneste_vurdering"),
    )


def uden_opfoelgning_siden(
    maal: pl.DataFrame, maal_status: pl.DataFrame, siden: date | None
) -> pl.DataFrame:
    """Per agreement, its goals not followed up since `siden`: no vurdering dated after
    `siden` (None: no vurdering at all) and a status not computed from indicators
    (`maal_status.kilde` != "indikatorer"). `maal_status` has maal_id, kilde and
    vurdering_dato. Columns: aftale_id, antal_uden_opfoelgning (UInt32; 0 rows omitted)."""
    vd = pl.col("vurdering_dato")
    uden_ny = vd.is_null() if siden is None else (vd.is_null() | (vd <= siden))
    mangler = uden_ny & (pl.col("kilde") != "indikatorer").fill_null(True)
    return (
        maal.filter(pl.col("aftale_id").is_not_null())
        .select("maal_id", "aftale_id")
        .join(maal_status.select("maal_id", "kilde", "vurdering_dato"), on="maal_id", how="left")
        .filter(mangler)
        .group_by("aftale_id")
        .agg(pl.len().cast(pl.UInt32).alias("antal_uden_opfoelgning"))
    )


def _pr_aar(kolonne: str, frist: Callable[[int], date]) -> pl.Expr:
    """A per-year deadline for each value of the year column `kolonne` (within AAR_MIN..AAR_MAX)."""
    return pl.col(kolonne).replace_strict(
        {a: frist(a) for a in range(AAR_MIN, AAR_MAX + 1)}, default=None, return_dtype=pl.Date
    )


def register(
    aftaler: pl.DataFrame,
    organisation: pl.DataFrame,
    maal: pl.DataFrame,
    maal_status: pl.DataFrame,
    aar: int,
    pr: date,
    hjul: Aarshjul,
) -> pl.DataFrame:
    """The agreements applying to `aar`, with parties, goal counts and follow-up state.

    Columns of `med_parter`, then those of `maal_pr_aftale` (zero/empty when the
    agreement has no goals), antal_uden_opfoelgning (goals not followed up in the
    current follow-up window, see `uden_opfoelgning_siden`), signeringsfrist,
    opfoelgningsfrist (Date), mangler_opfoelgning (bool) and aarsag (one of AARSAGER,
    empty when not overdue). The overdue rule is in the module docstring.
    """
    forrige, seneste, _ = hjul.vurderingsfrister(pr)
    df = (
        med_parter(aftaler, organisation)
        .filter(gaelder_for_aar(aar))
        .join(maal_pr_aftale(maal, maal_status), on="aftale_id", how="left")
        .join(uden_opfoelgning_siden(maal, maal_status, forrige), on="aftale_id", how="left")
        .with_columns(
            pl.col("^antal_.*$").fill_null(0),
            _pr_aar("aar_fra", hjul.signeringsfrist).alias("signeringsfrist"),
            _pr_aar("aar_til", hjul.opfoelgningsfrist).alias("opfoelgningsfrist"),
        )
    )
    status = pl.col("status")
    d_i_periode = (
        pl.lit(seneste is not None)
        & (pl.col("aar_fra") <= (seneste.year if seneste else 0))
        & (pl.col("aar_til") >= (seneste.year if seneste else 0))
    )
    aarsag = (
        pl.when((status == "udkast") & (pl.col("signeringsfrist") < pr))
        .then(pl.lit("ikke_indgaaet"))
        .when((status != "opfulgt") & (pl.col("opfoelgningsfrist") < pr))
        .then(pl.lit("ikke_fulgt_op"))
        .when((status == "indgaaet") & d_i_periode & (pl.col("antal_uden_opfoelgning") > 0))
        .then(pl.lit("maal_uden_opfoelgning"))
    )
    return df.with_columns(aarsag.alias("aarsag")).with_columns(
        pl.col("aarsag").is_not_null().alias("mangler_opfoelgning")
    )


def mangler_aftale(organisation: pl.DataFrame, aftaler: pl.DataFrame, aar: int) -> pl.DataFrame:
    """Units that should have an agreement for `aar` and have none.

    Every direktion, center and institution unit without an agreement covering `aar`
    (the kommune is excluded). Columns: enhed_id, navn, type, niveau (Int8), modpart_navn,
    center_id, center_navn. Sorted by niveau, center_id, enhed_id.
    """
    har = aftaler.filter(gaelder_for_aar(aar)).select("enhed_id").unique()
    sti = enhed_sti(organisation).select("enhed_id", "center_id", "center_navn")
    over = organisation.select(
        pl.col("enhed_id").alias("overordnet_id"), pl.col("navn").alias("_over_navn")
    )
    return (
        organisation.filter(pl.col("type").is_in(list(NIVEAU_FOR_TYPE)))
        .join(har, on="enhed_id", how="anti")
        .join(sti, on="enhed_id", how="left")
        .join(over, on="overordnet_id", how="left")
        .with_columns(
            pl.col("type").replace_strict(NIVEAU_FOR_TYPE, return_dtype=pl.Int8).alias("niveau")
        )
        .select(
            "enhed_id",
            "navn",
            "type",
            "niveau",
            pl.when(pl.col("niveau") == 1)
            .then(pl.lit(BYRAAD))
            .otherwise(pl.col("_over_navn"))
            .alias("modpart_navn"),
            "center_id",
            "center_navn",
        )
        .sort("niveau", "center_id", "enhed_id", nulls_last=True)
    )


def kommende(
    reg: pl.DataFrame,
    maal: pl.DataFrame,
    maal_status: pl.DataFrame,
    pr: date,
    hjul: Aarshjul,
    dage: int = 30,
) -> pl.DataFrame:
    """What falls due within `dage` days after `pr` and is not done yet.

    `reg` is the output of `register`. Rows (one per agreement and task):
    - "indgaaelse": status udkast and pr ≤ signeringsfrist ≤ pr + dage;
    - "opfoelgning": status not opfulgt and pr ≤ opfoelgningsfrist ≤ pr + dage;
    - "vurdering": the next goal-assessment deadline N lies in (pr, pr + dage], the
      agreement is indgaaet and covers N's year, and some of its goals are not followed
      up since the latest assessment deadline ≤ pr (`uden_opfoelgning_siden`; antal =
      those goals).
    Deadlines already passed are not here: they make the agreement overdue (`register`).
    Columns: opgave, frist (Date), antal (UInt32; goals for "vurdering", else 1),
    aftale_id, enhed_id, enhed_navn, niveau, center_id. Sorted by frist, niveau, enhed_id.
    """
    slut = pr + timedelta(days=dage)
    _, seneste, naeste = hjul.vurderingsfrister(pr)
    kol = ["aftale_id", "enhed_id", "enhed_navn", "niveau", "center_id"]
    indg = reg.filter(
        pl.col("status") == "udkast", pl.col("signeringsfrist").is_between(pr, slut)
    ).select(
        pl.lit("indgaaelse").alias("opgave"),
        pl.col("signeringsfrist").alias("frist"),
        pl.lit(1, pl.UInt32).alias("antal"),
        *kol,
    )
    opf = reg.filter(
        pl.col("status") != "opfulgt", pl.col("opfoelgningsfrist").is_between(pr, slut)
    ).select(
        pl.lit("opfoelgning").alias("opgave"),
        pl.col("opfoelgningsfrist").alias("frist"),
        pl.lit(1, pl.UInt32).alias("antal"),
        *kol,
    )
    dele = [indg, opf]
    if naeste is not None and naeste <= slut:
        mangler = uden_opfoelgning_siden(maal, maal_status, seneste)
        dele.append(
            reg.filter(pl.col("status") == "indgaaet", gaelder_for_aar(naeste.year))
            .drop("antal_uden_opfoelgning")
            .join(mangler, on="aftale_id", how="inner")
            .select(
                pl.lit("vurdering").alias("opgave"),
                pl.lit(naeste).alias("frist"),
                pl.col("antal_uden_opfoelgning").alias("antal"),
                *kol,
            )
        )
    return pl.concat(dele, how="vertical_relaxed").sort("frist", "niveau", "enhed_id")
