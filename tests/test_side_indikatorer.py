"""AppTest for the Indikatorer page: deep links, unit filter, gaps, direction, status."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import polars as pl
import pytest

from dashboard.faelles import format as fmt
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
    assert at.selectbox(key="w_indikator").value == ""  # the opening view: the list
    assert "Indikatorer, der kræver opmærksomhed" in al_tekst(at)
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
    assert pr_enhed[navne[r["enhed_id"]]] == "↗ Mod målet"
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


# --- the opening view: the exception list ------------------------------------------------


def _regel_liste(data_dir: Path, aar: int = 2026) -> pl.DataFrame:
    """The exception list by the rules alone (goals of `aar`), with names and placement."""
    t = _tabeller(data_dir)
    pr = date(2026, 9, 30)
    m = t["maal"]
    aktive = m.filter(
        (pl.col("aar_fra").fill_null(pl.col("aar_til")).fill_null(aar) <= aar)
        & (pl.col("aar_til").fill_null(pl.col("aar_fra")).fill_null(aar) >= aar)
    )["maal_id"].implode()
    udv = ind.udvikling(t["indikatorer"], t["maalinger"], m, pr).filter(
        pl.col("maal_id").is_null() | pl.col("maal_id").is_in(aktive)
    )
    liste = ind.afvigelsesliste(udv, m)
    return ind.placering(liste, t["indikatorer"], m, t["organisation"], t["politikomraader"])


def _liste(at: Any) -> Any:
    return next(t for t in tabeller(at) if "Bevægelse" in t.columns)


def test_the_demo_has_indicators_moving_away(app_data: Path) -> None:
    regel = _regel_liste(app_data)
    assert regel["vaek_fra_maal"].sum() >= 1
    assert regel["bagud"].sum() >= 1


def test_opening_view_is_the_exception_list_sorted_by_the_rule(app_data: Path) -> None:
    at = kør("indikatorer")
    assert "indikator" not in at.query_params
    df = _liste(at)
    regel = _regel_liste(app_data)
    assert len(df) == regel.height
    assert list(zip(df["Indikator"], df["Enhed"], strict=True)) == list(
        zip(regel["indikator_navn"], regel["enhed_navn"], strict=True)
    )
    # moving away first, then the rest (all behind)
    vaek = [b == "↘ Væk fra målet" for b in df["Bevægelse"]]
    antal = sum(regel["vaek_fra_maal"])
    assert vaek[:antal] == [True] * antal
    bagud = {tema.status_tekst(s) for s in ("i_risiko", "ikke_paa_sporet")}
    # every row is behind, or moving away (possibly while still ahead of schedule)
    assert all(s in bagud or v for s, v in zip(df["Status"], vaek, strict=True))
    forste = regel.row(0, named=True)
    assert df["Seneste"].iloc[0] == fmt.vaerdi(forste["seneste_vaerdi"], forste["maaleenhed"])
    assert df["Målværdi"].iloc[0] == fmt.vaerdi(forste["maalvaerdi"], forste["maaleenhed"])
    assert df["Mål"].iloc[0] == forste["maal_titel"]
    tekst = al_tekst(at)
    assert f"{regel.height} afvigelser: {antal} bevæger sig væk fra målet" in tekst


def test_each_row_links_to_its_trend_and_its_goal(app_data: Path) -> None:
    at = kør("indikatorer", aar="2026")
    df = _liste(at)
    regel = _regel_liste(app_data)
    for link, iid in zip(df["Udvikling"].head(5), regel["indikator_id"].head(5), strict=True):
        sti, q = link.split("?", 1)
        assert sti == "indikatorer"
        assert parse_qs(q)["indikator"] == [iid]
        assert parse_qs(q)["aar"] == ["2026"]  # shared parameters kept
    for link, mid in zip(df["Målkæden"].head(5), regel["maal_id"].head(5), strict=True):
        sti, q = link.split("?", 1)
        assert sti == "maalkaeden"
        assert parse_qs(q)["maal"] == [mid]


def test_the_trend_link_opens_the_trend_and_the_button_goes_back(app_data: Path) -> None:
    regel = _regel_liste(app_data)
    iid = regel["indikator_id"][0]
    at = kør("indikatorer", indikator=iid)
    assert at.selectbox(key="w_indikator").value == iid
    assert plotly_specs(at)  # the trend
    at.button(key="til_oversigt").click().run()
    assert not at.exception
    assert "indikator" not in at.query_params
    assert len(_liste(at)) == regel.height


@pytest.mark.parametrize(
    ("param", "kolonne"),
    [("udvalg", "udvalg"), ("politikomraade", "politikomraade_id"), ("center", "center_id")],
)
def test_selection_in_the_url_narrows_the_list(app_data: Path, param: str, kolonne: str) -> None:
    regel = _regel_liste(app_data)
    vaerdi = regel[kolonne].drop_nulls().mode().sort()[0]
    at = kør("indikatorer", **{param: vaerdi})
    assert at.query_params[param] == vaerdi
    df = _liste(at)
    forventet = regel.filter(pl.col(kolonne) == vaerdi)
    assert 0 < len(df) == forventet.height < regel.height
    assert list(df["Enhed"]) == forventet["enhed_navn"].to_list()


def test_only_moving_away(app_data: Path) -> None:
    at = kør("indikatorer", afvigelse="vaek_fra_maal")
    df = _liste(at)
    assert len(df) == _regel_liste(app_data)["vaek_fra_maal"].sum()
    assert set(df["Bevægelse"]) == {"↘ Væk fra målet"}


@pytest.mark.parametrize(
    ("param", "vaerdi", "beskrivelse"),
    [
        ("udvalg", "<b>Findes ikke</b>", "udvalg"),
        ("politikomraade", "../../etc", "politikområde"),
        ("center", "C-FINDES-IKKE", "center"),
        ("afvigelse", "alt", "afvigelse"),
        ("indikator", "", "indikator"),
    ],
)
def test_bad_url_values_give_a_danish_note(
    app_data: Path, param: str, vaerdi: str, beskrivelse: str
) -> None:
    at = kør("indikatorer", **{param: vaerdi})  # fails on any traceback
    tekst = al_tekst(at)
    assert f"værdi for {beskrivelse}" in tekst
    assert len(_liste(at)) == _regel_liste(app_data).height  # the whole list instead


def test_presentation_mode_shows_a_readable_list(app_data: Path) -> None:
    at = kør("indikatorer", praesentation="1")
    assert not [t for t in tabeller(at) if "Bevægelse" in t.columns]
    punkter = next(m.value for m in at.markdown if "-badge[" in m.value)
    regel = _regel_liste(app_data)
    linjer = [linje for linje in punkter.splitlines() if linje.startswith("- ")]
    assert len(linjer) == min(regel.height, 8)
    forste = regel.row(0, named=True)
    assert tema.status_tekst(forste["status"]) in linjer[0]  # icon + word ...
    assert f":{tema.STATUS_NAVNEFARVE[forste['status']]}-badge[" in linjer[0]  # ... + colour
    assert "↘ Væk fra målet" in linjer[0]
