"""Trend rules for the Indikatorer page (pure polars, no I/O).

Status is not defined here: it comes from `status.indikator_status`, the one definition
shared with Målkæden, Aftaler, Dialogmøde and Overblik.

Periods: each measurement's `periode` date is mapped to a whole-number period index in
the indicator's frekvens (maaned: year × 12 + month − 1; kvartal: year × 4 + quarter − 1;
aar: year). Slopes and gaps are computed on that index, so a missing period counts as a
step (a gap does not make the trend look steeper), and two dates in the same month,
quarter or year are the same period. An indicator without frekvens gets one inferred
from the typical spacing of its measurements (the lower quartile of the day gaps within
its series, robust to missing periods: ≤ 45 days maaned, ≤ 135 days kvartal, else aar;
a single measurement: aar).

Reporting by exception (rapportering på afvigelser), the one definition used by
Indikatorer, Overblik, Dialogmøde and the briefs: a series is an exception when it moves
away from its target (`vaek_fra_maal`) or is behind the elapsed share of its goal's period
(`bagud`); `afvigelsesliste` lists them, furthest behind first. "Worsened since the
previous follow-up" is a goal rule: `status.forvaerrede`.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from modeller.organisation import enhed_sti
from modeller.sammenligning import maal_politikomraade
from modeller.status import indikator_status, maalets_serier

KOMMUNE_ID = "KOMMUNE"
"""enhed_id of the municipal average series made by `kommune_gennemsnit`."""

BEVAEGELSER: tuple[str, ...] = ("mod_maal", "vaek_fra_maal", "uaendret")
"""Values of `udvikling.bevaeger_sig`."""

_EPS = 1e-9


def frekvenser(indikatorer: pl.DataFrame, maalinger: pl.DataFrame) -> pl.DataFrame:
    """indikator_id, frekvens: the indicator's frekvens, or one inferred (module docstring)."""
    afstand = (
        maalinger.select("indikator_id", "enhed_id", "periode")
        .unique()
        .sort("indikator_id", "enhed_id", "periode")
        .with_columns(
            pl.col("periode").diff().over("indikator_id", "enhed_id").dt.total_days().alias("d")
        )
        .group_by("indikator_id")
        .agg(pl.col("d").quantile(0.25, "lower").alias("typisk_dage"))
    )
    udledt = (
        pl.when(pl.col("typisk_dage") <= 45)
        .then(pl.lit("maaned"))
        .when(pl.col("typisk_dage") <= 135)
        .then(pl.lit("kvartal"))
        .otherwise(pl.lit("aar"))
    )
    return (
        indikatorer.select("indikator_id", "frekvens")
        .join(afstand, on="indikator_id", how="left")
        .select("indikator_id", pl.coalesce(pl.col("frekvens"), udledt).alias("frekvens"))
    )


