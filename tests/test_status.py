"""Pure tests for modeller.status: the one status definition, on tiny frames."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from modeller import schemas
from modeller.status import (
    ALVORLIGHED,
    STATUS_TEKST,
    STATUSSER,
    indikator_status,
    maal_status,
    rul_op_status,
    status_aendringer,
    vaerste_status,
)
from modeller.statusregler import Statusregel


def frame(tabel: schemas.Tabel, rows: list[dict[str, Any]]) -> pl.DataFrame:
    """A frame with exactly the contract's columns; missing keys are empty."""
    navne = tabel.kolonnenavne
    return pl.DataFrame(
        [{k: r.get(k) for k in navne} for r in rows], schema=tabel.polars_schema, orient="row"
    )


def maal(*rows: dict[str, Any]) -> pl.DataFrame:
    base = {"titel": "t", "niveau": "center"}
    return frame(schemas.MAAL, [base | r for r in rows])


def indikatorer(*rows: dict[str, Any]) -> pl.DataFrame:
    base = {"navn": "n", "maaleenhed": "%", "retning": "op", "frekvens": "maaned"}
    return frame(schemas.INDIKATORER, [base | r for r in rows])


def maalinger(*rows: tuple[str, str, date, float]) -> pl.DataFrame:
    return frame(
        schemas.MAALINGER,
        [
            dict(zip(("indikator_id", "enhed_id", "periode", "vaerdi"), r, strict=True))
            for r in rows
        ],
    )


def vurderinger(*rows: tuple[str, date, str]) -> pl.DataFrame:
    return frame(
        schemas.VURDERINGER,
        [
            {"maal_id": m, "dato": d, "status": s, "kommentar": "k", "vurderet_af": "CC"}
            for m, d, s in rows
        ],
    )


# Goal period 2024-01-01 → 2024-12-31 (365 days); a measurement on 2024-07-01 has
# 182/365 = 49.9 % of the period elapsed.
AAR_2024 = {"maal_id": "G", "aar_fra": 2024, "aar_til": 2024}
JAN, APR, JUL = date(2024, 1, 1), date(2024, 4, 1), date(2024, 7, 1)
PR = date(2024, 12, 31)


def en_serie(
    retning: str,
    baseline: float | None,
    maalvaerdi: float | None,
    punkter: list[tuple[date, float]],
    pr: date = PR,
) -> dict[str, Any]:
    ind = indikatorer(
        {
            "indikator_id": "I",
            "maal_id": "G",
            "retning": retning,
            "baseline": baseline,
            "maalvaerdi": maalvaerdi,
        }
    )
    m = maalinger(*[("I", "E1", d, v) for d, v in punkter])
    res = indikator_status(ind, m, maal(AAR_2024), pr)
    assert res.height == 1
    return res.row(0, named=True)


@pytest.mark.parametrize(
    ("retning", "baseline", "maalvaerdi", "punkter", "forventet"),
    [
        # retning op: baseline 50 → target 90
        ("op", 50.0, 90.0, [(JUL, 90.0)], "opfyldt"),
        ("op", 50.0, 90.0, [(JUL, 95.0)], "opfyldt"),
        ("op", 50.0, 90.0, [(JUL, 80.0)], "paa_sporet"),  # 75 % ≥ 49.9 %
        ("op", 50.0, 90.0, [(APR, 55.0), (JUL, 60.0)], "i_risiko"),  # 25 % < 49.9 %
        ("op", 50.0, 90.0, [(JUL, 45.0)], "ikke_paa_sporet"),  # worse than baseline
        # latest change away from target while below expected progress
        ("op", 50.0, 90.0, [(APR, 65.0), (JUL, 60.0)], "ikke_paa_sporet"),
        # latest change away, but still ahead of expected progress: on track
        ("op", 50.0, 90.0, [(APR, 85.0), (JUL, 80.0)], "paa_sporet"),
        ("op", 50.0, None, [(JUL, 80.0)], "ikke_vurderet"),
        # retning ned ("lower is better"): baseline 20 → target 10
        ("ned", 20.0, 10.0, [(JUL, 10.0)], "opfyldt"),
        ("ned", 20.0, 10.0, [(JUL, 8.0)], "opfyldt"),
        ("ned", 20.0, 10.0, [(JUL, 14.0)], "paa_sporet"),  # 60 %
        ("ned", 20.0, 10.0, [(APR, 19.0), (JUL, 18.0)], "i_risiko"),  # 20 %
        ("ned", 20.0, 10.0, [(JUL, 22.0)], "ikke_paa_sporet"),
        ("ned", 20.0, 10.0, [(APR, 16.0), (JUL, 18.0)], "ikke_paa_sporet"),
        ("ned", 20.0, None, [(JUL, 14.0)], "ikke_vurderet"),
    ],
)
def test_indikator_status_every_status_both_directions(
    retning: str,
    baseline: float,
    maalvaerdi: float | None,
    punkter: list[tuple[date, float]],
    forventet: str,
) -> None:
    assert en_serie(retning, baseline, maalvaerdi, punkter)["status"] == forventet


