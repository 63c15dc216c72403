"""AppTest: the Økonomi page on the demo municipality (follow-up table per drill level
Kommune → Udvalg → Politikområde → Center → Institution, drill-down via URL, filters,
charts). Hand-computed figures on a small source set: tests/test_oekonomi_regler_side.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.faelles import format as fmt
from dashboard.visning import overblik
from modeller import budget, styringsregler
from modeller.styringsregler import STANDARD
from tests.apptest import al_tekst, kør, plotly_specs, tabeller, tal

BELOEB = ("Korrigeret budget", "Forbrug til dato", "Forventet regnskab", "Forventet afvigelse")

VIST_SOM: dict[str, Callable[[float], str]] = {
    "Korrigeret budget": fmt.mio,
    "Forbrug til dato": fmt.mio,
    "Forventet regnskab": fmt.mio,
    "Forventet afvigelse": lambda x: fmt.mio(x, fortegn=True),
    "Ændring siden forrige": lambda x: fmt.mio(x, fortegn=True),
    "Ramme (i rammen)": fmt.mio,
    "Forventet i rammen": fmt.mio,
    "Afvigelse mod rammen": lambda x: fmt.mio(x, fortegn=True),
    "Afvigelse uden for rammen": lambda x: fmt.mio(x, fortegn=True),
    "Forventet overførsel (ud)": fmt.mio,
}
"""How the table shows an amount in kr.: mio. kr. with one decimal, deviations signed."""

REGEL_KOLONNE = {
    "Korrigeret budget": "korrigeret_budget_kr",
    "Forbrug til dato": "forbrug_kr",
    "Forventet regnskab": "forventet_forbrug_kr",
    "Forventet afvigelse": "forventet_afvigelse_kr",
    "Forventet overførsel (ud)": "forventet_overfoersel_ud_kr",
    "Ramme (i rammen)": "ramme_korrigeret_budget_kr",
    "Forventet i rammen": "ramme_forventet_forbrug_kr",
    "Afvigelse mod rammen": "ramme_forventet_afvigelse_kr",
    "Afvigelse uden for rammen": "uden_for_ramme_forventet_afvigelse_kr",
}
"""Shown column → the rule's column."""

AFRUNDING = 0.05
"""Half the last shown digit (mio. kr.): the most a shown amount differs from its value."""

BU = "Børne- og Ungeudvalget"


def tabel(at: AppTest) -> pd.DataFrame:
    """The follow-up table (the one with row selection, key "oek_tabel_…") as the user
    reads it (text; the "Afvigelse" label as text)."""
    for d, df in zip(at.dataframe, tabeller(at), strict=True):
        if (d.key or "").startswith("oek_tabel_"):
            return df  # type: ignore[no-any-return]
    raise AssertionError("ingen opfølgningstabel på siden")


def fordeling(at: AppTest) -> pd.DataFrame:
    """The split by budget type (the table whose first column is "Budgettype")."""
    return next(t for t in tabeller(at) if t.columns[0] == "Budgettype")  # type: ignore[no-any-return]


def summen_passer(rk: pd.DataFrame, i_alt: str, kol: str) -> None:
    """The shown "I alt" equals the sum of the shown rows up to display rounding: each
    row and the total are off by at most `AFRUNDING`."""
    raekker = [tal(x) for x in rk[kol]]
    assert sum(raekker) == pytest.approx(tal(i_alt), abs=(len(raekker) + 1) * AFRUNDING), kol


def linjer(df: pd.DataFrame) -> pd.DataFrame:
    """The table without its "I alt" row (asserting it is last)."""
    assert df.iloc[-1, 0] == "I alt"
    return df.iloc[:-1]


def _opfoelgning(**kw: Any) -> pl.DataFrame:
    s = data.load_snapshot(None)
    pr = s.manifest.data_as_of
    assert pr is not None
    return budget.opfoelgning(
        s["budget"], s["forbrug"], s["prognoser"], 2026, pr, indstillinger=STANDARD, **kw
    )


