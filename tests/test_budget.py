"""Pure tests for modeller.budget: tiny frames built in code, hand-computed figures."""

from __future__ import annotations

import math
from datetime import date

import polars as pl
import pytest

from modeller import budget as B
from modeller.schemas import BUDGET, FORBRUG, ORGANISATION, POLITIKOMRAADER, PROGNOSER

approx = pytest.approx

# ----------------------------------------------------------------------------- builders


def budget_df(*rows: tuple[object, ...]) -> pl.DataFrame:
    """Rows (aar, enhed_id, politikomraade_id, beloebstype, beloeb_kr[, budgettype
    [, projekt_id]]); budgettype defaults to service, projekt_id to null."""
    full = [(*r, *("service", None)[len(r) - 5 :]) for r in rows]
    return pl.DataFrame(full, schema=BUDGET.polars_schema, orient="row")


def forbrug_df(*rows: tuple[object, ...]) -> pl.DataFrame:
    """Rows (aar, maaned, enhed_id, politikomraade_id, beloeb_kr[, budgettype
    [, projekt_id]]); budgettype defaults to service, projekt_id to null."""
    full = [(*r, *("service", None)[len(r) - 5 :]) for r in rows]
    return pl.DataFrame(full, schema=FORBRUG.polars_schema, orient="row")


def prognoser_df(*rows: tuple[object, ...]) -> pl.DataFrame:
    """Rows (opfoelgningsdato, enhed_id, politikomraade_id, forventet_forbrug_kr,
    kommentar[, budgettype[, projekt_id]]); budgettype defaults to null (a legacy
    forecast, read as service), projekt_id to null."""
    full = [(*r, *(None, None)[len(r) - 5 :]) for r in rows]
    return pl.DataFrame(full, schema=PROGNOSER.polars_schema, orient="row")


def ingen_prognoser() -> pl.DataFrame:
    return pl.DataFrame(schema=PROGNOSER.polars_schema)


def ingen_forbrug() -> pl.DataFrame:
    return pl.DataFrame(schema=FORBRUG.polars_schema)


def org_df() -> pl.DataFrame:
    # K ─ D ─┬─ C1 (center) ─ I1, I2
    #        ├─ C2 (center) ─ I3
    #        └─ S  (institution without a centre)
    rows = [
        ("K", "Kommunen", "kommune", None, None),
        ("D", "Direktionen", "direktion", "K", None),
        ("C1", "Center for Børn", "center", "D", None),
        ("C2", "Center for Sundhed", "center", "D", None),
        ("I1", "Pedersborg Børnehus", "institution", "C1", None),
        ("I2", "Dagplejen", "institution", "C1", None),
        ("I3", "Plejecenter", "institution", "C2", None),
        ("S", "Stab", "institution", "D", None),
    ]
    return pl.DataFrame(rows, schema=ORGANISATION.polars_schema, orient="row")


def po_df() -> pl.DataFrame:
    rows = [
        ("P1", "Dagtilbud", "Børne- og Ungeudvalget"),
        ("P2", "Ældre", "Social- og Sundhedsudvalget"),
        ("P3", "Sundhed", "Social- og Sundhedsudvalget"),
    ]
    return pl.DataFrame(rows, schema=POLITIKOMRAADER.polars_schema, orient="row")


def linje(df: pl.DataFrame, enhed: str, po: str, bt: str = "service") -> dict[str, object]:
    rows = df.filter(
        pl.col("enhed_id") == enhed,
        pl.col("politikomraade_id") == po,
        pl.col("budgettype") == bt,
    ).to_dicts()
    assert len(rows) == 1, rows
    return rows[0]


def raekke(df: pl.DataFrame, kolonne: str, vaerdi: str | None) -> dict[str, object]:
    ud = df.filter(
        pl.col(kolonne).is_null() if vaerdi is None else pl.col(kolonne) == vaerdi
    ).to_dicts()
    assert len(ud) == 1, ud
    return ud[0]


# ----------------------------------------------------------------------------- korrigeret budget


def test_korrigeret_budget_sums_components_missing_are_zero() -> None:
    budget = budget_df(
        (2026, "I1", "P1", "oprindeligt_budget", 1200.0),
        (2026, "I1", "P1", "tillaegsbevilling", 100.0),
        (2026, "I1", "P1", "tillaegsbevilling", 50.0),
        (2026, "I1", "P1", "omplacering", -30.0),
        (2026, "I1", "P1", "overfoersel", 80.0),
        (2026, "I2", "P1", "oprindeligt_budget", -500.0),  # income line, nothing else
        (2026, "I2", "P1", "oprindeligt_budget", 700.0, "anlaeg"),
        (2025, "I1", "P1", "oprindeligt_budget", 999.0),  # other year
    )
    k = B.korrigeret_budget(budget, 2026)
    assert k.height == 3
    i1 = linje(k, "I1", "P1")
    assert i1["oprindeligt_budget_kr"] == 1200.0
    assert i1["tillaegsbevilling_kr"] == 150.0
    assert i1["omplacering_kr"] == -30.0
    assert i1["overfoersel_kr"] == 80.0
    assert i1["korrigeret_budget_kr"] == 1200.0 + 150.0 - 30.0 + 80.0
    i2 = linje(k, "I2", "P1")
    assert (i2["tillaegsbevilling_kr"], i2["omplacering_kr"], i2["overfoersel_kr"]) == (0, 0, 0)
    assert i2["korrigeret_budget_kr"] == -500.0
    assert linje(k, "I2", "P1", "anlaeg")["korrigeret_budget_kr"] == 700.0