def test_progress_and_expected_progress_values() -> None:
    r = en_serie("op", 50.0, 90.0, [(APR, 55.0), (JUL, 60.0)])
    assert r["fremdrift_pct"] == pytest.approx(25.0)
    assert r["forventet_fremdrift_pct"] == pytest.approx(182 / 365 * 100)
    assert r["seneste_vaerdi"] == 60.0
    assert r["forrige_vaerdi"] == 55.0
    assert r["seneste_periode"] == JUL
    assert r["forrige_periode"] == APR
    assert r["antal_maalinger"] == 2
    r = en_serie("ned", 20.0, 10.0, [(JUL, 14.0)])
    assert r["fremdrift_pct"] == pytest.approx(60.0)


def test_expected_progress_uses_tidsfrist_and_is_measured_at_latest_periode() -> None:
    # tidsfrist 2024-07-01: the period is half a year, so July is 100 % elapsed
    ind = indikatorer({"indikator_id": "I", "maal_id": "G", "baseline": 50.0, "maalvaerdi": 90.0})
    g = maal({"maal_id": "G", "aar_fra": 2024, "aar_til": 2025, "tidsfrist": JUL})
    r = indikator_status(ind, maalinger(("I", "E1", APR, 80.0)), g, date(2030, 1, 1)).row(
        0, named=True
    )
    assert r["forventet_fremdrift_pct"] == pytest.approx(91 / 182 * 100)
    assert r["status"] == "paa_sporet"  # 75 % ≥ 50 %; pr far later does not matter


def test_without_baseline_the_first_measurement_is_the_starting_point() -> None:
    r = en_serie("op", None, 90.0, [(JAN, 50.0), (JUL, 80.0)])
    assert r["udgangsvaerdi"] == 50.0
    assert r["fremdrift_pct"] == pytest.approx(75.0)
    assert r["status"] == "paa_sporet"


def test_baseline_already_past_target_and_no_longer_reached_is_off_track() -> None:
    r = en_serie("op", 95.0, 90.0, [(JUL, 85.0)])
    assert r["fremdrift_pct"] is None
    assert r["status"] == "ikke_paa_sporet"


def test_measurements_after_pr_are_ignored() -> None:
    punkter = [(APR, 60.0), (JUL, 95.0)]
    assert en_serie("op", 50.0, 90.0, punkter)["status"] == "opfyldt"
    r = en_serie("op", 50.0, 90.0, punkter, pr=date(2024, 6, 30))
    assert r["seneste_periode"] == APR
    assert r["status"] != "opfyldt"


def test_indicator_without_measurements_gets_one_unassessed_row() -> None:
    ind = indikatorer(
        {"indikator_id": "I", "maal_id": "G", "baseline": 1.0, "maalvaerdi": 2.0},
        {"indikator_id": "J", "maal_id": "G", "baseline": 1.0, "maalvaerdi": 2.0},
    )
    res = indikator_status(ind, maalinger(("I", "E1", JUL, 2.0)), maal(AAR_2024), PR)
    assert res.select("indikator_id", "enhed_id", "status").rows() == [
        ("I", "E1", "opfyldt"),
        ("J", None, "ikke_vurderet"),
    ]


