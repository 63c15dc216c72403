"""The forecast month by month (for Økonomiudvalget), also with a forecast reported after
the snapshot: `budgetopfoelgning.prognoseudvikling` on tiny frames, every expected figure
computed by hand."""

from __future__ import annotations

from datetime import date

import polars as pl

from modeller import budget
from modeller.budgetopfoelgning import prognoseudvikling
from modeller.indberetning.ovenpaa import prognoser_ovenpaa

AAR = 2026
J, F, M, A = date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)


def _linjer(raekker: list[tuple[str, str, str, str | None, float]]) -> pl.DataFrame:
    """(udvalg, enhed, budgettype, projekt, korrigeret budget); all on politikområde P."""
    return pl.DataFrame(
        {
            "udvalg": [r[0] for r in raekker],
            "enhed_id": [r[1] for r in raekker],
            "politikomraade_id": ["P"] * len(raekker),
            "budgettype": [r[2] for r in raekker],
            "projekt_id": [r[3] for r in raekker],
            "korrigeret_budget_kr": [r[4] for r in raekker],
            "forventet_forbrug_kr": [None] * len(raekker),
            "er_regnskab": [False] * len(raekker),
        },
        schema_overrides={"projekt_id": pl.String(), "forventet_forbrug_kr": pl.Float64()},
    )


def _prognoser(raekker: list[tuple[date, str, str | None, float]]) -> pl.DataFrame:
    """(opfølgningsdato, enhed, budgettype, forventet forbrug) on politikområde P."""
    return pl.DataFrame(
        {
            "opfoelgningsdato": [r[0] for r in raekker],
            "enhed_id": [r[1] for r in raekker],
            "politikomraade_id": ["P"] * len(raekker),
            "forventet_forbrug_kr": [r[3] for r in raekker],
            "kommentar": [None] * len(raekker),
            "budgettype": [r[2] for r in raekker],
            "projekt_id": [None] * len(raekker),
        },
        schema_overrides={
            "kommentar": pl.String(),
            "budgettype": pl.String(),
            "projekt_id": pl.String(),
        },
    )


LINJER = _linjer(
    [
        ("U1", "A", "service", None, 100.0),
        ("U1", "B", "indkomstoverfoersler", None, -50.0),  # income: negative
        ("U2", "C", "service", None, 40.0),
        ("U2", "D", "anlaeg", "X", 20.0),  # never a forecast
    ]
)
PROGNOSER = _prognoser(
    [
        (date(2025, 11, 30), "A", "service", 999.0),  # last year: not this year's
        (J, "A", "service", 102.0),
        # A skips February: its January forecast stays in force
        (M, "A", "service", 110.0),
        (A, "A", "service", 130.0),  # after the follow-up
        (J, "B", "indkomstoverfoersler", -45.0),
        (F, "B", "indkomstoverfoersler", -48.0),
        (M, "B", "indkomstoverfoersler", -52.0),
        # C has no forecast in January, reports in February and then not in March
        (F, "C", "service", 38.0),
    ]
)


def _som_dict(df: pl.DataFrame, *noegle: str) -> dict[tuple[object, ...], tuple[float, int]]:
    return {
        tuple(r[k] for k in noegle): (r["forventet_afvigelse_kr"], r["antal_mangler"])
        for r in df.iter_rows(named=True)
    }