def test_korrigeret_budget_lazy_in_lazy_out() -> None:
    budget = budget_df((2026, "I1", "P1", "oprindeligt_budget", 10.0))
    ud = B.korrigeret_budget(budget.lazy(), 2026)
    assert isinstance(ud, pl.LazyFrame)
    assert ud.collect()["korrigeret_budget_kr"].to_list() == [10.0]


# ----------------------------------------------------------------------------- forbrug


def _forbrug() -> pl.DataFrame:
    return forbrug_df(
        (2026, 1, "I1", "P1", 100.0),
        (2026, 2, "I1", "P1", 200.0),
        (2026, 3, "I1", "P1", 300.0),
        (2026, 4, "I1", "P1", 400.0),
        (2026, 2, "I2", "P1", -50.0),
        (2025, 2, "I1", "P1", 7777.0),
    )


def test_forbrug_til_dato_sums_months_through_til_maaned() -> None:
    fb = B.forbrug_til_dato(_forbrug(), 2026, 3)
    assert linje(fb, "I1", "P1")["forbrug_kr"] == 600.0
    assert linje(fb, "I2", "P1")["forbrug_kr"] == -50.0
    assert B.forbrug_til_dato(_forbrug(), 2026, 1).height == 1
    assert B.forbrug_til_dato(_forbrug(), 2026, 0).height == 0


def test_seneste_maaned_and_maaned_til_dato() -> None:
    fb = _forbrug()
    assert B.seneste_maaned(fb, 2026) == 4
    assert B.seneste_maaned(fb, 2025) == 2
    assert B.seneste_maaned(fb, 2024) == 0
    assert B.maaned_til_dato(fb, 2026, date(2026, 3, 31)) == 3
    assert B.maaned_til_dato(fb, 2026, date(2026, 3, 1)) == 3  # month number ≤ pr's month
    assert B.maaned_til_dato(fb, 2026, date(2026, 12, 31)) == 4
    assert B.maaned_til_dato(fb, 2026, date(2027, 2, 28)) == 4  # later year: the whole year
    assert B.maaned_til_dato(fb, 2026, date(2025, 12, 31)) == 0
    assert B.maaned_til_dato(fb.lazy(), 2027, date(2027, 6, 30)) == 0


def test_data_pr_latest_of_forbrug_month_end_and_follow_up() -> None:
    fb = _forbrug()  # latest month April 2026 → 30 April
    assert B.data_pr(fb, ingen_prognoser()) == date(2026, 4, 30)
    tidlig = prognoser_df((date(2026, 3, 31), "I1", "P1", 1.0, None))
    assert B.data_pr(fb, tidlig) == date(2026, 4, 30)
    sen = prognoser_df((date(2026, 5, 15), "I1", "P1", 1.0, None))
    assert B.data_pr(fb.lazy(), sen.lazy()) == date(2026, 5, 15)
    assert B.data_pr(ingen_forbrug(), sen) == date(2026, 5, 15)
    assert B.data_pr(ingen_forbrug(), ingen_prognoser()) is None
    feb = forbrug_df((2028, 2, "I1", "P1", 1.0))  # leap year
    assert B.data_pr(feb, ingen_prognoser()) == date(2028, 2, 29)


# ----------------------------------------------------------------------------- profiles


def test_profil_lineaer() -> None:
    p = B.profil(_forbrug(), 2026, "lineaer")
    i1 = p.filter(pl.col("enhed_id") == "I1")
    assert i1["maaned"].to_list() == list(range(1, 13))
    assert i1["forventet_andel_pct"].to_list() == approx([m * 100 / 12 for m in range(1, 13)])
    assert i1.filter(pl.col("maaned") == 3)["forventet_andel_pct"].item() == approx(25.0)
    assert set(p["profil_kilde"]) == {"lineaer"}
    samlet = B.profil(_forbrug(), 2026, "lineaer", noegle=[])
    assert samlet.columns == ["maaned", "forventet_andel_pct", "profil_kilde"]
    assert samlet.height == 12


def test_profil_sidste_aar_with_fallbacks() -> None:
    fb = forbrug_df(
        # I1/P1 last year: 300 in January, 300 in June, 600 in December (total 1200)
        (2025, 1, "I1", "P1", 300.0),
        (2025, 6, "I1", "P1", 300.0),
        (2025, 12, "I1", "P1", 600.0),
        # I2/P1: only this year → falls back to P1's pattern (only I1 last year)
        (2026, 1, "I2", "P1", 10.0),
        # I3/P2: last year's total is ≤ 0, and P2 has nothing else → linear
        (2025, 3, "I3", "P2", -100.0),
        (2026, 1, "I3", "P2", 5.0),
    )
    p = B.profil(fb, 2026, "sidste_aar")

    def andel(enhed: str, m: int) -> tuple[object, object]:
        r = p.filter(pl.col("enhed_id") == enhed, pl.col("maaned") == m).to_dicts()[0]
        return r["forventet_andel_pct"], r["profil_kilde"]

    assert andel("I1", 1) == (approx(25.0), "linje")
    assert andel("I1", 5) == (approx(25.0), "linje")
    assert andel("I1", 6) == (approx(50.0), "linje")
    assert andel("I1", 11) == (approx(50.0), "linje")
    assert andel("I1", 12) == (approx(100.0), "linje")
    assert andel("I2", 6) == (approx(50.0), "politikomraade")
    assert andel("I3", 3) == (approx(25.0), "lineaer")
    assert andel("I3", 6) == (approx(50.0), "lineaer")

    # The whole selection: total 1200 − 100 = 1100; cumulative March = 300 − 100 = 200.
    samlet = B.profil(fb, 2026, "sidste_aar", noegle=[])
    marts = samlet.filter(pl.col("maaned") == 3).to_dicts()[0]
    assert marts["forventet_andel_pct"] == approx(200 / 1100 * 100)
    assert marts["profil_kilde"] == "linje"


