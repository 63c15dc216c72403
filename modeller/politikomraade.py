"""The politikområde as the unit of steering (DESIGN.md §2, §7; issue 16).

In the budget the council sets, per politikområde, goals (udviklingsmål), serviceniveau,
særlige resultatkrav and indsatsområder, and the economic frame (the seed). This module
joins them: the goals of a politikområde by type with their status, the distribution of
goal status under it, its service frame, and its main unit cost, so that one row per
politikområde compares them all. Pure polars, no I/O.

Conventions:

- A politikområde's goals are the goals at niveau "politikomraade" with its
  `politikomraade_id`; "goals under it" are those goals and every goal below them in the
  cascade (their subtrees). Statuses are the goals' *own* statuses; the rolled-up status
  of a goal comes from `modeller.status.rul_op_status` and the rule in force.
- The frame is service (budgettype service), rolled up with `modeller.budget.rul_op` and
  flagged with `marker_afvigelser` (the thresholds in force).
- The main ydelse of a politikområde is the one with the largest service spending among
  its units reporting activity (`modeller.aktivitet.enhedspriser`).
"""

from __future__ import annotations

import polars as pl

from modeller import budget
from modeller.schemas import MAALSTATUSSER, MAALTYPER
from modeller.styringsregler import Taerskler

__all__ = ["MAALTYPE_NAVNE", "hovedydelse", "maal_fordeling", "oversigt", "ramme"]

MAALTYPE_NAVNE: dict[str, str] = {
    "udviklingsmaal": "Udviklingsmål",
    "serviceniveau": "Serviceniveau",
    "resultatkrav": "Særlige resultatkrav",
    "indsatsomraade": "Indsatsområder",
}
"""Danish heading per goal type, in the order of the seed's budget document."""
assert set(MAALTYPE_NAVNE) == set(MAALTYPER)

_ANTAL = [f"antal_{s}" for s in MAALSTATUSSER]


def maal_fordeling(maal: pl.DataFrame, rullet: pl.DataFrame) -> pl.DataFrame:
    """Goal status distribution per politikområde.

    `rullet`: `rul_op_status` over `maal` (counts over each goal's subtree). Columns:
    politikomraade_id, antal_maal (goals at niveau politikomraade), antal_<status> and
    antal_i_alt (summed over those goals' subtrees: every goal under the politikområde
    once, since subtrees of different roots do not overlap), andel_paa_sporet_pct
    (opfyldt + paa_sporet over the assessed ones, 0–100; null when none is assessed).
    """
    po = maal.filter(
        (pl.col("niveau") == "politikomraade") & pl.col("politikomraade_id").is_not_null()
    ).select("maal_id", "politikomraade_id")
    vurderet = pl.col("antal_i_alt") - pl.col("antal_ikke_vurderet")
    return (
        po.join(rullet.select("maal_id", *_ANTAL, "antal_i_alt"), on="maal_id", how="left")
        .group_by("politikomraade_id")
        .agg(
            pl.len().cast(pl.UInt32()).alias("antal_maal"),
            *[pl.col(c).sum().cast(pl.UInt32()) for c in (*_ANTAL, "antal_i_alt")],
        )
        .with_columns(
            pl.when(vurderet > 0)
            .then(
                (pl.col("antal_opfyldt") + pl.col("antal_paa_sporet")).cast(pl.Float64())
                / vurderet
                * 100.0
            )
            .alias("andel_paa_sporet_pct")
        )
        .sort("politikomraade_id")
    )


def ramme(
    linjer: pl.DataFrame,
    organisation: pl.DataFrame,
    politikomraader: pl.DataFrame,
    taerskler: Taerskler | None = None,
) -> pl.DataFrame:
    """The service frame per politikområde: `budget.rul_op` at level politikomraade over
    service lines, flagged by `marker_afvigelser` (afvigelse_pct, er_afvigelse)."""
    return budget.marker_afvigelser(
        budget.rul_op(
            linjer, organisation, politikomraader, "politikomraade", budgettyper="service"
        ),
        taerskler,
    )


def hovedydelse(enhedspriser: pl.DataFrame) -> pl.DataFrame:
    """Per politikområde the row of its main ydelse (largest udgift_kr; ties by ydelse)
    from `aktivitet.enhedspriser` grouped by (politikomraade_id, ydelse)."""
    return (
        enhedspriser.sort(
            ["politikomraade_id", "udgift_kr", "ydelse"],
            descending=[False, True, False],
            nulls_last=True,
        )
        .group_by("politikomraade_id", maintain_order=True)
        .first()
    )


def oversigt(
    politikomraader: pl.DataFrame,
    rammer: pl.DataFrame,
    fordeling: pl.DataFrame,
    ydelser: pl.DataFrame,
) -> pl.DataFrame:
    """One row per politikområde (every one in `politikomraader`, sorted by udvalg and
    navn): navn, udvalg, the frame's columns (`ramme`), the goal distribution
    (`maal_fordeling`, zero counts when it has no goals) and its main ydelse
    (`hovedydelse` over unit costs with `aktivitet.enhedspris_aendring`: ydelse,
    maaleenhed, enhedspris_kr, budget_enhedspris_kr, enhedspris_aendring_pct,
    afvigelse_maengde_pct, afvigelse_til_budgetpris_kr; null without activity)."""
    r = rammer.select(
        "politikomraade_id",
        "korrigeret_budget_kr",
        "forbrug_kr",
        "forventet_forbrug_kr",
        "forventet_afvigelse_kr",
        "afvigelse_pct",
        "er_afvigelse",
        "antal_prognose_mangler",
        "er_regnskab",
    )
    y = hovedydelse(ydelser).select(
        "politikomraade_id",
        "ydelse",
        "maaleenhed",
        "enhedspris_kr",
        "budget_enhedspris_kr",
        *(["enhedspris_aendring_pct"] if "enhedspris_aendring_pct" in ydelser.columns else []),
        "afvigelse_maengde_pct",
        "afvigelse_til_budgetpris_kr",
    )
    return (
        politikomraader.select("politikomraade_id", "navn", "udvalg")
        .join(r, on="politikomraade_id", how="left")
        .join(fordeling, on="politikomraade_id", how="left")
        .join(y, on="politikomraade_id", how="left")
        .with_columns(
            pl.col("antal_maal", *_ANTAL, "antal_i_alt").fill_null(0),
            pl.col("er_afvigelse").fill_null(False),
        )
        .sort("udvalg", "navn", nulls_last=True)
    )