def regel(niveau: budget.Niveau, **filtre: Any) -> pl.DataFrame:
    """The budget rule itself on the newest demo snapshot (standard settings: the demo
    fixture has no oekonomi.toml), flagged with the standard thresholds."""
    s = data.load_snapshot(None)
    if niveau == "udvalg":
        rul = budget.udvalg_oversigt(_opfoelgning(), s["politikomraader"], **filtre)
    else:
        rul = budget.rul_op(
            _opfoelgning(), s["organisation"], s["politikomraader"], niveau, **filtre
        )
    return budget.marker_afvigelser(rul, STANDARD.taerskler)


def raekker_lig_reglen(
    df: pd.DataFrame, forventet: pl.DataFrame, kolonner: tuple[str, ...]
) -> None:
    """Every shown row (by name) equals the rule's row, formatted as the page does, and
    the deviation label follows the rule's flag."""
    rk = linjer(df)
    navn = df.columns[0]
    assert sorted(rk[navn]) == sorted(forventet["navn"].to_list())
    efter_navn = {r["navn"]: r for r in forventet.iter_rows(named=True)}
    for _, r in rk.iterrows():
        f = efter_navn[r[navn]]
        for kol in kolonner:
            assert r[kol] == VIST_SOM[kol](f[REGEL_KOLONNE[kol]]), (r[navn], kol)
        afv = f["forventet_afvigelse_kr"]
        ventet = ("▲ Merforbrug" if afv > 0 else "▼ Mindreforbrug") if f["er_afvigelse"] else ""
        assert r["Afvigelse"] == ventet, r[navn]


def test_total_er_summen_af_linjerne_og_lig_overblik(app_data: Path) -> None:
    at = kør("oekonomi")
    df = tabel(at)
    assert list(df.columns[:2]) == ["Udvalg", "Afvigelse"]
    for kol in (
        "Oprindeligt budget",
        "Forbrugsprocent",
        "Forklaring",
        "Prognose",
        "Ramme (i rammen)",
        "Forventet i rammen",
        "Afvigelse mod rammen",
        "Afvigelse uden for rammen",
        "Ændring siden forrige",
        "Overførsel (ind)",
        "Forventet overførsel (ud)",
    ):
        assert kol in df.columns
    i_alt = df.iloc[-1]
    rk = linjer(df)
    s = data.load_snapshot(None)
    assert len(rk) == s["politikomraader"]["udvalg"].n_unique() == 7  # every udvalg
    assert s.manifest.data_as_of is not None
    noegletal = overblik.noegletal(s.id, 2026, s.manifest.data_as_of)
    for kol in BELOEB:
        summen_passer(rk, i_alt[kol], kol)
        assert i_alt[kol] == VIST_SOM[kol](noegletal[REGEL_KOLONNE[kol]]), kol
    # The key figures above the table show the same totals (in mio. kr.), labelled with
    # what the grand total contains.
    metrik = {m.label: m.value for m in at.metric}
    assert metrik["Korrigeret budget, mio. kr."] == fmt.mio(noegletal["korrigeret_budget_kr"])
    assert metrik["Forventet afvigelse, mio. kr."] == fmt.mio(
        noegletal["forventet_afvigelse_kr"], fortegn=True
    )
    tekst = al_tekst(at)
    assert "**I alt (service, indkomstoverførsler og anlæg)** · Hele kommunen" in tekst
    # Footnotes come from the rules in force (here: the standard settings).
    assert styringsregler.fodnote_fortegn() in tekst
    assert styringsregler.fodnote_taerskler(STANDARD) in tekst
    assert "Afvigelse: over 1 mio. kr. eller over 2 % af korrigeret budget." in tekst
    assert styringsregler.fodnote_overfoersel(STANDARD) in tekst
    mangler = int(budget.total(_opfoelgning())["antal_prognose_mangler"][0])
    assert mangler >= 1  # the demo has a line without forecast
    assert styringsregler.fodnote_mangler_prognose(mangler) in tekst


def test_udvalg_viser_rammen_mod_prognosen_efter_reglen(app_data: Path) -> None:
    df = tabel(kør("oekonomi"))
    raekker_lig_reglen(df, regel("udvalg"), tuple(REGEL_KOLONNE))
    i_alt = df.iloc[-1]
    forventet = regel("udvalg")
    for kol in ("Ramme (i rammen)", "Afvigelse mod rammen", "Afvigelse uden for rammen"):
        assert i_alt[kol] == VIST_SOM[kol](forventet[REGEL_KOLONNE[kol]].sum()), kol
    # The frame (service) and the money outside it add up to the whole deviation.
    for _, r in df.iterrows():
        samlet = tal(r["Afvigelse mod rammen"]) + tal(r["Afvigelse uden for rammen"])
        assert samlet == pytest.approx(tal(r["Forventet afvigelse"]), abs=3 * AFRUNDING)