def test_profil_sidste_aar_without_last_year_is_linear() -> None:
    fb = forbrug_df((2026, 1, "I1", "P1", 10.0))
    p = B.profil(fb, 2026, "sidste_aar")
    assert p["forventet_andel_pct"].to_list() == approx([m * 100 / 12 for m in range(1, 13)])
    assert set(p["profil_kilde"]) == {"lineaer"}


# ----------------------------------------------------------------------------- forecasts


def _prognoser() -> pl.DataFrame:
    return prognoser_df(
        (date(2025, 12, 31), "I1", "P1", 9999.0, "sidste år"),
        (date(2026, 2, 28), "I1", "P1", 1300.0, "februar"),
        (date(2026, 3, 31), "I1", "P1", 1500.0, "marts"),
        (date(2026, 5, 31), "I1", "P1", 2000.0, "maj"),
        (date(2026, 2, 28), "I2", "P1", -900.0, None),
    )


def test_seneste_prognose_latest_date_on_or_before_pr_within_year() -> None:
    sp = B.seneste_prognose(_prognoser(), 2026, date(2026, 4, 15))
    i1 = sp.filter(pl.col("enhed_id") == "I1").to_dicts()
    assert len(i1) == 1
    assert i1[0]["prognose_dato"] == date(2026, 3, 31)
    assert i1[0]["forventet_forbrug_kr"] == 1500.0
    assert i1[0]["prognose_kommentar"] == "marts"
    assert sp.filter(pl.col("enhed_id") == "I2")["forventet_forbrug_kr"].item() == -900.0
    # On the follow-up date itself it counts.
    sp_maj = B.seneste_prognose(_prognoser(), 2026, date(2026, 5, 31))
    assert sp_maj.filter(pl.col("enhed_id") == "I1")["forventet_forbrug_kr"].item() == 2000.0
    # Before the year's first follow-up: none (last year's forecast does not count).
    assert B.seneste_prognose(_prognoser(), 2026, date(2026, 1, 31)).height == 0


# ----------------------------------------------------------------------------- follow-up


def _scenario() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    budget = budget_df(
        (2026, "I1", "P1", "oprindeligt_budget", 1200.0),
        (2026, "I1", "P1", "tillaegsbevilling", 100.0),
        (2026, "I1", "P1", "omplacering", -50.0),
        (2026, "I1", "P1", "overfoersel", 150.0),  # korrigeret 1400
        (2026, "I2", "P1", "oprindeligt_budget", -1000.0),  # income line
        (2026, "I3", "P2", "oprindeligt_budget", 600.0),  # no forbrug, no forecast
    )
    forbrug = forbrug_df(
        (2026, 1, "I1", "P1", 100.0),
        (2026, 2, "I1", "P1", 200.0),
        (2026, 3, "I1", "P1", 300.0),
        (2026, 4, "I1", "P1", 400.0),  # after pr → not "til dato"
        (2026, 1, "I2", "P1", -120.0),
        (2026, 3, "I2", "P1", -80.0),
        (2026, 2, "S", "P2", 50.0),  # forbrug but no budget
    )
    prognoser = prognoser_df(
        (date(2026, 3, 31), "I1", "P1", 1500.0, "vikarer"),
        (date(2026, 3, 31), "I2", "P1", -900.0, "færre betalinger"),
        (date(2026, 3, 31), "I3", "P3", 70.0, None),  # forecast without budget or forbrug
    )
    return budget, forbrug, prognoser


def _opf(**kw: object) -> pl.DataFrame:
    budget, forbrug, prognoser = _scenario()
    return B.opfoelgning(budget, forbrug, prognoser, 2026, date(2026, 3, 31), **kw)  # type: ignore[arg-type]


def test_opfoelgning_expense_line_hand_computed() -> None:
    o = _opf()
    assert o.columns == list(B.OPFOELGNING_KOLONNER)
    assert o.height == 5  # I1/P1, I2/P1, I3/P2, S/P2, I3/P3: no line dropped
    i1 = linje(o, "I1", "P1")
    assert i1["korrigeret_budget_kr"] == 1400.0
    assert i1["overfoersel_kr"] == 150.0
    assert i1["til_maaned"] == 3
    assert i1["forbrug_kr"] == 600.0
    assert i1["forbrugsprocent_pct"] == approx(600 / 1400 * 100)
    assert i1["forventet_andel_pct"] == approx(25.0)
    assert i1["periodiseret_budget_kr"] == approx(350.0)
    assert i1["run_rate_kr"] == approx(2400.0)  # 600 / 25 %
    assert i1["forventet_forbrug_kr"] == 1500.0
    assert i1["prognose_dato"] == date(2026, 3, 31)
    assert i1["prognose_kommentar"] == "vikarer"
    assert i1["prognose_mangler"] is False
    assert i1["forventet_afvigelse_kr"] == 100.0  # merforbrug positive
    assert i1["forventet_overfoersel_ud_kr"] == -100.0


