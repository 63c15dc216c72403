"""Målkæden page: AppTest on the demo data (chart spec, deep links, filters, notes)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from dashboard.faelles import format as fmt
from dashboard.faelles import tema
from dashboard.skal.tilstand import Noegle
from modeller import maal, status
from modeller.demo import tekster as T
from modeller.statusregler import Statusregel
from tests.apptest import al_tekst, kør, plotly_specs, tabeller

PR = date(2026, 9, 30)  # the newer demo snapshot's data date; year 2026


def _tabeller(demo_data: Path) -> dict[str, pl.DataFrame]:
    nyeste = sorted((demo_data / "snapshots").iterdir())[-1]
    return {p.stem: pl.read_parquet(p) for p in nyeste.glob("*.parquet")}


def _egen_status(t: dict[str, pl.DataFrame]) -> pl.DataFrame:
    return status.maal_status(t["maal"], t["indikatorer"], t["maalinger"], t["vurderinger"], PR)


def _icicle(at: object) -> dict[str, object]:
    specs = [d for s in plotly_specs(at) for d in s["data"] if d["type"] == "icicle"]  # type: ignore[arg-type]
    assert len(specs) == 1
    return specs[0]


def _tabel(at: object) -> pl.DataFrame:
    """The goal table as the user reads it (status labels as their text)."""
    return pl.from_pandas(tabeller(at)[0])  # type: ignore[arg-type]


def test_top_chart_has_vision_two_levels_and_status_colours(app_data: Path) -> None:
    at = kør("maalkaeden")
    t = _tabeller(app_data)
    egen = _egen_status(t)
    vist = maal.filtrer(t["maal"], aar=2026)
    forventet = maal.undertrae(vist, None, 2)
    samlet = dict(status.rul_op_status(vist, egen).select("maal_id", "samlet_status").iter_rows())
    fig = _icicle(at)
    assert fig["ids"] == forventet.get_column("maal_id").to_list()
    assert set(forventet.get_column("niveau")) == {"vision", "politik", "politikomraade"}
    farver = fig["marker"]["colors"]  # type: ignore[index]
    for mid, farve, tekst in zip(fig["ids"], farver, fig["text"], strict=True):  # type: ignore[arg-type]
        assert farve == tema.STATUS_FARVE[samlet[mid]]
        assert tema.status_tekst(samlet[mid]) in tekst  # icon + word, never colour alone
    foraeldre = dict(forventet.select("maal_id", "overordnet_maal_id").iter_rows())
    assert fig["parents"] == [
        foraeldre[m] if foraeldre[m] is not None else ""
        for m in fig["ids"]  # type: ignore[union-attr]
    ]
    assert "<" not in "".join(fig["hovertext"]).replace("<br>", "").replace("<b>", "").replace(  # type: ignore[arg-type]
        "</b>", ""
    )


def test_every_status_appears_in_the_chart_somewhere_down_the_cascade(app_data: Path) -> None:
    set_ = set()
    for mid in ("M-VISION", T.SEED_BU_SUNDHED_MAAL_ID, T.SEED_SUNDHED_DIREKTION_MAAL_ID):
        fig = _icicle(kør("maalkaeden", maal=mid))
        set_ |= {c for c in fig["marker"]["colors"]}  # type: ignore[index]
    assert set_ == set(tema.STATUS_FARVE.values())


def test_deep_link_to_pedersborg_shows_card_chain_and_shared_status(app_data: Path) -> None:
    at = kør("maalkaeden", maal=T.SEED_PEDERSBORG_MAAL_ID)
    tekst = al_tekst(at)
    assert fmt.ren(T.SEED_PEDERSBORG_TITEL) in tekst
    for linje in T.SEED_PEDERSBORG_SUCCESKRITERIE.splitlines():
        assert fmt.ren(linje) in tekst
    t = _tabeller(app_data)
    kaede = maal.kaede_op(t["maal"], T.SEED_PEDERSBORG_MAAL_ID)
    assert kaede[0] == "M-VISION" and T.SEED_SUNDHEDSPOLITIK_MAAL_ID in kaede
    titler = dict(t["maal"].select("maal_id", "titel").iter_rows())
    knapper = [b.label for b in at.button]
    krumme = [b.label for b in at.button if b.key and b.key.startswith("krumme_")]
    assert krumme[1:] == ["› " + fmt.ren(titler[m], 28) for m in kaede]
    assert "⬆ Op et niveau" in knapper
    forventet = _egen_status(t).filter(pl.col("maal_id") == T.SEED_PEDERSBORG_MAAL_ID)["status"][0]
    assert f"**{tema.status_tekst(forventet)}** · samlet" in tekst
    # the chart shows Pedersborg among its siblings, highlighted
    fig = _icicle(at)
    assert fig["ids"][0] == T.SEED_BU_SUNDHED_MAAL_ID  # type: ignore[index]
    i = fig["ids"].index(T.SEED_PEDERSBORG_MAAL_ID)  # type: ignore[attr-defined]
    assert fig["marker"]["line"]["width"][i] == 5  # type: ignore[index]
    # the table row of Pedersborg carries the same status
    ped = _tabel(at).filter(pl.col("Mål").str.ends_with(T.SEED_PEDERSBORG_TITEL))
    assert ped["Status"].to_list() == [tema.status_tekst(forventet)]


def test_unknown_or_malformed_id_gives_a_note_and_the_top(app_data: Path) -> None:
    for vaerdi in ("FINDES-IKKE", "<script>x</script>"):
        at = kør("maalkaeden", maal=vaerdi)
        assert any("ukendt værdi for mål" in str(i.value) for i in at.info)
        assert _icicle(at)["ids"][0] == "M-VISION"  # type: ignore[index]
        assert "maal" not in at.query_params


def test_filters_narrow_the_table_and_keep_ancestors(app_data: Path) -> None:
    alle = _tabel(kør("maalkaeden"))
    at = kør("maalkaeden", status="ikke_paa_sporet")
    smal = _tabel(at)
    assert 0 < smal.height < alle.height
    assert smal["Mål"][0] == alle["Mål"][0]  # the vision stays as context
    assert set(smal["Mål"]) < set(alle["Mål"])
    # every goal shown is off track, or is an ancestor of one that is
    assert (smal["Status"] == tema.status_tekst("ikke_paa_sporet")).sum() > 0
    politik = _tabel(kør("maalkaeden", politik=T.SEED_SUNDHEDSPOLITIK_MAAL_ID))
    assert 0 < politik.height < alle.height
    assert politik.filter(pl.col("Niveau") == "Politik").height == 1


def test_toggle_off_track_is_written_to_the_url_and_narrows(app_data: Path) -> None:
    at = kør("maalkaeden")
    foer = _tabel(at).height
    at.toggle(key="w_afvigende").set_value(True).run()
    assert not at.exception
    assert at.query_params["afvigende"] == ["1"] or at.query_params["afvigende"] == "1"
    efter = _tabel(at)
    assert efter.height < foer
    ok = {tema.status_tekst(s) for s in ("i_risiko", "ikke_paa_sporet")}
    assert efter.filter(pl.col("Status").is_in(list(ok))).height > 0


def test_enhed_filter_uses_the_unit_and_its_subunits(app_data: Path) -> None:
    # focused on the Børn og Unge centre goal, the table (= the chart: focus + 2 levels)
    # holds the centre's institutions
    at = kør("maalkaeden", enhed="C-BU", maal=T.SEED_BU_SUNDHED_MAAL_ID)
    enheder = set(_tabel(at)["Enhed"].to_list())
    assert "Pedersborg Børnehus" in enheder or any("Pedersborg" in e for e in enheder)
    assert not any("Ældre" in e for e in enheder)


def test_changes_since_previous_snapshot_are_marked(app_data: Path) -> None:
    at = kør("maalkaeden")
    aendret = _tabel(at).filter(pl.col("Ændring") != "")
    assert aendret.height > 0
    assert aendret["Ændring"].str.contains("Ændret siden forrige datasæt: ", literal=True).any()
    assert aendret["Ændring"].str.contains(" → ", literal=True).any()


@pytest.mark.parametrize("praesentation", ["0", "1"])
def test_presentation_mode_runs(app_data: Path, praesentation: str) -> None:
    at = kør("maalkaeden", praesentation=praesentation, maal=T.SEED_SUNDHEDSPOLITIK_MAAL_ID)
    assert len(_icicle(at)["ids"]) <= 300  # type: ignore[arg-type]


def test_table_shows_the_charts_goals_and_the_export_the_whole_cascade(app_data: Path) -> None:
    from dashboard.data import load_snapshot
    from dashboard.visning import maalkaeden as mk

    s = load_snapshot(None)
    pr = s.manifest.data_as_of
    assert pr is not None
    df = mk.filtreret(s.id, pr, None, 2026, mk.Filtre())
    vis, ud = mk.tabel(df, None)
    noder = maal.undertrae(df, None, 2)
    assert vis.height == noder.height
    assert ud.height == df.height > vis.height


def _noegle(forrige: bool = True, **felter: Any) -> Noegle:
    """The newest demo snapshot's key for 2026, with the previous snapshot or without."""
    from dashboard.data import list_snapshots

    nyeste, aeldre = list_snapshots()[:2]
    assert nyeste.data_as_of is not None
    return Noegle(
        nyeste.snapshot_id,
        aeldre.snapshot_id if forrige else None,
        2026,
        nyeste.data_as_of,
        **felter,
    )