def test_undtagelser_har_ikon_og_ord_og_foelger_reglen(app_data: Path) -> None:
    rk = linjer(tabel(kør("oekonomi", udvalg=BU)))
    forventet = regel("politikomraade", udvalg=BU).filter(pl.col("er_afvigelse"))
    vist = rk[rk["Afvigelse"] != ""]
    assert sorted(vist["Politikområde"]) == sorted(forventet["navn"].to_list())
    afvigelse = dict(forventet.select("navn", "forventet_afvigelse_kr").iter_rows())
    for _, r in vist.iterrows():
        kr = afvigelse[r["Politikområde"]]
        assert r["Forventet afvigelse"] == VIST_SOM["Forventet afvigelse"](kr)
        assert r["Afvigelse"] == ("▲ Merforbrug" if kr > 0 else "▼ Mindreforbrug")
        assert r["Forventet afvigelse"][0] == ("+" if kr > 0 else fmt.MINUS)


@pytest.mark.parametrize(
    ("parametre", "kolonne"),
    [
        ({}, "Udvalg"),
        ({"udvalg": "Social- og Ældreudvalget"}, "Politikområde"),
        ({"udvalg": "Social- og Ældreudvalget", "politikomraade": "P-AEL"}, "Center"),
        (
            {"udvalg": "Social- og Ældreudvalget", "politikomraade": "P-AEL", "center": "C-AE"},
            "Institution",
        ),
    ],
)
def test_demo_data_har_afvigelser_paa_hvert_niveau(
    app_data: Path, parametre: dict[str, str], kolonne: str
) -> None:
    df = tabel(kør("oekonomi", **parametre))
    assert df.columns[0] == kolonne
    assert (linjer(df)["Afvigelse"] != "").any(), f"ingen afvigelser på niveau {kolonne}"


def test_drill_via_url_viser_politikomraader_centre_og_institutioner(app_data: Path) -> None:
    at = kør("oekonomi", udvalg=BU)
    df = tabel(at)
    assert df.columns[0] == "Politikområde"
    forventet = regel("politikomraade", udvalg=BU)
    raekker_lig_reglen(df, forventet, BELOEB)
    assert set(linjer(df)["Udvalg"]) == {BU}
    assert [b.label for b in at.button if b.label in ("Hele kommunen", "⬆ Op et niveau")] == [
        "Hele kommunen",
        "⬆ Op et niveau",
    ]
    assert f"**{fmt.ren(BU)}**" in al_tekst(at)

    at = kør("oekonomi", udvalg=BU, politikomraade="P-DAG")
    df = tabel(at)
    assert df.columns[0] == "Center"
    assert "Udvalg" not in df.columns
    forventet = regel("center", politikomraade_id="P-DAG")
    raekker_lig_reglen(df, forventet, BELOEB)
    assert df.iloc[-1]["Korrigeret budget"] == fmt.mio(forventet["korrigeret_budget_kr"].sum())
    tekst = al_tekst(at)
    assert "**Dagtilbud**" in tekst
    assert [b.label for b in at.button if b.label in ("Hele kommunen", BU, "⬆ Op et niveau")] == [
        "Hele kommunen",
        BU,
        "⬆ Op et niveau",
    ]

    at = kør("oekonomi", udvalg=BU, politikomraade="P-DAG", center="C-BU")
    df = tabel(at)
    assert df.columns[0] == "Institution"
    forventet = regel("institution", politikomraade_id="P-DAG", center_id="C-BU")
    raekker_lig_reglen(df, forventet, BELOEB)
    assert "Pedersborg Børnehus" in set(linjer(df)["Institution"])
    assert "**Center for Børn og Unge**" in al_tekst(at)
    assert {"Hele kommunen", BU, "Dagtilbud", "⬆ Op et niveau"} <= {b.label for b in at.button}


