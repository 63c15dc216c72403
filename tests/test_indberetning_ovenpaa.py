"""Reports after the snapshot laid on top of its tables (modeller/indberetning/ovenpaa.py),
hand-computed on tiny frames, and through the shared rules they feed."""

from __future__ import annotations

from datetime import date

import polars as pl

from modeller import budget, status
from modeller.indberetning.ovenpaa import prognoser_ovenpaa, vurderinger_ovenpaa

PR = date(2026, 9, 30)


def _vurderinger(*raekker: tuple[str, date, str]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {"maal_id": m, "dato": d, "status": s, "kommentar": None, "vurderet_af": None}
            for m, d, s in raekker
        ],
        schema={"maal_id": pl.String(), "dato": pl.Date(), "status": pl.String(),
                "kommentar": pl.String(), "vurderet_af": pl.String()},
    )  # fmt: skip


def test_vurdering_efter_pr_taeller_pr_pr_og_vinder_over_maalingen() -> None:
    maal = pl.DataFrame({"maal_id": ["M1", "M2"], "enhed_id": ["E", "E"],
                         "aar_fra": [2026, 2026], "aar_til": [2026, 2026],
                         "tidsfrist": [None, None]},
                        schema_overrides={"tidsfrist": pl.Date()})  # fmt: skip
    ind = pl.DataFrame({"indikator_id": ["I1"], "maal_id": ["M1"], "baseline": [0.0],
                        "maalvaerdi": [10.0], "retning": ["op"],
                        "frekvens": ["maaned"]})  # fmt: skip
    maalinger = pl.DataFrame({"indikator_id": ["I1"], "enhed_id": ["E"],
                              "periode": [date(2026, 9, 1)], "vaerdi": [10.0]})  # fmt: skip
    snap = _vurderinger(("M2", date(2026, 3, 1), "paa_sporet"))
    # M1: reported 12/10 (after pr) → counts as 30/9 ≥ measurement 1/9 → wins.
    # M2: reported but back-dated 1/2, before the snapshot's 1/3 → the 1/3 one stays latest.
    nye = _vurderinger(("M1", date(2026, 10, 12), "i_risiko"), ("M2", date(2026, 2, 1), "opfyldt"))
    v = vurderinger_ovenpaa(snap, nye, PR)
    assert v.height == 3
    assert v.filter(pl.col("maal_id") == "M1")["dato"].to_list() == [PR]
    st = status.maal_status(maal, ind, maalinger, v, PR).select("maal_id", "status", "kilde")
    assert st.rows() == [("M1", "i_risiko", "vurdering"), ("M2", "paa_sporet", "vurdering")]
    assert vurderinger_ovenpaa(snap, nye.head(0), PR) is snap


def _prognoser(*raekker: tuple[date, str, str | None, float]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {"opfoelgningsdato": d, "enhed_id": e, "politikomraade_id": "P",
             "forventet_forbrug_kr": kr, "kommentar": None, "budgettype": bt, "projekt_id": None}
            for d, e, bt, kr in raekker
        ],
        schema={"opfoelgningsdato": pl.Date(), "enhed_id": pl.String(),
                "politikomraade_id": pl.String(), "forventet_forbrug_kr": pl.Float64(),
                "kommentar": pl.String(), "budgettype": pl.String(), "projekt_id": pl.String()},
    )  # fmt: skip


def test_prognose_erstatter_linjens_prognoser_og_taeller_pr_pr() -> None:
    snap = _prognoser(
        (date(2026, 5, 31), "A", None, 100.0),  # legacy (= service) line A: history, kept
        (date(2026, 9, 30), "A", "service", 110.0),  # replaced
        (date(2026, 9, 30), "B", "service", 200.0),  # kept: no report for B
        (date(2025, 9, 30), "A", "service", 90.0),  # another year: kept
    )
    nye = _prognoser(
        (date(2026, 10, 31), "A", "service", 120.0),
        (date(2026, 11, 30), "A", "service", 130.0),  # the latest follow-up wins
        (date(2027, 1, 31), "B", "service", 999.0),  # another year: left out
    )
    p = prognoser_ovenpaa(snap, nye, 2026, PR)
    assert sorted(p.select("enhed_id", "opfoelgningsdato", "forventet_forbrug_kr").rows()) == [
        ("A", date(2025, 9, 30), 90.0),
        ("A", date(2026, 5, 31), 100.0),
        ("A", PR, 130.0),
        ("B", PR, 200.0),
    ]
    # Through the follow-up rule: A's forecast in force at pr is the report (130).
    b = pl.DataFrame({"aar": [2026, 2026], "enhed_id": ["A", "B"], "politikomraade_id": ["P", "P"],
                      "beloebstype": ["oprindeligt_budget"] * 2, "beloeb_kr": [100.0, 200.0],
                      "budgettype": ["service"] * 2})  # fmt: skip
    f = pl.DataFrame({"aar": [2026], "maaned": [9], "enhed_id": ["A"], "politikomraade_id": ["P"],
                      "beloeb_kr": [75.0], "budgettype": ["service"]})  # fmt: skip
    o = budget.opfoelgning(b, f, p, 2026, PR).select("enhed_id", "forventet_afvigelse_kr")
    assert o.rows() == [("A", 30.0), ("B", 0.0)]
    assert prognoser_ovenpaa(snap, nye.tail(1), 2026, PR) is snap
