"""Pure tests for the exception rules (rapportering på afvigelser), hand-computed.

Rules: `indikatorer.vaek_fra_maal` ("moving away from target"), `indikatorer.bagud`
("behind the elapsed share of its period"), `indikatorer.afvigelsesliste` (the list and
its order) and `status.forvaerret`/`forvaerrede` ("worsened since the previous
follow-up").

Goal G runs 1 Jan 2024 → 31 Dec 2024 (365 days). Elapsed share at a measurement on
1 Apr: 91/365 = 24,93 %; 1 Jul: 182/365 = 49,86 %; 1 Oct: 274/365 = 75,07 %.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
import pytest

from modeller import indikatorer as ind
from modeller.status import (
    STATUSSER,
    er_forvaerret,
    forvaerrede,
    forvaerret,
    indikator_status,
)
from tests.test_status import indikatorer, maal, maalinger

G = maal({"maal_id": "G", "aar_fra": 2024, "aar_til": 2024})
PR = date(2024, 12, 31)
JAN, FEB, APR, JUL, OKT = (date(2024, m, 1) for m in (1, 2, 4, 7, 10))
APR_ANDEL = 91 / 365 * 100
JUL_ANDEL = 182 / 365 * 100
OKT_ANDEL = 274 / 365 * 100


def _raekke(
    retning: str,
    baseline: float | None,
    maalvaerdi: float | None,
    punkter: list[tuple[date, float]],
    frekvens: str = "maaned",
) -> dict[str, Any]:
    i = indikatorer(
        {
            "indikator_id": "I",
            "maal_id": "G",
            "retning": retning,
            "baseline": baseline,
            "maalvaerdi": maalvaerdi,
            "frekvens": frekvens,
        }
    )
    m = maalinger(*[("I", "E1", d, v) for d, v in punkter])
    res = ind.marker_afvigelser(ind.udvikling(i, m, G, PR))
    assert res.height == 1
    return res.row(0, named=True)


def test_moving_away_with_a_gap_is_judged_per_period() -> None:
    # Quarterly, op, baseline 50 → target 90; Q3 missing. Period index 0, 1, 3 with values
    # 60, 58, 52: slope = Σ(dx·dy)/Σdx² = (−114/9)/(42/9) = −19/7 per quarter (ignoring the
    # gap would give −4). Progress (52 − 50)/40 = 5 % against 75,07 % elapsed.
    r = _raekke("op", 50.0, 90.0, [(JAN, 60.0), (APR, 58.0), (OKT, 52.0)], "kvartal")
    assert r["haeldning_pr_periode"] == pytest.approx(-19 / 7)
    assert r["seneste_vaerdier"] == [60.0, 58.0, 52.0]
    assert r["vaek_fra_maal"] is True
    assert r["fremdrift_pct"] == pytest.approx(5.0)
    assert r["efterslaeb_pct"] == pytest.approx(OKT_ANDEL - 5.0)
    assert r["bagud"] is True
    assert r["afvigelse"] == "vaek_fra_maal"
    assert r["status"] == "ikke_paa_sporet"


def test_lower_is_better_rising_moves_away_even_when_ahead() -> None:
    # ned, baseline 20 → target 10; monthly, March missing: index 0, 1, 3 with 15, 16, 17.
    # slope = 3/(42/9) = 9/14 per month, rising = away for "lower is better". Progress
    # (17 − 20)/(10 − 20) = 30 % ≥ 24,93 % elapsed: ahead, so not behind.
    r = _raekke("ned", 20.0, 10.0, [(JAN, 15.0), (FEB, 16.0), (APR, 17.0)])
    assert r["haeldning_pr_periode"] == pytest.approx(9 / 14)
    assert r["vaek_fra_maal"] is True
    assert r["efterslaeb_pct"] == pytest.approx(APR_ANDEL - 30.0)
    assert r["bagud"] is False
    assert (r["er_afvigelse"], r["afvigelse"]) == (True, "vaek_fra_maal")


def test_lower_is_better_falling_on_schedule_is_no_exception() -> None:
    # ned, 20 → 10: 19 (Apr), 15 (Jul): progress 50 % ≥ 49,86 % elapsed, falling = toward.
    r = _raekke("ned", 20.0, 10.0, [(APR, 19.0), (JUL, 15.0)])
    assert r["bevaeger_sig"] == "mod_maal"
    assert r["efterslaeb_pct"] == pytest.approx(JUL_ANDEL - 50.0)
    assert (r["vaek_fra_maal"], r["bagud"], r["er_afvigelse"]) == (False, False, False)
    assert r["afvigelse"] is None


def test_lower_is_better_behind() -> None:
    # ned, 20 → 10: 19 (Apr), 18 (Jul): progress 20 % < 49,86 %; falling (toward target).
    r = _raekke("ned", 20.0, 10.0, [(APR, 19.0), (JUL, 18.0)])
    assert r["vaek_fra_maal"] is False
    assert r["efterslaeb_pct"] == pytest.approx(JUL_ANDEL - 20.0)
    assert (r["bagud"], r["afvigelse"]) == (True, "bagud")


def test_one_measurement_never_moves_away_but_can_be_behind() -> None:
    # op, 50 → 90, one value 60 in July: no slope; progress 25 % < 49,86 %.
    r = _raekke("op", 50.0, 90.0, [(JUL, 60.0)])
    assert r["seneste_vaerdier"] == [60.0]
    assert r["bevaeger_sig"] is None
    assert r["vaek_fra_maal"] is False
    assert r["efterslaeb_pct"] == pytest.approx(JUL_ANDEL - 25.0)
    assert (r["bagud"], r["afvigelse"]) == (True, "bagud")
    # 80 in July: 75 % ≥ 49,86 %: not behind, no exception.
    r = _raekke("op", 50.0, 90.0, [(JUL, 80.0)])
    assert (r["vaek_fra_maal"], r["bagud"], r["er_afvigelse"]) == (False, False, False)


def test_one_measurement_worse_than_baseline_is_behind() -> None:
    # op, 50 → 90, 45 in April: progress −12,5 %; behind by 24,93 + 12,5.
    r = _raekke("op", 50.0, 90.0, [(APR, 45.0)])
    assert r["efterslaeb_pct"] == pytest.approx(APR_ANDEL + 12.5)
    assert (r["vaek_fra_maal"], r["bagud"]) == (False, True)


def test_target_reached_and_falling_back_toward_it_is_no_exception() -> None:
    r = _raekke("op", 50.0, 90.0, [(APR, 99.0), (JUL, 95.0)])
    assert (r["status"], r["bevaeger_sig"]) == ("opfyldt", "vaek_fra_maal")
    assert (r["vaek_fra_maal"], r["bagud"], r["er_afvigelse"]) == (False, False, False)


def test_no_target_is_never_an_exception() -> None:
    r = _raekke("op", 50.0, None, [(APR, 60.0), (JUL, 40.0)])
    assert r["bevaeger_sig"] == "vaek_fra_maal"
    assert r["efterslaeb_pct"] is None
    assert (r["vaek_fra_maal"], r["bagud"], r["er_afvigelse"]) == (False, False, False)


def test_baseline_past_target_and_lost_counts_as_the_whole_way_behind() -> None:
    r = _raekke("op", 95.0, 90.0, [(JUL, 85.0)])
    assert r["fremdrift_pct"] is None
    assert r["efterslaeb_pct"] == ind.TABT_MAAL_EFTERSLAEB_PCT
    assert r["bagud"] is True


def test_flat_series_is_not_moving_away() -> None:
    r = _raekke("op", 50.0, 90.0, [(APR, 55.0), (JUL, 55.0)])
    assert r["bevaeger_sig"] == "uaendret"
    assert r["vaek_fra_maal"] is False
    assert r["bagud"] is True  # 12,5 % < 49,86 %


@pytest.mark.parametrize("retning", ["op", "ned"])
@pytest.mark.parametrize("seneste", [0.0, 30.0, 45.0, 50.0, 55.0, 60.0, 70.0, 89.0, 95.0])
@pytest.mark.parametrize("forrige", [None, 40.0, 52.0, 80.0])
def test_behind_is_exactly_the_statuses_i_risiko_and_ikke_paa_sporet(
    retning: str, seneste: float, forrige: float | None
) -> None:
    baseline, maalvaerdi = (50.0, 90.0) if retning == "op" else (90.0, 50.0)
    punkter = ([(APR, forrige)] if forrige is not None else []) + [(JUL, seneste)]
    r = _raekke(retning, baseline, maalvaerdi, punkter)
    assert r["bagud"] == (r["status"] in ("i_risiko", "ikke_paa_sporet"))


def _liste_data() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Four goals (period 2024) and their indicators, all op, baseline 0 → target 100:

    A: 10 (Apr) → 12 (Jul): toward target, 12 % of 49,86 %: behind by 37,86.
    B: 40 (Apr) → 30 (Jul): moving away, 30 % of 49,86 %: behind by 19,86 only.
    C: 5 in July (one measurement): behind by 44,86 (furthest behind).
    D: on track (60 in July).
    Goal GE belongs to unit E1 and its indicator is measured at E1 and E2: only E1's
    series stands for the goal (E2 would be furthest behind of all: 0 in July).
    """
    g = maal(
        *[{"maal_id": m, "aar_fra": 2024, "aar_til": 2024} for m in ("GA", "GB", "GC", "GD")],
        {"maal_id": "GE", "aar_fra": 2024, "aar_til": 2024, "enhed_id": "E1"},
    )
    i = indikatorer(
        *[
            {"indikator_id": f"I{x}", "maal_id": f"G{x}", "baseline": 0.0, "maalvaerdi": 100.0}
            for x in "ABCDE"
        ]
    )
    m = maalinger(
        ("IA", "E1", APR, 10.0),
        ("IA", "E1", JUL, 12.0),
        ("IB", "E1", APR, 40.0),
        ("IB", "E1", JUL, 30.0),
        ("IC", "E1", JUL, 5.0),
        ("ID", "E1", JUL, 60.0),
        ("IE", "E1", JUL, 48.0),
        ("IE", "E2", JUL, 0.0),
    )
    return i, m, g


