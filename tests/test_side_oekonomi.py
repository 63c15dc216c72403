"""AppTest: the Økonomi page (follow-up table, drill-down via URL, filters, charts)."""

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
from modeller import budget
from tests.apptest import al_tekst, kør, plotly_specs, tabeller, tal

BELOEB = ("Korrigeret budget", "Forbrug til dato", "Forventet regnskab", "Forventet afvigelse")

VIST_SOM: dict[str, Callable[[float], str]] = {
    "Korrigeret budget": fmt.mio,
    "Forbrug til dato": fmt.mio,
    "Forventet regnskab": fmt.mio,
    "Forventet afvigelse": lambda x: fmt.mio(x, fortegn=True),
    "Ændring siden forrige": lambda x: fmt.mio(x, fortegn=True),
}
"""How the table shows an amount in kr.: mio. kr. with one decimal, deviations signed."""

AFRUNDING = 0.05
"""Half the last shown digit (mio. kr.): the most a shown amount differs from its value."""


def tabel(at: AppTest) -> pd.DataFrame:
    """The follow-up table as the user reads it (text; the "Afvigelse" label as text)."""
    df: pd.DataFrame = tabeller(at)[0]
    return df


def summen_passer(rk: pd.DataFrame, i_alt: str, kol: str) -> None:
    """The shown "I alt" equals the sum of the shown rows up to display rounding: each
    row and the total are off by at most `AFRUNDING`."""
    raekker = [tal(x) for x in rk[kol]]
    assert sum(raekker) == pytest.approx(tal(i_alt), abs=(len(raekker) + 1) * AFRUNDING), kol


def linjer(df: pd.DataFrame) -> pd.DataFrame:
    """The table without its "I alt" row (asserting it is last)."""
    assert df.iloc[-1, 0] == "I alt"
    return df.iloc[:-1]


def regel(niveau: budget.Niveau, **filtre: Any) -> pl.DataFrame:
    """The budget rule itself on the newest demo snapshot, for comparison."""
    s = data.load_snapshot(None)
    pr = s.manifest.data_as_of
    assert pr is not None
    linjer_ = budget.opfoelgning(s["budget"], s["forbrug"], s["prognoser"], 2026, pr)
    rul = budget.rul_op(linjer_, s["organisation"], s["politikomraader"], niveau, **filtre)
    return budget.marker_afvigelser(rul)


def test_total_er_summen_af_linjerne_og_lig_overblik(app_data: Path) -> None:
    at = kør("oekonomi")
    df = tabel(at)
    assert list(df.columns[:2]) == ["Politikområde", "Afvigelse"]
    for kol in (
        "Udvalg",
        "Oprindeligt budget",
        "Forbrugsprocent",
        "Ændring siden forrige",
        "Overførsel (ind)",
        "Forventet overførsel (ud)",
    ):
        assert kol in df.columns
    i_alt = df.iloc[-1]
    rk = linjer(df)
    assert len(rk) == 15  # every politikområde of the demo municipality
    s = data.load_snapshot(None)
    assert s.manifest.data_as_of is not None
    noegletal = overblik.noegletal(s.id, 2026, s.manifest.data_as_of)
    noegler = dict(
        zip(
            BELOEB,
            (
                "korrigeret_budget_kr",
                "forbrug_kr",
                "forventet_forbrug_kr",
                "forventet_afvigelse_kr",
            ),
            strict=True,
        )
    )
    for kol, noegle in noegler.items():
        summen_passer(rk, i_alt[kol], kol)
        assert i_alt[kol] == VIST_SOM[kol](noegletal[noegle]), kol
    # The key figures above the table show the same totals (in mio. kr.).
    metrik = {m.label: m.value for m in at.metric}
    assert metrik[
        "Korrigeret budget, mio. kr."
    ] == f"{noegletal['korrigeret_budget_kr'] / 1e6:,.1f}".replace(",", "X").replace(
        ".", ","
    ).replace("X", ".")
    tekst = al_tekst(at)
    assert "positiv = merforbrug" in tekst and "indtægter negative" in tekst
    assert "over 1,0 mio. kr. eller over 2 %" in tekst


def test_undtagelser_har_ikon_og_ord_og_foelger_reglen(app_data: Path) -> None:
    rk = linjer(tabel(kør("oekonomi")))
    forventet = regel("politikomraade").filter(pl.col("er_afvigelse"))
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
        ({}, "Politikområde"),
        ({"politikomraade": "P-AEL"}, "Center"),
        ({"politikomraade": "P-AEL", "center": "C-AE"}, "Institution"),
    ],
)
def test_demo_data_har_afvigelser_paa_hvert_niveau(
    app_data: Path, parametre: dict[str, str], kolonne: str
) -> None:
    df = tabel(kør("oekonomi", **parametre))
    assert df.columns[0] == kolonne
    assert (linjer(df)["Afvigelse"] != "").any(), f"ingen afvigelser på niveau {kolonne}"


