"""AppTest: the Indberetning page (issue 19). Without [auth] nothing can be written;
a logged-in user with a role reports a vurdering and sees it on Målkæden, marked."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import polars as pl
from streamlit.testing.v1 import AppTest

from modeller.indberetning import Lager, standard_url
from tests.apptest import aabn, al_tekst
from tests.indberetning_hjaelp import institutionsmaal, nyeste_snapshot


def _aabn(side: str, bruger: dict[str, Any] | None, **parametre: str) -> AppTest:
    return aabn(side, bruger=bruger, **parametre)


def test_uden_auth_kan_intet_skrives(egen_data: Path) -> None:
    at = _aabn("indberetning", None)
    tekst = al_tekst(at)
    assert "Indberetning er slået fra" in tekst and "[auth]" in tekst
    assert not at.get("form") and not at.button
    assert not (egen_data / "indberetninger.sqlite").exists()


def test_logget_ud_ser_log_ind(egen_data: Path) -> None:
    at = _aabn("indberetning", {"is_logged_in": False})
    assert "Log ind for at indberette" in al_tekst(at)
    assert [b.label for b in at.button] == ["Log ind"]


def test_bruger_uden_rolle_kan_ikke_indberette(egen_data: Path) -> None:
    at = _aabn("indberetning", {"is_logged_in": True, "email": "eve@andet.dk", "name": "Eve"})
    assert "har ingen rolle" in al_tekst(at)
    assert not at.get("form")


def test_vurdering_indberettes_og_ses_paa_maalkaeden(egen_data: Path) -> None:
    anne = {"is_logged_in": True, "email": "anne@demo.dk", "name": "Anne Andersen"}
    s = nyeste_snapshot(egen_data)
    maal_id = institutionsmaal(s, "C-AE")
    at = _aabn("indberetning", anne)
    assert "Logget ind som" in al_tekst(at) and "Mål uden ny vurdering" in al_tekst(at)
    at.selectbox(key="indb_maal").set_value(maal_id)
    at.run()
    form_status = next(sb for sb in at.selectbox if sb.label == "Status")
    form_status.set_value("ikke_paa_sporet")
    next(t for t in at.text_area if t.label == "Kommentar").input("**fed** <b>x</b>")
    next(b for b in at.button if b.label == "Indberet vurdering").click()
    at.run()
    assert not at.exception
    assert any("Gemt" in str(e.value) for e in at.success), al_tekst(at)
    lager = Lager.aabn(standard_url(egen_data))
    (i,) = lager.alle()
    assert i.navn == "Anne Andersen" and i.vaerdi["kommentar"] == "**fed** <b>x</b>"
    # Målkæden's goal card shows it on top of the snapshot, marked, and inert.
    mk = _aabn("maalkaeden", None, maal=maal_id)
    info = [str(e.value) for e in mk.info if "efter datasættet" in str(e.value)]
    assert len(info) == 1 and "af Anne Andersen (efter datasættet)" in info[0]
    assert "Ikke på sporet" in info[0] and r"\*\*fed\*\* \<b\>x\</b\>" in info[0]


def test_prognose_efter_datasaettet_ses_under_oekonomi(egen_data: Path) -> None:
    from datetime import date

    from modeller.indberetning import prognose
    from tests.indberetning_hjaelp import ANNE, roller

    s = nyeste_snapshot(egen_data)
    lager = Lager.aabn(standard_url(egen_data))
    lager.indsend(
        prognose(date(2026, 9, 30), "C-AE", "P-AEL", "service", None, 31_500_000.0,
                 "Flere timer", "Ny vagtplan"),
        ANNE, roller(), s, 0,
    )  # fmt: skip
    at = _aabn("oekonomi", None)
    assert "Prognoser indberettet efter datasættet" in al_tekst(at)
    (vist,) = [d.value for d in at.dataframe if "Forklaring og handling" in d.value.columns]
    r = vist.iloc[0]
    assert (r["Enhed"], r["Budgettype"]) == ("Center for Ældre", "Service")
    assert re.fullmatch(r"Indberettet \d\d\.\d\d\.\d{4} af Anne Andersen \(efter datasættet\)",
                        r["Indberettet"])  # fmt: skip
    # The Indberetning page lists it too, marked.
    at = _aabn("indberetning", {"is_logged_in": True, "email": "anne@demo.dk", "name": "Anne"})
    assert "af Anne Andersen (efter datasættet)" in al_tekst(at)
    # in words, not the stored key (["2026-09-30", "C-AE", …])
    enhed = s["organisation"].filter(pl.col("enhed_id") == "C-AE")["navn"][0]
    po = s["politikomraader"].filter(pl.col("politikomraade_id") == "P-AEL")["navn"][0]
    assert rf"**Prognose pr\. 30\.09\.2026 for {enhed} · {po} · Service**" in al_tekst(at)
    assert '["2026-09-30"' not in al_tekst(at)
