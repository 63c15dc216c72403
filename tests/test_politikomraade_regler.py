"""Issue 16 rules on tiny frames, against hand-computed figures: unit cost, activity
variance and its cost at the budgeted unit price (modeller.aktivitet), the two roll-up
rules and their settings (modeller.status, modeller.statusregler), and the politikområde
overview (modeller.politikomraade)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from modeller import aktivitet, politikomraade, statusregler
from modeller.schemas import AKTIVITET, MAAL
from modeller.status import rul_op_status
from modeller.statusregler import MaalstatusFejl, Statusregel

PR = date(2026, 3, 31)


def akt(*rows: tuple[object, ...]) -> pl.DataFrame:
    """Rows (aar, maaned, enhed_id, politikomraade_id, ydelse, maengde, budget_maengde)."""
    kol = ["aar", "maaned", "enhed_id", "politikomraade_id", "ydelse", "maengde", "budget_maengde"]
    df = pl.DataFrame([dict(zip(kol, r, strict=True)) for r in rows], orient="row")
    return df.with_columns(pl.lit("barn").alias("maaleenhed")).select(
        [pl.col(k.navn).cast(k.dtype) for k in AKTIVITET.kolonner]
    )


def linjer(*rows: tuple[str, str, str, float, float | None, float]) -> pl.DataFrame:
    """Follow-up lines (enhed, po, budgettype, oprindeligt, forventet, korrigeret)."""
    return pl.DataFrame(
        rows,
        schema={
            "enhed_id": pl.String(),
            "politikomraade_id": pl.String(),
            "budgettype": pl.String(),
            "oprindeligt_budget_kr": pl.Float64(),
            "forventet_forbrug_kr": pl.Float64(),
            "korrigeret_budget_kr": pl.Float64(),
        },
        orient="row",
    )


# --- unit cost and activity variance ------------------------------------------------------


def test_unit_cost_and_variance_by_hand() -> None:
    # I1: 100, 102, 104 children in Jan–Mar (April is after pr), budget 100 each month.
    # I2: one year row: 50 children, 48 budgeted.
    a = akt(
        (2026, 1, "I1", "P", "Børn", 100, 100),
        (2026, 2, "I1", "P", "Børn", 102, 100),
        (2026, 3, "I1", "P", "Børn", 104, 100),
        (2026, 4, "I1", "P", "Børn", 999, 100),
        (2026, None, "I2", "P", "Børn", 50, 48),
        (2025, 1, "I1", "P", "Børn", 90, 95),
    )
    ln = linjer(
        ("I1", "P", "service", 10_000_000, 10_600_000, 10_200_000),
        ("I1", "P", "anlaeg", 5_000_000, 5_000_000, 5_000_000),  # not a price
        ("I2", "P", "service", 4_800_000, None, 5_100_000),  # no forecast: korrigeret
        ("C", "P", "service", -3_000_000, -3_000_000, -3_000_000),  # centre: no activity
    )
    r = aktivitet.enhedspriser(a, ln, 2026, PR).row(0, named=True)
    # levels: I1 mean 102, budget 100; I2 50, budget 48
    assert r["maengde"] == pytest.approx(152)
    assert r["budget_maengde"] == pytest.approx(148)
    assert r["afvigelse_maengde"] == pytest.approx(4)
    assert r["afvigelse_maengde_pct"] == pytest.approx(4 / 148 * 100)
    # cost: 10.6 mio (I1 forecast) + 5.1 mio (I2 korrigeret, no forecast) = 15.7 mio
    assert r["udgift_kr"] == pytest.approx(15_700_000)
    assert r["enhedspris_kr"] == pytest.approx(15_700_000 / 152)  # 103.289,47
    # budgeted unit price: oprindeligt 14.8 mio / 148 = 100.000 kr. pr. barn
    assert r["budget_enhedspris_kr"] == pytest.approx(100_000)
    # 4 more children at 100.000 kr. = 400.000 kr. a year
    assert r["afvigelse_til_budgetpris_kr"] == pytest.approx(400_000)
    assert r["enhedspris_afvigelse_pct"] == pytest.approx((15_700_000 / 152 / 100_000 - 1) * 100)
    assert (r["maaleenhed"], r["antal_enheder"]) == ("barn", 2)


def test_per_unit_grouping_and_fewer_children_cost_negative() -> None:
    a = akt((2026, None, "I1", "P", "Børn", 90, 100), (2026, None, "I2", "P", "Børn", 50, None))
    ln = linjer(
        ("I1", "P", "service", 10_000_000, 9_500_000, 10_000_000),
        ("I2", "P", "service", 5_000_000, 5_000_000, 5_000_000),
    )
    pr_enhed = {
        r["enhed_id"]: r
        for r in aktivitet.enhedspriser(a, ln, 2026, PR, ("enhed_id", "ydelse")).iter_rows(
            named=True
        )
    }
    assert pr_enhed["I1"]["afvigelse_til_budgetpris_kr"] == pytest.approx(-1_000_000)
    assert pr_enhed["I1"]["enhedspris_kr"] == pytest.approx(9_500_000 / 90)
    # no budgeted quantity: unit cost yes, budget price and variance no
    assert pr_enhed["I2"]["enhedspris_kr"] == pytest.approx(100_000)
    assert pr_enhed["I2"]["budget_enhedspris_kr"] is None
    assert pr_enhed["I2"]["afvigelse_maengde"] is None
    # together: the variance only over the unit with a budgeted quantity
    r = aktivitet.enhedspriser(a, ln, 2026, PR).row(0, named=True)
    assert (r["maengde"], r["budget_maengde"], r["afvigelse_maengde"]) == (140, 100, -10)
    assert r["budget_enhedspris_kr"] == pytest.approx(100_000)


def test_activity_without_service_line_and_year_change() -> None:
    a = akt((2026, None, "I9", "P", "Børn", 10, 10), (2025, None, "I9", "P", "Børn", 10, 10))
    r = aktivitet.enhedspriser(a, linjer(), 2026, PR).row(0, named=True)
    assert r["udgift_kr"] is None and r["enhedspris_kr"] is None
    assert r["afvigelse_maengde"] == 0 and r["afvigelse_til_budgetpris_kr"] is None
    nu = aktivitet.enhedspriser(a, linjer(("I9", "P", "service", 1.0, 1_100_000, 1.0)), 2026, PR)
    foer = aktivitet.enhedspriser(a, linjer(("I9", "P", "service", 1.0, 1_000_000, 1.0)), 2025, PR)
    r = aktivitet.enhedspris_aendring(nu, foer, ("politikomraade_id", "ydelse")).row(0, named=True)
    assert r["enhedspris_foer_kr"] == pytest.approx(100_000)
    assert r["enhedspris_aendring_pct"] == pytest.approx(10.0)


def test_empty_activity_table_gives_empty_result() -> None:
    df = aktivitet.enhedspriser(AKTIVITET.tom(), linjer(), 2026, PR)
    assert df.is_empty()
    assert df.columns == ["politikomraade_id", "ydelse", *aktivitet.ENHEDSPRIS_KOLONNER]


# --- roll-up rules ------------------------------------------------------------------------


def _maal(*par: tuple[str, str | None]) -> pl.DataFrame:
    return pl.DataFrame(
        {"maal_id": [m for m, _ in par], "overordnet_maal_id": [p for _, p in par]},
        schema={"maal_id": pl.String(), "overordnet_maal_id": pl.String()},
    )


# V ─ P1 ─ A, B, C, D        P2 ─ E (unassessed)        F (alone)
TRAE = _maal(
    ("V", None),
    ("P1", "V"),
    ("A", "P1"),
    ("B", "P1"),
    ("C", "P1"),
    ("D", "P1"),
    ("P2", "V"),
    ("E", "P2"),
    ("F", None),
)
STATUS = pl.DataFrame(
    {
        "maal_id": ["V", "P1", "A", "B", "C", "D", "P2", "E", "F"],
        "status": [
            "ikke_vurderet",
            "paa_sporet",
            "opfyldt",
            "paa_sporet",
            "paa_sporet",
            "ikke_paa_sporet",
            "ikke_vurderet",
            "ikke_vurderet",
            "i_risiko",
        ],
    }
)


def _rul(regel: Statusregel | None) -> dict[str, dict[str, object]]:
    return {r["maal_id"]: r for r in rul_op_status(TRAE, STATUS, regel).iter_rows(named=True)}


def test_roll_up_by_share_on_track() -> None:
    res = _rul(None)  # default: andel, 75 / 50
    # P1 subtree: P1, A, B, C on track, D not: 4 of 5 = 80 % → paa_sporet
    assert res["P1"]["andel_paa_sporet_pct"] == pytest.approx(80.0)
    assert res["P1"]["samlet_status"] == "paa_sporet"
    # V: the same 5 assessed (V, P2, E unassessed) → 80 %
    assert res["V"]["andel_paa_sporet_pct"] == pytest.approx(80.0)
    assert res["V"]["samlet_status"] == "paa_sporet"
    assert res["V"]["status"] == "ikke_vurderet"  # own status untouched
    assert res["P2"]["samlet_status"] == "ikke_vurderet"  # nothing assessed below
    assert res["P2"]["andel_paa_sporet_pct"] is None
    # leaves keep their own status, also i_risiko
    assert res["F"]["samlet_status"] == "i_risiko"
    assert res["D"]["samlet_status"] == "ikke_paa_sporet"
    assert [res["V"][f"antal_{s}"] for s in ("opfyldt", "paa_sporet", "ikke_vurderet")] == [1, 3, 3]


def test_roll_up_thresholds_and_all_fulfilled() -> None:
    strengere = Statusregel("andel", paa_sporet_pct=85, i_risiko_pct=80)
    assert _rul(strengere)["P1"]["samlet_status"] == "i_risiko"  # 80 % ≥ 80
    assert _rul(Statusregel("andel", 90, 81))["P1"]["samlet_status"] == "ikke_paa_sporet"
    alle_opfyldt = STATUS.with_columns(
        pl.when(pl.col("status") != "ikke_vurderet").then(pl.lit("opfyldt")).alias("status")
    )
    res = rul_op_status(TRAE, alle_opfyldt).filter(pl.col("maal_id") == "V")
    assert res["samlet_status"].item() == "opfyldt"


def test_roll_up_worst_child_as_before() -> None:
    res = _rul(Statusregel("vaerste"))
    assert res["P1"]["samlet_status"] == "ikke_paa_sporet"  # one D colours the chain
    assert res["V"]["samlet_status"] == "ikke_paa_sporet"
    assert res["P2"]["samlet_status"] == "ikke_vurderet"
    assert res["F"]["samlet_status"] == "i_risiko"
    assert res["P1"]["status"] == "paa_sporet"


def test_settings_defaults_and_danish_errors() -> None:
    assert statusregler.fra_toml("") == statusregler.STANDARD == Statusregel("andel", 75, 50)
    assert statusregler.fra_toml('regel = "vaerste"').regel == "vaerste"
    assert statusregler.fra_toml("[andel]\npaa_sporet_pct = 60").paa_sporet_pct == 60
    for tekst, del_ in (
        ('regel = "middel"', "«regel» skal være"),
        ("[andel]\npaa_sporet_pct = 120", "mellem 0 og 100"),
        ("[andel]\ni_risiko_pct = 80", "må ikke være større end"),
        ("[andel]\nfoo = 1", "ukendt nøgle foo"),
        ("farve = 1", "Ukendt nøgle i maalstatus.toml: farve"),
        ("regel = ", "ikke gyldig TOML"),
    ):
        with pytest.raises(MaalstatusFejl, match=del_):
            statusregler.fra_toml(tekst)


def test_rule_in_words() -> None:
    assert "værste" in statusregler.beskrivelse(Statusregel("vaerste"))
    tekst = statusregler.beskrivelse(Statusregel("andel", 80, 60.5))
    assert "mindst 80 %" in tekst and "mindst 60,5 %" in tekst


# --- the politikområde overview ------------------------------------------------------------


def test_goal_distribution_per_politikomraade() -> None:
    maal = pl.DataFrame(
        {
            "maal_id": ["V", "PO1", "PO2", "X", "Y", "Z"],
            "overordnet_maal_id": [None, "V", "V", "PO1", "X", "PO2"],
            "niveau": ["vision", *["politikomraade"] * 2, "direktion", "center", "center"],
            "politikomraade_id": [None, "P", "P", "P", None, None],
        }
    )
    st_ = pl.DataFrame(
        {
            "maal_id": ["PO1", "PO2", "X", "Y", "Z"],
            "status": ["paa_sporet", "opfyldt", "i_risiko", "ikke_paa_sporet", "ikke_vurderet"],
        }
    )
    r = politikomraade.maal_fordeling(maal, rul_op_status(maal, st_)).row(0, named=True)
    # PO1 ─ X ─ Y and PO2 ─ Z: every goal once, X (direktion, with P) not counted twice
    assert (r["antal_maal"], r["antal_i_alt"]) == (2, 5)
    assert [r[f"antal_{s}"] for s in ("opfyldt", "paa_sporet", "i_risiko", "ikke_paa_sporet")] == [
        1,
        1,
        1,
        1,
    ]
    assert r["andel_paa_sporet_pct"] == pytest.approx(50.0)


def test_maaltype_defaults_to_udviklingsmaal() -> None:
    assert MAAL.kolonne("maaltype").standard == "udviklingsmaal"
    assert set(politikomraade.MAALTYPE_NAVNE) == set(MAAL.kolonne("maaltype").tilladte or ())
