"""Tests for the agreement rules on tiny frames (modeller/aftaler.py)."""

from __future__ import annotations

from datetime import date

import polars as pl

from modeller import aftaler
from modeller.aarshjul import STANDARD

ORG = pl.DataFrame(
    {
        "enhed_id": ["K", "DIR", "C1", "C2", "I1", "I2", "I3"],
        "navn": ["Kommunen", "Direktionen", "Center 1", "Center 2", "Inst 1", "Inst 2", "Inst 3"],
        "type": [
            "kommune",
            "direktion",
            "center",
            "center",
            "institution",
            "institution",
            "institution",
        ],
        "overordnet_id": [None, "K", "DIR", "DIR", "C1", "C1", "C2"],
    }
)


def aft(*raekker: tuple[str, str, int, int, str | None]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "aftale_id": a,
                "enhed_id": e,
                "aar_fra": f,
                "aar_til": t,
                "status": s,
                "indgaaet_dato": None,
            }
            for a, e, f, t, s in raekker
        ],
        schema={
            "aftale_id": pl.String,
            "enhed_id": pl.String,
            "aar_fra": pl.Int32,
            "aar_til": pl.Int32,
            "status": pl.String,
            "indgaaet_dato": pl.Date,
        },
    )


def maal(*raekker: tuple[str, str | None]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"maal_id": m, "aftale_id": a} for m, a in raekker],
        schema={"maal_id": pl.String, "aftale_id": pl.String},
    )


def mstatus(*raekker: tuple[str, str, str, date | None]) -> pl.DataFrame:
    """maal_id, status, kilde, vurdering_dato (as from the shared status rule)."""
    return pl.DataFrame(
        [{"maal_id": m, "status": s, "kilde": k, "vurdering_dato": d} for m, s, k, d in raekker],
        schema={
            "maal_id": pl.String,
            "status": pl.String,
            "kilde": pl.String,
            "vurdering_dato": pl.Date,
        },
    )


INGEN_MAAL = maal()
INGEN_STATUS = mstatus()


def test_niveau_og_modpart_fra_enhedstype() -> None:
    df = aftaler.med_parter(
        aft(
            ("A1", "DIR", 2026, 2026, "indgaaet"),
            ("A2", "C1", 2026, 2026, "indgaaet"),
            ("A3", "I3", 2026, 2026, "udkast"),
            ("A0", "K", 2026, 2026, "indgaaet"),
        ),
        ORG,
    )
    r = {x["aftale_id"]: x for x in df.iter_rows(named=True)}
    assert (r["A1"]["niveau"], r["A1"]["modpart_navn"], r["A1"]["modpart_id"]) == (
        1,
        "Byråd/fagudvalg",
        None,
    )
    assert (r["A2"]["niveau"], r["A2"]["modpart_navn"], r["A2"]["modpart_id"]) == (
        2,
        "Direktionen",
        "DIR",
    )
    assert (r["A3"]["niveau"], r["A3"]["modpart_navn"], r["A3"]["center_id"]) == (
        3,
        "Center 2",
        "C2",
    )
    assert r["A2"]["center_id"] == "C1"
    assert r["A0"]["niveau"] is None and r["A0"]["modpart_navn"] is None
    assert df["aftale_id"].to_list() == ["A1", "A2", "A3", "A0"]  # by level, kommune last


def test_tom_status_bliver_effektiv_status() -> None:
    df = aft(("A1", "C1", 2026, 2026, None), ("A2", "C2", 2026, 2026, None)).with_columns(
        indgaaet_dato=pl.Series([date(2026, 1, 10), None], dtype=pl.Date)
    )
    r = dict(aftaler.med_parter(df, ORG).select("aftale_id", "status").iter_rows())
    assert r == {"A1": "indgaaet", "A2": "udkast"}


def test_enhed_uden_aftale_listes_kommunen_ikke() -> None:
    a = aft(
        ("A1", "DIR", 2026, 2026, "indgaaet"),
        ("A2", "C1", 2025, 2026, "indgaaet"),  # two-year agreement covers 2026
        ("A3", "I1", 2026, 2026, "udkast"),  # a draft counts as an agreement
        ("A4", "I2", 2025, 2025, "opfulgt"),  # last year's only
    )
    df = aftaler.mangler_aftale(ORG, a, 2026)
    assert df["enhed_id"].to_list() == ["C2", "I2", "I3"]
    r = {x["enhed_id"]: x for x in df.iter_rows(named=True)}
    assert (r["C2"]["niveau"], r["C2"]["modpart_navn"]) == (2, "Direktionen")
    assert (r["I3"]["niveau"], r["I3"]["modpart_navn"], r["I3"]["center_navn"]) == (
        3,
        "Center 2",
        "Center 2",
    )
    assert aftaler.mangler_aftale(ORG, a, 2025)["enhed_id"].to_list() == ["DIR", "C2", "I1", "I3"]


