"""Goal and indicator status: the one definition shared by every page (DESIGN.md §6).

Status codes (schemas.MAALSTATUSSER): opfyldt, paa_sporet, i_risiko, ikke_paa_sporet,
ikke_vurderet. Pure polars, vectorised over all series at once; no I/O.

Indicator status, per series (indikator_id, enhed_id), using only measurements with
periode ≤ pr. With v = latest value, T = maalvaerdi, U = udgangsvaerdi (the indicator's
baseline; when empty, the first measurement of the series), p = previous value:

- ikke_vurderet: no measurement ≤ pr, or no maalvaerdi.
- opfyldt: at or past target in the indicator's retning (op: v ≥ T; ned: v ≤ T).
- otherwise fremdrift_pct = (v − U) / (T − U) × 100 (progress from U toward T; negative =
  worse than U). It is empty when U is already at or past T (nothing left to progress).
- ikke_paa_sporet (off track), any of:
  fremdrift_pct < 0 (worse than baseline); fremdrift_pct empty (baseline was at/past
  target, the value no longer is); or the latest change moved away from target
  (op: v < p; ned: v > p) while fremdrift_pct < forventet_fremdrift_pct.
- paa_sporet: fremdrift_pct ≥ forventet_fremdrift_pct.
- i_risiko: the rest (some progress, less than expected, latest change not away).

forventet_fremdrift_pct is the elapsed share (0–100) of the goal period at the latest
measurement's periode (not at pr: a value is judged against where it should have been
when measured, so a status does not drift between loads; how stale the data is shows in
seneste_periode). Goal period (from the indicator's goal): start 1 Jan aar_fra (empty:
1 Jan of the end year); end tidsfrist, else 31 Dec aar_til, else 31 Dec aar_fra. Without
a goal period the expected progress is empty and counts as 0.

Goal status (`maal_status`): the latest vurdering (dato ≤ pr) wins when it is at least
as new as the goal's latest measurement (a tie goes to the vurdering: a human judgement
made with the data in hand), or when the indicators give no status. Otherwise the status
is computed from the goal's indicators as the worst series status (see "worst" below).

"Worst" (severity, highest first): ikke_paa_sporet > i_risiko > paa_sporet > opfyldt >
ikke_vurderet. So ikke_vurderet is the result only when every status taken is
ikke_vurderet; a single assessed child decides over any number of unassessed ones.

Rolled-up status (`rul_op_status.samlet_status`): by the municipality's rule
(modeller/statusregler.py, maalstatus.toml): by default the share of the subtree on
track with thresholds ("andel"), or the worst status in the subtree ("vaerste"). It is
always a separate column from the goal's own `status`.

"Worsened since the previous follow-up" (`forvaerret`, `forvaerrede`): a goal assessed
at both follow-ups (neither status ikke_vurderet nor missing) whose status is now more
severe than then (e.g. paa_sporet → i_risiko, opfyldt → paa_sporet). A goal that was
unassessed, is new or has gone is not "worsened". The trend rules for indicator series
("moving away from target", "behind the elapsed share") are in `modeller.indikatorer`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import polars as pl

from modeller import schemas
from modeller.maal import forfaedre
from modeller.statusregler import STANDARD as STANDARD_STATUSREGEL
from modeller.statusregler import Statusregel

STATUSSER: tuple[str, ...] = schemas.MAALSTATUSSER
"""The five status codes, in display order (best first, ikke_vurderet last)."""

STATUS_TEKST: dict[str, str] = {
    "opfyldt": "Opfyldt",
    "paa_sporet": "På sporet",
    "i_risiko": "I risiko",
    "ikke_paa_sporet": "Ikke på sporet",
    "ikke_vurderet": "Ikke vurderet",
}
"""Danish label per status code (what a user reads)."""

ALVORLIGHED: dict[str, int] = {
    "ikke_vurderet": 0,
    "opfyldt": 1,
    "paa_sporet": 2,
    "i_risiko": 3,
    "ikke_paa_sporet": 4,
}
"""Severity for "worst": the highest wins; ikke_vurderet (0) only when all are unassessed."""

KILDER: tuple[str, ...] = ("vurdering", "indikatorer", "ingen")
"""Where a goal's status comes from (`maal_status.kilde`)."""

_FRA_ALVOR = {v: k for k, v in ALVORLIGHED.items()}


def vaerste_status(statusser: Iterable[str]) -> str:
    """The worst of the given status codes (see module docstring); empty → ikke_vurderet."""
    return _FRA_ALVOR[max((ALVORLIGHED[s] for s in statusser), default=0)]


