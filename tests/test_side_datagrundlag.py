"""AppTest: the Datagrundlag page shows the manifest."""

from __future__ import annotations

from pathlib import Path

from dashboard import data
from tests.apptest import al_tekst, kør, tabeller, tal


def test_datagrundlag_viser_kilder_og_datasaet(app_data: Path) -> None:
    at = kør("datagrundlag")
    tekst = al_tekst(at)
    assert "Kildefiler" in tekst and "Alle datasæt" in tekst
    assert "Indlæsningen gav ingen advarsler." in tekst
    kilder, alle = tabeller(at)[:2]
    assert set(kilder["Tabel"]) == {
        "organisation",
        "politikomraader",
        "anlaegsprojekter",
        "budget",
        "forbrug",
        "prognoser",
        "aktivitet",
        "aftaler",
        "maal",
        "indikatorer",
        "maalinger",
        "vurderinger",
    }
    m = data.list_snapshots()[0]
    assert sum(tal(x) for x in kilder["Rækker"]) == sum(m.tables.values())
    assert all(len(h) == 64 for h in kilder["SHA-256"])
    assert len(alle) == 2
    assert list(alle["Data pr."]) == ["30. september 2026", "31. maj 2026"]


def test_datagrundlag_kan_hentes_som_csv_og_excel(app_data: Path) -> None:
    at = kør("datagrundlag")
    knapper = at.get("download_button")
    assert len(knapper) >= 4