def test_prepared_view_key_holds_the_filters_and_the_rule(app_data: Path) -> None:
    from dashboard.visning import maalkaeden as mk

    n = _noegle()
    ped = T.SEED_PEDERSBORG_MAAL_ID
    alle = mk._visning(n, mk.Filtre(), ped)
    assert alle.valgt_vist and alle.rod == T.SEED_BU_SUNDHED_MAAL_ID
    # a filter that leaves the goal out: the chart starts from the top, the card stays
    # (one card per goal, shared by every filter)
    smal = mk._visning(n, mk.Filtre(politik=T.SEED_DIGITALISERING_MAAL_ID), ped)
    assert not smal.valgt_vist and smal.rod is None
    assert smal.kort is alle.kort is not None
    assert smal.tabel is not alle.tabel
    # another roll-up rule is another view: the key's hash names every field
    vaerste = replace(n, maalstatus=Statusregel(regel="vaerste"))
    assert mk.NOEGLE_HASH[Noegle](n) != mk.NOEGLE_HASH[Noegle](vaerste)
    anden = mk._visning(vaerste, mk.Filtre(), ped)
    assert anden.fodnote != alle.fodnote and anden.forklaring != alle.forklaring


def test_prepared_goals_and_card_follow_the_previous_snapshot(app_data: Path) -> None:
    from dashboard.visning import maalkaeden as mk

    med, uden = _noegle(), _noegle(forrige=False)
    aendret = [m for m, r in mk.grundlag(med).raekker.items() if r["aendring_tekst"]]
    assert aendret
    assert not any(r["aendring_tekst"] for r in mk.grundlag(uden).raekker.values())
    assert mk.kort_indhold(med, aendret[0]).aendring
    assert mk.kort_indhold(uden, aendret[0]).aendring is None