def _alvor(kolonne: str) -> pl.Expr:
    return (
        pl.col(kolonne).replace_strict(ALVORLIGHED, default=0, return_dtype=pl.Int8()).fill_null(0)
    )


def _fra_alvor(expr: pl.Expr) -> pl.Expr:
    return expr.replace_strict(_FRA_ALVOR, return_dtype=pl.String())


def _maalperiode(maal: pl.DataFrame) -> pl.DataFrame:
    """maal_id, periode_start, periode_slut (see module docstring)."""
    slut = pl.coalesce(
        pl.col("tidsfrist"),
        pl.date(pl.col("aar_til"), 12, 31),
        pl.date(pl.col("aar_fra"), 12, 31),
    )
    return maal.select(
        "maal_id",
        pl.coalesce(pl.date(pl.col("aar_fra"), 1, 1), pl.date(slut.dt.year(), 1, 1)).alias(
            "periode_start"
        ),
        slut.alias("periode_slut"),
    )


def _serier(maalinger: pl.DataFrame, pr: date) -> pl.DataFrame:
    """Latest, previous and first value per (indikator_id, enhed_id) among periode ≤ pr."""
    return (
        maalinger.filter(pl.col("periode") <= pr)
        .drop_nulls("vaerdi")
        .sort("indikator_id", "enhed_id", "periode")
        .group_by("indikator_id", "enhed_id")
        .agg(
            pl.col("vaerdi").last().alias("seneste_vaerdi"),
            pl.col("periode").last().alias("seneste_periode"),
            pl.col("vaerdi").get(-2, null_on_oob=True).alias("forrige_vaerdi"),
            pl.col("periode").get(-2, null_on_oob=True).alias("forrige_periode"),
            pl.col("vaerdi").first().alias("foerste_vaerdi"),
            pl.len().cast(pl.Int32()).alias("antal_maalinger"),
        )
    )


def indikator_status(
    indikatorer: pl.DataFrame, maalinger: pl.DataFrame, maal: pl.DataFrame, pr: date
) -> pl.DataFrame:
    """Status per indicator series (indikator_id, enhed_id) as of `pr`.

    Columns: indikator_id, enhed_id, maal_id, retning, frekvens, baseline, maalvaerdi,
    udgangsvaerdi (baseline, or the series' first value ≤ pr when baseline is empty),
    seneste_vaerdi, seneste_periode, forrige_vaerdi, forrige_periode, antal_maalinger,
    fremdrift_pct, forventet_fremdrift_pct, status. An indicator without any measurement
    ≤ pr gets one row with enhed_id empty and status ikke_vurderet. The rule is in the
    module docstring. Sorted by indikator_id, enhed_id.
    """
    serier = _serier(maalinger, pr)
    ind = indikatorer.select(
        "indikator_id", "maal_id", "retning", "frekvens", "baseline", "maalvaerdi"
    )
    med_data = ind.join(serier, on="indikator_id", how="inner")
    uden_data = ind.join(serier, on="indikator_id", how="anti")
    df = pl.concat([med_data, uden_data], how="diagonal_relaxed").join(
        _maalperiode(maal), on="maal_id", how="left"
    )

    op = pl.col("retning") == "op"
    v, t = pl.col("seneste_vaerdi"), pl.col("maalvaerdi")
    u = pl.col("udgangsvaerdi")
    p = pl.col("forrige_vaerdi")
    dage_i_alt = (pl.col("periode_slut") - pl.col("periode_start")).dt.total_days()
    dage_gaaet = (pl.col("seneste_periode") - pl.col("periode_start")).dt.total_days()
    forventet = (
        pl.when(dage_i_alt > 0)
        .then(dage_gaaet / dage_i_alt * 100.0)
        .when(pl.col("seneste_periode") >= pl.col("periode_slut"))
        .then(100.0)
        .otherwise(0.0)
        .clip(0.0, 100.0)
    )
    afstand_start = pl.when(op).then(t - u).otherwise(u - t)
    fremdrift = pl.when(afstand_start > 0).then((v - u) / (t - u) * 100.0)

    df = df.with_columns(
        pl.coalesce(pl.col("baseline"), pl.col("foerste_vaerdi")).alias("udgangsvaerdi")
    )
    df = df.with_columns(
        fremdrift.alias("fremdrift_pct"),
        pl.when(pl.col("periode_start").is_not_null() & pl.col("periode_slut").is_not_null())
        .then(forventet)
        .alias("forventet_fremdrift_pct"),
    )
    f = pl.col("fremdrift_pct")
    forv = pl.col("forventet_fremdrift_pct").fill_null(0.0)
    naaet = pl.when(op).then(v >= t).otherwise(v <= t)
    senest_vaek = p.is_not_null() & pl.when(op).then(v < p).otherwise(v > p)
    status = (
        pl.when(v.is_null() | t.is_null())
        .then(pl.lit("ikke_vurderet"))
        .when(naaet)
        .then(pl.lit("opfyldt"))
        .when(f.is_null() | (f < 0) | (senest_vaek & (f < forv)))
        .then(pl.lit("ikke_paa_sporet"))
        .when(f >= forv)
        .then(pl.lit("paa_sporet"))
        .otherwise(pl.lit("i_risiko"))
    )
    return (
        df.with_columns(status.alias("status"))
        .select(
            "indikator_id",
            pl.col("enhed_id").cast(pl.String()),
            "maal_id",
            "retning",
            "frekvens",
            "baseline",
            "maalvaerdi",
            "udgangsvaerdi",
            "seneste_vaerdi",
            "seneste_periode",
            "forrige_vaerdi",
            "forrige_periode",
            pl.col("antal_maalinger").fill_null(0),
            "fremdrift_pct",
            "forventet_fremdrift_pct",
            "status",
        )
        .sort("indikator_id", "enhed_id", nulls_last=True)
    )