def test_opfoelgning_income_line_sign() -> None:
    i2 = linje(_opf(), "I2", "P1")
    assert i2["korrigeret_budget_kr"] == -1000.0
    assert i2["forbrug_kr"] == -200.0
    assert i2["forbrugsprocent_pct"] == approx(20.0)
    assert i2["run_rate_kr"] == approx(-800.0)
    # Less income than budgeted (−900 vs −1000) is a merforbrug: positive.
    assert i2["forventet_afvigelse_kr"] == 100.0
    assert i2["forventet_overfoersel_ud_kr"] == -100.0


def test_opfoelgning_mindreforbrug_is_negative() -> None:
    budget, forbrug, _ = _scenario()
    prognoser = prognoser_df(
        (date(2026, 3, 31), "I1", "P1", 1300.0, None),  # expense: spends less
        (date(2026, 3, 31), "I2", "P1", -1100.0, None),  # income: earns more
    )
    o = B.opfoelgning(budget, forbrug, prognoser, 2026, date(2026, 3, 31))
    assert linje(o, "I1", "P1")["forventet_afvigelse_kr"] == -100.0
    assert linje(o, "I2", "P1")["forventet_afvigelse_kr"] == -100.0
    assert linje(o, "I1", "P1")["forventet_overfoersel_ud_kr"] == 100.0


def test_opfoelgning_unit_without_forbrug_or_forecast() -> None:
    i3 = linje(_opf(), "I3", "P2")
    assert i3["forbrug_kr"] == 0.0
    assert i3["forbrugsprocent_pct"] == 0.0
    assert i3["run_rate_kr"] == 0.0
    assert i3["prognose_mangler"] is True
    assert i3["prognose_dato"] is None
    # Never silently on budget: no forecast, no deviation, no carry-over; flagged.
    assert i3["forventet_forbrug_kr"] is None
    assert i3["forventet_afvigelse_kr"] is None
    assert i3["forventet_overfoersel_ud_kr"] is None
    # An income line without forbrug: 0 / −600 shows as 0, never as "-0".
    indtaegt = budget_df((2026, "I3", "P2", "oprindeligt_budget", -600.0))
    o = B.opfoelgning(indtaegt, ingen_forbrug(), ingen_prognoser(), 2026, date(2026, 3, 31))
    pct = o["forbrugsprocent_pct"].item()
    assert pct == 0.0 and math.copysign(1.0, pct) == 1.0
    # No forbrug in the year yet: nothing is due by now (−600 × 0 %), also shown as 0.
    periodiseret = o["periodiseret_budget_kr"].item()
    assert periodiseret == 0.0 and math.copysign(1.0, periodiseret) == 1.0


def test_opfoelgning_forbrug_without_budget() -> None:
    s = linje(_opf(), "S", "P2")
    assert s["korrigeret_budget_kr"] == 0.0
    assert s["oprindeligt_budget_kr"] == 0.0
    assert s["forbrug_kr"] == 50.0
    assert s["forbrugsprocent_pct"] is None  # korrigeret 0: no division
    assert s["run_rate_kr"] == approx(200.0)
    assert s["forventet_forbrug_kr"] is None
    assert s["prognose_mangler"] is True


def test_opfoelgning_forecast_without_budget_or_forbrug() -> None:
    r = linje(_opf(), "I3", "P3")
    assert r["korrigeret_budget_kr"] == 0.0 and r["forbrug_kr"] == 0.0
    assert r["forventet_forbrug_kr"] == 70.0
    assert r["forventet_afvigelse_kr"] == 70.0
    assert r["prognose_mangler"] is False


def test_opfoelgning_pr_in_later_year_takes_whole_year() -> None:
    budget, forbrug, prognoser = _scenario()
    o = B.opfoelgning(budget, forbrug, prognoser, 2026, date(2027, 1, 15))
    i1 = linje(o, "I1", "P1")
    assert i1["til_maaned"] == 4
    assert i1["forbrug_kr"] == 1000.0
    assert i1["forventet_andel_pct"] == approx(100 / 3)  # April: 4/12
    assert i1["run_rate_kr"] == approx(3000.0)


def test_opfoelgning_year_with_only_budget() -> None:
    budget = budget_df((2027, "I1", "P1", "oprindeligt_budget", 1200.0))
    forbrug = forbrug_df((2026, 5, "I1", "P1", 100.0))  # last year only
    o = B.opfoelgning(budget, forbrug, ingen_prognoser(), 2027, date(2027, 1, 10))
    assert o.height == 1
    r = o.to_dicts()[0]
    assert r["til_maaned"] == 0
    assert r["forbrug_kr"] == 0.0
    assert r["forventet_andel_pct"] == 0.0
    assert r["run_rate_kr"] is None  # share 0: no projection
    assert r["forventet_forbrug_kr"] is None
    assert r["prognose_mangler"] is True
    assert r["forventet_afvigelse_kr"] is None
    # The same with the last-year profile (last year has forbrug) and lazily.
    lazy = B.opfoelgning(
        budget.lazy(),
        forbrug.lazy(),
        ingen_prognoser().lazy(),
        2027,
        date(2027, 1, 10),
        profilmetode="sidste_aar",
    )
    assert isinstance(lazy, pl.LazyFrame)
    assert lazy.collect()["run_rate_kr"].to_list() == [None]