def test_drill_via_url_viser_centre_og_derefter_institutioner(app_data: Path) -> None:
    at = kør("oekonomi", politikomraade="P-DAG")
    df = tabel(at)
    assert df.columns[0] == "Center"
    assert "Udvalg" not in df.columns
    forventet = regel("center", politikomraade_id="P-DAG")
    assert sorted(linjer(df)["Center"]) == sorted(forventet["navn"].to_list())
    assert df.iloc[-1]["Korrigeret budget"] == fmt.mio(forventet["korrigeret_budget_kr"].sum())
    tekst = al_tekst(at)
    assert "**Dagtilbud**" in tekst
    assert [b.label for b in at.button if b.label in ("Alle politikområder", "⬆ Op et niveau")] == [
        "Alle politikområder",
        "⬆ Op et niveau",
    ]

    at = kør("oekonomi", politikomraade="P-DAG", center="C-BU")
    df = tabel(at)
    assert df.columns[0] == "Institution"
    forventet = regel("institution", politikomraade_id="P-DAG", center_id="C-BU")
    assert sorted(linjer(df)["Institution"]) == sorted(forventet["navn"].to_list())
    assert "Pedersborg Børnehus" in set(linjer(df)["Institution"])
    assert "**Center for Børn og Unge**" in al_tekst(at)
    assert {"Alle politikområder", "Dagtilbud", "⬆ Op et niveau"} <= {b.label for b in at.button}


def test_op_et_niveau_og_broedkrumme_skriver_url(app_data: Path) -> None:
    at = kør("oekonomi", politikomraade="P-DAG", center="C-BU")
    next(b for b in at.button if b.label == "⬆ Op et niveau").click().run()
    assert at.query_params.get("politikomraade") == "P-DAG"
    assert "center" not in at.query_params
    assert tabel(at).columns[0] == "Center"
    next(b for b in at.button if b.label == "Alle politikområder").click().run()
    assert "politikomraade" not in at.query_params
    assert tabel(at).columns[0] == "Politikområde"


def test_ukendt_id_giver_note_og_topniveau(app_data: Path) -> None:
    at = kør("oekonomi", politikomraade="P-FINDES-IKKE", center="C-BU")
    assert any("ukendt værdi for politikområde" in i.value for i in at.info)
    assert tabel(at).columns[0] == "Politikområde"
    assert "center" not in at.query_params and "politikomraade" not in at.query_params

    at = kør("oekonomi", politikomraade="P-DAG", center="<b>x</b>")
    assert any("ukendt værdi for center" in i.value for i in at.info)
    assert tabel(at).columns[0] == "Center"


def test_filtre_indsnaevrer_raekkerne(app_data: Path) -> None:
    alle = linjer(tabel(kør("oekonomi")))

    udvalg = "Teknik- og Miljøudvalget"
    rk = linjer(tabel(kør("oekonomi", udvalg=udvalg)))
    assert 0 < len(rk) < len(alle)
    assert set(rk["Udvalg"]) == {udvalg}

    df = tabel(kør("oekonomi", budgettype="anlaeg"))
    forventet = regel("politikomraade", budgettyper="anlaeg")
    assert 0 < len(linjer(df)) < len(alle)
    assert df.iloc[-1]["Korrigeret budget"] == fmt.mio(forventet["korrigeret_budget_kr"].sum())

    at = kør("oekonomi", kun_afvigelser="1")
    rk = linjer(tabel(at))
    assert 0 < len(rk) < len(alle)
    assert (rk["Afvigelse"] != "").all()
    summen_passer(rk, tabel(at).iloc[-1]["Korrigeret budget"], "Korrigeret budget")
    assert "Kun afvigelser vises" in al_tekst(at)


def test_aendring_siden_forrige_snapshot(app_data: Path) -> None:
    at = kør("oekonomi")
    df = tabel(at)
    s = data.load_snapshot(None)
    forrige = data.forrige_manifest(s.manifest)
    assert forrige is not None and forrige.data_as_of is not None
    foer = budget.opfoelgning(
        data.load_snapshot(forrige.snapshot_id)["budget"],
        data.load_snapshot(forrige.snapshot_id)["forbrug"],
        data.load_snapshot(forrige.snapshot_id)["prognoser"],
        2026,
        forrige.data_as_of,
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
    assert len(at.dataframe) == 1 and len(plotly_specs(at)) == 3


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
