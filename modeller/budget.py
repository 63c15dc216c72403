"""Budget rules (DESIGN.md §2, §6): korrigeret budget, forbrug, profiles, forecasts, roll-ups.

Pure functions on polars frames: a DataFrame in gives a DataFrame out, a LazyFrame in gives
a LazyFrame out (the first frame argument decides). Everything is joins and group-bys, so
the rules scale to ~1M forbrug rows and stay lazy until the caller collects.

Conventions used throughout (stated again in each docstring where it matters):

- A *line* (linje) is one (`enhed_id`, `politikomraade_id`, `budgettype`): the unit that
  books the amount, the politikområde, and the budget type; a follow-up row adds the
  anlæg project (`projekt_id`, null outside projects): NOEGLE.
- Three kinds of money follow their own steering rule (modeller/styringsregler.py):
  service inside the frame with full carry-over; indkomstoverførsler outside the frame,
  no carry-over; anlæg per project, an underspend is a tidsforskydning. Forecasts are per
  line (a legacy forecast without budgettype is service); a line without one is flagged
  `prognose_mangler` with a null forecast; a closed year shows regnskab.
- Sign: expenses positive, income negative (as in the source files).
- forventet afvigelse = forventet forbrug − korrigeret budget: positive = merforbrug,
  negative = mindreforbrug, for expense and income lines alike (less income than
  budgeted is a merforbrug).
- forventet overførsel ud = korrigeret budget − forventet forbrug: what full carry-over
  takes into next year (the negative of the deviation).
- Shares are percent (0–100) in `_pct` columns; amounts in kr. in `_kr` columns.
- Percentages of a group are always recomputed from the group's sums, never averaged.
- A percentage whose denominator is 0 is null (never a division by zero).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from typing import Literal, TypeVar

import polars as pl

from modeller.organisation import enhed_sti
from modeller.schemas import BELOEBSTYPER, BUDGETTYPER
from modeller.styringsregler import (
    BUDGETTYPE_NAVNE,
    STANDARD,
    Oekonomiindstillinger,
    Taerskler,
    regeltabel,
)

__all__ = [
    "BELOEBSKOLONNER",
    "I_ALT_NAVN",
    "KOMPONENTER",
    "LEGACY_BUDGETTYPE",
    "LINJE",
    "NOEGLE",
    "Niveau",
    "Profilmetode",
    "Taerskler",
    "afvigelse_aendring",
    "anlaeg_pr_projekt",
    "data_pr",
    "forbrug_til_dato",
    "fordel_pr_budgettype",
    "korrigeret_budget",
    "maaned_til_dato",
    "maanedsforloeb",
    "marker_afvigelser",
    "opfoelgning",
    "profil",
    "rul_op",
    "seneste_maaned",
    "seneste_prognose",
    "total",
    "udvalg_oversigt",
    "vandfald",
]

F = TypeVar("F", pl.DataFrame, pl.LazyFrame)
Frame = pl.DataFrame | pl.LazyFrame
Filter = str | Sequence[str] | None
"""A filter value: one id, several ids, or None for no filter."""

Profilmetode = Literal["lineaer", "sidste_aar"]
Niveau = Literal["udvalg", "politikomraade", "center", "institution", "enhed"]

LINJE: tuple[str, ...] = ("enhed_id", "politikomraade_id", "budgettype")
"""The key of a budget line."""
PAR: tuple[str, ...] = ("enhed_id", "politikomraade_id")
"""A unit on a politikområde (all its budget types)."""
NOEGLE: tuple[str, ...] = (*LINJE, "projekt_id")
"""The key of a follow-up row and of a forecast: the line plus its anlæg project (null
outside any project)."""
LEGACY_BUDGETTYPE = "service"
"""The budget type of a forecast without one (a source set from before budget types in
prognoser): such a forecast is a service forecast."""

KOMPONENTER: tuple[str, ...] = tuple(f"{t}_kr" for t in BELOEBSTYPER)
"""oprindeligt_budget_kr, tillaegsbevilling_kr, omplacering_kr, overfoersel_kr."""

BELOEBSKOLONNER: tuple[str, ...] = (
    *KOMPONENTER,
    "korrigeret_budget_kr",
    "forbrug_kr",
    "periodiseret_budget_kr",
    "forventet_forbrug_kr",
    "forventet_afvigelse_kr",
    "forventet_overfoersel_ud_kr",
)
"""Amount columns of a follow-up that add up over lines (run_rate_kr is summed separately)."""

UDEN_CENTER = "Uden center"
"""Row name (Danish, shown to users) for units that belong to no centre."""

VANDFALD_TRIN: tuple[tuple[str, str, str], ...] = (
    ("Oprindeligt budget", "oprindeligt_budget_kr", "absolute"),
    ("Tillægsbevillinger", "tillaegsbevilling_kr", "relative"),
    ("Omplaceringer", "omplacering_kr", "relative"),
    ("Overførsler", "overfoersel_kr", "relative"),
    ("Korrigeret budget", "korrigeret_budget_kr", "total"),
)


# --------------------------------------------------------------------------- helpers


def _som(like: F, lf: pl.LazyFrame) -> F:
    """Return `lf` in the same flavour as `like` (collected when `like` is a DataFrame)."""
    if isinstance(like, pl.DataFrame):
        return lf.collect()
    return lf


def _maaneder() -> pl.LazyFrame:
    return pl.LazyFrame({"maaned": list(range(1, 13))}, schema={"maaned": pl.Int32()})


def _i(kolonne: str, vaerdi: Filter) -> pl.Expr:
    """Filter expression: `kolonne` equals one value or is among several (None = all)."""
    if vaerdi is None:
        return pl.lit(True)
    if isinstance(vaerdi, str):
        return pl.col(kolonne) == vaerdi
    return pl.col(kolonne).is_in(list(vaerdi))


def _pct(taeller: str, naevner: str) -> pl.Expr:
    """taeller / naevner × 100, null when naevner is 0 or null."""
    return (
        pl.when(pl.col(naevner) != 0)
        .then(pl.col(taeller) / pl.col(naevner) * 100.0 + 0.0)  # + 0.0: no "-0,0"
        .otherwise(None)
        .cast(pl.Float64())
    )


def _lineaer_andel() -> pl.Expr:
    return pl.col("maaned").cast(pl.Float64()) * 100.0 / 12.0


# --------------------------------------------------------------------------- budget


def _korrigeret_lf(budget: pl.LazyFrame, aar: int, noegle: Sequence[str] = LINJE) -> pl.LazyFrame:
    belob = pl.col("beloeb_kr")
    return (
        budget.filter(pl.col("aar") == aar)
        .group_by(list(noegle))
        .agg(
            belob.filter(pl.col("beloebstype") == t).sum().cast(pl.Float64()).alias(f"{t}_kr")
            for t in BELOEBSTYPER
        )
        .with_columns(korrigeret_budget_kr=pl.sum_horizontal(KOMPONENTER))
    )


def korrigeret_budget(budget: F, aar: int) -> F:
    """Korrigeret budget per line for year `aar`.

    Returns per (`enhed_id`, `politikomraade_id`, `budgettype`): `oprindeligt_budget_kr`,
    `tillaegsbevilling_kr`, `omplacering_kr`, `overfoersel_kr` (overførsel ind from last
    year) and `korrigeret_budget_kr` = the sum of the four. A missing component is 0.
    Sign: expenses positive, income negative.
    """
    return _som(budget, _korrigeret_lf(budget.lazy(), aar))


# --------------------------------------------------------------------------- forbrug


def forbrug_til_dato(forbrug: F, aar: int, til_maaned: int) -> F:
    """Booked forbrug per line, summed over months 1..`til_maaned` of year `aar`.

    Returns (`enhed_id`, `politikomraade_id`, `budgettype`, `forbrug_kr`) for lines with
    forbrug rows in that period only; a line without forbrug counts as 0 when joined
    (as `opfoelgning` does). Sign: expenses positive, income negative.
    """
    lf = (
        forbrug.lazy()
        .filter(pl.col("aar") == aar, pl.col("maaned") <= til_maaned)
        .group_by(LINJE)
        .agg(forbrug_kr=pl.col("beloeb_kr").sum().cast(pl.Float64()))
    )
    return _som(forbrug, lf)


def _til_maaned_lf(forbrug: pl.LazyFrame, aar: int, pr: date) -> pl.LazyFrame:
    """One row, column `til_maaned` (Int32): the last month of `aar` with forbrug ≤ `pr`.

    0 when there is none (pr before the year, or no forbrug yet). When `pr` is in a later
    year, every month of `aar` counts (the whole year).
    """
    if pr.year < aar:
        return pl.LazyFrame({"til_maaned": [0]}, schema={"til_maaned": pl.Int32()})
    lf = forbrug.filter(pl.col("aar") == aar)
    if pr.year == aar:
        lf = lf.filter(pl.col("maaned") <= pr.month)
    return lf.select(til_maaned=pl.col("maaned").max().fill_null(0).cast(pl.Int32()))


def maaned_til_dato(forbrug: Frame, aar: int, pr: date) -> int:
    """The month "til dato" runs through: the last forbrug month of `aar` that is ≤ `pr`.

    0 when there is no such month; when `pr` is in a later year, the last forbrug month of
    `aar` (the whole year).
    """
    ud = _til_maaned_lf(forbrug.lazy(), aar, pr).collect()
    return int(ud.item())


def seneste_maaned(forbrug: Frame, aar: int) -> int:
    """The latest month (1–12) with forbrug in year `aar`; 0 when the year has none."""
    ud = (
        forbrug.lazy()
        .filter(pl.col("aar") == aar)
        .select(pl.col("maaned").max().fill_null(0).cast(pl.Int32()))
        .collect()
    )
    return int(ud.item())


def data_pr(forbrug: Frame, prognoser: Frame) -> date | None:
    """The data-as-of date: the last day of the latest forbrug month, or the latest
    follow-up date (opfoelgningsdato), whichever is later; None when both are empty."""
    f = (
        forbrug.lazy()
        .select((pl.col("aar").cast(pl.Int64()) * 100 + pl.col("maaned")).max().alias("aarmd"))
        .collect()
        .item()
    )
    p = prognoser.lazy().select(pl.col("opfoelgningsdato").max()).collect().item()
    kandidater: list[date] = []
    if f is not None:
        aar, maaned = divmod(int(f), 100)
        kandidater.append(date(aar, maaned, calendar.monthrange(aar, maaned)[1]))
    if p is not None:
        kandidater.append(p)
    return max(kandidater) if kandidater else None


# --------------------------------------------------------------------------- profile


def _monster(sidste_aar: pl.LazyFrame, noegle: list[str]) -> pl.LazyFrame:
    """Last year's cumulative monthly share (`_andel`, percent) per key and month 1..12.

    Keys whose yearly total is ≤ 0 are left out (the caller falls back).
    """
    pr_maaned = sidste_aar.group_by([*noegle, "maaned"]).agg(_s=pl.col("beloeb_kr").sum())
    totaler = pr_maaned.group_by(noegle).agg(_t=pl.col("_s").sum()).filter(pl.col("_t") > 0)
    return (
        totaler.join(_maaneder(), how="cross")
        .join(pr_maaned, on=[*noegle, "maaned"], how="left")
        .with_columns(pl.col("_s").fill_null(0.0))
        .select(
            *noegle,
            "maaned",
            _andel=pl.col("_s").cum_sum().over(noegle, order_by="maaned") / pl.col("_t") * 100.0,
        )
    )


def _profil_lf(
    forbrug: pl.LazyFrame,
    aar: int,
    metode: Profilmetode,
    linjer: pl.LazyFrame | None,
    noegle: Sequence[str],
) -> pl.LazyFrame:
    """Expected cumulative share per key of `linjer` and month 1..12 (see `profil`)."""
    keys = list(noegle)
    if not keys:
        keys = ["_alle"]
        forbrug = forbrug.with_columns(_alle=pl.lit(0, dtype=pl.Int32()))
        linjer = pl.LazyFrame({"_alle": [0]}, schema={"_alle": pl.Int32()})
    assert linjer is not None
    grid = linjer.select(keys).unique().join(_maaneder(), how="cross")
    if metode == "lineaer":
        ud = grid.with_columns(forventet_andel_pct=_lineaer_andel(), profil_kilde=pl.lit("lineaer"))
    else:
        sidste = forbrug.filter(pl.col("aar") == aar - 1)
        ud = grid.join(
            _monster(sidste, keys).rename({"_andel": "_linje"}),
            on=[*keys, "maaned"],
            how="left",
        )
        po_keys: list[str] = [k for k in ("politikomraade_id", "budgettype") if k in keys]
        if "politikomraade_id" in keys and po_keys != keys:
            ud = ud.join(
                _monster(sidste, po_keys).rename({"_andel": "_po"}),
                on=[*po_keys, "maaned"],
                how="left",
            )
        else:
            ud = ud.with_columns(_po=pl.lit(None, dtype=pl.Float64()))
        ud = ud.with_columns(
            forventet_andel_pct=pl.coalesce("_linje", "_po", _lineaer_andel()),
            profil_kilde=pl.when(pl.col("_linje").is_not_null())
            .then(pl.lit("linje"))
            .when(pl.col("_po").is_not_null())
            .then(pl.lit("politikomraade"))
            .otherwise(pl.lit("lineaer")),
        )
    ud = ud.select(*keys, "maaned", "forventet_andel_pct", "profil_kilde")
    if not noegle:
        ud = ud.drop("_alle")
    return ud.sort([*noegle, "maaned"])


def profil(
    forbrug: F,
    aar: int,
    metode: Profilmetode = "lineaer",
    noegle: Sequence[str] = LINJE,
) -> F:
    """Expected cumulative share of the year's spending by the end of each month.

    Returns per key (`noegle`, default the line key; `[]` = the whole selection) and
    `maaned` 1..12: `forventet_andel_pct` (percent, month 12 = 100) and `profil_kilde`
    ("linje", "politikomraade" or "lineaer": where the pattern came from).

    - "lineaer": m/12 (m × 100/12 percent).
    - "sidste_aar": last year's (`aar` − 1) cumulative monthly pattern of the same key:
      cumulative forbrug through month m / last year's total. When the key has no forbrug
      last year or its total is ≤ 0, the pattern of its politikområde (same budgettype,
      all units) is used, and when that is missing too, linear.

    Keys are those with forbrug in `aar` or `aar` − 1 (`opfoelgning` applies the same
    rule to every budget line).
    """
    lf = forbrug.lazy()
    linjer = lf.filter(pl.col("aar").is_in([aar - 1, aar])).select(list(noegle)).unique()
    return _som(forbrug, _profil_lf(lf, aar, metode, linjer if noegle else None, noegle))


# --------------------------------------------------------------------------- forecasts


def _med_projekt(lf: pl.LazyFrame) -> pl.LazyFrame:
    """`lf` with a `projekt_id` column (null when the source set has none)."""
    if "projekt_id" in lf.collect_schema().names():
        return lf
    return lf.with_columns(projekt_id=pl.lit(None, dtype=pl.String()))


def _prognoser_lf(prognoser: pl.LazyFrame) -> pl.LazyFrame:
    """Forecasts with `budgettype` (empty = legacy = service), `projekt_id`, `kommentar`."""
    navne = prognoser.collect_schema().names()
    lf = _med_projekt(prognoser)
    if "budgettype" not in navne:
        lf = lf.with_columns(budgettype=pl.lit(None, dtype=pl.String()))
    if "kommentar" not in navne:
        lf = lf.with_columns(kommentar=pl.lit(None, dtype=pl.String()))
    return lf.with_columns(pl.col("budgettype").fill_null(LEGACY_BUDGETTYPE))


def _seneste_prognose_lf(prognoser: pl.LazyFrame, aar: int, pr: date) -> pl.LazyFrame:
    dato = pl.col("opfoelgningsdato")
    return (
        _prognoser_lf(prognoser)
        .filter(dato.dt.year() == aar, dato <= pr)
        .filter(dato == dato.max().over(NOEGLE))
        .select(
            *NOEGLE,
            prognose_dato=dato,
            forventet_forbrug_kr=pl.col("forventet_forbrug_kr").cast(pl.Float64()),
            prognose_kommentar=pl.col("kommentar").cast(pl.String()),
        )
    )


def seneste_prognose(prognoser: F, aar: int, pr: date) -> F:
    """The forecast (forventet regnskab) in force at `pr` for year `aar`.

    Per (`enhed_id`, `politikomraade_id`, `budgettype`, `projekt_id`): the row with the
    latest `opfoelgningsdato` that is in year `aar` and ≤ `pr`. A forecast without
    budgettype (a legacy source set, or an empty cell) is a *service* forecast; without
    `projekt_id` it belongs to no project (null). Returns the key, `prognose_dato`,
    `forventet_forbrug_kr` and `prognose_kommentar`. Lines without such a forecast are
    absent; `opfoelgning` flags them `prognose_mangler`.
    """
    return _som(prognoser, _seneste_prognose_lf(prognoser.lazy(), aar, pr))


# --------------------------------------------------------------------------- follow-up


OPFOELGNING_KOLONNER: tuple[str, ...] = (
    *NOEGLE,
    *KOMPONENTER,
    "korrigeret_budget_kr",
    "forbrug_kr",
    "forbrugsprocent_pct",
    "til_maaned",
    "forventet_andel_pct",
    "periodiseret_budget_kr",
    "forventet_forbrug_kr",
    "prognose_dato",
    "prognose_kommentar",
    "prognose_mangler",
    "run_rate_kr",
    "forventet_afvigelse_kr",
    "forventet_overfoersel_ud_kr",
    "tidsforskydning_kr",
    "er_regnskab",
    "regnskab_kr",
    "i_ramme",
    "med_overfoersel",
    "med_tidsforskydning",
    "budgetgaranti",
)


def _regler_lf(ind: Oekonomiindstillinger) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """(default rule per budgettype, override per politikområde and budgettype)."""
    regler = regeltabel(ind).lazy()
    flag = ["i_ramme", "overfoersel", "tidsforskydning"]
    standard = regler.filter(pl.col("politikomraade_id").is_null()).select("budgettype", *flag)
    undtagelse = regler.filter(pl.col("politikomraade_id").is_not_null()).select(
        "politikomraade_id", "budgettype", *(pl.col(f).alias(f"_u_{f}") for f in flag)
    )
    return standard, undtagelse


def opfoelgning(
    budget: F,
    forbrug: Frame,
    prognoser: Frame,
    aar: int,
    pr: date,
    profilmetode: Profilmetode = "lineaer",
    budgettyper: list[str] | None = None,
    *,
    indstillinger: Oekonomiindstillinger | None = None,
) -> F:
    """Budget follow-up (budgetopfølgning) per line for year `aar` as of date `pr`.

    One row per (`enhed_id`, `politikomraade_id`, `budgettype`, `projekt_id`) that has
    budget, forbrug or a forecast (full joins: no line is dropped; missing amounts are 0).
    `projekt_id` is null for lines outside any anlæg project (always, in a source set
    without projects). Columns:

    - `oprindeligt_budget_kr`, `tillaegsbevilling_kr`, `omplacering_kr`,
      `overfoersel_kr` (overførsel ind from last year), `korrigeret_budget_kr` (their sum).
    - `til_maaned`: "til dato" runs through the last forbrug month of `aar` that is ≤ `pr`
      (all of `aar` when `pr` is in a later year; 0 when there is no forbrug yet).
    - `forbrug_kr`: forbrug of months 1..til_maaned. `forbrugsprocent_pct` = forbrug /
      korrigeret budget × 100, null when korrigeret budget is 0.
    - `forventet_andel_pct`: expected cumulative share at `til_maaned` by `profilmetode`
      (see `profil`, per line without project; 0 when til_maaned is 0).
      `periodiseret_budget_kr` = korrigeret budget × that share: the budget "due" by now.
    - `forventet_forbrug_kr` (forventet regnskab), per line:
      * a *closed* year (`er_regnskab`: all twelve months booked, or `pr` after 31
        December of `aar`): the accounts, `regnskab_kr` = the year's forbrug; no forecast
        is shown (`prognose_dato`, `prognose_kommentar` null) and none is missing;
      * otherwise the forecast in force at `pr` for the line's own key (see
        `seneste_prognose`: a forecast without budgettype is a service forecast, and it
        lands on the service line only, never on anlæg or indkomstoverførsler);
      * no forecast: null, and `prognose_mangler` is True. The line is never silently
        "on budget"; roll-ups (`total`, `rul_op`) count such lines in
        `antal_prognose_mangler` and take them at korrigeret budget (deviation 0).
      A forecast for a key without budget or forbrug creates its own line.
    - `run_rate_kr`: forbrug til dato / expected share by now (a projection beside the
      forecast, not the forecast); null when the share is ≤ 0.
    - `forventet_afvigelse_kr` = forventet forbrug − korrigeret budget (positive =
      merforbrug; for income lines too: less income is a merforbrug); null without forecast.
    - The steering rule of the line (see modeller/styringsregler.py, `indstillinger`,
      default STANDARD): `i_ramme`, `med_overfoersel`, `med_tidsforskydning`, and
      `budgetgaranti` (indkomstoverførsler on a politikområde under the guarantee).
    - `forventet_overfoersel_ud_kr` = korrigeret budget − forventet forbrug for lines whose
      rule carries over (service by default), 0 for the others (indkomstoverførsler,
      anlæg); in a closed year it is the carry-over the accounts produced.
    - `tidsforskydning_kr` = korrigeret budget − forventet forbrug when that is positive
      (an underspend) on lines whose rule is tidsforskydning (anlæg by default), else 0:
      money shifted to later years, not a saving.

    `budgettyper` keeps only those budget types (applied after forecasts are assigned).
    Sign: expenses positive, income negative.
    """
    ind = indstillinger or STANDARD
    b, f = _med_projekt(budget.lazy()), _med_projekt(forbrug.lazy())
    til = _til_maaned_lf(f, aar, pr).with_columns(
        er_regnskab=pl.lit(pr > date(aar, 12, 31)) | (pl.col("til_maaned") == 12)
    )
    korr = _korrigeret_lf(b, aar, NOEGLE)
    fb = (
        f.filter(pl.col("aar") == aar)
        .join(til.select("til_maaned"), how="cross")
        .filter(pl.col("maaned") <= pl.col("til_maaned"))
        .group_by(NOEGLE)
        .agg(forbrug_kr=pl.col("beloeb_kr").sum().cast(pl.Float64()))
    )
    linjer = korr.join(fb, on=NOEGLE, how="full", coalesce=True, nulls_equal=True)
    prog = _seneste_prognose_lf(prognoser.lazy(), aar, pr).rename(
        {"forventet_forbrug_kr": "_prognose_kr"}
    )
    nye = prog.select(NOEGLE).join(
        linjer.select(NOEGLE).unique(), on=NOEGLE, how="anti", nulls_equal=True
    )
    linjer = pl.concat([linjer, nye], how="diagonal").with_columns(
        pl.col(*KOMPONENTER, "korrigeret_budget_kr", "forbrug_kr").fill_null(0.0)
    )

    standard, undtagelse = _regler_lf(ind)
    korrigeret = pl.col("korrigeret_budget_kr")
    regnskab = pl.col("er_regnskab")
    linjer = (
        linjer.join(prog, on=NOEGLE, how="left", nulls_equal=True)
        .join(til, how="cross")
        .join(standard, on="budgettype", how="left")
        .join(undtagelse, on=["politikomraade_id", "budgettype"], how="left")
        .with_columns(
            i_ramme=pl.coalesce("_u_i_ramme", "i_ramme").fill_null(False),
            med_overfoersel=pl.coalesce("_u_overfoersel", "overfoersel").fill_null(False),
            med_tidsforskydning=pl.coalesce("_u_tidsforskydning", "tidsforskydning").fill_null(
                False
            ),
            budgetgaranti=(pl.col("budgettype") == "indkomstoverfoersler")
            & pl.col("politikomraade_id").is_in(list(ind.budgetgaranti)),
            regnskab_kr=pl.when(regnskab).then(pl.col("forbrug_kr")),
            prognose_dato=pl.when(~regnskab).then(pl.col("prognose_dato")),
            prognose_kommentar=pl.when(~regnskab).then(pl.col("prognose_kommentar")),
            prognose_mangler=~regnskab & pl.col("prognose_dato").is_null(),
        )
        .with_columns(
            forventet_forbrug_kr=pl.when(regnskab)
            .then(pl.col("forbrug_kr"))
            .otherwise(pl.col("_prognose_kr"))
        )
    )

    andel = _profil_lf(f, aar, profilmetode, linjer.select(LINJE), LINJE).select(
        *LINJE, pl.col("maaned").alias("til_maaned"), "forventet_andel_pct"
    )
    rest = korrigeret - pl.col("forventet_forbrug_kr")
    linjer = (
        linjer.join(andel, on=[*LINJE, "til_maaned"], how="left")
        .with_columns(pl.col("forventet_andel_pct").fill_null(0.0))
        .with_columns(
            forbrugsprocent_pct=_pct("forbrug_kr", "korrigeret_budget_kr"),
            periodiseret_budget_kr=korrigeret * pl.col("forventet_andel_pct") / 100.0 + 0.0,
            run_rate_kr=pl.when(pl.col("forventet_andel_pct") > 0)
            .then(pl.col("forbrug_kr") / pl.col("forventet_andel_pct") * 100.0)
            .otherwise(None)
            .cast(pl.Float64()),
            forventet_afvigelse_kr=pl.col("forventet_forbrug_kr") - korrigeret,
            forventet_overfoersel_ud_kr=pl.when(pl.col("med_overfoersel"))
            .then(rest)
            .otherwise(pl.when(rest.is_not_null()).then(0.0)),
            tidsforskydning_kr=pl.when(pl.col("med_tidsforskydning") & (rest > 0))
            .then(rest)
            .otherwise(pl.when(rest.is_not_null()).then(0.0)),
        )
    )
    if budgettyper is not None:
        linjer = linjer.filter(pl.col("budgettype").is_in(budgettyper))
    ud = linjer.select(OPFOELGNING_KOLONNER).sort(
        "politikomraade_id", "enhed_id", "budgettype", "projekt_id", nulls_last=True
    )
    return _som(budget, ud)


# --------------------------------------------------------------------------- roll-ups

_MED_KORRIGERET = ("forventet_forbrug_kr",)
"""Rolled up with a line's korrigeret budget in place of a missing forecast."""
_NUL_FOR_MANGLENDE = (
    "forventet_afvigelse_kr",
    "forventet_overfoersel_ud_kr",
    "tidsforskydning_kr",
)
"""Rolled up with 0 for a line without forecast (its deviation is taken as 0)."""