def maalets_serier(serier: pl.DataFrame, maal_enhed_id: str | None = None) -> pl.DataFrame:
    """Which series stand for a goal: the one rule of Målkæden, the briefs and the status.

    `serier` has one row per series (`indikator_id`, `enhed_id`, ...), e.g. from
    `indikator_status` or `indikatorer.udvikling`, either for one goal with its unit given
    as `maal_enhed_id`, or for many goals with a column `maal_enhed_id`. Per (goal,)
    indicator: the goal's own unit's series when it has one, otherwise every unit's series.
    Adds `egen_serie` (Boolean): the row is the goal's own unit's series.
    """
    if "maal_enhed_id" not in serier.columns:
        serier = serier.with_columns(pl.lit(maal_enhed_id, pl.String()).alias("maal_enhed_id"))
    egen = (pl.col("enhed_id") == pl.col("maal_enhed_id")).fill_null(False)
    gruppe = ["maal_id", "indikator_id"] if "maal_id" in serier.columns else ["indikator_id"]
    return serier.filter(egen | ~egen.any().over(gruppe)).with_columns(egen.alias("egen_serie"))


def maal_status(
    maal: pl.DataFrame,
    indikatorer: pl.DataFrame,
    maalinger: pl.DataFrame,
    vurderinger: pl.DataFrame,
    pr: date,
) -> pl.DataFrame:
    """Own status of every goal as of `pr` (no roll-up; see `rul_op_status`).

    Columns: maal_id, status, kilde ("vurdering" | "indikatorer" | "ingen"),
    beregnet_status (from the indicators alone), seneste_maaling (Date, latest periode of
    the series used), vurdering_status, vurdering_dato, vurdering_kommentar, vurderet_af
    (the latest vurdering with dato ≤ pr, shown even when it did not win).

    Series used per indicator of the goal (`maalets_serier`): when the goal has an enhed_id
    and that unit has measurements ≤ pr for the indicator, only that unit's series;
    otherwise every unit's series of the indicator. The computed status is the worst series status.
    Winner: the vurdering when it exists and (it is dated on or after seneste_maaling, or
    there is no measurement, or the computed status is ikke_vurderet); else the computed
    status (kilde "indikatorer") when it is not ikke_vurderet; else ikke_vurderet with
    kilde "ingen". Only data dated ≤ pr counts. Sorted by maal_id.
    """
    ind = indikator_status(indikatorer, maalinger, maal, pr).filter(pl.col("maal_id").is_not_null())
    beregnet = (
        maalets_serier(
            ind.join(
                maal.select("maal_id", pl.col("enhed_id").alias("maal_enhed_id")),
                on="maal_id",
                how="inner",
            )
        )
        .group_by("maal_id")
        .agg(
            _fra_alvor(_alvor("status").max()).alias("beregnet_status"),
            pl.col("seneste_periode").max().alias("seneste_maaling"),
        )
    )
    vurd = (
        vurderinger.filter(pl.col("dato") <= pr)
        .sort("maal_id", "dato")
        .group_by("maal_id")
        .agg(
            pl.col("status").last().alias("vurdering_status"),
            pl.col("dato").last().alias("vurdering_dato"),
            pl.col("kommentar").last().alias("vurdering_kommentar"),
            pl.col("vurderet_af").last(),
        )
    )
    df = (
        maal.select("maal_id")
        .join(beregnet, on="maal_id", how="left")
        .join(vurd, on="maal_id", how="left")
        .with_columns(pl.col("beregnet_status").fill_null("ikke_vurderet"))
    )
    har_vurdering = pl.col("vurdering_dato").is_not_null()
    vurdering_vinder = har_vurdering & (
        pl.col("seneste_maaling").is_null()
        | (pl.col("vurdering_dato") >= pl.col("seneste_maaling"))
        | (pl.col("beregnet_status") == "ikke_vurderet")
    )
    beregnet_gyldig = pl.col("beregnet_status") != "ikke_vurderet"
    return (
        df.with_columns(
            pl.when(vurdering_vinder)
            .then(pl.col("vurdering_status"))
            .when(beregnet_gyldig)
            .then(pl.col("beregnet_status"))
            .otherwise(pl.lit("ikke_vurderet"))
            .alias("status"),
            pl.when(vurdering_vinder)
            .then(pl.lit("vurdering"))
            .when(beregnet_gyldig)
            .then(pl.lit("indikatorer"))
            .otherwise(pl.lit("ingen"))
            .alias("kilde"),
        )
        .select(
            "maal_id",
            "status",
            "kilde",
            "beregnet_status",
            "seneste_maaling",
            "vurdering_status",
            "vurdering_dato",
            "vurdering_kommentar",
            "vurderet_af",
        )
        .sort("maal_id")
    )


