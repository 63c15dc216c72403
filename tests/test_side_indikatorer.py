"""AppTest for the Indikatorer page: deep links, unit filter, gaps, direction, status."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from dashboard.faelles import tema
from dashboard.visning.indikatorer import BEVAEGELSE_TEKST
from modeller import indikatorer as ind
from modeller import status
from modeller.demo import SEED_PEDERSBORG_INDIKATOR_ID, SEED_PEDERSBORG_MAAL_ID
from tests.apptest import al_tekst, kør, plotly_specs, tabeller

SEED_NAVN = "Andel forældre der støtter op om sundhedspolitikken"


def _tabeller(data_dir: Path) -> dict[str, pl.DataFrame]:
    nyeste = sorted((data_dir / "snapshots").iterdir())[-1]
    return {p.stem: pl.read_parquet(p) for p in nyeste.glob("*.parquet")}


def _trend(at: Any) -> dict[str, Any]:
    return plotly_specs(at)[0]


def _navne(spec: dict[str, Any]) -> list[str]:
    return [d["name"] for d in spec["data"]]


def _tabel(at: Any) -> Any:
    """The per-unit table (the one with an "Enhed" column), as the user reads it."""
    return next(t for t in tabeller(at) if "Enhed" in t.columns)


def test_goal_deep_link_shows_its_indicator(app_data: Path) -> None:
    at = kør("indikatorer", maal=SEED_PEDERSBORG_MAAL_ID)
    assert at.query_params["indikator"] == SEED_PEDERSBORG_INDIKATOR_ID
    assert "maal" not in at.query_params
    assert SEED_NAVN in at.selectbox(key="w_indikator").format_func(
        at.selectbox(key="w_indikator").value
    )
    assert "Pedersborg Børnehus" in _navne(_trend(at))
    assert "Kommunegennemsnit" in _navne(_trend(at))


def test_indicator_deep_link_and_unknown_ids(app_data: Path) -> None:
    at = kør("indikatorer", indikator=SEED_PEDERSBORG_INDIKATOR_ID)
    assert at.selectbox(key="w_indikator").value == SEED_PEDERSBORG_INDIKATOR_ID
    at = kør("indikatorer", indikator="FINDES-IKKE")
    assert "ukendt værdi for indikator" in al_tekst(at)
    assert at.selectbox(key="w_indikator").value  # a sensible default is shown
    at = kør("indikatorer", maal="FINDES-IKKE")
    assert "ukendt værdi for mål" in al_tekst(at)


def test_trend_has_target_baseline_and_danish_axis(app_data: Path) -> None:
    spec = _trend(kør("indikatorer", indikator=SEED_PEDERSBORG_INDIKATOR_ID))
    lay = spec["layout"]
    assert lay["separators"] == ",."
    assert lay["yaxis"]["ticksuffix"] == " %"
    linjer = {s["y0"] for s in lay["shapes"]}
    assert {90.0, 60.0} <= linjer  # maalvaerdi and baseline
    snit = next(d for d in spec["data"] if d["name"] == "Kommunegennemsnit")
    assert snit["line"]["dash"] == "dash" and snit["line"]["color"] == "#000000"


def test_unit_filter_narrows_the_traces(app_data: Path) -> None:
    iid = "IND-I-BU-001-1-1"  # measured at many BU institutions
    at = kør("indikatorer", indikator=iid)
    foer = _navne(_trend(at))
    assert len(foer) >= 4
    at = kør("indikatorer", indikator=iid, enheder="I-BU-001")
    assert _navne(_trend(at)) == ["Pedersborg Børnehus", "Kommunegennemsnit"]


def test_gaps_are_shown_as_gaps(app_data: Path) -> None:
    t = _tabeller(app_data)
    hul = ind.huller(t["maalinger"], t["indikatorer"])
    assert hul.height > 0
    iid, enhed = hul.row(0)[:2]
    at = kør("indikatorer", indikator=iid, enheder=enhed)
    spor = _trend(at)["data"][0]
    assert spor["connectgaps"] is False
    assert None in spor["y"]


def test_lower_is_better_is_judged_in_its_direction(app_data: Path) -> None:
    t = _tabeller(app_data)
    pr = max(t["maalinger"]["periode"])
    udv = ind.udvikling(t["indikatorer"], t["maalinger"], t["maal"], pr)
    kandidat = udv.filter(
        (pl.col("retning") == "ned")
        & (pl.col("bevaeger_sig") == "mod_maal")
        & pl.col("afstand_til_maal").is_not_null()
    )
    assert kandidat.height > 0
    iid = kandidat.row(0, named=True)["indikator_id"]
    at = kør("indikatorer", indikator=iid)
    tabel = _tabel(at)
    navne = dict(t["organisation"].select("enhed_id", "navn").iter_rows())
    pr_enhed = dict(zip(tabel["Enhed"], tabel["Udvikling"], strict=True))
    for r in udv.filter(pl.col("indikator_id") == iid).iter_rows(named=True):
        # ned: a falling value moves toward the target ("↗ mod målet")
        assert pr_enhed[navne[r["enhed_id"]]] == BEVAEGELSE_TEKST[r["bevaeger_sig"]]
    r = kandidat.row(0, named=True)
    assert pr_enhed[navne[r["enhed_id"]]] == "↗ mod målet"
    assert r["seneste_vaerdi"] < r["forrige_vaerdi"] or r["haeldning_pr_periode"] < 0
    assert set(tabel["Status"]) <= {tema.status_tekst(s) for s in status.STATUSSER}


def test_status_equals_the_shared_goal_status(app_data: Path) -> None:
    t = _tabeller(app_data)
    at = kør("indikatorer", maal=SEED_PEDERSBORG_MAAL_ID)
    pr = date(2026, 9, 30)  # the newest demo snapshot's data date (the default view)
    ms = status.maal_status(t["maal"], t["indikatorer"], t["maalinger"], t["vurderinger"], pr)
    forventet = ms.filter(pl.col("maal_id") == SEED_PEDERSBORG_MAAL_ID)["status"][0]
    assert "Målets status:**" in al_tekst(at)
    assert tema.status_tekst(forventet) in al_tekst(at)
    ist = status.indikator_status(t["indikatorer"], t["maalinger"], t["maal"], pr)
    serie = ist.filter(pl.col("indikator_id") == SEED_PEDERSBORG_INDIKATOR_ID).row(0, named=True)
    assert list(_tabel(at)["Status"]) == [tema.status_tekst(serie["status"])]


def test_trendens_tal_staar_ogsaa_i_en_tabel(app_data: Path) -> None:
    """No information only on hover: the trend's values are in a table (per period)."""
    from modeller.demo import SEED_PEDERSBORG_INDIKATOR_ID

    at = kør("indikatorer", indikator=SEED_PEDERSBORG_INDIKATOR_ID)
    tabel = next(t for t in tabeller(at) if "Periode" in t.columns)
    assert "Kommunegennemsnit" in tabel.columns
    assert any("Pedersborg" in str(k) for k in tabel.columns)
    assert len(tabel) >= 4