def test_politikomraade_uden_udvalg_faar_sit_udvalg_i_url(app_data: Path) -> None:
    """An older link (politikområde and centre, no udvalg) opens the same view, and the
    politikområde's udvalg is added to the URL."""
    at = kør("oekonomi", politikomraade="P-DAG", center="C-BU")
    assert at.query_params.get("udvalg") == BU
    assert tabel(at).columns[0] == "Institution"
    assert {"Hele kommunen", BU, "Dagtilbud"} <= {b.label for b in at.button}


def test_politikomraade_fra_et_andet_udvalg_falder_vaek(app_data: Path) -> None:
    at = kør("oekonomi", udvalg=BU, politikomraade="P-AEL")
    assert at.query_params.get("udvalg") == BU
    assert "politikomraade" not in at.query_params
    assert tabel(at).columns[0] == "Politikområde"


def test_op_et_niveau_og_broedkrumme_skriver_url(app_data: Path) -> None:
    at = kør("oekonomi", udvalg=BU, politikomraade="P-DAG", center="C-BU")
    next(b for b in at.button if b.label == "⬆ Op et niveau").click().run()
    assert at.query_params.get("politikomraade") == "P-DAG"
    assert at.query_params.get("udvalg") == BU
    assert "center" not in at.query_params
    assert tabel(at).columns[0] == "Center"
    next(b for b in at.button if b.label == BU).click().run()
    assert "politikomraade" not in at.query_params
    assert at.query_params.get("udvalg") == BU
    assert tabel(at).columns[0] == "Politikområde"
    next(b for b in at.button if b.label == "Hele kommunen").click().run()
    assert "udvalg" not in at.query_params
    assert tabel(at).columns[0] == "Udvalg"
    assert "⬆ Op et niveau" not in {b.label for b in at.button}


def test_ukendt_id_giver_note_og_topniveau(app_data: Path) -> None:
    at = kør("oekonomi", politikomraade="P-FINDES-IKKE", center="C-BU")
    assert any("ukendt værdi for politikområde" in i.value for i in at.info)
    assert tabel(at).columns[0] == "Udvalg"
    assert "center" not in at.query_params and "politikomraade" not in at.query_params

    at = kør("oekonomi", udvalg="Findes ikke-udvalget")
    assert any("ukendt værdi for udvalg" in i.value for i in at.info)
    assert tabel(at).columns[0] == "Udvalg"

    at = kør("oekonomi", politikomraade="P-DAG", center="<b>x</b>")
    assert any("ukendt værdi for center" in i.value for i in at.info)
    assert tabel(at).columns[0] == "Center"


def test_filtre_indsnaevrer_raekkerne(app_data: Path) -> None:
    alle = linjer(tabel(kør("oekonomi", udvalg=BU)))

    df = tabel(kør("oekonomi", budgettype="anlaeg"))
    forventet = regel("udvalg", budgettyper="anlaeg")
    assert 0 < len(linjer(df)) < 7  # only the udvalg with anlæg
    raekker_lig_reglen(df, forventet, BELOEB)
    assert df.iloc[-1]["Korrigeret budget"] == fmt.mio(forventet["korrigeret_budget_kr"].sum())
    assert set(linjer(df)["Ramme (i rammen)"]) == {fmt.mio(0.0)}  # anlæg is outside the frame

    at = kør("oekonomi", udvalg=BU, kun_afvigelser="1")
    rk = linjer(tabel(at))
    assert 0 < len(rk) < len(alle)
    assert (rk["Afvigelse"] != "").all()
    summen_passer(rk, tabel(at).iloc[-1]["Korrigeret budget"], "Korrigeret budget")
    assert "Kun afvigelser vises" in al_tekst(at)