def test_opfoelgning_sidste_aar_profile_run_rate() -> None:
    budget = budget_df((2026, "I1", "P1", "oprindeligt_budget", 1200.0))
    forbrug = forbrug_df(
        (2025, 1, "I1", "P1", 300.0),
        (2025, 12, "I1", "P1", 900.0),  # last year: 25 % spent by January … November
        (2026, 1, "I1", "P1", 200.0),
        (2026, 2, "I1", "P1", 100.0),
    )
    o = B.opfoelgning(budget, forbrug, ingen_prognoser(), 2026, date(2026, 2, 28), "sidste_aar")
    r = o.to_dicts()[0]
    assert r["forventet_andel_pct"] == approx(25.0)
    assert r["periodiseret_budget_kr"] == approx(300.0)
    assert r["run_rate_kr"] == approx(1200.0)  # 300 / 25 %
    lin = B.opfoelgning(budget, forbrug, ingen_prognoser(), 2026, date(2026, 2, 28))
    assert lin["run_rate_kr"].item() == approx(1800.0)  # 300 / (2/12)


def test_opfoelgning_legacy_forecast_is_service_only_and_budgettype_filter() -> None:
    # A forecast without budgettype (legacy) is a service forecast: it lands on the
    # service line only; the anlæg line has none and is flagged, never "on budget".
    budget = budget_df(
        (2026, "I1", "P1", "oprindeligt_budget", 1000.0, "service"),
        (2026, "I1", "P1", "oprindeligt_budget", 500.0, "anlaeg"),
    )
    prognoser = prognoser_df((date(2026, 3, 31), "I1", "P1", 1050.0, "vikarer"))
    o = B.opfoelgning(budget, ingen_forbrug(), prognoser, 2026, date(2026, 3, 31))
    service = linje(o, "I1", "P1", "service")
    anlaeg = linje(o, "I1", "P1", "anlaeg")
    assert service["forventet_forbrug_kr"] == 1050.0
    assert service["forventet_afvigelse_kr"] == 50.0
    assert service["prognose_kommentar"] == "vikarer"
    assert anlaeg["forventet_forbrug_kr"] is None and anlaeg["prognose_mangler"] is True
    assert anlaeg["prognose_kommentar"] is None
    kun_anlaeg = B.opfoelgning(
        budget, ingen_forbrug(), prognoser, 2026, date(2026, 3, 31), budgettyper=["anlaeg"]
    )
    assert kun_anlaeg["budgettype"].to_list() == ["anlaeg"]
    assert kun_anlaeg["forventet_afvigelse_kr"].item() is None


# ----------------------------------------------------------------------------- exceptions


def _afvigelser(afv: list[float], korr: list[float]) -> pl.DataFrame:
    return pl.DataFrame({"forventet_afvigelse_kr": afv, "korrigeret_budget_kr": korr})


def test_marker_afvigelser_by_kr() -> None:
    # korrigeret 1e9 keeps the % test far below 2 %.
    df = _afvigelser([999_999.0, 1_000_000.0, 1_000_001.0, -1_000_001.0], [1e9] * 4)
    ud = B.marker_afvigelser(df, B.Taerskler())
    assert ud["er_afvigelse"].to_list() == [False, False, True, True]
    assert ud["afvigelse_pct"].to_list() == approx([0.0999999, 0.1, 0.1000001, -0.1000001])


def test_marker_afvigelser_by_pct_and_income_sign() -> None:
    df = _afvigelser(
        [19.9, 20.1, -20.1, 20.1, -20.1, 19.9], [1000, 1000, 1000, -1000, -1000, -1000]
    )
    ud = B.marker_afvigelser(df)
    assert ud["afvigelse_pct"].to_list() == approx([1.99, 2.01, -2.01, 2.01, -2.01, 1.99])
    assert ud["er_afvigelse"].to_list() == [False, True, True, True, True, False]


def test_marker_afvigelser_korrigeret_zero_uses_only_kr() -> None:
    df = _afvigelser([500.0, 2_000_000.0], [0.0, 0.0])
    ud = B.marker_afvigelser(df)
    assert ud["afvigelse_pct"].to_list() == [None, None]
    assert ud["er_afvigelse"].to_list() == [False, True]


def test_marker_afvigelser_custom_thresholds_lazy() -> None:
    df = _afvigelser([60.0, 40.0], [10_000.0, 10_000.0]).lazy()
    ud = B.marker_afvigelser(df, B.Taerskler(kr=50.0, pct=10.0))
    assert isinstance(ud, pl.LazyFrame)
    assert ud.collect()["er_afvigelse"].to_list() == [True, False]


# ----------------------------------------------------------------------------- roll-ups


def _rul_scenario() -> pl.DataFrame:
    budget = budget_df(
        (2026, "I1", "P1", "oprindeligt_budget", 1000.0),
        (2026, "I2", "P1", "oprindeligt_budget", 3000.0),
        (2026, "I3", "P2", "oprindeligt_budget", 2000.0),
        (2026, "S", "P3", "oprindeligt_budget", 400.0),
        (2026, "I1", "P2", "oprindeligt_budget", 100.0),
    )
    forbrug = forbrug_df(
        (2026, 1, "I1", "P1", 500.0),  # 50 %
        (2026, 1, "I2", "P1", 300.0),  # 10 %
        (2026, 1, "I3", "P2", 1000.0),
        (2026, 1, "S", "P3", 100.0),
        (2026, 1, "I1", "P2", 100.0),
    )
    prognoser = prognoser_df(
        (date(2026, 1, 31), "I1", "P1", 1200.0, None),  # +200
        (date(2026, 1, 31), "I2", "P1", 2900.0, None),  # −100
        (date(2026, 1, 31), "I3", "P2", 2500.0, None),  # +500
    )
    return B.opfoelgning(budget, forbrug, prognoser, 2026, date(2026, 1, 31))


