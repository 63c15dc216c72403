"""Politikområder page (issue 16): AppTest on the demo data (the list, one politikområde
with all four goal types, frame and unit cost), an unknown ?politikomraade=, a source set
without the aktivitet table and without maaltype (every page still renders), and
Målkæden under the default roll-up (a distribution at the top, the goal card's frame)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from dashboard.faelles import format as fmt
from dashboard.faelles import tema
from dashboard.skal.navigation import SIDER
from modeller import aktivitet, budget, politikomraade
from modeller.loader import build_snapshot
from tests.apptest import al_tekst, kør, plotly_specs, tabeller

PR = date(2026, 9, 30)
AAR = 2026


def _tabeller(data: Path) -> dict[str, pl.DataFrame]:
    nyeste = sorted((data / "snapshots").iterdir())[-1]
    return {p.stem: pl.read_parquet(p) for p in nyeste.glob("*.parquet")}


def test_list_compares_every_politikomraade(app_data: Path) -> None:
    at = kør("politikomraader")
    t = _tabeller(app_data)
    liste = tabeller(at)[0]
    assert len(liste) == t["politikomraader"].height == 15
    for kol in ("Korrigeret budget", "Forventet afvigelse", "Målenes status", "Enhedspris"):
        assert kol in liste.columns
    # the shown frame equals the rule's value through the same formatter
    linjer = budget.opfoelgning(t["budget"], t["forbrug"], t["prognoser"], AAR, PR)
    ramme = politikomraade.ramme(linjer, t["organisation"], t["politikomraader"])
    dag = ramme.filter(pl.col("politikomraade_id") == "P-DAG").row(0, named=True)
    raekke = liste[liste["Politikområde"] == "Dagtilbud"].iloc[0]
    assert raekke["Korrigeret budget"] == fmt.mio(dag["korrigeret_budget_kr"])
    assert raekke["Forventet afvigelse"] == fmt.mio(dag["forventet_afvigelse_kr"], fortegn=True)
    ep = aktivitet.enhedspriser(t["aktivitet"], linjer, AAR, PR).filter(
        pl.col("ydelse") == "Indskrevne børn"
    )
    assert raekke["Enhedspris"] == f"{fmt.tal(ep['enhedspris_kr'].item())} kr. pr. barn"
    assert "✔" in raekke["Målenes status"]
    # Forsørgelse has only indkomstoverførsler: no service frame, still listed
    assert liste[liste["Politikområde"] == "Forsørgelse"].iloc[0]["Korrigeret budget"] == "–"
    assert "politikområder** har en afvigelse på service" in al_tekst(at)


def test_dagtilbud_shows_four_goal_types_frame_and_unit_cost(app_data: Path) -> None:
    at = kør("politikomraader", politikomraade="P-DAG")
    tekst = al_tekst(at)
    assert at.header[0].value.startswith("Dagtilbud · Børne")
    for overskrift in ("Udviklingsmål", "Serviceniveau", "Særlige resultatkrav", "Indsatsområder"):
        assert f"#### {overskrift}" in tekst
    # four goals, each with its status as icon + word + colour
    statuslinjer = [m.value for m in at.markdown if str(m.value).startswith("Status: :")]
    assert len(statuslinjer) == 4
    for linje in statuslinjer:
        assert any(
            f":{tema.STATUS_NAVNEFARVE[s]}[**{tema.status_tekst(s)}**]" in linje
            for s in tema.STATUS_IKON
        )
    assert "Pladsgaranti" in tekst and "Indikator:" in tekst
    assert "Korrigeret budget, mio. kr." in tekst and "Forventet afvigelse, mio. kr." in tekst
    assert "Børne\\- og ungepolitik" in tekst and "**Vision:**" in tekst
    akt = tabeller(at)[0]
    raekke = akt[akt["Ydelse"] == "Indskrevne børn"].iloc[0]
    assert raekke["Enhedspris"].endswith("kr. pr. barn")
    assert raekke["Merudgift ved budgetpris"].endswith("mio. kr.")
    baerere = tabeller(at)[1]
    assert "\u2003└ Pedersborg Børnehus" in baerere["Enhed"].to_list()
    links = [p.proto.page for p in at.get("page_link")]
    assert any("dialogmoede" in s for s in links) and any("oekonomi" in s for s in links)
    assert len(plotly_specs(at)) == 1  # activity month by month


def test_unknown_politikomraade_gives_a_note_and_the_list(app_data: Path) -> None:
    at = kør("politikomraader", politikomraade="P-FINDES-IKKE")
    assert any("ukendt værdi for politikområde" in str(i.value) for i in at.info)
    assert "politikomraade" not in at.query_params
    assert len(tabeller(at)[0]) == 15


@pytest.fixture(scope="module")
def uden_aktivitet(demo_kilder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The newer demo source set without aktivitet.csv and without maal.maaltype."""
    rod = tmp_path_factory.mktemp("uden_aktivitet")
    kilde = rod / "kilde"
    shutil.copytree(demo_kilder, kilde)
    (kilde / "aktivitet.csv").unlink()
    maal = pl.read_csv(kilde / "maal.csv", separator=";", infer_schema=False)
    maal.drop("maaltype").write_csv(kilde / "maal.csv", separator=";")
    build_snapshot(kilde, rod / "data", label="Uden aktivitet")
    return rod / "data"


def test_without_aktivitet_and_maaltype_every_page_renders(
    uden_aktivitet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(uden_aktivitet))
    at = kør("politikomraader", politikomraade="P-DAG")
    assert any("ingen aktivitetsdata" in str(i.value) for i in at.info)
    tekst = al_tekst(at)
    assert "#### Udviklingsmål" in tekst and "Ingen fastlagt i budgettet." in tekst
    assert "Korrigeret budget, mio. kr." in tekst
    liste = tabeller(kør("politikomraader"))[0]
    assert set(liste["Enhedspris"]) == {"–"}
    for s in SIDER:
        kør(s.url_path)  # fails on any exception


def test_maalkaeden_top_shows_a_distribution_and_the_rule(app_data: Path) -> None:
    at = kør("maalkaeden")
    fig = next(d for s in plotly_specs(at) for d in s["data"] if d["type"] == "icicle")
    farver = fig["marker"]["colors"]
    roed = tema.STATUS_FARVE["ikke_paa_sporet"]
    assert farver.count(roed) < len(farver) / 2  # not a wall of red
    assert len(set(farver)) >= 3
    # the top goal says how many are on track, not only a colour
    assert "% på sporet" in fig["text"][0]
    tekst = al_tekst(at)
    assert "andelen af målet og målene under det, der er på sporet" in tekst
    assert "det værste af målet" not in tekst


def test_maalkaeden_goal_card_shows_its_politikomraade_frame(app_data: Path) -> None:
    at = kør("maalkaeden", maal="M-I-BU-001-SUN")  # Pedersborg: area inherited (P-DAG)
    tekst = al_tekst(at)
    assert "**Politikområdets ramme 2026** (Dagtilbud, service)" in tekst
    assert "afvigelse" in tekst
    assert any("politikomraader" in p.proto.page for p in at.get("page_link"))