def test_maal_pr_aftale_taeller_status_og_seneste_vurdering() -> None:
    m = maal(("M1", "A1"), ("M2", "A1"), ("M3", "A1"), ("M4", None))
    ms = mstatus(
        ("M1", "i_risiko", "vurdering", date(2026, 6, 15)),
        ("M2", "i_risiko", "indikatorer", date(2026, 9, 20)),
        ("M4", "opfyldt", "vurdering", date(2026, 9, 30)),
    )
    r = aftaler.maal_pr_aftale(m, ms).row(0, named=True)
    assert r["aftale_id"] == "A1" and r["antal_maal"] == 3
    assert (r["antal_i_risiko"], r["antal_ikke_vurderet"], r["antal_opfyldt"]) == (2, 1, 0)
    assert r["seneste_vurdering"] == date(2026, 9, 20)


def test_aftale_uden_maal_har_nul_og_er_ikke_forsinket() -> None:
    reg = aftaler.register(
        aft(("A1", "C1", 2026, 2026, "indgaaet")),
        ORG,
        INGEN_MAAL,
        INGEN_STATUS,
        2026,
        date(2026, 9, 30),
        STANDARD,
    )
    r = reg.row(0, named=True)
    assert r["antal_maal"] == 0 and r["antal_opfyldt"] == 0 and r["seneste_vurdering"] is None
    assert r["mangler_opfoelgning"] is False and r["aarsag"] is None


def test_register_kun_aftaler_der_daekker_aaret() -> None:
    a = aft(
        ("A1", "C1", 2025, 2025, "opfulgt"),
        ("A2", "C1", 2026, 2027, "indgaaet"),
        ("A3", "C2", 2027, 2027, "udkast"),
    )
    reg = aftaler.register(a, ORG, INGEN_MAAL, INGEN_STATUS, 2026, date(2026, 9, 30), STANDARD)
    assert reg["aftale_id"].to_list() == ["A2"]


def test_forsinket_opfoelgning_efter_periodens_frist() -> None:
    a = aft(("A1", "C1", 2025, 2025, "indgaaet"), ("A2", "C2", 2025, 2025, "opfulgt"))
    paa_dagen = aftaler.register(
        a, ORG, INGEN_MAAL, INGEN_STATUS, 2025, date(2026, 3, 31), STANDARD
    )
    assert not paa_dagen["mangler_opfoelgning"].any()  # the deadline day itself is still in time
    efter = aftaler.register(a, ORG, INGEN_MAAL, INGEN_STATUS, 2025, date(2026, 4, 1), STANDARD)
    assert dict(efter.select("aftale_id", "aarsag").iter_rows()) == {
        "A1": "ikke_fulgt_op",
        "A2": None,
    }
    assert efter["opfoelgningsfrist"].to_list() == [date(2026, 3, 31)] * 2


def test_udkast_efter_signeringsfristen() -> None:
    a = aft(("A1", "I1", 2026, 2026, "udkast"), ("A2", "I2", 2026, 2026, "indgaaet"))
    reg = aftaler.register(a, ORG, INGEN_MAAL, INGEN_STATUS, 2026, date(2026, 1, 5), STANDARD)
    assert dict(reg.select("aftale_id", "aarsag").iter_rows()) == {
        "A1": "ikke_indgaaet",
        "A2": None,
    }
    foer = aftaler.register(a, ORG, INGEN_MAAL, INGEN_STATUS, 2026, date(2025, 12, 31), STANDARD)
    assert not foer["mangler_opfoelgning"].any()