def test_udvikling_pr_udvalg_og_budgettype_maaned_for_maaned() -> None:
    ud = prognoseudvikling(LINJER, PROGNOSER, AAR, M, ["udvalg"])
    assert ud["dato"].unique().sort().to_list() == [J, F, M], "forecast dates ≤ 31/3 of 2026"
    assert not ud["er_regnskab"].any()
    assert _som_dict(ud, "udvalg", "budgettype", "dato") == {
        # A: 102 − 100; February keeps January's forecast; March 110 − 100
        ("U1", "service", J): (2.0, 0),
        ("U1", "service", F): (2.0, 0),
        ("U1", "service", M): (10.0, 0),
        # income: −45 − (−50) = +5 (less income = merforbrug), then +2 and −2
        ("U1", "indkomstoverfoersler", J): (5.0, 0),
        ("U1", "indkomstoverfoersler", F): (2.0, 0),
        ("U1", "indkomstoverfoersler", M): (-2.0, 0),
        # C: no forecast in January (at budget, counted missing), 38 − 40 from February
        ("U2", "service", J): (0.0, 1),
        ("U2", "service", F): (-2.0, 0),
        ("U2", "service", M): (-2.0, 0),
        # D: never a forecast
        ("U2", "anlaeg", J): (0.0, 1),
        ("U2", "anlaeg", F): (0.0, 1),
        ("U2", "anlaeg", M): (0.0, 1),
    }
    c_jan = ud.filter(pl.col("udvalg") == "U2", pl.col("budgettype") == "service", dato=J)
    assert c_jan.row(0, named=True)["forventet_forbrug_kr"] == 40.0


def test_udvikling_i_alt_og_sidste_maaned_er_opfoelgningens() -> None:
    ud = prognoseudvikling(LINJER, PROGNOSER, AAR, M)
    service = ud.filter(budgettype="service").sort("dato")
    # A + C: January 102 + 40 (C at budget) = 142 against 140; February 102 + 38;
    # March 110 + 38 = 148
    assert service["forventet_forbrug_kr"].to_list() == [142.0, 140.0, 148.0]
    assert service["forventet_afvigelse_kr"].to_list() == [2.0, 0.0, 8.0]
    assert service["antal_mangler"].to_list() == [1, 0, 0]
    assert service["antal_linjer"].to_list() == [2, 2, 2]
    # the last month equals the follow-up's own forecast in force (budget.seneste_prognose)
    i_kraft = budget.seneste_prognose(PROGNOSER, AAR, M)
    assert i_kraft.filter(budgettype="service")["forventet_forbrug_kr"].sum() == 148.0


def test_udvikling_lukket_aar_slutter_med_regnskab() -> None:
    linjer = _linjer([("U1", "A", "service", None, 100.0)]).with_columns(
        er_regnskab=pl.lit(True), forventet_forbrug_kr=pl.lit(101.0)
    )
    prog = _prognoser([(date(2026, 9, 30), "A", "service", 105.0),
                       (date(2026, 11, 30), "A", "service", 103.0)])  # fmt: skip
    ud = prognoseudvikling(linjer, prog, AAR, date(2027, 1, 15), ["udvalg"])
    assert ud.select("dato", "forventet_afvigelse_kr", "er_regnskab").rows() == [
        (date(2026, 9, 30), 5.0, False),
        (date(2026, 11, 30), 3.0, False),
        (date(2026, 12, 31), 1.0, True),  # the accounts: 101 − 100
    ]


def test_udvikling_uden_prognoser_er_tom() -> None:
    ud = prognoseudvikling(LINJER, PROGNOSER.head(0), AAR, M, ["udvalg"])
    assert ud.is_empty()
    assert {"udvalg", "dato", "forventet_afvigelse_kr", "antal_mangler"} <= set(ud.columns)


def test_indberettet_prognose_er_sidste_maaneds_og_historikken_bliver() -> None:
    """A forecast reported after the snapshot (modeller/indberetning/ovenpaa.py) is the
    line's forecast at the follow-up, and its earlier months stay as they were."""
    nye = _prognoser([(date(2026, 4, 12), "A", "service", 115.0)])
    p = prognoser_ovenpaa(PROGNOSER, nye, AAR, M)  # reported for April: counts at 31/3
    ud = prognoseudvikling(_linjer([("U1", "A", "service", None, 100.0)]), p, AAR, M)
    # January 102 − 100, February keeps January's, March the report: 115 − 100
    assert ud.sort("dato")["forventet_afvigelse_kr"].to_list() == [2.0, 2.0, 15.0]
