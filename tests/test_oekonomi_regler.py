"""Pure tests for the economy rules of issue 15 (modeller.budget with
modeller.styringsregler): budget types, projects, closed years, missing forecasts.

Tiny frames built in code; every figure is computed by hand in the comments.
Sign: expenses positive, income negative; afvigelse positive = merforbrug.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from modeller import budget as B
from modeller import styringsregler as S
from modeller.schemas import ANLAEGSPROJEKTER, ORGANISATION, POLITIKOMRAADER
from tests.test_budget import budget_df, forbrug_df, prognoser_df

approx = pytest.approx
PR = date(2026, 9, 30)


def org_df() -> pl.DataFrame:
    rows = [
        ("K", "Kommunen", "kommune", None, None),
        ("D", "Direktionen", "direktion", "K", None),
        ("C1", "Center for Børn", "center", "D", None),
        ("I1", "Søskolen", "institution", "C1", None),
        ("I2", "Dagplejen", "institution", "C1", None),
        ("I3", "Jobcentret", "institution", "D", None),
    ]
    return pl.DataFrame(rows, schema=ORGANISATION.polars_schema, orient="row")


def po_df() -> pl.DataFrame:
    rows = [("P1", "Skoler", "Børneudvalget"), ("P2", "Forsørgelse", "Arbejdsudvalget")]
    return pl.DataFrame(rows, schema=POLITIKOMRAADER.polars_schema, orient="row")


def projekter_df() -> pl.DataFrame:
    rows = [
        ("A1", "Ny skolefløj", "I1", "P1", 1000.0, 2025, 2027),
        ("A2", "Gammel sal", "I1", "P1", 200.0, 2020, 2021),  # finished: not shown in 2026
        ("A3", "Nyt jobcenter", "I3", "P2", 400.0, 2026, None),  # no lines yet
    ]
    return pl.DataFrame(rows, schema=ANLAEGSPROJEKTER.polars_schema, orient="row")


def budget() -> pl.DataFrame:
    return budget_df(
        (2026, "I1", "P1", "oprindeligt_budget", 1000.0, "service"),
        (2026, "I1", "P1", "oprindeligt_budget", 500.0, "anlaeg", "A1"),
        (2026, "I2", "P1", "oprindeligt_budget", -400.0, "service"),  # income line
        (2026, "I3", "P2", "oprindeligt_budget", 2000.0, "indkomstoverfoersler"),
        (2026, "I3", "P2", "oprindeligt_budget", 300.0, "service"),  # gets no forecast
        (2025, "I1", "P1", "oprindeligt_budget", 200.0, "anlaeg", "A1"),
    )


def forbrug(maaneder: int = 9) -> pl.DataFrame:
    """Spending spread evenly over `maaneder` months of 2026 (totals as in the comments)."""
    linjer = [
        ("I1", "P1", 900.0, "service", None),  # 9 months: 100 a month
        ("I1", "P1", 90.0, "anlaeg", "A1"),  # 10 a month
        ("I2", "P1", -270.0, "service", None),  # −30 a month
        ("I3", "P2", 1620.0, "indkomstoverfoersler", None),  # 180 a month
        ("I3", "P2", 180.0, "service", None),  # 20 a month
    ]
    rows = [
        (2026, m, e, p, kr / 9, bt, pid)
        for e, p, kr, bt, pid in linjer
        for m in range(1, maaneder + 1)
    ]
    rows.append((2025, 6, "I1", "P1", 150.0, "anlaeg", "A1"))  # the project's first year
    return forbrug_df(*rows)


def prognoser() -> pl.DataFrame:
    return prognoser_df(
        (date(2026, 5, 31), "I1", "P1", 1050.0, "gammel", "service"),  # superseded
        (PR, "I1", "P1", 1100.0, "vikarer", "service"),
        (PR, "I1", "P1", 300.0, "forsinket udbud", "anlaeg", "A1"),
        (PR, "I2", "P1", -350.0, None, "service"),
        (PR, "I3", "P2", 2100.0, "flere ledige", "indkomstoverfoersler"),
    )


def linjer(pr: date = PR, **kw: object) -> pl.DataFrame:
    return B.opfoelgning(budget(), forbrug(), prognoser(), 2026, pr, **kw)  # type: ignore[arg-type]


def en(df: pl.DataFrame, enhed: str, po: str, bt: str) -> dict[str, object]:
    rows = df.filter(
        pl.col("enhed_id") == enhed, pl.col("politikomraade_id") == po, pl.col("budgettype") == bt
    ).to_dicts()
    assert len(rows) == 1, rows
    return rows[0]


# --------------------------------------------------------------------------- per line


def test_service_overspends_while_anlaeg_underspends_on_the_same_pair() -> None:
    o = linjer()
    service = en(o, "I1", "P1", "service")
    anlaeg = en(o, "I1", "P1", "anlaeg")
    # Service: forecast 1100 against 1000 → merforbrug 100, carried over as −100.
    assert service["forventet_forbrug_kr"] == 1100.0
    assert service["forventet_afvigelse_kr"] == 100.0
    assert service["forventet_overfoersel_ud_kr"] == -100.0
    assert service["tidsforskydning_kr"] == 0.0
    assert service["prognose_kommentar"] == "vikarer"
    # Anlæg: 300 against 500 → mindreforbrug 200, a tidsforskydning, no carry-over, and
    # it never lands on the service line.
    assert anlaeg["projekt_id"] == "A1"
    assert anlaeg["forventet_afvigelse_kr"] == -200.0
    assert anlaeg["tidsforskydning_kr"] == 200.0
    assert anlaeg["forventet_overfoersel_ud_kr"] == 0.0
    assert anlaeg["prognose_kommentar"] == "forsinket udbud"
    assert (anlaeg["i_ramme"], anlaeg["med_tidsforskydning"]) == (False, True)
    assert (service["i_ramme"], service["med_overfoersel"]) == (True, True)
    # At the pair level per budget type the service deviation keeps its sign.
    kun_service = B.rul_op(o, org_df(), po_df(), "enhed", budgettyper="service", enhed_id="I1")
    assert kun_service["forventet_afvigelse_kr"].item() == 100.0
    assert kun_service["prognose_kommentar"].item() == "vikarer"


def test_income_line_sign() -> None:
    i2 = en(linjer(), "I2", "P1", "service")
    # Less income than budgeted (−350 vs −400) is a merforbrug of 50.
    assert i2["korrigeret_budget_kr"] == -400.0
    assert i2["forventet_afvigelse_kr"] == 50.0
    assert i2["forventet_overfoersel_ud_kr"] == -50.0
    assert i2["prognose_kommentar"] is None


def test_anlaeg_income_line_tidsforskydning_follows_the_net_sign() -> None:
    # An anlæg income line (land sale, −500): less income (−300) is a merforbrug of 200
    # and no tidsforskydning; more income (−600) a mindreforbrug of 100, shown as
    # tidsforskydning like any net underspend on anlæg.
    b = budget_df((2026, "I1", "P1", "oprindeligt_budget", -500.0, "anlaeg", "A1"))
    for prognose, afv, tids in ((-300.0, 200.0, 0.0), (-600.0, -100.0, 100.0)):
        p = prognoser_df((PR, "I1", "P1", prognose, None, "anlaeg", "A1"))
        r = B.opfoelgning(b, forbrug_df(), p, 2026, PR).row(0, named=True)
        assert (r["forventet_afvigelse_kr"], r["tidsforskydning_kr"]) == (afv, tids)


def test_indkomstoverfoersler_have_no_carry_over() -> None:
    r = en(linjer(), "I3", "P2", "indkomstoverfoersler")
    assert r["forventet_afvigelse_kr"] == 100.0  # 2100 − 2000
    assert r["forventet_overfoersel_ud_kr"] == 0.0
    assert r["i_ramme"] is False and r["budgetgaranti"] is False
    garanti = S.fra_indstillinger({"budgetgaranti": ["P2"]})
    r = en(linjer(indstillinger=garanti), "I3", "P2", "indkomstoverfoersler")
    assert r["budgetgaranti"] is True
    assert en(linjer(indstillinger=garanti), "I3", "P2", "service")["budgetgaranti"] is False


def test_line_without_forecast_is_flagged_never_on_budget() -> None:
    o = linjer()
    r = en(o, "I3", "P2", "service")
    assert r["prognose_mangler"] is True
    assert r["forventet_forbrug_kr"] is None
    assert r["forventet_afvigelse_kr"] is None
    assert r["forventet_overfoersel_ud_kr"] is None
    assert r["forbrug_kr"] == approx(180.0)  # booked spending is still shown
    # Roll-ups count it and take it at its korrigeret budget (deviation 0).
    t = B.total(o).row(0, named=True)
    assert t["antal_prognose_mangler"] == 1 and t["prognose_mangler"] is True
    assert t["korrigeret_uden_prognose_kr"] == 300.0
    assert t["forventet_forbrug_kr"] - t["korrigeret_budget_kr"] == approx(
        t["forventet_afvigelse_kr"]
    )
    assert B.marker_afvigelser(o.filter(pl.col("prognose_mangler")))["er_afvigelse"].to_list() == [
        False
    ]


def test_legacy_forecast_without_budgettype_is_service() -> None:
    # An old source set: no budgettype or projekt_id columns in prognoser, no projekt_id
    # in budget and forbrug. The forecast is the service line's; the anlæg line has none.
    b = budget().filter(pl.col("aar") == 2026, pl.col("projekt_id").is_null()).drop("projekt_id")
    b = pl.concat(
        [b, budget_df((2026, "I1", "P1", "oprindeligt_budget", 500.0, "anlaeg")).drop("projekt_id")]
    )
    f = forbrug().filter(pl.col("projekt_id").is_null()).drop("projekt_id")
    p = prognoser_df((PR, "I1", "P1", 1100.0, "vikarer")).drop("budgettype", "projekt_id")
    o = B.opfoelgning(b, f, p, 2026, PR)
    assert o["projekt_id"].null_count() == o.height
    service = en(o, "I1", "P1", "service")
    assert service["forventet_forbrug_kr"] == 1100.0
    assert service["forventet_afvigelse_kr"] == 100.0
    anlaeg = en(o, "I1", "P1", "anlaeg")
    assert anlaeg["forventet_forbrug_kr"] is None and anlaeg["prognose_mangler"] is True
    # Legacy and explicit service forecasts give the same follow-up.
    eksplicit = prognoser_df((PR, "I1", "P1", 1100.0, "vikarer", "service"))
    assert B.opfoelgning(b, f, eksplicit, 2026, PR).equals(o)


# --------------------------------------------------------------------------- closed year


@pytest.mark.parametrize(
    ("pr", "maaneder"),
    [(date(2026, 12, 31), 12), (date(2027, 1, 15), 12), (date(2027, 1, 15), 11)],
)
def test_closed_year_shows_regnskab_never_the_old_forecast(pr: date, maaneder: int) -> None:
    # All 12 months booked, or viewed after the year (even with December not booked):
    # the accounts = the year's forbrug; the 30/9 forecast is not shown.
    o = B.opfoelgning(budget(), forbrug(maaneder), prognoser(), 2026, pr)
    service = en(o, "I1", "P1", "service")
    regnskab = 100.0 * maaneder  # 100 a month
    assert service["er_regnskab"] is True
    assert service["regnskab_kr"] == approx(regnskab)
    assert service["forventet_forbrug_kr"] == approx(regnskab)
    assert service["forventet_afvigelse_kr"] == approx(regnskab - 1000.0)
    assert service["forventet_overfoersel_ud_kr"] == approx(1000.0 - regnskab)  # produced
    assert service["prognose_dato"] is None and service["prognose_kommentar"] is None
    anlaeg = en(o, "I1", "P1", "anlaeg")
    assert anlaeg["forventet_forbrug_kr"] == approx(10.0 * maaneder)
    assert anlaeg["tidsforskydning_kr"] == approx(500.0 - 10.0 * maaneder)
    assert anlaeg["forventet_overfoersel_ud_kr"] == 0.0  # carry-over only from service
    # The line without forecast has its accounts: nothing is missing in a closed year.
    uden = en(o, "I3", "P2", "service")
    assert uden["prognose_mangler"] is False and uden["forventet_forbrug_kr"] == approx(
        20.0 * maaneder
    )
    t = B.total(o).row(0, named=True)
    assert t["er_regnskab"] is True and t["antal_prognose_mangler"] == 0
    assert t["regnskab_kr"] == approx(t["forventet_forbrug_kr"])


def test_open_year_is_not_regnskab() -> None:
    o = linjer()
    assert o["er_regnskab"].any() is False
    assert o["regnskab_kr"].null_count() == o.height
    assert B.total(o)["regnskab_kr"].item() is None


# --------------------------------------------------------------------------- settings


def test_override_per_politikomraade_changes_carry_over_and_frame() -> None:
    p = pl.concat([prognoser(), prognoser_df((PR, "I3", "P2", 330.0, None, "service"))])
    ind = S.fra_indstillinger(
        {
            "politikomraade": {
                "P2": {"service": {"overfoersel": False, "i_ramme": False}},
                "P1": {"anlaeg": {"tidsforskydning": False}},
            }
        }
    )
    o = B.opfoelgning(budget(), forbrug(), p, 2026, PR, indstillinger=ind)
    p2 = en(o, "I3", "P2", "service")
    assert p2["forventet_afvigelse_kr"] == 30.0
    assert p2["forventet_overfoersel_ud_kr"] == 0.0  # override: no carry-over
    assert p2["i_ramme"] is False
    assert en(o, "I1", "P1", "service")["forventet_overfoersel_ud_kr"] == -100.0  # default
    assert en(o, "I1", "P1", "anlaeg")["tidsforskydning_kr"] == 0.0
    u = B.udvalg_oversigt(o, po_df()).filter(pl.col("udvalg") == "Arbejdsudvalget")
    assert u["ramme_korrigeret_budget_kr"].item() == 0.0
    assert u["uden_for_ramme_korrigeret_budget_kr"].item() == 2300.0


def test_thresholds_from_settings() -> None:
    o = linjer()
    ind = S.fra_indstillinger({"taerskler": {"kr": 60, "pct": 0}})
    m = B.marker_afvigelser(o, ind.taerskler)
    flag = {(r["enhed_id"], r["budgettype"]): r["er_afvigelse"] for r in m.iter_rows(named=True)}
    # |100| > 60, |−200| > 60, |50| ≤ 60; pct 0 turns the % test off (as the settings
    # file and the footnote say), so 50 / 400 = 12,5 % does not count
    assert flag[("I1", "service")] and flag[("I1", "anlaeg")]
    assert not flag[("I2", "service")]
    assert flag[("I3", "service")] is False  # no forecast: never an exception


# --------------------------------------------------------------------------- roll-ups


def test_totals_split_by_budget_type() -> None:
    d = B.fordel_pr_budgettype(linjer(), i_alt=True)
    assert d["budgettype_navn"].to_list() == [
        "Service",
        "Indkomstoverførsler",
        "Anlæg",
        "I alt (service, indkomstoverførsler og anlæg)",
    ]
    r = {row["budgettype"]: row for row in d.iter_rows(named=True)}
    # Service: 1000 − 400 + 300 = 900; forventet 1100 − 350 + 300 (no forecast: at budget)
    assert r["service"]["korrigeret_budget_kr"] == 900.0
    assert r["service"]["forventet_forbrug_kr"] == 1050.0
    assert r["service"]["forventet_afvigelse_kr"] == 150.0
    assert r["service"]["forventet_overfoersel_ud_kr"] == -150.0
    assert r["service"]["antal_linjer"] == 3 and r["service"]["antal_prognose_mangler"] == 1
    assert r["indkomstoverfoersler"]["forventet_afvigelse_kr"] == 100.0
    assert r["indkomstoverfoersler"]["forventet_overfoersel_ud_kr"] == 0.0
    assert r["anlaeg"]["forventet_afvigelse_kr"] == -200.0
    assert r["anlaeg"]["tidsforskydning_kr"] == 200.0
    assert r[None]["korrigeret_budget_kr"] == 3400.0
    assert r[None]["forventet_afvigelse_kr"] == 50.0  # 150 + 100 − 200
    # A type without lines still has its row, with zeros.
    kun_service = B.fordel_pr_budgettype(linjer(budgettyper=["service"]))
    assert kun_service.height == 3
    assert kun_service.row(2, named=True)["korrigeret_budget_kr"] == 0.0
    assert kun_service.row(2, named=True)["antal_linjer"] == 0


def test_udvalg_frame_against_forecast() -> None:
    u = {r["udvalg"]: r for r in B.udvalg_oversigt(linjer(), po_df()).iter_rows(named=True)}
    b = u["Børneudvalget"]  # I1 service 1000/1100, I1 anlæg 500/300, I2 income −400/−350
    assert b["navn"] == "Børneudvalget"
    assert b["korrigeret_budget_kr"] == 1100.0
    assert b["ramme_korrigeret_budget_kr"] == 600.0
    assert b["ramme_forventet_forbrug_kr"] == 750.0
    assert b["ramme_forventet_afvigelse_kr"] == 150.0
    assert b["ramme_forventet_overfoersel_ud_kr"] == -150.0
    assert b["uden_for_ramme_korrigeret_budget_kr"] == 500.0
    assert b["uden_for_ramme_forventet_afvigelse_kr"] == -200.0
    assert b["tidsforskydning_kr"] == 200.0
    a = u["Arbejdsudvalget"]  # service 300 without forecast, indkomst 2000/2100
    assert a["ramme_korrigeret_budget_kr"] == 300.0
    assert a["ramme_forventet_afvigelse_kr"] == 0.0
    assert a["ramme_antal_prognose_mangler"] == 1
    assert a["uden_for_ramme_forventet_afvigelse_kr"] == 100.0
    # The udvalg level is a roll-up level: the same as rul_op's, and it drills on.
    r = B.rul_op(linjer(), org_df(), po_df(), "udvalg")
    assert r["korrigeret_budget_kr"].to_list() == [a["korrigeret_budget_kr"], 1100.0]
    po = B.rul_op(linjer(), org_df(), po_df(), "politikomraade", udvalg="Børneudvalget")
    assert po["politikomraade_id"].to_list() == ["P1"]


def test_comment_carries_through_for_a_single_line_only() -> None:
    o = linjer()
    po = {
        r["politikomraade_id"]: r
        for r in B.rul_op(o, org_df(), po_df(), "politikomraade").iter_rows(named=True)
    }
    assert po["P1"]["prognose_kommentar"] is None  # "vikarer" and "forsinket udbud"
    assert po["P2"]["prognose_kommentar"] == "flere ledige"  # the only comment
    inst = B.rul_op(o, org_df(), po_df(), "institution", budgettyper="anlaeg")
    assert inst["prognose_kommentar"].to_list() == ["forsinket udbud"]


def test_anlaeg_per_project() -> None:
    p = B.anlaeg_pr_projekt(linjer(), projekter_df(), forbrug(), 2026, PR)
    assert p.columns == list(B.ANLAEG_KOLONNER)
    assert p["projekt_id"].to_list() == ["A1", "A3"]  # A2 finished in 2021
    a1 = p.row(0, named=True)
    assert a1["anlaegsbevilling_kr"] == 1000.0
    assert a1["raadighedsbeloeb_kr"] == 500.0  # korrigeret budget this year
    assert a1["forbrug_kr"] == approx(90.0)  # this year to date
    assert a1["forbrug_tidligere_aar_kr"] == 150.0
    assert a1["forbrug_i_alt_kr"] == approx(240.0)
    assert a1["forventet_forbrug_kr"] == 300.0
    assert a1["forventet_afvigelse_kr"] == -200.0
    assert a1["tidsforskydning_kr"] == 200.0
    assert a1["forventet_rest_bevilling_kr"] == 550.0  # 1000 − 150 − 300
    assert a1["prognose_kommentar"] == "forsinket udbud"
    a3 = p.row(1, named=True)
    assert a3["raadighedsbeloeb_kr"] == 0.0 and a3["forventet_forbrug_kr"] is None
    # Lazy in, lazy out.
    lazy = B.anlaeg_pr_projekt(linjer().lazy(), projekter_df(), forbrug(), 2026, PR)
    assert isinstance(lazy, pl.LazyFrame) and lazy.collect().equals(p)


def test_anlaeg_project_without_forecast_is_flagged() -> None:
    p = prognoser().filter(pl.col("budgettype") != "anlaeg")
    o = B.opfoelgning(budget(), forbrug(), p, 2026, PR)
    a1 = B.anlaeg_pr_projekt(o, projekter_df(), forbrug(), 2026, PR).row(0, named=True)
    assert a1["prognose_mangler"] is True
    assert a1["forventet_forbrug_kr"] is None and a1["tidsforskydning_kr"] is None