def _sum(c: str) -> pl.Expr:
    if c in _MED_KORRIGERET:
        return pl.coalesce(c, "korrigeret_budget_kr").sum().cast(pl.Float64()).alias(c)
    if c in _NUL_FOR_MANGLENDE:
        return pl.col(c).fill_null(0.0).sum().cast(pl.Float64())
    return pl.col(c).sum().cast(pl.Float64())


def _aggregater(navne: Sequence[str]) -> list[pl.Expr]:
    """Sums of a follow-up's amount columns, plus line counts, the forecast flag, the
    accounts, the single comment and the budget-guarantee marker (see `total`)."""
    exprs = [_sum(c) for c in (*BELOEBSKOLONNER, "tidsforskydning_kr") if c in navne]
    if "run_rate_kr" in navne:
        # A projection of a group is unknown when one of its lines' projection is.
        exprs.append(
            pl.when(pl.col("run_rate_kr").is_null().any())
            .then(None)
            .otherwise(pl.col("run_rate_kr").sum())
            .cast(pl.Float64())
            .alias("run_rate_kr")
        )
    if "antal_linjer" in navne:  # already rolled up: counts add up
        exprs += [
            pl.col("antal_linjer").sum().cast(pl.UInt32()),
            pl.col("antal_prognose_mangler").sum().cast(pl.UInt32()),
        ]
        if "korrigeret_uden_prognose_kr" in navne:
            exprs.append(pl.col("korrigeret_uden_prognose_kr").sum().cast(pl.Float64()))
    else:
        exprs.append(pl.len().cast(pl.UInt32()).alias("antal_linjer"))
        if "prognose_mangler" in navne:
            exprs += [
                pl.col("prognose_mangler").sum().cast(pl.UInt32()).alias("antal_prognose_mangler"),
                pl.col("korrigeret_budget_kr")
                .filter(pl.col("prognose_mangler"))
                .sum()
                .cast(pl.Float64())
                .alias("korrigeret_uden_prognose_kr"),
            ]
    if "prognose_mangler" in navne:
        exprs.append(pl.col("prognose_mangler").any())
    if "prognose_dato" in navne:
        exprs.append(pl.col("prognose_dato").max())
    if "prognose_kommentar" in navne:
        # The comment of a single line carries through; several different comments do not
        # (null): a roll-up has no one explanation.
        kommentarer = pl.col("prognose_kommentar").drop_nulls().unique()
        exprs.append(
            pl.when(kommentarer.len() == 1)
            .then(kommentarer.first())
            .otherwise(None)
            .alias("prognose_kommentar")
        )
    if "er_regnskab" in navne:
        exprs += [
            pl.col("er_regnskab").any(),
            pl.when(pl.col("er_regnskab").any())
            .then(pl.col("regnskab_kr").sum())
            .otherwise(None)
            .cast(pl.Float64())
            .alias("regnskab_kr"),
        ]
    if "budgetgaranti" in navne:
        exprs.append(pl.col("budgetgaranti").any())
    return exprs


