"""AppTest for the Budgetopfølgning page: each recipient (Økonomiudvalget, Byrådet, a
fagudvalg), the same numbers as the Økonomi page, bad link values, the downloads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import aabn, al_tekst, kør, tabeller

BU = "Børne- og Ungeudvalget"
BELOEB = ("Korrigeret budget", "Forbrug til dato", "Forventet regnskab", "Forventet afvigelse")


def _tekst(at: AppTest) -> str:
    return al_tekst(at).replace("\\", "")


def _tabel(at: AppTest, foerste: str, anden: str | None = None) -> pd.DataFrame:
    for t in tabeller(at):
        if t.columns[0] == foerste and (anden is None or t.columns[1] == anden):
            return t
    raise AssertionError(f"ingen tabel med kolonnen {foerste}")


def _i_alt_pr_omraade(t: pd.DataFrame) -> dict[str, pd.Series]:
    """The "I alt" row of each area of the summary table (the area's name is on its
    first row)."""
    ud, navn = {}, None
    for _, r in t.iterrows():
        navn = r.iloc[0] or navn
        if r["Budgettype"] == "I alt":
            ud[navn] = r
    return ud


@pytest.mark.parametrize(
    ("modtager", "omfang"),
    [
        ("Økonomiudvalget", "hele kommunen"),
        ("Byrådet", "hele kommunen"),
        (BU, "udvalgets eget område"),
    ],
)
def test_hver_modtager(app_data: Path, modtager: str, omfang: str) -> None:
    at = kør("budgetopfoelgning", modtager=modtager)
    tekst = _tekst(at)
    assert f"Budgetopfølgning pr. 30. september 2026: {modtager}" in tekst
    assert omfang in tekst
    for afsnit in (
        "Resumé",
        "Afvigelser over tærsklen",
        "Bevillingsændringer til godkendelse",
        "Anlæg",
    ):
        assert afsnit in tekst
    assert "Ændringer siden forrige opfølgning (Budgetopfølgning 31. maj 2026)" in tekst
    budgettyper = _tabel(at, "Budgettype")
    assert budgettyper["Budgettype"].tolist()[:3] == ["Service", "Indkomstoverførsler", "Anlæg"]
    assert budgettyper["Budgettype"].iloc[-1].startswith("I alt (service")
    labels = [str(d.proto.label) for d in at.get("download_button")]
    assert "⬇ Hent Word (.docx)" in labels and "⬇ Hent PDF" in labels
    # ØU and Byrådet follow the forecast month by month; a fagudvalg gets its own area
    assert ("Prognosens udvikling" in tekst) == (omfang == "hele kommunen")
    if omfang == "hele kommunen":
        (udvikling,) = [t for t in tabeller(at) if t.columns[2] == "31. jan."]
        assert list(udvikling.columns)[-1] == "30. sep.", "one column per month end"
        (oekonomi,) = [t for t in tabeller(at) if list(t.columns[:3]) ==
                       ["Udvalg", "Budgettype", "Korrigeret budget"]]  # fmt: skip
        # the last month is the report's forecast deviation
        assert (_i_alt_pr_omraade(udvikling)["Kommunen i alt"]["30. sep."] ==
                _i_alt_pr_omraade(oekonomi)["Kommunen i alt"]["Forventet afvigelse"])  # fmt: skip


def test_samme_tal_som_oekonomisiden_pr_udvalg(app_data: Path) -> None:
    rapport = _i_alt_pr_omraade(_tabel(kør("budgetopfoelgning"), "Udvalg", "Budgettype"))
    oek = next(t for t in tabeller(kør("oekonomi")) if t.columns[0] == "Udvalg")
    total = rapport.pop("Kommunen i alt")
    i_alt = oek[oek["Udvalg"] == "I alt"].iloc[0]
    assert [total[k] for k in BELOEB] == [i_alt[k] for k in BELOEB]
    oek = oek[oek["Udvalg"] != "I alt"]
    assert set(rapport) == set(oek["Udvalg"])
    for _, r in oek.iterrows():
        for kol in BELOEB:
            assert rapport[r["Udvalg"]][kol] == r[kol], (r["Udvalg"], kol)


def test_samme_tal_som_oekonomisiden_for_et_udvalg(app_data: Path) -> None:
    rapport = _i_alt_pr_omraade(
        _tabel(kør("budgetopfoelgning", modtager=BU), "Politikområde", "Budgettype")
    )
    oek = next(t for t in tabeller(kør("oekonomi", udvalg=BU)) if t.columns[0] == "Politikområde")
    total = rapport.pop(f"{BU} i alt")
    i_alt = oek[oek["Politikområde"] == "I alt"].iloc[0]
    assert [total[k] for k in BELOEB] == [i_alt[k] for k in BELOEB]
    oek = oek[oek["Politikområde"] != "I alt"]
    assert set(rapport) == set(oek["Politikområde"])
    for _, r in oek.iterrows():
        for kol in BELOEB:
            assert rapport[r["Politikområde"]][kol] == r[kol], (r["Politikområde"], kol)


def test_ukendt_modtager_giver_venlig_note(app_data: Path) -> None:
    at = aabn("budgetopfoelgning", modtager="Findes ikke")
    assert any("ukendt værdi for modtager" in str(i.value) for i in at.info)
    assert "Budgetopfølgning pr. 30. september 2026: Økonomiudvalget" in _tekst(at)


def test_ukendt_datasaet_og_tom_modtager(app_data: Path) -> None:
    at = aabn("budgetopfoelgning", snapshot="20200101T000000-abcdef", modtager="")
    noter = " ".join(str(i.value) for i in at.info)
    assert "datasæt" in noter and "tom værdi for modtager" in noter
    assert "Økonomiudvalget" in _tekst(at)


def test_praesentation_uden_dokumentknapper(app_data: Path) -> None:
    at = kør("budgetopfoelgning", modtager=BU, praesentation="1")
    assert not [d for d in at.get("download_button") if "Hent Word" in str(d.proto.label)]
    assert at.sidebar.selectbox(key="w_modtager").value == BU
