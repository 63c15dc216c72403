"""AppTest for the Dialogmøde page: deep links, unknown ids, the brief's content, documents."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

import pytest

from dashboard.rapport.indhold import Omfang
from dashboard.visning import dialogmoede
from modeller.demo import PEDERSBORG_ENHED_ID
from modeller.demo.tekster import SEED_PEDERSBORG_TITEL
from modeller.styringsregler import STANDARD, Taerskler
from tests.apptest import aabn, al_tekst, kør, plotly_specs, tabeller

SUCCESKRITERIE = "At 90 % af forældrene støtter op om vores sundhedspolitik"


def _tekst(at: object) -> str:
    return al_tekst(at).replace("\\", "")  # type: ignore[arg-type]


def test_uden_enhed_beder_om_et_valg(app_data: Path) -> None:
    at = kør("dialogmoede")
    assert "Vælg den enhed" in _tekst(at)
    assert not at.get("plotly_chart")


def test_dybt_link_til_pedersborg(app_data: Path) -> None:
    at = kør("dialogmoede", enhed=PEDERSBORG_ENHED_ID)
    tekst = _tekst(at)
    assert SEED_PEDERSBORG_TITEL in tekst
    assert SUCCESKRITERIE in tekst
    assert "Aftale A-2026-I-BU-001" in tekst
    assert "Center for Børn og Unge" in tekst  # the counterpart
    assert at.query_params["enhed"] in (PEDERSBORG_ENHED_ID, [PEDERSBORG_ENHED_ID])
    specs = plotly_specs(at)
    assert specs, "indicator trend charts"
    assert all(s["layout"]["separators"] == ",." for s in specs)


def test_ukendt_enhed_giver_venlig_note(app_data: Path) -> None:
    at = aabn("dialogmoede", enhed="FINDES-IKKE")
    assert any("ukendt værdi for enhed" in str(i.value) for i in at.info)
    assert "Vælg den enhed" in _tekst(at)


def test_center_viser_institutioner_og_oekonomi(app_data: Path) -> None:
    at = kør("dialogmoede", enhed="C-BU")
    tekst = _tekst(at)
    assert "Institutioner under Center for Børn og Unge" in tekst
    assert "Forventet afvigelse" in tekst
    navne = {n for t in tabeller(at) if "Enhed" in t.columns for n in t["Enhed"]}
    assert "Pedersborg Børnehus" in navne


def test_forbered_pdf_giver_download(app_data: Path) -> None:
    at = kør("dialogmoede", enhed=PEDERSBORG_ENHED_ID)
    assert not at.get("download_button") or all(
        "Hent" not in str(d.proto.label) for d in at.get("download_button")
    )
    at.button(key="knap_pdf").click().run()
    assert not at.exception
    labels = [str(d.proto.label) for d in at.get("download_button")]
    assert "⬇ Hent PDF" in labels


def test_udvalg_fra_linket(app_data: Path) -> None:
    at = kør("dialogmoede", udvalg="Børne- og Ungeudvalget")
    tekst = _tekst(at)
    assert "Børne- og Ungeudvalget · 2026" in tekst
    assert "Direktionen (aftaleholder) og Børne- og Ungeudvalget" in tekst
    assert "Politikområder under Børne- og Ungeudvalget" in tekst
    assert at.query_params["udvalg"] in ("Børne- og Ungeudvalget", ["Børne- og Ungeudvalget"])
    assert "w_enhed" not in [sb.key for sb in at.selectbox]  # the unit selector gives way
    politik = {n for t in tabeller(at) if "Politikområde" in t.columns for n in t["Politikområde"]}
    assert {"Dagtilbud", "Familier", "Skoler"} <= politik


def test_ukendt_udvalg_giver_venlig_note(app_data: Path) -> None:
    at = aabn("dialogmoede", udvalg="Findes ikke")
    assert any("ukendt værdi for udvalg: «Findes ikke»" in str(i.value) for i in at.info)
    assert "Vælg den enhed" in _tekst(at)


def test_link_til_enhed_efter_maalkaeden_viser_oplaegget(app_data: Path) -> None:
    """Målkæden's unit filter and Dialogmøde's unit share the widget key `w_enhed` (both
    bound to `?enhed=`). A session that had the shared unit as Målkæden's filter and then
    followed a link to that unit's Dialogmøde got "Vælg den enhed" and lost `enhed` from
    the URL: Streamlit dropped the other page's widget value. Found by `make load`, which
    repeats the meeting script in one session."""
    from streamlit.testing.v1 import AppTest

    from tests.apptest import side_fil
    from tests.conftest import APP

    at = AppTest.from_file(APP, default_timeout=60)

    def gaa(side: str, **parametre: str) -> None:
        at.query_params.clear()
        for k, v in parametre.items():
            at.query_params[k] = v
        at.switch_page(f"../sider/{side_fil(side)}")
        at.run()
        assert not at.exception, [e.value for e in at.exception]

    # The meeting script of `make load`: the unit's brief, Overblik (the shell writes the
    # shared unit back to the URL), Målkæden (its unit filter takes the shared unit), and
    # the brief again by link.
    gaa("dialogmoede", aar="2026", enhed=PEDERSBORG_ENHED_ID)
    gaa("overblik", aar="2026")
    gaa("maalkaeden", aar="2026")
    assert at.session_state["w_enhed"] == PEDERSBORG_ENHED_ID
    gaa("dialogmoede", aar="2026", enhed=PEDERSBORG_ENHED_ID)
    tekst = _tekst(at)
    assert "Vælg den enhed" not in tekst
    assert SEED_PEDERSBORG_TITEL in tekst
    assert at.query_params["enhed"] in (PEDERSBORG_ENHED_ID, [PEDERSBORG_ENHED_ID])


def test_visningen_bygges_pr_noegle(monkeypatch: pytest.MonkeyPatch) -> None:
    """`vist` hashes the key's dataclasses by repr: every part of the key still tells two
    briefs apart (unit, udvalg, settings, reports' version), and the same key is one build."""
    bygget: list[object] = []

    def falsk_brief(*n: object) -> object:
        bygget.append(n)
        return SimpleNamespace(indikatorer=(), budget_total=None, underenheder=())

    monkeypatch.setattr(dialogmoede, "brief", falsk_brief)
    dialogmoede.vist.clear()
    n: dialogmoede.Noegle = ("snap", Omfang(enhed_id="C-BU"), 2026, None, STANDARD, 0)
    andre: list[dialogmoede.Noegle] = [
        ("snap", Omfang(enhed_id="C-AE"), 2026, None, STANDARD, 0),
        ("snap", Omfang(udvalg="C-BU"), 2026, None, STANDARD, 0),
        ("snap", n[1], 2026, None, dataclasses.replace(STANDARD, taerskler=Taerskler(kr=2.0)), 0),
        ("snap", n[1], 2026, None, STANDARD, 7),
    ]
    try:
        assert dialogmoede.vist(n) is dialogmoede.vist(("snap", Omfang(enhed_id="C-BU"), 2026,
                                                       None, STANDARD, 0))  # fmt: skip
        for x in andre:
            assert dialogmoede.vist(x).n == x
        assert bygget == [n, *andre]
    finally:
        dialogmoede.vist.clear()