def _procenter(navne: Sequence[str]) -> list[pl.Expr]:
    exprs = []
    if "forbrug_kr" in navne:
        exprs.append(_pct("forbrug_kr", "korrigeret_budget_kr").alias("forbrugsprocent_pct"))
    if "periodiseret_budget_kr" in navne:
        exprs.append(
            _pct("periodiseret_budget_kr", "korrigeret_budget_kr").alias("forventet_andel_pct")
        )
    return exprs


def total(linjer: F) -> F:
    """One row with the totals of follow-up lines (or of rolled-up rows).

    Amounts are summed; `forbrugsprocent_pct` and `forventet_andel_pct` are recomputed
    from the sums (null when the korrigeret budget sum is 0); `run_rate_kr` is null when
    any line's run-rate is. A line without forecast (`prognose_mangler`) enters
    `forventet_forbrug_kr` at its korrigeret budget and the deviation, carry-over and
    tidsforskydning with 0, so forventet − korrigeret = afvigelse also for a total; it is
    counted in `antal_prognose_mangler` and its korrigeret budget summed in
    `korrigeret_uden_prognose_kr`. `antal_linjer` counts lines; `prognose_mangler` is True
    when any line lacks a forecast; `prognose_kommentar` is the comment when the lines
    carry exactly one distinct comment, else null; `er_regnskab`/`regnskab_kr` (closed
    year) and `budgetgaranti` (any line under it) when the lines have them. An empty
    input gives one row of zeros.

    A total over all budget types mixes service, indkomstoverførsler and anlæg: show it
    split with `fordel_pr_budgettype`, or say what it contains.
    """
    lf = linjer.lazy()
    navne = lf.collect_schema().names()
    ud = lf.select(_aggregater(navne)).with_columns(_procenter(navne))
    return _som(linjer, ud)