def periode_nr(frekvens: pl.Expr, periode: pl.Expr) -> pl.Expr:
    """Whole-number period index (Int64) of a date in a frekvens (see module docstring)."""
    aar = periode.dt.year().cast(pl.Int64())
    maaned = periode.dt.month().cast(pl.Int64())
    return (
        pl.when(frekvens == "maaned")
        .then(aar * 12 + maaned - 1)
        .when(frekvens == "kvartal")
        .then(aar * 4 + (maaned - 1) // 3)
        .otherwise(aar)
    )


def periode_start(frekvens: pl.Expr, nr: pl.Expr) -> pl.Expr:
    """The first day of period index `nr` in a frekvens (inverse of `periode_nr`)."""
    return (
        pl.when(frekvens == "maaned")
        .then(pl.date(nr // 12, nr % 12 + 1, 1))
        .when(frekvens == "kvartal")
        .then(pl.date(nr // 4, (nr % 4) * 3 + 1, 1))
        .otherwise(pl.date(nr, 1, 1))
    )


def _med_nr(indikatorer: pl.DataFrame, maalinger: pl.DataFrame) -> pl.DataFrame:
    return (
        maalinger.select("indikator_id", "enhed_id", "periode", "vaerdi")
        .drop_nulls("vaerdi")
        .join(frekvenser(indikatorer, maalinger), on="indikator_id", how="inner")
        .with_columns(periode_nr(pl.col("frekvens"), pl.col("periode")).alias("nr"))
    )


def udvikling(
    indikatorer: pl.DataFrame,
    maalinger: pl.DataFrame,
    maal: pl.DataFrame,
    pr: date,
    n: int = 4,
) -> pl.DataFrame:
    """Development per indicator series (indikator_id, enhed_id) as of `pr`.

    Every column of `status.indikator_status` (status, fremdrift_pct, … one definition),
    with frekvens filled in when inferred, plus:
    aendring_forrige = seneste_vaerdi − forrige_vaerdi (previous available measurement,
    at forrige_periode, however far back); aendring_baseline = seneste_vaerdi − baseline;
    afstand_til_maal = still to go in the indicator's retning (op: maalvaerdi − value;
    ned: value − maalvaerdi; ≤ 0 = reached); haeldning_pr_periode = least-squares slope of
    the last `n` measurements (≤ pr) against their period index, in the unit per month,
    quarter or year (empty with fewer than two distinct periods); bevaeger_sig from the
    slope's sign in retning: "mod_maal", "vaek_fra_maal" or "uaendret" (empty without a
    slope); seneste_vaerdier = the values the slope is fitted to (List[Float64], oldest
    first; one value for a single measurement). Only data ≤ pr counts. Sorted by
    indikator_id, enhed_id.
    """
    st = indikator_status(indikatorer, maalinger, maal, pr)
    frek = frekvenser(indikatorer, maalinger.filter(pl.col("periode") <= pr))
    x, y = pl.col("nr").cast(pl.Float64()), pl.col("vaerdi")
    sxx = ((x - x.mean()) ** 2).sum()
    sxy = ((x - x.mean()) * (y - y.mean())).sum()
    haeldning = (
        _med_nr(indikatorer, maalinger.filter(pl.col("periode") <= pr))
        .filter(
            pl.col("periode").rank("ordinal", descending=True).over("indikator_id", "enhed_id") <= n
        )
        .group_by("indikator_id", "enhed_id")
        .agg(
            pl.when(sxx > 0).then(sxy / sxx).alias("haeldning_pr_periode"),
            pl.col("vaerdi").sort_by("periode").alias("seneste_vaerdier"),
        )
    )
    op = pl.col("retning") == "op"
    v, t = pl.col("seneste_vaerdi"), pl.col("maalvaerdi")
    retningsbestemt = (
        pl.when(op).then(pl.col("haeldning_pr_periode")).otherwise(-pl.col("haeldning_pr_periode"))
    )
    return (
        st.drop("frekvens")
        .join(frek, on="indikator_id", how="left")
        .join(haeldning, on=["indikator_id", "enhed_id"], how="left")
        .with_columns(
            (v - pl.col("forrige_vaerdi")).alias("aendring_forrige"),
            (v - pl.col("baseline")).alias("aendring_baseline"),
            pl.when(op).then(t - v).otherwise(v - t).alias("afstand_til_maal"),
            pl.when(retningsbestemt > _EPS)
            .then(pl.lit("mod_maal"))
            .when(retningsbestemt < -_EPS)
            .then(pl.lit("vaek_fra_maal"))
            .when(retningsbestemt.is_not_null())
            .then(pl.lit("uaendret"))
            .alias("bevaeger_sig"),
        )
        .sort("indikator_id", "enhed_id", nulls_last=True)
    )


def kommune_gennemsnit(maalinger: pl.DataFrame, indikator_id: str) -> pl.DataFrame:
    """The municipal average of one indicator as its own series.

    Per periode the mean vaerdi across the units measured in that periode, with
    enhed_id = KOMMUNE_ID. Columns: indikator_id, enhed_id, periode, vaerdi,
    antal_enheder (UInt32), sorted by periode; concat-able with maalinger's first four
    columns for one line chart. Every unit's series counts, whatever its level.
    """
    return (
        maalinger.filter(pl.col("indikator_id") == indikator_id)
        .drop_nulls("vaerdi")
        .group_by("periode")
        .agg(
            pl.col("vaerdi").mean(),
            pl.col("enhed_id").n_unique().cast(pl.UInt32()).alias("antal_enheder"),
        )
        .select(
            pl.lit(indikator_id, dtype=pl.String()).alias("indikator_id"),
            pl.lit(KOMMUNE_ID, dtype=pl.String()).alias("enhed_id"),
            "periode",
            "vaerdi",
            "antal_enheder",
        )
        .sort("periode")
    )


def mest_afvigende(udvikling: pl.DataFrame, indikator_id: str, n: int) -> list[str]:
    """The `n` units farthest from target for one indicator (largest afstand_til_maal).

    Takes a frame from `udvikling`. Series without a distance (no target) come last; ties
    and those are ordered by enhed_id. Rows without a unit and KOMMUNE_ID are skipped.
    """
    return (
        udvikling.filter(
            (pl.col("indikator_id") == indikator_id)
            & pl.col("enhed_id").is_not_null()
            & (pl.col("enhed_id") != KOMMUNE_ID)
        )
        .sort(["afstand_til_maal", "enhed_id"], descending=[True, False], nulls_last=True)
        .head(n)
        .get_column("enhed_id")
        .to_list()
    )


def huller(maalinger: pl.DataFrame, indikatorer: pl.DataFrame) -> pl.DataFrame:
    """Expected periods without a measurement, per series, between its first and last one.

    Columns: indikator_id, enhed_id, frekvens, periode (first day of the missing month,
    quarter or year). A period counts as present when any measurement falls in it.
    Sorted by indikator_id, enhed_id, periode.
    """
    m = _med_nr(indikatorer, maalinger)
    noegle = ["indikator_id", "enhed_id", "frekvens"]
    til_stede = m.select(*noegle, "nr").unique()
    forventet = (
        til_stede.group_by(noegle)
        .agg(pl.col("nr").min().alias("fra"), pl.col("nr").max().alias("til"))
        .select(*noegle, pl.int_ranges("fra", pl.col("til") + 1).alias("nr"))
        .explode("nr")
    )
    return (
        forventet.join(til_stede, on=[*noegle, "nr"], how="anti")
        .select(*noegle, periode_start(pl.col("frekvens"), pl.col("nr")).alias("periode"))
        .sort("indikator_id", "enhed_id", "periode")
    )


# --- reporting by exception (rapportering på afvigelser) -------------------------------

AFVIGELSER: tuple[str, ...] = ("vaek_fra_maal", "bagud")
"""Values of `marker_afvigelser.afvigelse`: the two ways an indicator series is an exception."""

TABT_MAAL_EFTERSLAEB_PCT = 100.0
"""`efterslaeb_pct` of a series whose baseline was at or past target and whose latest
value no longer is (no way from baseline to target to measure progress on)."""


def vaek_fra_maal() -> pl.Expr:
    """The rule "moving away from target" (Boolean; the one definition).

    A series moves away from its target when the least-squares slope of its last
    measurements (`udvikling.bevaeger_sig`, fitted on the period index, so a missing
    period is a step and not a jump) goes against the indicator's retning (op: falling;
    ned: rising), it has a target (maalvaerdi) and has not reached it (status not
    opfyldt: a series past its target moving back toward it is not an exception).
    A single measurement has no slope and never moves away. Works on `udvikling`'s columns.
    """
    return (
        (pl.col("bevaeger_sig") == "vaek_fra_maal")
        & pl.col("maalvaerdi").is_not_null()
        & (pl.col("status") != "opfyldt")
    ).fill_null(False)


def efterslaeb() -> pl.Expr:
    """How far behind a series is, in percentage points of its way from baseline to target
    (Float64): forventet_fremdrift_pct (the elapsed share of the goal's period; empty = 0)
    − fremdrift_pct. Positive = behind, negative = ahead. Empty without a target or value;
    TABT_MAAL_EFTERSLAEB_PCT when the baseline was at or past target and the latest value
    no longer is. Works on `indikator_status`'s (or `udvikling`'s) columns."""
    forventet = pl.col("forventet_fremdrift_pct").fill_null(0.0)
    return (
        pl.when(pl.col("seneste_vaerdi").is_null() | pl.col("maalvaerdi").is_null())
        .then(None)
        .when(pl.col("fremdrift_pct").is_not_null())
        .then(forventet - pl.col("fremdrift_pct"))
        .when(pl.col("status") != "opfyldt")
        .then(pl.lit(TABT_MAAL_EFTERSLAEB_PCT))
        .cast(pl.Float64())
    )


def bagud() -> pl.Expr:
    """The rule "behind the elapsed share of its period" (Boolean; the one definition).

    A series with a target and a latest value is behind when it has not reached the target
    and its progress from baseline toward target (fremdrift_pct) is below the elapsed share
    of the goal's period at its latest measurement (forventet_fremdrift_pct; empty = 0),
    i.e. `efterslaeb` > 0, or its baseline was already at/past target and the value no
    longer is. These are exactly the series with status i_risiko or ikke_paa_sporet
    (`status.indikator_status`). Works on `indikator_status`'s (or `udvikling`'s) columns.
    """
    return (efterslaeb() > 0).fill_null(False)


def marker_afvigelser(udv: pl.DataFrame) -> pl.DataFrame:
    """`udv` (a frame from `udvikling`) with the exception columns:

    vaek_fra_maal (Boolean, rule `vaek_fra_maal`), bagud (Boolean, rule `bagud`),
    efterslaeb_pct (Float64, `efterslaeb`), er_afvigelse = vaek_fra_maal or bagud, and
    afvigelse: "vaek_fra_maal" when moving away, else "bagud" when behind, else empty.
    """
    return udv.with_columns(
        vaek_fra_maal().alias("vaek_fra_maal"),
        bagud().alias("bagud"),
        efterslaeb().alias("efterslaeb_pct"),
    ).with_columns(
        (pl.col("vaek_fra_maal") | pl.col("bagud")).alias("er_afvigelse"),
        pl.when(pl.col("vaek_fra_maal"))
        .then(pl.lit("vaek_fra_maal"))
        .when(pl.col("bagud"))
        .then(pl.lit("bagud"))
        .alias("afvigelse"),
    )


def afvigelsesliste(udv: pl.DataFrame, maal: pl.DataFrame) -> pl.DataFrame:
    """The exception list: the indicator series that move away from target or are behind.

    `udv` is a frame from `udvikling`; `maal` gives each goal's enhed_id. Per goal and
    indicator only the series that stand for the goal (`status.maalets_serier`: the goal's
    own unit's series when it has one, else every unit's). Rows of `marker_afvigelser`
    with er_afvigelse, plus maal_enhed_id and egen_serie. Sorted by how far behind: first
    the series moving away from target (they fall further behind with every measurement),
    then by efterslaeb_pct, largest first (empty last); ties by indikator_id, enhed_id.
    """
    med_maal = udv.join(
        maal.select("maal_id", pl.col("enhed_id").alias("maal_enhed_id")),
        on="maal_id",
        how="left",
    )
    return (
        marker_afvigelser(maalets_serier(med_maal))
        .filter(pl.col("er_afvigelse"))
        .sort(
            ["vaek_fra_maal", "efterslaeb_pct", "indikator_id", "enhed_id"],
            descending=[True, True, False, False],
            nulls_last=True,
        )
    )


def placering(
    serier: pl.DataFrame,
    indikatorer: pl.DataFrame,
    maal: pl.DataFrame,
    organisation: pl.DataFrame,
    politikomraader: pl.DataFrame,
) -> pl.DataFrame:
    """Where each series belongs, for selections and lists (e.g. an `afvigelsesliste`).

    Adds: indikator_navn, maaleenhed, maal_titel; politikomraade_id (the goal's, else its
    nearest ancestor's: `sammenligning.maal_politikomraade`), politikomraade_navn, udvalg
    (the politikområde's committee); enhed_navn (the measured unit), center_id and
    center_navn (the measured unit's centre, else the centre of the goal's unit; empty
    above centre level). Row order is kept.
    """
    po = maal_politikomraade(maal).join(
        politikomraader.select(
            "politikomraade_id", pl.col("navn").alias("politikomraade_navn"), "udvalg"
        ),
        on="politikomraade_id",
        how="left",
    )
    sti = enhed_sti(organisation).select("enhed_id", "navn", "center_id", "center_navn")
    maal_center = maal.select("maal_id", "enhed_id").join(sti, on="enhed_id", how="left")
    return (
        serier.with_row_index("_nr")
        .join(
            indikatorer.select(
                "indikator_id", pl.col("navn").alias("indikator_navn"), "maaleenhed"
            ),
            on="indikator_id",
            how="left",
        )
        .join(maal.select("maal_id", pl.col("titel").alias("maal_titel")), on="maal_id", how="left")
        .join(po, on="maal_id", how="left")
        .join(sti.rename({"navn": "enhed_navn"}), on="enhed_id", how="left")
        .join(
            maal_center.select(
                "maal_id",
                pl.col("center_id").alias("_maal_center_id"),
                pl.col("center_navn").alias("_maal_center_navn"),
            ),
            on="maal_id",
            how="left",
        )
        .with_columns(
            pl.coalesce("center_id", "_maal_center_id").alias("center_id"),
            pl.coalesce("center_navn", "_maal_center_navn").alias("center_navn"),
        )
        .sort("_nr")
        .drop("_nr", "_maal_center_id", "_maal_center_navn")
    )