def test_indikator_status_one_row_per_series() -> None:
    ind = indikatorer({"indikator_id": "I", "maal_id": "G", "baseline": 50.0, "maalvaerdi": 90.0})
    m = maalinger(("I", "E1", JUL, 90.0), ("I", "E2", JUL, 45.0), ("I", "E2", APR, 60.0))
    res = indikator_status(ind, m, maal(AAR_2024), PR)
    assert res.select("enhed_id", "status").rows() == [
        ("E1", "opfyldt"),
        ("E2", "ikke_paa_sporet"),
    ]


# --- goal status ---------------------------------------------------------------------


def _goal_case(vurd: pl.DataFrame, pr: date = PR, enhed_id: str | None = None) -> dict[str, Any]:
    g = maal(AAR_2024 | {"enhed_id": enhed_id})
    ind = indikatorer({"indikator_id": "I", "maal_id": "G", "baseline": 50.0, "maalvaerdi": 90.0})
    # E1 on track (80 at July), E2 worse than baseline
    m = maalinger(("I", "E1", JUL, 80.0), ("I", "E2", APR, 45.0))
    return maal_status(g, ind, m, vurd, pr).row(0, named=True)


def test_goal_status_is_worst_indicator_series() -> None:
    r = _goal_case(vurderinger())
    assert (r["status"], r["kilde"], r["seneste_maaling"]) == (
        "ikke_paa_sporet",
        "indikatorer",
        JUL,
    )
    assert r["vurdering_dato"] is None


def test_goal_with_unit_uses_that_units_series() -> None:
    r = _goal_case(vurderinger(), enhed_id="E1")
    assert (r["status"], r["kilde"]) == ("paa_sporet", "indikatorer")
    # a unit without its own series falls back to every unit's series
    r = _goal_case(vurderinger(), enhed_id="E9")
    assert r["status"] == "ikke_paa_sporet"


def test_newer_vurdering_wins() -> None:
    r = _goal_case(vurderinger(("G", date(2024, 8, 1), "i_risiko")))
    assert (r["status"], r["kilde"]) == ("i_risiko", "vurdering")
    assert r["beregnet_status"] == "ikke_paa_sporet"
    assert (r["vurdering_dato"], r["vurdering_kommentar"], r["vurderet_af"]) == (
        date(2024, 8, 1),
        "k",
        "CC",
    )


def test_older_vurdering_loses_but_is_still_reported() -> None:
    r = _goal_case(vurderinger(("G", date(2024, 6, 1), "opfyldt")))
    assert (r["status"], r["kilde"]) == ("ikke_paa_sporet", "indikatorer")
    assert r["vurdering_status"] == "opfyldt"


def test_vurdering_on_the_same_date_as_latest_measurement_wins() -> None:
    r = _goal_case(vurderinger(("G", JUL, "opfyldt")))
    assert (r["status"], r["kilde"]) == ("opfyldt", "vurdering")


def test_latest_vurdering_up_to_pr_counts() -> None:
    v = vurderinger(("G", date(2024, 8, 1), "i_risiko"), ("G", date(2024, 11, 1), "opfyldt"))
    assert _goal_case(v)["status"] == "opfyldt"
    assert _goal_case(v, pr=date(2024, 9, 1))["status"] == "i_risiko"
    # before both vurderinger and the July measurement: only the April value counts
    r = _goal_case(v, pr=date(2024, 5, 1))
    assert (r["status"], r["kilde"], r["seneste_maaling"]) == (
        "ikke_paa_sporet",
        "indikatorer",
        APR,
    )


def test_goal_without_indicators_and_vurdering_is_unassessed() -> None:
    g = maal(AAR_2024, {"maal_id": "H"})
    ind = indikatorer({"indikator_id": "I", "maal_id": "G", "baseline": 50.0, "maalvaerdi": 90.0})
    res = maal_status(g, ind, maalinger(("I", "E1", JUL, 90.0)), vurderinger(), PR)
    assert res.select("maal_id", "status", "kilde").rows() == [
        ("G", "opfyldt", "indikatorer"),
        ("H", "ikke_vurderet", "ingen"),
    ]