I_ALT_NAVN = "I alt (service, indkomstoverførsler og anlæg)"
"""Label of a grand total over all budget types: it says what it contains."""


def fordel_pr_budgettype(linjer: F, *, i_alt: bool = False) -> F:
    """Totals split by budget type: always three rows, Service, Indkomstoverførsler,
    Anlæg (in that order; zeros for a type without lines), with `budgettype`,
    `budgettype_navn` and the columns of `total`. `i_alt=True` adds a fourth row with
    null `budgettype` and `budgettype_navn` = I_ALT_NAVN (the grand total, labelled with
    what it contains). Sign: expenses positive, income negative.
    """
    lf = linjer.lazy()
    navne = lf.collect_schema().names()
    typer = pl.LazyFrame(
        {
            "budgettype": list(BUDGETTYPER),
            "budgettype_navn": [BUDGETTYPE_NAVNE[b] for b in BUDGETTYPER],
            "_orden": list(range(len(BUDGETTYPER))),
        },
        schema={"budgettype": pl.String(), "budgettype_navn": pl.String(), "_orden": pl.Int32()},
    )
    pr_type = lf.group_by("budgettype").agg(_aggregater(navne))
    tomme = lf.head(0).select(_aggregater(navne))
    delsummer = typer.join(pr_type, on="budgettype", how="left")
    amounts = [c for c, t in tomme.collect_schema().items() if t in (pl.Float64(), pl.UInt32())]
    nuller = [c for c in amounts if c not in ("run_rate_kr", "regnskab_kr")]
    delsummer = delsummer.with_columns(pl.col(nuller).fill_null(0))
    for c in ("prognose_mangler", "er_regnskab", "budgetgaranti"):
        if c in tomme.collect_schema().names():
            delsummer = delsummer.with_columns(pl.col(c).fill_null(False))
    dele = [delsummer.with_columns(_procenter(navne)).sort("_orden").drop("_orden")]
    if i_alt:
        dele.append(
            lf.select(_aggregater(navne))
            .with_columns(_procenter(navne))
            .with_columns(
                budgettype=pl.lit(None, dtype=pl.String()),
                budgettype_navn=pl.lit(I_ALT_NAVN),
            )
        )
    return _som(linjer, pl.concat(dele, how="diagonal_relaxed"))