def test_list_moving_away_first_then_furthest_behind() -> None:
    i, m, g = _liste_data()
    liste = ind.afvigelsesliste(ind.udvikling(i, m, g, PR), g)
    assert liste.select("indikator_id", "enhed_id").rows() == [
        ("IB", "E1"),  # moving away: first
        ("IC", "E1"),  # 44,86 behind
        ("IA", "E1"),  # 37,86 behind
        ("IE", "E1"),  # 1,86 behind; E2's series does not stand for goal GE
    ]
    assert liste["efterslaeb_pct"].to_list() == pytest.approx(
        [JUL_ANDEL - 30, JUL_ANDEL - 5, JUL_ANDEL - 12, JUL_ANDEL - 48]
    )
    assert liste["afvigelse"].to_list() == ["vaek_fra_maal", "bagud", "bagud", "bagud"]


def test_list_matches_the_status_rule_on_every_row() -> None:
    i, m, g = _liste_data()
    udv = ind.marker_afvigelser(ind.udvikling(i, m, g, PR))
    st = indikator_status(i, m, g, PR).select("indikator_id", "enhed_id", "status")
    assert udv.select("indikator_id", "enhed_id", "status").equals(st)


# --- worsened since the previous follow-up ------------------------------------------------


@pytest.mark.parametrize(
    ("foer", "nu", "forventet"),
    [
        ("paa_sporet", "i_risiko", True),
        ("paa_sporet", "ikke_paa_sporet", True),
        ("opfyldt", "paa_sporet", True),
        ("i_risiko", "ikke_paa_sporet", True),
        ("i_risiko", "paa_sporet", False),  # improved
        ("i_risiko", "i_risiko", False),  # unchanged
        ("ikke_vurderet", "ikke_paa_sporet", False),  # not assessed before
        ("paa_sporet", "ikke_vurderet", False),  # not assessed now
        (None, "i_risiko", False),  # a new goal
        ("i_risiko", None, False),  # a goal that has gone
    ],
)
def test_worsened(foer: str | None, nu: str | None, forventet: bool) -> None:
    assert er_forvaerret(foer, nu) is forventet