def test_fordeling_paa_budgettyper_er_reglens(app_data: Path) -> None:
    at = kør("oekonomi", udvalg=BU)
    df = fordeling(at)
    forventet = budget.fordel_pr_budgettype(
        _opfoelgning().join(
            data.load_snapshot(None)["politikomraader"].filter(pl.col("udvalg") == BU),
            on="politikomraade_id",
            how="semi",
        ),
        i_alt=True,
    )
    assert list(df["Budgettype"]) == [
        "Service",
        "Indkomstoverførsler",
        "Anlæg",
        "I alt (service, indkomstoverførsler og anlæg)",
    ]
    for (_, r), f in zip(df.iterrows(), forventet.iter_rows(named=True), strict=True):
        assert r["Korrigeret budget"] == fmt.mio(f["korrigeret_budget_kr"])
        assert r["Forventet regnskab"] == fmt.mio(f["forventet_forbrug_kr"])
        assert r["Forventet afvigelse"] == fmt.mio(f["forventet_afvigelse_kr"], fortegn=True)
        assert r["Tidsforskydning"] == fmt.mio(f["tidsforskydning_kr"])
    # The grand total of the split is the follow-up table's total.
    assert df.iloc[-1]["Korrigeret budget"] == tabel(at).iloc[-1]["Korrigeret budget"]
    assert df.iloc[-1]["Forventet afvigelse"] == tabel(at).iloc[-1]["Forventet afvigelse"]


def test_aendring_siden_forrige_snapshot(app_data: Path) -> None:
    at = kør("oekonomi")
    df = tabel(at)
    s = data.load_snapshot(None)
    forrige = data.forrige_manifest(s.manifest)
    assert forrige is not None and forrige.data_as_of is not None
    gammel = data.load_snapshot(forrige.snapshot_id)
    foer = budget.opfoelgning(
        gammel["budget"], gammel["forbrug"], gammel["prognoser"], 2026, forrige.data_as_of
    )
    foer_afv = budget.total(foer)["forventet_afvigelse_kr"][0]
    assert s.manifest.data_as_of is not None
    nu_afv = overblik.noegletal(s.id, 2026, s.manifest.data_as_of)["forventet_afvigelse_kr"]
    assert nu_afv is not None
    i_alt = df.iloc[-1]
    assert i_alt["Forventet afvigelse"] == VIST_SOM["Forventet afvigelse"](nu_afv)
    assert i_alt["Ændring siden forrige"] == VIST_SOM["Ændring siden forrige"](nu_afv - foer_afv)
    assert "Siden Budgetopfølgning 31\\. maj 2026" in al_tekst(at)
    assert "Største ændringer:" in al_tekst(at)

    aeldste = kør("oekonomi", snapshot=forrige.snapshot_id)
    assert (tabel(aeldste)["Ændring siden forrige"] == "–").all()  # no previous: no change
    assert "Største ændringer" not in al_tekst(aeldste)


def test_anlaeg_pr_projekt_forsinket_projekt_og_service_uden_anlaeg(app_data: Path) -> None:
    """The delayed demo project AP-01 (C-BU on Skoler) shows its tidsforskydning and
    comment; the service lines of C-BU on Skoler no longer absorb that underspend."""
    at = kør("oekonomi", udvalg=BU, politikomraade="P-SKO")
    anlaeg = next(t for t in tabeller(at) if t.columns[0] == "Projekt")
    s = data.load_snapshot(None)
    assert s.manifest.data_as_of is not None
    projekter = budget.anlaeg_pr_projekt(
        _opfoelgning(budgettyper=["anlaeg"]),
        s["anlaegsprojekter"],
        s["forbrug"],
        2026,
        s.manifest.data_as_of,
    ).filter(pl.col("politikomraade_id") == "P-SKO")
    assert list(anlaeg["Projekt"]) == projekter["navn"].to_list()
    ap01 = projekter.filter(pl.col("projekt_id") == "AP-01").row(0, named=True)
    r = anlaeg[anlaeg["Projekt"] == ap01["navn"]].iloc[0]
    assert ap01["tidsforskydning_kr"] > 1_000_000  # delayed: a real shift in time
    assert r["Tidsforskydning"] == fmt.mio(ap01["tidsforskydning_kr"])
    assert r["Anlægsbevilling"] == fmt.mio(ap01["anlaegsbevilling_kr"])
    assert r["Rådighedsbeløb i år"] == fmt.mio(ap01["raadighedsbeloeb_kr"])
    assert r["Forbrug i år"] == fmt.mio(ap01["forbrug_kr"])
    assert r["Forbrug i alt"] == fmt.mio(ap01["forbrug_i_alt_kr"])
    assert r["Forventet i år"] == fmt.mio(ap01["forventet_forbrug_kr"])
    assert r["Forklaring"] == ap01["prognose_kommentar"]
    assert "byggestarten er udskudt" in r["Forklaring"]

    # Filtered to service, the centre's row carries only service: the anlæg underspend
    # is not in it, and its deviation is the service rule's.
    at = kør("oekonomi", udvalg=BU, politikomraade="P-SKO", budgettype="service")
    df = tabel(at)
    service = regel("center", politikomraade_id="P-SKO", budgettyper="service")
    bu = service.filter(pl.col("center_id") == "C-BU").row(0, named=True)
    alle = regel("center", politikomraade_id="P-SKO").filter(pl.col("center_id") == "C-BU")
    anlaeg_afv = alle["forventet_afvigelse_kr"][0] - bu["forventet_afvigelse_kr"]
    assert anlaeg_afv == pytest.approx(-float(projekter["tidsforskydning_kr"].sum()), abs=1)
    assert bu["forventet_afvigelse_kr"] > 0  # service overspends on Skoler
    r = df[df["Center"] == "Center for Børn og Unge"].iloc[0]
    assert r["Forventet afvigelse"] == fmt.mio(bu["forventet_afvigelse_kr"], fortegn=True)
    assert not any(t.columns[0] == "Projekt" for t in tabeller(at))  # no anlæg when filtered