def rul_op(
    linjer: F,
    organisation: Frame,
    politikomraader: Frame,
    niveau: Niveau,
    *,
    udvalg: Filter = None,
    politikomraade_id: Filter = None,
    center_id: Filter = None,
    enhed_id: Filter = None,
    under_enhed_id: str | None = None,
    budgettyper: Filter = None,
    i_ramme: bool | None = None,
) -> F:
    """Roll follow-up lines (from `opfoelgning`) up to one row per group of `niveau`.

    The drill path is Kommune (`total`) → Udvalg → Politikområde → Center → Institution:
    the fagudvalg is the appropriation level (it may move money between its
    politikområder), so "udvalg" is a level of its own, not only a filter.

    Levels and the columns that identify a row (every level has `navn` for display):

    - "udvalg": `udvalg` (the committee owning the politikområde).
    - "politikomraade": `politikomraade_id`, `navn`, `udvalg`.
    - "center": `center_id`, `navn` (the booking unit's centre from `enhed_sti`; units
      outside any centre form one row with null `center_id`, navn "Uden center").
    - "institution": the booking unit itself: `enhed_id`, `navn`, `type`, `center_id`.
    - "enhed": the booking unit per politikområde: `enhed_id`, `navn`,
      `politikomraade_id`, `politikomraade_navn`, `udvalg`, `center_id`.

    Filters (keyword-only; one id, several ids, or None) select lines before grouping:
    `udvalg`, `politikomraade_id`, `center_id`, `enhed_id` (the booking unit),
    `under_enhed_id` (the unit and every unit below it), `budgettyper` and `i_ramme`
    (True: only money inside the frame, by the lines' steering rule). Drill-down:
    `rul_op(l, org, po, "center", politikomraade_id="P")`, then
    `rul_op(l, org, po, "institution", politikomraade_id="P", center_id="C")`.

    Amounts are summed, percentages recomputed from the sums (see `total`, also for how
    lines without forecast count), plus `antal_linjer`, `antal_prognose_mangler`,
    `korrigeret_uden_prognose_kr`, `prognose_mangler`, `prognose_dato` (the latest),
    `prognose_kommentar` (a single line's comment), `er_regnskab`, `regnskab_kr`,
    `budgetgaranti`, `tidsforskydning_kr`. Apply `marker_afvigelser` to the result to
    flag exceptions at this level.
    Rows are sorted by their id columns.
    """
    # The unit paths (iterative joins over the organisation) are only needed for levels
    # and filters below the politikområde.
    brug_sti = niveau in ("center", "institution", "enhed") or (
        center_id is not None or under_enhed_id is not None
    )
    sti = (
        enhed_sti(organisation)
        .lazy()
        .select(
            "enhed_id",
            pl.col("navn").alias("_enhed_navn"),
            pl.col("type").alias("_enhed_type"),
            "center_id",
            "center_navn",
            pl.col("sti").alias("_sti"),
        )
        if brug_sti
        else None
    )
    po = politikomraader.lazy().select(
        "politikomraade_id", pl.col("navn").alias("_po_navn"), "udvalg"
    )
    lf = linjer.lazy()
    navne = lf.collect_schema().names()
    if sti is not None:
        lf = lf.join(sti, on="enhed_id", how="left")
    lf = lf.join(po, on="politikomraade_id", how="left").filter(
        _i("udvalg", udvalg),
        _i("politikomraade_id", politikomraade_id),
        _i("center_id", center_id),
        _i("enhed_id", enhed_id),
        _i("budgettype", budgettyper),
    )
    if under_enhed_id is not None:
        lf = lf.filter(pl.col("_sti").list.contains(under_enhed_id).fill_null(False))
    if i_ramme is not None:
        lf = lf.filter(pl.col("i_ramme") == i_ramme)

    aggregater = _aggregater(navne)
    noegle: list[str]
    if niveau == "udvalg":
        noegle = ["udvalg"]
        ekstra = [pl.col("udvalg").first().alias("navn")]
    elif niveau == "politikomraade":
        noegle = ["politikomraade_id"]
        ekstra = [pl.col("_po_navn").first().alias("navn"), pl.col("udvalg").first()]
    elif niveau == "center":
        noegle = ["center_id"]
        ekstra = [pl.col("center_navn").first().fill_null(UDEN_CENTER).alias("navn")]
    elif niveau == "institution":
        noegle = ["enhed_id"]
        ekstra = [
            pl.col("_enhed_navn").first().alias("navn"),
            pl.col("_enhed_type").first().alias("type"),
            pl.col("center_id").first(),
        ]
    elif niveau == "enhed":
        noegle = ["enhed_id", "politikomraade_id"]
        ekstra = [
            pl.col("_enhed_navn").first().alias("navn"),
            pl.col("_po_navn").first().alias("politikomraade_navn"),
            pl.col("udvalg").first(),
            pl.col("center_id").first(),
        ]
    else:  # pragma: no cover - guarded by the Literal type
        raise ValueError(f"ukendt niveau: {niveau!r}")

    ud = (
        lf.group_by(noegle)
        .agg(*ekstra, *aggregater)
        .with_columns(_procenter(navne))
        .sort(noegle, nulls_last=True)
    )
    return _som(linjer, ud)