def test_rul_op_politikomraade_recomputes_percentages() -> None:
    r = B.rul_op(_rul_scenario(), org_df(), po_df(), "politikomraade")
    assert r["politikomraade_id"].to_list() == ["P1", "P2", "P3"]
    p1 = raekke(r, "politikomraade_id", "P1")
    assert p1["navn"] == "Dagtilbud" and p1["udvalg"] == "Børne- og Ungeudvalget"
    assert p1["korrigeret_budget_kr"] == 4000.0
    assert p1["forbrug_kr"] == 800.0
    assert p1["forbrugsprocent_pct"] == approx(20.0)  # 800/4000, not the mean of 50 and 10
    assert p1["forventet_andel_pct"] == approx(100 / 12)
    assert p1["forventet_forbrug_kr"] == 4100.0
    assert p1["forventet_afvigelse_kr"] == 100.0
    assert p1["run_rate_kr"] == approx(800 * 12)
    assert p1["antal_linjer"] == 2 and p1["antal_prognose_mangler"] == 0
    p2 = raekke(r, "politikomraade_id", "P2")
    assert p2["korrigeret_budget_kr"] == 2100.0
    assert p2["forventet_afvigelse_kr"] == 500.0
    assert p2["prognose_mangler"] is True and p2["antal_prognose_mangler"] == 1


def test_rul_op_udvalg() -> None:
    r = B.rul_op(_rul_scenario(), org_df(), po_df(), "udvalg")
    sos = raekke(r, "udvalg", "Social- og Sundhedsudvalget")
    assert sos["navn"] == "Social- og Sundhedsudvalget"
    assert sos["korrigeret_budget_kr"] == 2500.0  # P2 2100 + P3 400
    assert sos["forbrugsprocent_pct"] == approx(1200 / 2500 * 100)


def test_rul_op_center_drill_down_from_politikomraade() -> None:
    linjer = _rul_scenario()
    centre = B.rul_op(linjer, org_df(), po_df(), "center")
    assert centre["center_id"].to_list() == ["C1", "C2", None]
    c1 = raekke(centre, "center_id", "C1")
    assert c1["navn"] == "Center for Børn"
    assert c1["korrigeret_budget_kr"] == 4100.0  # I1/P1 + I2/P1 + I1/P2
    assert c1["forbrugsprocent_pct"] == approx(900 / 4100 * 100)
    uden = raekke(centre, "center_id", None)
    assert uden["navn"] == B.UDEN_CENTER and uden["korrigeret_budget_kr"] == 400.0

    p2 = B.rul_op(linjer, org_df(), po_df(), "center", politikomraade_id="P2")
    assert p2["center_id"].to_list() == ["C1", "C2"]
    assert raekke(p2, "center_id", "C1")["korrigeret_budget_kr"] == 100.0
    assert raekke(p2, "center_id", "C2")["forventet_afvigelse_kr"] == 500.0


def test_rul_op_institution_drill_down_from_centre() -> None:
    linjer = _rul_scenario()
    inst = B.rul_op(
        linjer, org_df(), po_df(), "institution", politikomraade_id="P1", center_id="C1"
    )
    assert inst["enhed_id"].to_list() == ["I1", "I2"]
    i1 = raekke(inst, "enhed_id", "I1")
    assert i1["navn"] == "Pedersborg Børnehus" and i1["type"] == "institution"
    assert i1["center_id"] == "C1"
    assert i1["korrigeret_budget_kr"] == 1000.0  # only P1
    assert i1["forbrugsprocent_pct"] == approx(50.0)
    # Without the politikområde filter I1 sums P1 and P2.
    alle = B.rul_op(linjer, org_df(), po_df(), "institution", center_id="C1")
    assert raekke(alle, "enhed_id", "I1")["korrigeret_budget_kr"] == 1100.0
    assert raekke(alle, "enhed_id", "I1")["forbrugsprocent_pct"] == approx(600 / 1100 * 100)


def test_rul_op_enhed_and_under_enhed_filter_lazy() -> None:
    linjer = _rul_scenario().lazy()
    r = B.rul_op(linjer, org_df(), po_df(), "enhed", under_enhed_id="C1")
    assert isinstance(r, pl.LazyFrame)
    df = r.collect()
    assert df.select("enhed_id", "politikomraade_id").rows() == [
        ("I1", "P1"),
        ("I1", "P2"),
        ("I2", "P1"),
    ]
    i1p2 = df.filter(pl.col("enhed_id") == "I1", pl.col("politikomraade_id") == "P2").to_dicts()[0]
    assert i1p2["navn"] == "Pedersborg Børnehus" and i1p2["politikomraade_navn"] == "Ældre"
    assert i1p2["udvalg"] == "Social- og Sundhedsudvalget"


