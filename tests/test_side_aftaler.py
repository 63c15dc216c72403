"""AppTest: the Aftaler page (register by level, filters in the URL, brief links, missing
agreements and follow-up, the årshjul) and the compact årshjul on Overblik."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.faelles import format as fmt
from modeller import aftaler as regler
from modeller.aarshjul import STANDARD
from modeller.demo import PEDERSBORG_ENHED_ID
from tests.apptest import al_tekst, kør, plotly_specs, tabeller, tal


def register(at: AppTest) -> list[pd.DataFrame]:
    """The register tables (one per level), in page order."""
    return [t for t in tabeller(at) if {"Aftaleholder", "Modpart", "Målstatus"} <= set(t.columns)]


def tabel_med(at: AppTest, kolonne: str) -> pd.DataFrame:
    for t in tabeller(at):
        if kolonne in t.columns:
            return t
    raise AssertionError(f"ingen tabel med kolonnen {kolonne}")


def overskrifter(at: AppTest) -> list[str]:
    return [str(m.value) for m in at.markdown if str(m.value).startswith("#### ")]


def nyeste() -> Any:
    return data.load_snapshot(None)


def test_register_pr_niveau_med_status_og_links(app_data: Path) -> None:
    at = kør("aftaler")
    assert [h.split(":")[0] for h in overskrifter(at)] == [
        "#### Niveau 1",
        "#### Niveau 2",
        "#### Niveau 3",
    ]
    n1, n2, n3 = register(at)
    # level 1: the direktion holds one agreement per fagudvalg
    assert set(n1["Aftaleholder"]) == {"Direktionen"} and set(n1["Modpart"]) == {"Byråd/fagudvalg"}
    assert len(n1) > 1
    assert set(n2["Modpart"]) == {"Direktionen"}
    # every level has every agreement status in the demo year
    for niveau in (n1, n2, n3):
        assert set(niveau["Status"]) == {"✔ Indgået", "✎ Udkast", "★ Opfulgt"}
    s = nyeste()
    ped = n3[n3["Brief"].str.contains(f"enhed={PEDERSBORG_ENHED_ID}&")]
    assert list(ped["Aftaleholder"]) == ["Pedersborg Børnehus"]
    assert (
        ped["Brief"].iloc[0] == f"dialogmoede?enhed={PEDERSBORG_ENHED_ID}&aar=2026&snapshot={s.id}"
    )
    assert ped["Modpart"].iloc[0] == "Center for Børn og Unge"
    assert ped["Mål"].iloc[0] >= 1
    # metrics agree with the rules
    tekst = al_tekst(at)
    reg = regler.register(
        s["aftaler"], s["organisation"], s["maal"], _status(s), 2026, date(2026, 9, 30), STANDARD
    )
    assert f"Aftaler 2026 {reg.height}" in tekst
    assert f"Mangler opfølgning {int(reg['mangler_opfoelgning'].sum())}" in tekst
    assert len(n1) + len(n2) + len(n3) == reg.height


def _status(s: Any) -> Any:
    from modeller import status

    return status.maal_status(
        s["maal"], s["indikatorer"], s["maalinger"], s["vurderinger"], date(2026, 9, 30)
    )


def test_forrige_aar_er_opfulgt(app_data: Path) -> None:
    at = kør("aftaler", aar="2025")
    tabs = register(at)
    assert len(tabs) == 3
    assert all(set(t["Status"]) <= {"★ Opfulgt", "✔ Indgået"} for t in tabs)
    assert "★ Opfulgt" in set(tabs[0]["Status"])


@pytest.mark.parametrize("niveau", ["1", "2", "3"])
def test_niveaufilter_fra_url(app_data: Path, niveau: str) -> None:
    at = kør("aftaler", niveau=niveau)
    assert [h.split(":")[0] for h in overskrifter(at)] == [f"#### Niveau {niveau}"]
    assert at.query_params["niveau"] == [niveau] or at.query_params["niveau"] == niveau


def test_statusfilter_fra_url(app_data: Path) -> None:
    at = kør("aftaler", status="udkast")
    tabs = register(at)
    s = nyeste()
    reg = regler.register(
        s["aftaler"], s["organisation"], s["maal"], _status(s), 2026, date(2026, 9, 30), STANDARD
    )
    udkast = reg.filter(reg["status"] == "udkast")
    assert udkast.height > 0
    assert len(tabs) == 3 and all(set(t["Status"]) == {"✎ Udkast"} for t in tabs)
    vist = [navn for t in tabs for navn in t["Aftaleholder"]]
    assert sorted(vist) == sorted(udkast["enhed_navn"].to_list())
    opf = tabel_med(at, "Hvorfor")
    assert set(opf["Status"]) == {"✎ Udkast"}


def test_centerfilter_fra_url(app_data: Path) -> None:
    at = kør("aftaler", center="C-BU")
    tabs = register(at)
    assert [h.split(":")[0] for h in overskrifter(at)] == ["#### Niveau 2", "#### Niveau 3"]
    assert list(tabs[0]["Aftaleholder"]) == ["Center for Børn og Unge"]
    assert set(tabs[1]["Modpart"]) == {"Center for Børn og Unge"}
    assert "Pedersborg Børnehus" in set(tabs[1]["Aftaleholder"])
    mangler = tabel_med(at, "Skal have aftale med")
    assert set(mangler["Skal have aftale med"]) == {"Center for Børn og Unge"}


def test_ukendte_vaerdier_i_url_giver_note_og_standard(app_data: Path) -> None:
    at = kør("aftaler", niveau="9", status="<b>x</b>", center="C-FINDES-IKKE")
    noter = " ".join(str(i.value) for i in at.info)
    assert noter.count("ukendt værdi") == 3
    assert len(register(at)) == 3


def test_mangler_aftale_listes(app_data: Path) -> None:
    at = kør("aftaler")
    s = nyeste()
    forventet = regler.mangler_aftale(s["organisation"], s["aftaler"], 2026)
    assert forventet.height > 0
    vist = tabel_med(at, "Skal have aftale med")
    assert list(vist["Enhed"]) == forventet["navn"].to_list()
    assert all(u.startswith("dialogmoede?enhed=") for u in vist["Brief"])
    opf = tabel_med(at, "Hvorfor")
    assert "Direktionen" in set(opf["Aftaleholder"])
    assert any("Stadig udkast efter fristen" in h for h in opf["Hvorfor"])


def test_aarshjulet_viser_dagens_fase_og_naeste_frist(app_data: Path) -> None:
    at = kør("aftaler")
    idag = date.today()
    tekst = al_tekst(at)
    assert f"er vi i fasen **{STANDARD.fase(idag).navn}**" in tekst
    liste = next(str(m.value) for m in at.markdown if "Næste frister" in str(m.value))
    naeste = STANDARD.naeste_frister(idag, 5)
    assert liste.count("\n- ") == 5
    for f in naeste:
        assert fmt.ren(f.navn) in liste
    assert liste.index(fmt.ren(naeste[0].navn)) < liste.index(fmt.ren(naeste[-1].navn))
    spec = plotly_specs(at)[0]
    hover = [h for tr in spec["data"] for h in (tr.get("hovertext") or []) if h]
    assert any(h.startswith("I dag:") for h in hover)
    assert any(h.startswith("Data pr. 30. september 2026") for h in hover) or idag == date(
        2026, 9, 30
    )
    assert spec["layout"]["polar"]["angularaxis"]["direction"] == "clockwise"


def test_praesentation(app_data: Path) -> None:
    at = kør("aftaler", praesentation="1")
    assert "Nålen viser dagens dato" not in al_tekst(at)
    assert len(register(at)) == 3


def _datamappe_med(tmp_path: Path, demo: Path, toml: str) -> Path:
    (tmp_path / "snapshots").symlink_to(demo / "snapshots")
    (tmp_path / "aarshjul.toml").write_text(toml, encoding="utf-8")
    return tmp_path


def test_egne_indstillinger_bruges(
    demo_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = (
        '[[fase]]\nnavn = "Hele året rundt"\nfra_maaned = 1\ntil_maaned = 12\n'
        '[[frist]]\ndato = "06-15"\nnavn = "Særlig frist"\n'
    )
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(_datamappe_med(tmp_path, demo_data, toml)))
    at = kør("aftaler")
    assert "er vi i fasen **Hele året rundt**" in al_tekst(at)
    assert "Særlig frist" in al_tekst(at)


def test_ugyldig_indstillingsfil_giver_dansk_fejl(
    demo_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mappe = _datamappe_med(tmp_path, demo_data, '[[frist]]\ndato = "31-03"\nnavn = "x"\n')
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(mappe))
    at = kør("aftaler")
    fejl = " ".join(str(e.value) for e in at.error)
    assert "aarshjul.toml" in fejl and "ikke en gyldig dato" in fejl
    assert f"er vi i fasen **{STANDARD.fase(date.today()).navn}**" in al_tekst(at)


def test_overblik_viser_kompakt_aarshjul(app_data: Path) -> None:
    at = kør(None)
    idag = date.today()
    tekst = al_tekst(at)
    assert f"er vi i fasen **{STANDARD.fase(idag).navn}**" in tekst
    for f in STANDARD.naeste_frister(idag, 3):
        assert f.navn in tekst
    assert any(
        any((h or "").startswith("I dag:") for tr in s["data"] for h in (tr.get("hovertext") or []))
        for s in plotly_specs(at)
    )


def test_inden_for_30_dage_med_egen_frist(
    demo_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A goal-assessment deadline 15 October falls within 30 days of the data date 30/9.
    toml = '[[frist]]\ndato = "10-15"\nnavn = "Målvurdering"\nvurder_maal = true\n'
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(_datamappe_med(tmp_path, demo_data, toml)))
    at = kør("aftaler")
    kom = tabel_med(at, "Opgave")
    assert set(kom["Opgave"]) == {"⚠ Mål skal vurderes"}
    assert set(kom["Frist"]) == {"15. oktober 2026"}
    assert all(tal(x) >= 1 for x in kom["Antal mål"])
    # the direktion's goals were assessed at the budget revision (30/4), after the
    # previous such deadline (15/10 last year): nothing to do for it
    assert "Direktionen" not in set(kom["Aftaleholder"])
    assert all(u.startswith("dialogmoede?enhed=") for u in kom["Brief"])