RAMME_KOLONNER: tuple[str, ...] = (
    "korrigeret_budget_kr",
    "forbrug_kr",
    "forventet_forbrug_kr",
    "forventet_afvigelse_kr",
    "forventet_overfoersel_ud_kr",
    "antal_prognose_mangler",
)
"""Columns of `udvalg_oversigt` repeated for the frame (prefix `ramme_`) and for the
money outside it (prefix `uden_for_ramme_`)."""


def udvalg_oversigt(
    linjer: F,
    politikomraader: Frame,
    *,
    budgettyper: Filter = None,
) -> F:
    """The udvalg level: per fagudvalg (the appropriation level), its frame against its
    forecast, beside the money outside the frame.

    One row per `udvalg` (as in politikomraader; `navn` = the udvalg) with every column
    of `rul_op(..., "udvalg")` over all its lines, plus for the lines inside the frame
    (`i_ramme`, service by default) `ramme_korrigeret_budget_kr` (the frame),
    `ramme_forbrug_kr`, `ramme_forventet_forbrug_kr`, `ramme_forventet_afvigelse_kr`
    (positive = merforbrug against the frame), `ramme_forventet_overfoersel_ud_kr`,
    `ramme_antal_prognose_mangler`, and the same with prefix `uden_for_ramme_` for the
    lines outside it (indkomstoverførsler and anlæg by default), and
    `tidsforskydning_kr` (anlæg). An udvalg without lines on one side has 0 there.
    `budgettyper` filters lines first. Sorted by udvalg.
    """
    org = pl.LazyFrame(schema={"enhed_id": pl.String(), "navn": pl.String()})
    alle = rul_op(linjer.lazy(), org, politikomraader, "udvalg", budgettyper=budgettyper)
    dele = []
    for praefiks, inde in (("ramme_", True), ("uden_for_ramme_", False)):
        del_ = rul_op(
            linjer.lazy(), org, politikomraader, "udvalg", budgettyper=budgettyper, i_ramme=inde
        )
        dele.append(del_.select("udvalg", *(pl.col(c).alias(praefiks + c) for c in RAMME_KOLONNER)))
    ud = alle
    for d in dele:
        ud = ud.join(d, on="udvalg", how="left", nulls_equal=True)
    ekstra = [f"{p}{c}" for p in ("ramme_", "uden_for_ramme_") for c in RAMME_KOLONNER]
    ud = ud.with_columns(pl.col(ekstra).fill_null(0)).sort("udvalg", nulls_last=True)
    return _som(linjer, ud)


ANLAEG_KOLONNER: tuple[str, ...] = (
    "projekt_id",
    "navn",
    "enhed_id",
    "politikomraade_id",
    "startaar",
    "slutaar",
    "anlaegsbevilling_kr",
    "raadighedsbeloeb_kr",
    "forbrug_kr",
    "forbrug_tidligere_aar_kr",
    "forbrug_i_alt_kr",
    "forventet_forbrug_kr",
    "forventet_afvigelse_kr",
    "tidsforskydning_kr",
    "forventet_rest_bevilling_kr",
    "prognose_dato",
    "prognose_kommentar",
    "prognose_mangler",
    "er_regnskab",
)