def test_worsened_expression_and_scalar_agree_on_every_pair() -> None:
    koder = [*STATUSSER, None]
    par = pl.DataFrame(
        {"f": [a for a in koder for _ in koder], "n": [b for _ in koder for b in koder]},
        schema={"f": pl.String(), "n": pl.String()},
    )
    ud = par.with_columns(forvaerret("f", "n").alias("x"))
    for f, n, x in ud.iter_rows():
        assert x is er_forvaerret(f, n)
    assert ud["x"].sum() == 6  # opfyldt < paa_sporet < i_risiko < ikke_paa_sporet: 3+2+1


def test_forvaerrede_worst_first() -> None:
    foer = pl.DataFrame(
        {
            "maal_id": ["A", "B", "C", "D", "E", "F"],
            "status": [
                "paa_sporet",
                "opfyldt",
                "i_risiko",
                "ikke_vurderet",
                "paa_sporet",
                "i_risiko",
            ],
        }
    )
    nu = pl.DataFrame(
        {
            "maal_id": ["A", "B", "C", "D", "E", "G"],
            "status": [
                "i_risiko",
                "ikke_paa_sporet",
                "paa_sporet",
                "ikke_paa_sporet",
                "paa_sporet",
                "ikke_paa_sporet",
            ],
        }
    )
    res = forvaerrede(nu, foer)
    assert res.rows() == [
        ("B", "opfyldt", "ikke_paa_sporet", 3),
        ("A", "paa_sporet", "i_risiko", 1),
    ]
    assert res.schema["trin"] == pl.Int8()