def test_grafer(app_data: Path) -> None:
    specs = plotly_specs(kør("oekonomi", politikomraade="P-AEL", profil="sidste_aar"))
    bullet, forloeb, vandfald = specs
    navne = [t.get("name") for t in bullet["data"]]
    assert navne[:4] == [
        "Korrigeret budget",
        "Forbrug til dato",
        "Forventet forbrug til dato (budgetprofil)",
        "Forventet regnskab",
    ]
    assert bullet["data"][0]["orientation"] == "h"
    assert bullet["data"][0]["customdata"] == [["C-AE"]]  # the drill id of the centre
    assert bullet["layout"]["separators"] == ",."

    assert forloeb["data"][0]["x"][0] == "jan" and len(forloeb["data"][0]["x"]) == 12
    fnavne = [t.get("name") for t in forloeb["data"]]
    assert "Budgetprofil (sidste års mønster)" in fnavne
    assert {"Forbrug 2026", "Forbrug 2025", "Forventet regnskab"} <= set(fnavne)
    assert "Fremskrivning af forbrugstakt (ikke en prognose)" in fnavne

    wf = vandfald["data"][0]
    assert wf["type"] == "waterfall"
    assert wf["measure"] == ["absolute", "relative", "relative", "relative", "total"]
    s = data.load_snapshot(None)
    korr = budget.vandfald(s["budget"], 2026, politikomraade_id="P-AEL")["beloeb_kr"][4]
    assert sum(wf["y"][:4]) == pytest.approx(korr / 1e6)


def test_ukendt_profil_og_budgettype_giver_note(app_data: Path) -> None:
    at = kør("oekonomi", profil="kvartal", budgettype="service,xyz")
    tekst = " ".join(i.value for i in at.info)
    assert "ukendt værdi for budgetprofil" in tekst
    assert "ukendte værdier for budgettype" in tekst
    assert "Budgetprofil (lineær)" in [t.get("name") for t in plotly_specs(at)[1]["data"]]


def test_praesentation_skjuler_forklaringer(app_data: Path) -> None:
    at = kør("oekonomi", praesentation="1")
    assert "Grå søjle" not in al_tekst(at)
    # The split, the follow-up table and the projects; not the chart's figures table.
    forste = [t.columns[0] for t in tabeller(at)]
    assert forste == ["Budgettype", "Udvalg", "Projekt"]
    assert len(plotly_specs(at)) == 3


def test_maanedsgrafens_tal_staar_ogsaa_i_en_tabel(app_data: Path) -> None:
    """No information only on hover: the monthly chart's figures are in a table too."""
    at = kør("oekonomi")
    maaneder = next(t for t in tabeller(at) if "Måned" in t.columns)
    assert list(maaneder["Måned"])[:3] == ["jan", "feb", "mar"]
    assert len(maaneder) == 12
    s = data.load_snapshot(None)
    assert s.manifest.data_as_of is not None
    serie = budget.maanedsforloeb(s["forbrug"], s["budget"], 2026)
    assert list(maaneder["Forbrug i år, akkumuleret"])[:9] == [
        fmt.mio(x) for x in serie["akkumuleret_forbrug_kr"].to_list()[:9]
    ]