def test_maal_uden_opfoelgning_siden_sidste_frist() -> None:
    # pr 30/9: the window for the 30/9 follow-up opened after 31/5.
    a = aft(
        ("A1", "C1", 2026, 2026, "indgaaet"),
        ("A2", "C2", 2026, 2026, "indgaaet"),
        ("A3", "I1", 2026, 2026, "indgaaet"),
    )
    m = maal(("M1", "A1"), ("M2", "A1"), ("M3", "A2"), ("M4", "A3"))
    ms = mstatus(
        ("M1", "paa_sporet", "vurdering", date(2026, 9, 20)),
        ("M2", "i_risiko", "vurdering", date(2026, 5, 31)),  # belongs to the previous follow-up
        ("M3", "paa_sporet", "indikatorer", None),  # indicators speak for it
        ("M4", "ikke_vurderet", "ingen", None),
    )
    reg = aftaler.register(a, ORG, m, ms, 2026, date(2026, 9, 30), STANDARD)
    r = {x["aftale_id"]: x for x in reg.iter_rows(named=True)}
    assert (r["A1"]["aarsag"], r["A1"]["antal_uden_opfoelgning"]) == ("maal_uden_opfoelgning", 1)
    assert (r["A2"]["aarsag"], r["A2"]["antal_uden_opfoelgning"]) == (None, 0)
    assert (r["A3"]["aarsag"], r["A3"]["antal_uden_opfoelgning"]) == ("maal_uden_opfoelgning", 1)


def test_ingen_vurderingsfrist_endnu_i_aftaleperioden() -> None:
    # A 2027 agreement viewed on 15/2/2027: no assessment deadline has passed in its period.
    a = aft(("A1", "C1", 2027, 2027, "indgaaet"))
    m = maal(("M1", "A1"))
    ms = mstatus(("M1", "ikke_vurderet", "ingen", None))
    reg = aftaler.register(a, ORG, m, ms, 2027, date(2027, 2, 15), STANDARD)
    assert reg["aarsag"].to_list() == [None]
    senere = aftaler.register(a, ORG, m, ms, 2027, date(2027, 4, 1), STANDARD)
    assert senere["aarsag"].to_list() == ["maal_uden_opfoelgning"]


def test_kommende_inden_for_30_dage() -> None:
    # pr 5/12/2026: the 2027 agreements must be signed by 31/12/2026.
    a = aft(
        ("A1", "I1", 2027, 2027, "udkast"),
        ("A2", "I2", 2027, 2027, "indgaaet"),
        ("A3", "I3", 2027, 2027, "udkast"),
    )
    reg = aftaler.register(a, ORG, INGEN_MAAL, INGEN_STATUS, 2027, date(2026, 12, 5), STANDARD)
    k = aftaler.kommende(reg, INGEN_MAAL, INGEN_STATUS, date(2026, 12, 5), STANDARD)
    assert k.select("opgave", "aftale_id", "frist").rows() == [
        ("indgaaelse", "A1", date(2026, 12, 31)),
        ("indgaaelse", "A3", date(2026, 12, 31)),
    ]
    tidligt = aftaler.kommende(reg, INGEN_MAAL, INGEN_STATUS, date(2026, 11, 30), STANDARD)
    assert tidligt.is_empty()  # 31 days before the deadline


def test_kommende_vurdering_foer_naeste_frist() -> None:
    a = aft(("A1", "C1", 2026, 2026, "indgaaet"), ("A2", "C2", 2026, 2026, "opfulgt"))
    m = maal(("M1", "A1"), ("M2", "A1"), ("M3", "A1"), ("M4", "A2"))
    ms = mstatus(
        ("M1", "paa_sporet", "vurdering", date(2026, 6, 15)),  # fresh since 31/5
        ("M2", "i_risiko", "vurdering", date(2026, 4, 1)),
        ("M3", "ikke_vurderet", "ingen", None),
        ("M4", "ikke_vurderet", "ingen", None),
    )
    pr = date(2026, 9, 10)
    reg = aftaler.register(a, ORG, m, ms, 2026, pr, STANDARD)
    k = aftaler.kommende(reg, m, ms, pr, STANDARD)
    assert k.select("opgave", "aftale_id", "frist", "antal").rows() == [
        ("vurdering", "A1", date(2026, 9, 30), 2)
    ]
    assert aftaler.kommende(reg, m, ms, date(2026, 8, 30), STANDARD).is_empty()


def test_kommende_opfoelgning_af_sidste_aar() -> None:
    a = aft(("A1", "C1", 2026, 2026, "indgaaet"), ("A2", "C2", 2026, 2026, "opfulgt"))
    reg = aftaler.register(a, ORG, INGEN_MAAL, INGEN_STATUS, 2026, date(2027, 3, 15), STANDARD)
    k = aftaler.kommende(reg, INGEN_MAAL, INGEN_STATUS, date(2027, 3, 15), STANDARD)
    assert k.select("opgave", "aftale_id", "frist").rows() == [
        ("opfoelgning", "A1", date(2027, 3, 31))
    ]
