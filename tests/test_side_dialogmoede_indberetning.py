"""AppTest: reporting on the Dialogmøde page (issue 19 §2, §5): the unit's list of what is
missing for the current follow-up, and a vurdering form on each goal card for a user
with a role for the goal's unit (the forms of dashboard/indberetning/formular.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.faelles import format as fmt
from modeller import aarshjul, organisation
from modeller.indberetning import Lager, standard_url
from modeller.indberetning.mangler import (
    aktuel_opfoelgning,
    manglende_prognoser,
    manglende_vurderinger,
    vurderinger_siden,
)
from tests.apptest import aabn, al_tekst
from tests.indberetning_hjaelp import nyeste_snapshot

ANNE = {"is_logged_in": True, "email": "anne@demo.dk", "name": "Anne Andersen"}


def _aabn(bruger: dict[str, Any] | None, **parametre: str) -> AppTest:
    return aabn("dialogmoede", bruger=bruger, **parametre)


def _formularknapper(at: AppTest) -> list[Any]:
    return [b for b in at.button if b.label == "Indberet vurdering"]


def _mangler_for_aeldre(data_dir: Path) -> tuple[Any, Any, list[str], pl.DataFrame]:
    """(snapshot, current follow-up, Center for Ældre and the units below it, its goals
    without a fresh vurdering) by the rules themselves, for comparing with the page."""
    s = nyeste_snapshot(data_dir)
    assert s.manifest.data_as_of is not None
    f = aktuel_opfoelgning(aarshjul.STANDARD, s.manifest.data_as_of)
    assert f is not None
    enheder = organisation.efterkommere(s["organisation"], "C-AE")
    mv = manglende_vurderinger(
        s["maal"], s["vurderinger"], enheder, vurderinger_siden(aarshjul.STANDARD, f.dato)
    )
    return s, f, enheder, mv


def test_mangler_for_enheden_og_ingen_formular_uden_login(egen_data: Path) -> None:
    at = _aabn(None, enhed="C-AE")
    tekst = al_tekst(at)
    assert "Mangler til opfølgningen" in tekst and "Aktuel opfølgning:" in tekst
    assert not _formularknapper(at) and "🔒" not in tekst
    # The counts are the missing rules over Center for Ældre and the units below it.
    s, f, enheder, mv = _mangler_for_aeldre(egen_data)
    mp = manglende_prognoser(s["budget"], s["prognoser"], enheder, 2026, f.dato)
    metrik = {m.label: m.value for m in at.metric}
    assert metrik["Mål uden ny vurdering"] == fmt.tal(mv.height)
    assert metrik["Budgetlinjer uden prognose"] == fmt.tal(mp.height)
    ejere = set(s["organisation"].filter(pl.col("enhed_id").is_in(enheder))["navn"].to_list())
    for t in at.dataframe:
        if "Ejer" in t.value.columns:
            assert set(t.value["Ejer"].to_list()) <= ejere


def test_vurdering_fra_maalkortet_ses_med_det_samme(egen_data: Path) -> None:
    at = _aabn(ANNE, enhed="C-AE")
    s = nyeste_snapshot(egen_data)
    egne = s["maal"].filter(enhed_id="C-AE")["maal_id"].to_list()
    knapper = _formularknapper(at)
    assert knapper and len(knapper) <= len(egne)
    # The first card's form (keys: indb_dialogmoede_vurdering_<maal_id>_<felt>).
    fid = "indb_dialogmoede_vurdering_"
    status = next(sb for sb in at.selectbox if str(sb.key).startswith(fid))
    maal_id = str(status.key).removeprefix(fid).removesuffix("_status")
    assert maal_id in egne
    status.set_value("ikke_paa_sporet")
    next(t for t in at.text_area if t.key == f"{fid}{maal_id}_kommentar").input("**fed** <b>x</b>")
    knapper[0].click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    lager = Lager.aabn(standard_url(egen_data))
    (i,) = lager.alle()
    assert i.vaerdi["maal_id"] == maal_id and i.vaerdi["status"] == "ikke_paa_sporet"
    tekst = al_tekst(at).replace("\\", "")
    assert "📝 Indberettet" in tekst and "af Anne Andersen (efter datasættet)" in tekst
    assert "**fed** <b>x</b>" in tekst  # inert, shown as typed


@pytest.fixture
def kold() -> Iterator[None]:
    """The shared caches (cache_resource) cleared before and after: the reports' ids (part
    of their keys) start at 1 in every test's own database."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def test_vurdering_fra_maalkortet_fjerner_maalet_fra_manglerne(egen_data: Path, kold: None) -> None:
    """The missing list is cached by the reports after the snapshot: a vurdering from a
    goal card takes the goal off the list in the same run."""
    at = _aabn(ANNE, enhed="C-AE")
    _, _, _, mv = _mangler_for_aeldre(egen_data)
    assert {m.label: m.value for m in at.metric}["Mål uden ny vurdering"] == fmt.tal(mv.height)
    fid = "indb_dialogmoede_vurdering_"
    kort = [str(sb.key).removeprefix(fid).removesuffix("_status") for sb in at.selectbox
            if str(sb.key).startswith(fid)]  # fmt: skip
    nr, maal_id = next((i, m) for i, m in enumerate(kort) if m in set(mv["maal_id"]))
    _formularknapper(at)[nr].click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    metrik = {m.label: m.value for m in at.metric}
    assert metrik["Mål uden ny vurdering"] == fmt.tal(mv.height - 1)
    (t,) = [t.value for t in at.dataframe if "Mål" in t.value.columns and "Ejer" in t.value.columns]
    titel = mv.filter(pl.col("maal_id") == maal_id)["titel"][0]
    assert list(t["Mål"]).count(titel) == mv.filter(pl.col("titel") == titel).height - 1


def test_bruger_uden_rolle_faar_en_linje_og_ingen_formular(egen_data: Path) -> None:
    at = _aabn({"is_logged_in": True, "email": "eve@andet.dk", "name": "Eve"}, enhed="C-AE")
    assert not _formularknapper(at)
    assert al_tekst(at).count("har ingen rolle") == 1
    # Sofie reports for Center for Børn og Unge only: no form on Center for Ældre's goals.
    sofie = {
        "is_logged_in": True,
        "email": "sofie@demo.dk",
        "name": "Sofie",
        "groups": ["sg-boern"],
    }
    assert not _formularknapper(_aabn(sofie, enhed="C-AE"))
    assert _formularknapper(_aabn(sofie, enhed="C-BU"))