def anlaeg_pr_projekt(linjer: F, anlaegsprojekter: Frame, forbrug: Frame, aar: int, pr: date) -> F:
    """Anlæg per project for year `aar` as of `pr`; `linjer` from `opfoelgning` (same
    `aar` and `pr`).

    One row per project of `anlaegsprojekter` that has a line in `linjer` or whose period
    (`startaar`..`slutaar`, open when empty) covers `aar`. Columns (ANLAEG_KOLONNER):

    - the project's `navn`, `enhed_id`, `politikomraade_id`, `startaar`, `slutaar`,
      `anlaegsbevilling_kr` (the appropriation over the project's life);
    - `raadighedsbeloeb_kr`: korrigeret budget of the project's lines in `aar`;
    - `forbrug_kr`: forbrug in `aar` til dato; `forbrug_tidligere_aar_kr`: all forbrug
      before `aar`; `forbrug_i_alt_kr` = the two together (the project's total to date);
    - `forventet_forbrug_kr`: the year's forecast (the accounts in a closed year), null
      when a line of the project lacks a forecast (`prognose_mangler`);
    - `forventet_afvigelse_kr` = forventet − rådighedsbeløb (negative = mindreforbrug);
    - `tidsforskydning_kr` = rådighedsbeløb − forventet when positive (underspent: moved
      to later years, not a saving), else 0;
    - `forventet_rest_bevilling_kr` = anlægsbevilling − forbrug before `aar` − forventet:
      what is left of the appropriation after this year;
    - `prognose_dato`, `prognose_kommentar` (the comment when the project's lines carry
      one), `prognose_mangler`, `er_regnskab`.

    Sign: expenses positive, income negative. Sorted by projekt_id.
    """
    projekter = anlaegsprojekter.lazy()
    pl_linjer = linjer.lazy().filter(pl.col("projekt_id").is_not_null())
    pr_projekt = pl_linjer.group_by("projekt_id").agg(
        raadighedsbeloeb_kr=pl.col("korrigeret_budget_kr").sum().cast(pl.Float64()),
        forbrug_kr=pl.col("forbrug_kr").sum().cast(pl.Float64()),
        forventet_forbrug_kr=pl.when(pl.col("forventet_forbrug_kr").is_null().any())
        .then(None)
        .otherwise(pl.col("forventet_forbrug_kr").sum())
        .cast(pl.Float64()),
        prognose_dato=pl.col("prognose_dato").max(),
        prognose_mangler=pl.col("prognose_mangler").any(),
        er_regnskab=pl.col("er_regnskab").any(),
        prognose_kommentar=pl.when(pl.col("prognose_kommentar").drop_nulls().unique().len() == 1)
        .then(pl.col("prognose_kommentar").drop_nulls().first())
        .otherwise(None),
    )
    tidligere = (
        _med_projekt(forbrug.lazy())
        .filter(pl.col("projekt_id").is_not_null(), pl.col("aar") < aar)
        .group_by("projekt_id")
        .agg(forbrug_tidligere_aar_kr=pl.col("beloeb_kr").sum().cast(pl.Float64()))
    )
    i_perioden = (pl.col("startaar").is_null() | (pl.col("startaar") <= aar)) & (
        pl.col("slutaar").is_null() | (pl.col("slutaar") >= aar)
    )
    rest = pl.col("raadighedsbeloeb_kr") - pl.col("forventet_forbrug_kr")
    ud = (
        projekter.join(pr_projekt, on="projekt_id", how="left")
        .filter(i_perioden | pl.col("raadighedsbeloeb_kr").is_not_null())
        .join(tidligere, on="projekt_id", how="left")
        .with_columns(
            pl.col("raadighedsbeloeb_kr", "forbrug_kr", "forbrug_tidligere_aar_kr").fill_null(0.0),
            pl.col("prognose_mangler", "er_regnskab").fill_null(False),
        )
        .with_columns(
            forbrug_i_alt_kr=pl.col("forbrug_tidligere_aar_kr") + pl.col("forbrug_kr"),
            forventet_afvigelse_kr=-rest,
            tidsforskydning_kr=pl.when(rest > 0)
            .then(rest)
            .otherwise(pl.when(rest.is_not_null()).then(0.0)),
            forventet_rest_bevilling_kr=pl.col("anlaegsbevilling_kr").cast(pl.Float64())
            - pl.col("forbrug_tidligere_aar_kr")
            - pl.col("forventet_forbrug_kr"),
        )
        .select(ANLAEG_KOLONNER)
        .sort("projekt_id")
    )
    return _som(linjer, ud)


def _afvigelse_test(t: Taerskler) -> pl.Expr:
    afv = pl.col("forventet_afvigelse_kr").abs()
    if t.kr <= 0 and t.pct <= 0:
        return (afv > 0).fill_null(False)
    kr = (afv > t.kr).fill_null(False) if t.kr > 0 else pl.lit(False)
    pct = (pl.col("afvigelse_pct").abs() > t.pct).fill_null(False) if t.pct > 0 else pl.lit(False)
    return kr | pct


def marker_afvigelser(df: F, taerskler: Taerskler | None = None) -> F:
    """Flag exceptions (rapportering på afvigelser) at whatever level `df` is.

    Adds `afvigelse_pct` = forventet_afvigelse_kr / |korrigeret_budget_kr| × 100 (so its
    sign is the deviation's sign also for income lines: positive = merforbrug; null when
    korrigeret budget is 0) and `er_afvigelse` = |forventet_afvigelse_kr| > taerskler.kr
    OR |afvigelse_pct| > taerskler.pct (strictly above; with korrigeret budget 0 only the
    kr. test applies). A threshold of 0 turns its test off (as oekonomi.toml and the
    footnote say); with both at 0 every deviation counts. Defaults: 1 mio. kr. or 2 %.
    """
    t = taerskler or Taerskler()
    afv = pl.col("forventet_afvigelse_kr")
    korr = pl.col("korrigeret_budget_kr")
    afvigelse_pct = (
        pl.when(korr != 0).then(afv / korr.abs() * 100.0).otherwise(None).cast(pl.Float64())
    )
    lf = (
        df.lazy()
        .with_columns(afvigelse_pct=afvigelse_pct)
        .with_columns(er_afvigelse=_afvigelse_test(t))
    )
    return _som(df, lf)


# --------------------------------------------------------------------------- charts


def _udvalg_filter(politikomraade_id: Filter, enhed_id: Filter, budgettyper: Filter) -> pl.Expr:
    return (
        _i("politikomraade_id", politikomraade_id)
        & _i("enhed_id", enhed_id)
        & _i("budgettype", budgettyper)
    )