def rul_op_status(
    maal: pl.DataFrame, status: pl.DataFrame, regel: Statusregel | None = None
) -> pl.DataFrame:
    """Roll goal statuses up the tree: each goal over itself and all its descendants.

    `status` has maal_id and status (e.g. from `maal_status`); goals missing from it count
    as ikke_vurderet. `regel` is the roll-up rule in force (modeller/statusregler.py;
    default: the share on track). Columns: maal_id, status (the goal's own, unchanged),
    samlet_status (rolled up by `regel`), andel_paa_sporet_pct (share of the assessed
    goals of the subtree that are opfyldt or paa_sporet, 0–100; null when none is
    assessed), antal_opfyldt, antal_paa_sporet, antal_i_risiko, antal_ikke_paa_sporet,
    antal_ikke_vurderet, antal_i_alt (UInt32 counts over the goal and its descendants,
    the goal itself included). Vectorised via `maal.forfaedre`. Sorted by maal_id.

    Rules (`regel.regel`): "vaerste": the worst of own and all descendants' statuses (see
    module docstring). "andel": a goal without goals below keeps its own status; otherwise
    ikke_vurderet when nothing in the subtree is assessed, opfyldt when every assessed goal
    is opfyldt, paa_sporet when the share ≥ paa_sporet_pct, i_risiko when ≥ i_risiko_pct,
    else ikke_paa_sporet.
    """
    r = regel or STANDARD_STATUSREGEL
    egen = (
        maal.select("maal_id")
        .join(status.select("maal_id", "status"), on="maal_id", how="left")
        .with_columns(pl.col("status").fill_null("ikke_vurderet"))
    )
    par = pl.concat(
        [
            forfaedre(maal).select("maal_id", "forfader_id"),
            maal.select("maal_id", pl.col("maal_id").alias("forfader_id")),
        ]
    ).join(egen, on="maal_id", how="inner")
    antal = [(pl.col("status") == s).sum().cast(pl.UInt32()).alias(f"antal_{s}") for s in STATUSSER]
    samlet = (
        par.group_by("forfader_id")
        .agg(
            _fra_alvor(_alvor("status").max()).alias("_vaerste"),
            *antal,
            pl.len().cast(pl.UInt32()).alias("antal_i_alt"),
        )
        .rename({"forfader_id": "maal_id"})
    )
    paa = pl.col("antal_opfyldt") + pl.col("antal_paa_sporet")
    vurderet = pl.col("antal_i_alt") - pl.col("antal_ikke_vurderet")
    andel = pl.when(vurderet > 0).then(paa.cast(pl.Float64()) / vurderet * 100.0)
    if r.regel == "vaerste":
        regel_status = pl.col("_vaerste")
    else:
        a = pl.col("andel_paa_sporet_pct")
        regel_status = (
            pl.when(pl.col("antal_i_alt") <= 1)
            .then(pl.col("status"))
            .when(a.is_null())
            .then(pl.lit("ikke_vurderet"))
            .when(pl.col("antal_opfyldt") == vurderet)
            .then(pl.lit("opfyldt"))
            .when(a >= r.paa_sporet_pct)
            .then(pl.lit("paa_sporet"))
            .when(a >= r.i_risiko_pct)
            .then(pl.lit("i_risiko"))
            .otherwise(pl.lit("ikke_paa_sporet"))
        )
    return (
        egen.join(samlet, on="maal_id", how="left")
        .with_columns(andel.alias("andel_paa_sporet_pct"))
        .with_columns(regel_status.alias("samlet_status"))
        .select(
            "maal_id",
            "status",
            "samlet_status",
            "andel_paa_sporet_pct",
            *[f"antal_{s}" for s in STATUSSER],
            "antal_i_alt",
        )
        .sort("maal_id")
    )