def test_goal_whose_indicator_has_no_target() -> None:
    g = maal(AAR_2024)
    ind = indikatorer({"indikator_id": "I", "maal_id": "G", "baseline": 50.0})
    m = maalinger(("I", "E1", JUL, 90.0))
    r = maal_status(g, ind, m, vurderinger(), PR).row(0, named=True)
    assert (r["status"], r["kilde"], r["seneste_maaling"]) == ("ikke_vurderet", "ingen", JUL)
    # an older vurdering then still decides: the indicators cannot
    r = maal_status(g, ind, m, vurderinger(("G", APR, "i_risiko")), PR).row(0, named=True)
    assert (r["status"], r["kilde"]) == ("i_risiko", "vurdering")


def test_unassessed_indicator_does_not_hide_an_assessed_one() -> None:
    g = maal(AAR_2024)
    ind = indikatorer(
        {"indikator_id": "I", "maal_id": "G", "baseline": 50.0, "maalvaerdi": 90.0},
        {"indikator_id": "J", "maal_id": "G", "baseline": 50.0},
    )
    m = maalinger(("I", "E1", JUL, 80.0), ("J", "E1", JUL, 1.0))
    assert maal_status(g, ind, m, vurderinger(), PR)["status"].to_list() == ["paa_sporet"]


# --- roll-up and changes ----------------------------------------------------------------


def _tree() -> pl.DataFrame:
    # V ─ P1 ─ A, B
    #   └ P2 ─ C
    return maal(
        {"maal_id": "V", "niveau": "vision"},
        {"maal_id": "P1", "overordnet_maal_id": "V"},
        {"maal_id": "P2", "overordnet_maal_id": "V"},
        {"maal_id": "A", "overordnet_maal_id": "P1"},
        {"maal_id": "B", "overordnet_maal_id": "P1"},
        {"maal_id": "C", "overordnet_maal_id": "P2"},
    )


def test_rul_op_picks_worst_and_counts() -> None:
    status = pl.DataFrame(
        {
            "maal_id": ["V", "P1", "P2", "A", "B", "C"],
            "status": [
                "ikke_vurderet",
                "opfyldt",
                "ikke_vurderet",
                "i_risiko",
                "paa_sporet",
                "ikke_vurderet",
            ],
        }
    )
    res = {
        r["maal_id"]: r
        for r in rul_op_status(_tree(), status, Statusregel("vaerste")).iter_rows(named=True)
    }
    assert res["V"]["samlet_status"] == "i_risiko"
    assert res["P1"]["samlet_status"] == "i_risiko"
    assert res["P2"]["samlet_status"] == "ikke_vurderet"
    assert res["A"]["samlet_status"] == "i_risiko"
    assert res["V"]["status"] == "ikke_vurderet"
    v = res["V"]
    assert [v[f"antal_{s}"] for s in STATUSSER] == [1, 1, 1, 0, 3]
    assert v["antal_i_alt"] == 6
    assert res["P1"]["antal_i_alt"] == 3
    assert res["C"]["antal_ikke_vurderet"] == 1


def test_rul_op_missing_status_counts_as_unassessed_and_worst_child_wins() -> None:
    status = pl.DataFrame({"maal_id": ["C"], "status": ["ikke_paa_sporet"]})
    res = rul_op_status(_tree(), status, Statusregel("vaerste"))
    row = res.filter(pl.col("maal_id") == "V").row(0, named=True)
    assert row["samlet_status"] == "ikke_paa_sporet"
    assert (row["antal_ikke_paa_sporet"], row["antal_ikke_vurderet"]) == (1, 5)
    assert res.filter(pl.col("maal_id") == "P1")["samlet_status"].item() == "ikke_vurderet"