def test_total_equals_sum_of_lines_and_of_rollups() -> None:
    linjer = _rul_scenario()
    t = B.total(linjer)
    assert t.height == 1
    row = t.to_dicts()[0]
    for kol in B.BELOEBSKOLONNER:
        if kol == "forventet_forbrug_kr":  # a line without forecast counts at korrigeret
            forventet = linjer.select(pl.coalesce(kol, "korrigeret_budget_kr").sum()).item()
            assert row[kol] == approx(forventet)
        else:  # its deviation and carry-over count as 0
            assert row[kol] == approx(linjer[kol].fill_null(0.0).sum()), kol
    assert row["forventet_forbrug_kr"] - row["korrigeret_budget_kr"] == approx(
        row["forventet_afvigelse_kr"]
    )
    assert row["korrigeret_budget_kr"] == 6500.0
    assert row["forbrugsprocent_pct"] == approx(2000 / 6500 * 100)
    assert row["antal_linjer"] == 5 and row["antal_prognose_mangler"] == 2
    for niveau in ("udvalg", "politikomraade", "center", "institution", "enhed"):
        r = B.rul_op(linjer, org_df(), po_df(), niveau)
        for kol in B.BELOEBSKOLONNER:
            assert r[kol].sum() == approx(row[kol]), (niveau, kol)
        tr = B.total(r).to_dicts()[0]
        assert tr["antal_linjer"] == 5, niveau
        assert tr["forbrugsprocent_pct"] == approx(row["forbrugsprocent_pct"]), niveau


def test_total_of_empty_lines_is_zero_without_division() -> None:
    tomt = _rul_scenario().clear()
    row = B.total(tomt).to_dicts()[0]
    assert row["korrigeret_budget_kr"] == 0.0
    assert row["forbrugsprocent_pct"] is None
    assert row["antal_linjer"] == 0


def test_marker_afvigelser_after_rollup() -> None:
    r = B.rul_op(_rul_scenario(), org_df(), po_df(), "politikomraade")
    ud = B.marker_afvigelser(r, B.Taerskler(kr=1_000_000, pct=5.0))
    # P1: 100/4000 = 2.5 %; P2: 500/2100 = 23.8 %; P3: 0.
    assert ud["afvigelse_pct"].to_list() == approx([2.5, 500 / 2100 * 100, 0.0])
    assert ud["er_afvigelse"].to_list() == [False, True, False]


# ----------------------------------------------------------------------------- charts


def test_maanedsforloeb_this_year_last_year_profile() -> None:
    budget = budget_df(
        (2026, "I1", "P1", "oprindeligt_budget", 1200.0),
        (2026, "I2", "P1", "oprindeligt_budget", 600.0),
        (2026, "I3", "P2", "oprindeligt_budget", 9999.0),  # filtered out
    )
    forbrug = forbrug_df(
        (2026, 1, "I1", "P1", 100.0),
        (2026, 3, "I1", "P1", 300.0),  # February: nothing booked
        (2026, 2, "I2", "P1", 50.0),
        (2026, 6, "I3", "P2", 5000.0),  # filtered out (would extend the series)
        (2025, 1, "I1", "P1", 1000.0),
        (2025, 12, "I1", "P1", 2000.0),
    )
    m = B.maanedsforloeb(forbrug, budget, 2026, politikomraade_id="P1")
    assert m["maaned"].to_list() == list(range(1, 13))
    assert m["forbrug_kr"].to_list()[:4] == [100.0, 50.0, 300.0, None]
    assert m["akkumuleret_forbrug_kr"].to_list() == [100.0, 150.0, 450.0] + [None] * 9
    assert m["akkumuleret_forbrug_sidste_aar_kr"].to_list() == [1000.0] * 11 + [3000.0]
    assert m["korrigeret_budget_kr"].to_list() == [1800.0] * 12
    assert m["budgetprofil_kr"].to_list() == approx([1800 * k / 12 for k in range(1, 13)])
    assert m["forventet_andel_pct"][2] == approx(25.0)

    # Last year's pattern: I1 had 1/3 by January … November; I2 falls back to P1 (= I1's).
    s = B.maanedsforloeb(forbrug, budget, 2026, "sidste_aar", enhed_id=["I1", "I2"])
    assert s["budgetprofil_kr"].to_list()[:2] == approx([600.0, 600.0])
    assert s["budgetprofil_kr"][11] == approx(1800.0)


def test_maanedsforloeb_empty_selection_and_lazy() -> None:
    budget = budget_df((2026, "I1", "P1", "oprindeligt_budget", 1200.0))
    m = B.maanedsforloeb(ingen_forbrug().lazy(), budget, 2026)
    assert isinstance(m, pl.LazyFrame)
    df = m.collect()
    assert df.height == 12
    assert df["akkumuleret_forbrug_kr"].null_count() == 12
    assert df["akkumuleret_forbrug_sidste_aar_kr"].null_count() == 12
    assert df["budgetprofil_kr"][5] == approx(600.0)
    tom = B.maanedsforloeb(ingen_forbrug(), budget, 2026, enhed_id="findes-ikke")
    assert tom["forventet_andel_pct"].null_count() == 12  # korrigeret 0: no division
    assert tom["budgetprofil_kr"].to_list() == [0.0] * 12


def test_vandfald_steps_sum_to_korrigeret() -> None:
    budget = budget_df(
        (2026, "I1", "P1", "oprindeligt_budget", 1000.0),
        (2026, "I1", "P1", "tillaegsbevilling", 200.0),
        (2026, "I2", "P1", "omplacering", -50.0),
        (2026, "I2", "P1", "overfoersel", 30.0),
        (2026, "I3", "P2", "oprindeligt_budget", 777.0),
        (2025, "I1", "P1", "oprindeligt_budget", 5.0),
    )
    v = B.vandfald(budget, 2026, politikomraade_id="P1")
    assert v["label"].to_list() == [
        "Oprindeligt budget",
        "Tillægsbevillinger",
        "Omplaceringer",
        "Overførsler",
        "Korrigeret budget",
    ]
    assert v["measure"].to_list() == ["absolute", "relative", "relative", "relative", "total"]
    assert v["beloeb_kr"].to_list() == [1000.0, 200.0, -50.0, 30.0, 1180.0]
    assert sum(v["beloeb_kr"].to_list()[:4]) == v["beloeb_kr"][4]
    alle = B.vandfald(budget.lazy(), 2026)
    assert isinstance(alle, pl.LazyFrame)
    assert alle.collect()["beloeb_kr"].to_list() == [1777.0, 200.0, -50.0, 30.0, 1957.0]