def maal_status_samlet(
    maal: pl.DataFrame,
    indikatorer: pl.DataFrame,
    maalinger: pl.DataFrame,
    vurderinger: pl.DataFrame,
    pr: date,
    regel: Statusregel | None = None,
) -> pl.DataFrame:
    """`maal_status` and `rul_op_status` in one frame, as pages and documents read it:
    per goal its own `status` (with kilde, beregnet_status and the latest vurdering) and
    the rolled-up columns of `rul_op_status`."""
    egen = maal_status(maal, indikatorer, maalinger, vurderinger, pr)
    return rul_op_status(maal, egen, regel).join(egen.drop("status"), on="maal_id", how="left")


def status_aendringer(
    nu: pl.DataFrame, foer: pl.DataFrame, kolonne: str = "status"
) -> pl.DataFrame:
    """Goals whose status differs between two snapshots (`foer` = earlier, `nu` = later).

    Both frames have maal_id and `kolonne` (e.g. "status" from `maal_status` or
    "samlet_status" from `rul_op_status`). Columns: maal_id, status_foer, status_nu,
    aendring: "ny" (only in nu), "fjernet" (only in foer) or "aendret". Unchanged goals are
    left out. Sorted by maal_id.
    """
    df = nu.select("maal_id", pl.col(kolonne).alias("status_nu"), pl.lit(True).alias("_i_nu")).join(
        foer.select("maal_id", pl.col(kolonne).alias("status_foer"), pl.lit(True).alias("_i_foer")),
        on="maal_id",
        how="full",
        coalesce=True,
    )
    aendring = (
        pl.when(pl.col("_i_foer").is_null())
        .then(pl.lit("ny"))
        .when(pl.col("_i_nu").is_null())
        .then(pl.lit("fjernet"))
        .otherwise(pl.lit("aendret"))
    )
    aendret = (
        pl.col("status_nu").ne_missing(pl.col("status_foer"))
        | pl.col("_i_nu").is_null()
        | pl.col("_i_foer").is_null()
    )
    return (
        df.filter(aendret)
        .select("maal_id", "status_foer", "status_nu", aendring.alias("aendring"))
        .sort("maal_id")
    )


def forvaerret(foer: pl.Expr | str, nu: pl.Expr | str) -> pl.Expr:
    """The rule "worsened since the previous follow-up" (Boolean; module docstring) on two
    status columns (names or expressions): both assessed, and `nu` more severe than `foer`."""
    f = pl.col(foer) if isinstance(foer, str) else foer
    n = pl.col(nu) if isinstance(nu, str) else nu

    def alvor(e: pl.Expr) -> pl.Expr:
        return e.replace_strict(ALVORLIGHED, default=0, return_dtype=pl.Int8()).fill_null(0)

    return ((alvor(f) > 0) & (alvor(n) > 0) & (alvor(n) > alvor(f))).fill_null(False)


def er_forvaerret(foer: str | None, nu: str | None) -> bool:
    """`forvaerret` for one pair of status codes (for documents built row by row)."""
    lit = pl.lit(foer, pl.String()), pl.lit(nu, pl.String())
    return bool(pl.select(forvaerret(*lit)).item())


def forvaerrede(nu: pl.DataFrame, foer: pl.DataFrame, kolonne: str = "status") -> pl.DataFrame:
    """Goals whose status worsened between the previous follow-up (`foer`) and now (`nu`).

    Both frames have maal_id and `kolonne` (as `status_aendringer`). Columns: maal_id,
    status_foer, status_nu, trin (Int8: severity steps worse, ≥ 1). Sorted worst first:
    by status_nu's severity, then trin, both descending; ties by maal_id.
    """
    return (
        status_aendringer(nu, foer, kolonne)
        .filter(forvaerret("status_foer", "status_nu"))
        .with_columns(
            (_alvor("status_nu") - _alvor("status_foer")).cast(pl.Int8()).alias("trin"),
            _alvor("status_nu").alias("_alvor_nu"),
        )
        .sort(["_alvor_nu", "trin", "maal_id"], descending=[True, True, False])
        .select("maal_id", "status_foer", "status_nu", "trin")
    )