def test_status_aendringer_between_snapshots() -> None:
    foer = pl.DataFrame(
        {"maal_id": ["A", "B", "C"], "status": ["paa_sporet", "i_risiko", "opfyldt"]}
    )
    nu = pl.DataFrame(
        {"maal_id": ["A", "B", "D"], "status": ["paa_sporet", "ikke_paa_sporet", "i_risiko"]}
    )
    res = status_aendringer(nu, foer)
    assert res.rows() == [
        ("B", "i_risiko", "ikke_paa_sporet", "aendret"),
        ("C", "opfyldt", None, "fjernet"),
        ("D", None, "i_risiko", "ny"),
    ]


def test_status_changes_with_an_earlier_snapshot_date() -> None:
    g = maal(AAR_2024)
    ind = indikatorer({"indikator_id": "I", "maal_id": "G", "baseline": 50.0, "maalvaerdi": 90.0})
    m = maalinger(("I", "E1", APR, 60.0), ("I", "E1", JUL, 95.0))
    foer = maal_status(g, ind, m, vurderinger(), date(2024, 5, 1))
    nu = maal_status(g, ind, m, vurderinger(), PR)
    assert status_aendringer(nu, foer).rows() == [("G", "paa_sporet", "opfyldt", "aendret")]


def test_constants() -> None:
    assert STATUSSER == schemas.MAALSTATUSSER
    assert set(STATUS_TEKST) == set(STATUSSER) == set(ALVORLIGHED)
    assert STATUS_TEKST["paa_sporet"] == "På sporet"
    assert vaerste_status(["opfyldt", "ikke_vurderet", "i_risiko"]) == "i_risiko"
    assert vaerste_status(["ikke_vurderet", "ikke_vurderet"]) == "ikke_vurderet"
    assert vaerste_status(["ikke_vurderet", "opfyldt"]) == "opfyldt"
    assert vaerste_status([]) == "ikke_vurderet"


def test_maalets_serier_egen_enhed_ellers_alle() -> None:
    """The goal's own unit's series when it has one, per indicator; else every unit's."""
    from modeller.status import maalets_serier

    serier = pl.DataFrame(
        {
            "indikator_id": ["I1", "I1", "I2", "I2", "I3"],
            "enhed_id": ["E1", "E2", "E2", "E3", None],
        }
    )
    ud = maalets_serier(serier, "E1").sort("indikator_id", "enhed_id", nulls_last=True)
    assert ud.select("indikator_id", "enhed_id", "egen_serie").rows() == [
        ("I1", "E1", True),
        ("I2", "E2", False),
        ("I2", "E3", False),
        ("I3", None, False),
    ]
    # A goal without a unit: every series counts.
    assert maalets_serier(serier, None).height == 5
    # Many goals at once, each with its own unit.
    flere = pl.concat(
        [
            serier.with_columns(maal_id=pl.lit("M1"), maal_enhed_id=pl.lit("E2")),
            serier.with_columns(maal_id=pl.lit("M2"), maal_enhed_id=pl.lit("E9")),
        ]
    )
    pr_maal = maalets_serier(flere).group_by("maal_id").len().sort("maal_id").rows()
    assert pr_maal == [("M1", 3), ("M2", 5)]  # M1: E2 on I1 and I2, plus I3's only series


def test_regelfilen_laeses_ved_hver_koersel_og_fejl_gemmes_ikke(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`data.maalstatusregel()` builds the rule once per distinct file content (every page
    asks on every run), but reads the file every time: a change, a broken file and its
    repair take effect at the next call."""
    from dashboard import data
    from modeller.statusregler import STANDARD, MaalstatusFejl, Statusregel

    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(tmp_path))
    fil = tmp_path / "maalstatus.toml"
    assert data.maalstatusregel() == STANDARD
    fil.write_text('regel = "vaerste"\n', encoding="utf-8")
    assert data.maalstatusregel() == Statusregel(regel="vaerste")
    fil.write_text('regel = "ukendt"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(MaalstatusFejl, match="vaerste"):
            data.maalstatusregel()
    fil.write_text("[andel]\npaa_sporet_pct = 80\n", encoding="utf-8")
    assert data.maalstatusregel() == Statusregel(paa_sporet_pct=80.0)
    fil.unlink()
    assert data.maalstatusregel() is data.maalstatusregel() == STANDARD