def maanedsforloeb(
    forbrug: F,
    budget: Frame,
    aar: int,
    profilmetode: Profilmetode = "lineaer",
    *,
    politikomraade_id: Filter = None,
    enhed_id: Filter = None,
    budgettyper: Filter = None,
) -> F:
    """Month by month this year vs last year vs the budget profile, for a selection.

    Filters select lines by politikområde, booking unit (pass
    `organisation.efterkommere(org, C)` for a centre and everything below it) and budget
    type. Returns 12 rows (`maaned` 1..12) with:

    - `forbrug_kr`, `akkumuleret_forbrug_kr`: this year's monthly and cumulative forbrug,
      null after the latest forbrug month of `aar` (so a chart line stops there; all null
      when the year has no forbrug);
    - `forbrug_sidste_aar_kr`, `akkumuleret_forbrug_sidste_aar_kr`: the same for `aar` − 1;
    - `korrigeret_budget_kr` (the selection's, every row) and `budgetprofil_kr` = Σ over
      lines of korrigeret budget × the line's expected cumulative share by that month
      (`profil`, by `profilmetode`); `forventet_andel_pct` = budgetprofil / korrigeret
      × 100 (null when korrigeret is 0).

    Sign: expenses positive, income negative.
    """
    f = forbrug.lazy()
    valgt = _udvalg_filter(politikomraade_id, enhed_id, budgettyper)
    f_valgt = f.filter(valgt)

    def serie(a: int, navn: str) -> pl.LazyFrame:
        pr_maaned = (
            f_valgt.filter(pl.col("aar") == a)
            .group_by("maaned")
            .agg(pl.col("beloeb_kr").sum().cast(pl.Float64()).alias(navn))
        )
        sidste = pl.col("maaned").filter(pl.col(navn).is_not_null()).max()
        return (
            _maaneder()
            .join(pr_maaned, on="maaned", how="left")
            .sort("maaned")
            .with_columns(
                pl.when(pl.col("maaned") <= sidste)
                .then(pl.col(navn).fill_null(0.0))
                .otherwise(None)
                .alias(navn)
            )
            .with_columns(pl.col(navn).cum_sum().alias(f"akkumuleret_{navn}"))
        )

    korr = _korrigeret_lf(budget.lazy().filter(valgt), aar).select(*LINJE, "korrigeret_budget_kr")
    andele = _profil_lf(f, aar, profilmetode, korr.select(LINJE), LINJE)
    profil_pr_maaned = (
        andele.join(korr, on=LINJE, how="inner")
        .group_by("maaned")
        .agg(
            budgetprofil_kr=(
                pl.col("korrigeret_budget_kr") * pl.col("forventet_andel_pct") / 100.0
            ).sum()
        )
    )
    korr_i_alt = korr.select(pl.col("korrigeret_budget_kr").sum().cast(pl.Float64()))
    ud = (
        serie(aar, "forbrug_kr")
        .join(serie(aar - 1, "forbrug_sidste_aar_kr"), on="maaned", how="left")
        .join(korr_i_alt, how="cross")
        .join(profil_pr_maaned, on="maaned", how="left")
        .with_columns(pl.col("budgetprofil_kr").fill_null(0.0))
        .with_columns(forventet_andel_pct=_pct("budgetprofil_kr", "korrigeret_budget_kr"))
        .select(
            "maaned",
            "forbrug_kr",
            "akkumuleret_forbrug_kr",
            "forbrug_sidste_aar_kr",
            "akkumuleret_forbrug_sidste_aar_kr",
            "korrigeret_budget_kr",
            "budgetprofil_kr",
            "forventet_andel_pct",
        )
        .sort("maaned")
    )
    return _som(forbrug, ud)


def vandfald(
    budget: F,
    aar: int,
    *,
    politikomraade_id: Filter = None,
    enhed_id: Filter = None,
    budgettyper: Filter = None,
) -> F:
    """Waterfall from oprindeligt budget to korrigeret budget for a selection.

    Five rows in order (`trin` 1..5): `label` (Danish), `beloeb_kr` and `measure` for a
    Plotly waterfall: "Oprindeligt budget" (absolute), "Tillægsbevillinger",
    "Omplaceringer", "Overførsler" (relative), "Korrigeret budget" (total; its amount is
    the sum of the four steps). Filters as in `maanedsforloeb`. Sign: expenses positive.
    """
    valgt = _udvalg_filter(politikomraade_id, enhed_id, budgettyper)
    summer = _korrigeret_lf(budget.lazy().filter(valgt), aar).select(
        pl.col(*KOMPONENTER, "korrigeret_budget_kr").sum().cast(pl.Float64())
    )
    trin = [
        summer.select(
            trin=pl.lit(i, dtype=pl.Int32()),
            label=pl.lit(label),
            beloeb_kr=pl.col(kolonne),
            measure=pl.lit(measure),
        )
        for i, (label, kolonne, measure) in enumerate(VANDFALD_TRIN, start=1)
    ]
    return _som(budget, pl.concat(trin, how="vertical").sort("trin"))


# --------------------------------------------------------------------------- changes


def afvigelse_aendring(nu: F, foer: Frame, noegle: list[str]) -> F:
    """Change in forventet afvigelse between two follow-ups (or snapshots) per key.

    `nu` and `foer` are follow-ups or roll-ups with `forventet_afvigelse_kr` and the
    `noegle` columns (null keys match null keys). Returns `noegle`,
    `forventet_afvigelse_kr` (now), `forventet_afvigelse_foer_kr` (before),
    `aendring_afvigelse_kr` = now − before (positive = the forecast moved towards
    merforbrug), `er_ny` (only now) and `er_fjernet` (only before). A missing side is
    null, not 0, so the change of a new or removed key is null.
    """
    a = nu.lazy().select(*noegle, "forventet_afvigelse_kr", _nu=pl.lit(True))
    b = foer.lazy().select(
        *noegle,
        pl.col("forventet_afvigelse_kr").alias("forventet_afvigelse_foer_kr"),
        _foer=pl.lit(True),
    )
    ud = (
        a.join(b, on=noegle, how="full", coalesce=True, nulls_equal=True)
        .with_columns(
            aendring_afvigelse_kr=pl.col("forventet_afvigelse_kr")
            - pl.col("forventet_afvigelse_foer_kr"),
            er_ny=pl.col("_foer").is_null(),
            er_fjernet=pl.col("_nu").is_null(),
        )
        .drop("_nu", "_foer")
        .sort(noegle, nulls_last=True)
    )
    return _som(nu, ud)


AENDRING_GRAENSE_KR = 50_000.0
"""A change in forventet afvigelse below this is not named as one of the largest."""


def stoerste_aendringer(
    df: pl.DataFrame, n: int = 3, graense_kr: float = AENDRING_GRAENSE_KR
) -> pl.DataFrame:
    """The `n` rows of `df` (with `aendring_afvigelse_kr` from `afvigelse_aendring`) whose
    forventet afvigelse changed most since the previous follow-up, at least `graense_kr`
    either way; largest absolute change first."""
    return (
        df.filter(pl.col("aendring_afvigelse_kr").abs() >= graense_kr)
        .sort(pl.col("aendring_afvigelse_kr").abs(), descending=True)
        .head(n)
    )