# ----------------------------------------------------------------------------- changes


def test_afvigelse_aendring_new_and_removed_lines() -> None:
    foer = pl.DataFrame(
        {
            "enhed_id": ["I1", "I2", "I4"],
            "politikomraade_id": ["P1", "P1", "P1"],
            "forventet_afvigelse_kr": [100.0, -50.0, 30.0],
        }
    )
    nu = pl.DataFrame(
        {
            "enhed_id": ["I1", "I2", "I3"],
            "politikomraade_id": ["P1", "P1", "P1"],
            "forventet_afvigelse_kr": [250.0, -50.0, 0.0],
        }
    )
    a = B.afvigelse_aendring(nu, foer, ["enhed_id", "politikomraade_id"])
    assert a["enhed_id"].to_list() == ["I1", "I2", "I3", "I4"]
    assert a["aendring_afvigelse_kr"].to_list() == [150.0, 0.0, None, None]
    assert a["forventet_afvigelse_foer_kr"].to_list() == [100.0, -50.0, None, 30.0]
    assert a["forventet_afvigelse_kr"].to_list() == [250.0, -50.0, 0.0, None]
    assert a["er_ny"].to_list() == [False, False, True, False]
    assert a["er_fjernet"].to_list() == [False, False, False, True]


def test_afvigelse_aendring_null_keys_match_lazy() -> None:
    foer = pl.DataFrame({"center_id": ["C1", None], "forventet_afvigelse_kr": [10.0, 5.0]})
    nu = pl.DataFrame({"center_id": ["C1", None], "forventet_afvigelse_kr": [15.0, 1.0]})
    a = B.afvigelse_aendring(nu.lazy(), foer, ["center_id"])
    assert isinstance(a, pl.LazyFrame)
    df = a.collect()
    assert df["center_id"].to_list() == ["C1", None]
    assert df["aendring_afvigelse_kr"].to_list() == [5.0, -4.0]
    assert df["er_ny"].to_list() == [False, False]


def test_run_rate_null_when_share_zero_and_group_run_rate_then_unknown() -> None:
    budget = budget_df(
        (2026, "I1", "P1", "oprindeligt_budget", 1200.0),
        (2026, "I2", "P2", "oprindeligt_budget", 1200.0),
    )
    forbrug = forbrug_df(
        (2025, 12, "I1", "P1", 1200.0),  # last year: everything in December
        (2026, 1, "I1", "P1", 100.0),
        (2026, 1, "I2", "P2", 100.0),  # no last year → linear
    )
    o = B.opfoelgning(budget, forbrug, ingen_prognoser(), 2026, date(2026, 1, 31), "sidste_aar")
    assert linje(o, "I1", "P1")["forventet_andel_pct"] == 0.0
    assert linje(o, "I1", "P1")["run_rate_kr"] is None
    assert linje(o, "I2", "P2")["run_rate_kr"] == approx(1200.0)
    assert B.total(o)["run_rate_kr"].item() is None  # one unknown projection: total unknown
    r = B.rul_op(o, org_df(), po_df(), "politikomraade")
    assert r["run_rate_kr"].to_list() == [None, approx(1200.0)]


def test_stoerste_aendringer_graense_og_orden() -> None:
    """Hand-computed: 50.000 kr. counts (≥), 49.999 does not; sorted by |change|."""
    df = pl.DataFrame(
        {
            "navn": ["a", "b", "c", "d", "e"],
            "aendring_afvigelse_kr": [50_000.0, -49_999.0, -300_000.0, None, 120_000.0],
        }
    )
    assert B.stoerste_aendringer(df)["navn"].to_list() == ["c", "e", "a"]
    assert B.stoerste_aendringer(df, n=1)["navn"].to_list() == ["c"]
    assert B.stoerste_aendringer(df, graense_kr=200_000)["navn"].to_list() == ["c"]


def test_taerskel_0_slaar_sin_test_fra() -> None:
    """Hand-computed: pct = 0 leaves only the kr. test; kr = 0 only the % test; both 0:
    every deviation counts."""
    df = pl.DataFrame(
        {
            "korrigeret_budget_kr": [10_000_000.0, 10_000_000.0, 100_000.0, 5.0],
            "forventet_afvigelse_kr": [500_000.0, 1_500_000.0, 10_000.0, 0.0],
        }
    )
    kun_kr = B.marker_afvigelser(df, B.Taerskler(kr=1_000_000, pct=0))
    assert kun_kr["er_afvigelse"].to_list() == [False, True, False, False]
    kun_pct = B.marker_afvigelser(df, B.Taerskler(kr=0, pct=2.0))
    assert kun_pct["er_afvigelse"].to_list() == [True, True, True, False]  # 5 %, 15 %, 10 %
    alle = B.marker_afvigelser(df, B.Taerskler(kr=0, pct=0))
    assert alle["er_afvigelse"].to_list() == [True, True, True, False]
