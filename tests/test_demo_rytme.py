"""The demo follows the seed's rhythm (issue 18 §6): a forecast at every month end for
Økonomiudvalget, developing month by month, and a budget revision per 30 April that also
assesses the goals."""

from __future__ import annotations

import calendar
from datetime import date

import polars as pl

from modeller.demo import build_tables
from modeller.demo.oekonomi import UDEN_PROGNOSE

REVISION = date(2026, 4, 30)


def test_prognose_ved_hver_maanedsafslutning_til_datoen() -> None:
    t = build_tables(1, date(2026, 9, 30))
    p = t["prognoser"]
    i_aar = p.filter(pl.col("opfoelgningsdato").dt.year() == 2026)
    assert sorted(set(i_aar["opfoelgningsdato"].to_list())) == [
        date(2026, m, calendar.monthrange(2026, m)[1]) for m in range(1, 10)
    ]
    # a leap year's February forecast is at its last day
    assert date(2024, 2, 29) in set(p["opfoelgningsdato"].to_list())
    # every line forecasts every month (the same lines each month); the line without
    # forecast this year never does
    pr_dato = i_aar.group_by("opfoelgningsdato").len()["len"].unique().to_list()
    assert len(pr_dato) == 1
    noegle = ["enhed_id", "politikomraade_id", "budgettype"]
    linjer = t["budget"].filter(aar=2026).select(noegle).unique()
    uden = linjer.join(i_aar.select(noegle), on=noegle, how="anti")
    assert uden["politikomraade_id"].to_list() == [UDEN_PROGNOSE[1]], "one line without"
    # the forecast develops: a line's forecast changes from month to month
    forskellige = i_aar.group_by("enhed_id", "politikomraade_id", "budgettype", "projekt_id").agg(
        pl.col("forventet_forbrug_kr").n_unique().alias("n")
    )
    assert (forskellige["n"] >= 5).mean() > 0.9  # type: ignore[operator]


def test_budgetrevisionen_vurderer_maalene_pr_30_april() -> None:
    t = build_tables(1, REVISION)
    m = t["maal"].filter(
        pl.col("niveau").is_in(["politikomraade", "direktion", "center"]),
        pl.col("aar_fra") <= 2026,
        pl.col("aar_til") >= 2026,
    )
    vurderet = t["vurderinger"].filter(dato=REVISION)["maal_id"].to_list()
    assert set(m["maal_id"].to_list()) <= set(vurderet), "every such goal assessed on 30/4"
    assert len(vurderet) == len(set(vurderet)), "one assessment per goal that day"
    # a later cut of the same year agrees on it (the world is cut, not redrawn)
    senere = build_tables(1, date(2026, 9, 30))["vurderinger"].filter(dato=REVISION)
    assert senere.equals(t["vurderinger"].filter(dato=REVISION))
