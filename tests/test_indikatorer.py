"""Pure tests for modeller.indikatorer: trends, gaps, averages on tiny frames."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
import pytest

from modeller.indikatorer import (
    KOMMUNE_ID,
    frekvenser,
    huller,
    kommune_gennemsnit,
    mest_afvigende,
    udvikling,
)
from modeller.status import indikator_status
from tests.test_status import indikatorer, maal, maalinger

PR = date(2030, 1, 1)
G = maal({"maal_id": "G", "aar_fra": 2020, "aar_til": 2025})

# Monthly, March missing; dates mid/end of month still map to their month.
MAANED = [(date(2024, 1, 31), 10.0), (date(2024, 2, 29), 12.0), (date(2024, 4, 15), 16.0)]
# Quarterly, Q3 missing; lower is better.
KVARTAL = [(date(2024, 3, 31), 100.0), (date(2024, 6, 30), 95.0), (date(2024, 12, 31), 85.0)]
# Yearly, 2022 missing.
AAR = [(date(2020, 1, 1), 50.0), (date(2021, 1, 1), 52.0), (date(2023, 1, 1), 56.0)]


def _ind(iid: str, **kw: Any) -> dict[str, Any]:
    return {"indikator_id": iid, "maal_id": "G", "baseline": None, "maalvaerdi": None} | kw


def _row(res: pl.DataFrame, iid: str, enhed: str = "E1") -> dict[str, Any]:
    return res.filter((pl.col("indikator_id") == iid) & (pl.col("enhed_id") == enhed)).row(
        0, named=True
    )


def _serie(
    iid: str, punkter: list[tuple[date, float]], enhed: str = "E1"
) -> list[tuple[str, str, date, float]]:
    return [(iid, enhed, d, v) for d, v in punkter]


@pytest.mark.parametrize(
    ("frekvens", "retning", "punkter", "haeldning", "bevaegelse"),
    [
        ("maaned", "op", MAANED, 2.0, "mod_maal"),
        ("kvartal", "ned", KVARTAL, -5.0, "mod_maal"),
        ("aar", "op", AAR, 2.0, "mod_maal"),
        ("aar", "ned", AAR, 2.0, "vaek_fra_maal"),
        ("maaned", "op", [(date(2024, 1, 1), 5.0), (date(2024, 3, 1), 5.0)], 0.0, "uaendret"),
    ],
)
def test_slope_per_period_with_a_gap(
    frekvens: str,
    retning: str,
    punkter: list[tuple[date, float]],
    haeldning: float,
    bevaegelse: str,
) -> None:
    ind = indikatorer(_ind("I", frekvens=frekvens, retning=retning, maalvaerdi=1000.0))
    r = _row(udvikling(ind, maalinger(*_serie("I", punkter)), G, PR), "I")
    assert r["haeldning_pr_periode"] == pytest.approx(haeldning)
    assert r["bevaeger_sig"] == bevaegelse


def test_slope_uses_only_the_last_n_points() -> None:
    punkter = [(date(2020 + i, 1, 1), v) for i, v in enumerate([0.0, 100.0, 10.0, 11.0, 12.0])]
    ind = indikatorer(_ind("I", frekvens="aar", maalvaerdi=50.0))
    m = maalinger(*_serie("I", punkter))
    assert _row(udvikling(ind, m, G, PR, n=3), "I")["haeldning_pr_periode"] == pytest.approx(1.0)
    assert _row(udvikling(ind, m, G, PR, n=5), "I")["haeldning_pr_periode"] != pytest.approx(1.0)


def test_changes_and_distance_to_target() -> None:
    ind = indikatorer(
        _ind("OP", frekvens="maaned", baseline=8.0, maalvaerdi=20.0),
        _ind("NED", frekvens="kvartal", retning="ned", baseline=110.0, maalvaerdi=80.0),
    )
    m = maalinger(*_serie("OP", MAANED), *_serie("NED", KVARTAL))
    res = udvikling(ind, m, G, PR)
    op = _row(res, "OP")
    assert (op["seneste_vaerdi"], op["seneste_periode"]) == (16.0, date(2024, 4, 15))
    assert (op["aendring_forrige"], op["forrige_periode"]) == (4.0, date(2024, 2, 29))
    assert op["aendring_baseline"] == 8.0
    assert op["afstand_til_maal"] == 4.0
    ned = _row(res, "NED")
    assert ned["aendring_forrige"] == -10.0
    assert ned["aendring_baseline"] == -25.0
    assert ned["afstand_til_maal"] == 5.0  # lower is better: value − target
    reached = udvikling(
        indikatorer(_ind("NED", frekvens="kvartal", retning="ned", maalvaerdi=90.0)),
        maalinger(*_serie("NED", KVARTAL)),
        G,
        PR,
    )
    assert _row(reached, "NED")["afstand_til_maal"] == -5.0


def test_status_is_the_shared_definition() -> None:
    ind = indikatorer(
        _ind("OP", frekvens="maaned", baseline=8.0, maalvaerdi=20.0),
        _ind("NED", frekvens="kvartal", retning="ned", baseline=110.0, maalvaerdi=80.0),
        _ind("X", frekvens="aar", maalvaerdi=60.0),
    )
    m = maalinger(*_serie("OP", MAANED), *_serie("NED", KVARTAL), *_serie("X", AAR))
    pr = date(2024, 6, 1)
    res = udvikling(ind, m, G, pr).select("indikator_id", "enhed_id", "status", "fremdrift_pct")
    forventet = indikator_status(ind, m, G, pr).select(
        "indikator_id", "enhed_id", "status", "fremdrift_pct"
    )
    assert res.equals(forventet)
    assert res.height == 3


def test_single_point() -> None:
    ind = indikatorer(_ind("I", frekvens="maaned", baseline=1.0, maalvaerdi=10.0))
    r = _row(udvikling(ind, maalinger(("I", "E1", date(2024, 1, 1), 4.0)), G, PR), "I")
    assert r["seneste_vaerdi"] == 4.0
    assert r["forrige_vaerdi"] is None
    assert r["aendring_forrige"] is None
    assert r["haeldning_pr_periode"] is None
    assert r["bevaeger_sig"] is None
    assert r["aendring_baseline"] == 3.0


def test_no_target() -> None:
    ind = indikatorer(_ind("I", frekvens="aar"))
    r = _row(udvikling(ind, maalinger(*_serie("I", AAR)), G, PR), "I")
    assert r["afstand_til_maal"] is None
    assert r["status"] == "ikke_vurderet"
    assert r["haeldning_pr_periode"] == pytest.approx(2.0)


def test_data_after_pr_is_ignored() -> None:
    ind = indikatorer(_ind("I", frekvens="aar", maalvaerdi=100.0))
    r = _row(udvikling(ind, maalinger(*_serie("I", AAR)), G, date(2022, 6, 1)), "I")
    assert r["seneste_vaerdi"] == 52.0
    assert r["haeldning_pr_periode"] == pytest.approx(2.0)


def test_indicator_without_data_is_listed_once() -> None:
    ind = indikatorer(_ind("I", frekvens="aar", maalvaerdi=100.0))
    res = udvikling(ind, maalinger(), G, PR)
    assert res.select("indikator_id", "enhed_id", "status").rows() == [("I", None, "ikke_vurderet")]


def test_frequency_is_inferred_when_missing() -> None:
    ind = indikatorer(
        _ind("M", frekvens=None),
        _ind("K", frekvens=None),
        _ind("A", frekvens=None),
        _ind("S", frekvens=None),
        _ind("F", frekvens="kvartal"),
    )
    m = maalinger(
        *_serie("M", MAANED),
        *_serie("K", KVARTAL),
        *_serie("A", AAR),
        ("S", "E1", date(2024, 1, 1), 1.0),
        *_serie("F", MAANED),
    )
    res = dict(frekvenser(ind, m).iter_rows())
    assert res == {"M": "maaned", "K": "kvartal", "A": "aar", "S": "aar", "F": "kvartal"}
    r = _row(udvikling(ind, m, G, PR), "K")
    assert r["haeldning_pr_periode"] == pytest.approx(-5.0)


def test_huller_per_frequency() -> None:
    ind = indikatorer(
        _ind("M", frekvens="maaned"), _ind("K", frekvens="kvartal"), _ind("A", frekvens="aar")
    )
    m = maalinger(
        *_serie("M", MAANED),
        *_serie("K", KVARTAL),
        *_serie("A", AAR),
        *_serie("A", AAR[:2], enhed="E2"),  # no gap between its first and last measurement
    )
    assert huller(m, ind).rows() == [
        ("A", "E1", "aar", date(2022, 1, 1)),
        ("K", "E1", "kvartal", date(2024, 7, 1)),
        ("M", "E1", "maaned", date(2024, 3, 1)),
    ]


def test_huller_none_for_complete_series() -> None:
    ind = indikatorer(_ind("M", frekvens="maaned"))
    m = maalinger(*_serie("M", MAANED[:2]))
    assert huller(m, ind).is_empty()


def test_kommune_gennemsnit() -> None:
    m = maalinger(
        ("I", "E1", date(2024, 1, 1), 10.0),
        ("I", "E2", date(2024, 1, 1), 20.0),
        ("I", "E1", date(2024, 2, 1), 30.0),
        ("J", "E1", date(2024, 1, 1), 99.0),
    )
    res = kommune_gennemsnit(m, "I")
    assert res.rows() == [
        ("I", KOMMUNE_ID, date(2024, 1, 1), 15.0, 2),
        ("I", KOMMUNE_ID, date(2024, 2, 1), 30.0, 1),
    ]
    assert pl.concat([m.select(res.columns[:4]), res.drop("antal_enheder")]).height == 6


def test_mest_afvigende() -> None:
    ind = indikatorer(
        _ind("I", frekvens="aar", retning="ned", maalvaerdi=10.0),
        _ind("J", frekvens="aar", maalvaerdi=10.0),
    )
    m = maalinger(
        ("I", "E1", date(2024, 1, 1), 12.0),
        ("I", "E2", date(2024, 1, 1), 30.0),
        ("I", "E3", date(2024, 1, 1), 5.0),
        ("I", "E4", date(2024, 1, 1), 20.0),
        ("J", "E5", date(2024, 1, 1), 0.0),
    )
    u = udvikling(ind, m, G, PR)
    assert mest_afvigende(u, "I", 2) == ["E2", "E4"]
    assert mest_afvigende(u, "I", 10) == ["E2", "E4", "E1", "E3"]
