"""AppTest: the indberetning forms where the item is (issue 19 §2 and §5): the goal card
on Målkæden, the indicator on Indikatorer, the budget line on Økonomi, and what is
missing on Overblik and Aftaler. Forms appear only for a user with a role for the item's
unit; without [auth] the pages stay as they were."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.faelles import format as fmt
from dashboard.rapport import indhold
from modeller.indberetning import Lager, standard_url, vurdering
from tests.apptest import aabn, al_tekst
from tests.indberetning_hjaelp import (
    BO,
    institutionsmaal,
    nyeste_snapshot,
    roller,
)

ANNE = {"is_logged_in": True, "email": "anne@demo.dk", "name": "Anne Andersen"}
BO_LOGIN = {"is_logged_in": True, "email": "bo@demo.dk", "name": "Bo Bech"}
SOFIE = {"is_logged_in": True, "email": "sofie@demo.dk", "name": "Sofie", "groups": ["sg-boern"]}


def _aabn(side: str, bruger: dict[str, Any] | None, **parametre: str) -> AppTest:
    return aabn(side, bruger=bruger, **parametre)


def _knap(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def _knapper(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


# --- Målkæden: the goal card ---------------------------------------------------------


def test_maalkaeden_uden_auth_ingen_formular(egen_data: Path) -> None:
    maal_id = institutionsmaal(nyeste_snapshot(egen_data), "C-AE")
    at = _aabn("maalkaeden", None, maal=maal_id)
    assert not at.get("form") and "Indberet vurdering" not in _knapper(at)
    assert "Indberetning sker på siden" not in al_tekst(at)
    assert not (egen_data / "indberetninger.sqlite").exists()


def test_maalkaeden_logget_ud_en_linje(egen_data: Path) -> None:
    maal_id = institutionsmaal(nyeste_snapshot(egen_data), "C-AE")
    at = _aabn("maalkaeden", {"is_logged_in": False}, maal=maal_id)
    assert not at.get("form")
    assert al_tekst(at).count("Log ind for at indberette") == 1


def test_maalkaeden_vurdering_fra_kortet_ses_straks(egen_data: Path) -> None:
    maal_id = institutionsmaal(nyeste_snapshot(egen_data), "C-AE")
    at = _aabn("maalkaeden", ANNE, maal=maal_id)
    assert len(at.get("form")) == 1
    (udvid,) = [e for e in at.expander if e.label == "Indberet vurdering"]
    assert not udvid.proto.expanded  # closed until used
    next(sb for sb in at.selectbox if sb.label == "Status").set_value("i_risiko")
    next(t for t in at.text_area if t.label == "Kommentar").input("Færre forældre svarer")
    _knap(at, "Indberet vurdering").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (i,) = Lager.aabn(standard_url(egen_data)).alle()
    assert (i.art, i.navn, i.vaerdi["maal_id"]) == ("vurdering", "Anne Andersen", maal_id)
    assert any("Gemt" in str(s.value) for s in at.success)
    # the form's expander opens for the outcome, so "Gemt …" is seen, not hidden
    (udvid,) = [e for e in at.expander if e.label == "Indberet vurdering"]
    assert udvid.proto.expanded
    # The card shows it at once, in the same run, beside (not instead of) the snapshot's.
    info = [str(e.value) for e in at.info if "efter datasættet" in str(e.value)]
    assert len(info) == 1 and "I risiko" in info[0] and "af Anne Andersen" in info[0]
    assert "Historik (1 indberetning)" in [e.label for e in at.expander]


def test_maalkaeden_foraeldet_indsendelse_afvises_med_den_nye_vaerdi(egen_data: Path) -> None:
    s = nyeste_snapshot(egen_data)
    maal_id = institutionsmaal(s, "C-AE")
    at = _aabn("maalkaeden", ANNE, maal=maal_id)  # Anne opens the form on version 0
    Lager.aabn(standard_url(egen_data)).indsend(
        vurdering(maal_id, date(2026, 10, 1), "opfyldt", "Bo var først"), BO, roller(), s, 0
    )
    _knap(at, "Indberet vurdering").click()
    at.run()
    fejl = [str(e.value) for e in at.error]
    assert len(fejl) == 1 and "Ikke gemt" in fejl[0] and "Bo Bech indberettede" in fejl[0]
    assert "Opfyldt" in fejl[0] and "Bo var først" in fejl[0]
    assert len(Lager.aabn(standard_url(egen_data)).alle()) == 1
    # Submitting again now works on the newer version: both are in the history.
    _knap(at, "Indberet vurdering").click()
    at.run()
    assert any("Gemt" in str(e.value) for e in at.success)
    assert [i.version for i in Lager.aabn(standard_url(egen_data)).alle()] == [1, 2]


def test_maalkaeden_anden_enheds_maal_afvises(egen_data: Path) -> None:
    maal_id = institutionsmaal(nyeste_snapshot(egen_data), "C-AE")
    at = _aabn("maalkaeden", SOFIE, maal=maal_id)  # Sofie reports for C-BU only
    assert not at.get("form") and "Indberet vurdering" not in _knapper(at)
    assert "Du kan ikke indberette en vurdering af målet" in al_tekst(at)


# --- Indikatorer: the indicator's trend view -----------------------------------------


def _indikator_under(data: Path, center: str) -> str:
    s = nyeste_snapshot(data)
    org = s["organisation"].filter(pl.col("overordnet_id") == center)["enhed_id"]
    egne = s["maal"].filter(pl.col("enhed_id").is_in(org.implode()))["maal_id"]
    return str(
        s["indikatorer"]
        .filter(pl.col("maal_id").is_in(egne.implode()))
        .sort("indikator_id")["indikator_id"][0]
    )


def test_indikatorer_maaling_kun_for_ejerenheden(egen_data: Path) -> None:
    iid = _indikator_under(egen_data, "C-AE")
    at = _aabn("indikatorer", None, indikator=iid)
    assert not at.get("form") and "Indberet måling" not in _knapper(at)
    at = _aabn("indikatorer", SOFIE, indikator=iid)
    assert not at.get("form") and "Du kan ikke indberette en måling" in al_tekst(at)
    at = _aabn("indikatorer", ANNE, indikator=iid)
    assert len(at.get("form")) == 1
    next(d for d in at.date_input if d.label == "Periode").set_value(date(2026, 10, 1))
    at.run()
    next(n for n in at.number_input if n.label == "Værdi").set_value(42.5)
    _knap(at, "Indberet måling").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (i,) = Lager.aabn(standard_url(egen_data)).alle()
    assert (i.art, i.vaerdi["indikator_id"], i.vaerdi["vaerdi"]) == ("maaling", iid, 42.5)
    assert i.vaerdi["periode"] == "2026-10-01"
    tekst = al_tekst(at)
    assert f"for {fmt.dato(date(2026, 10, 1))}" in tekst and "42,5" in tekst
    assert "af Anne Andersen (efter datasættet)" in tekst


# --- Økonomi: a budget line of the table ---------------------------------------------


def test_oekonomi_prognose_for_valgt_budgetlinje_kun_for_controller(egen_data: Path) -> None:
    sted = {"politikomraade": "P-AEL", "center": "C-AE"}  # institutions of Center for Ældre
    at = _aabn("oekonomi", None, **sted)
    assert not at.get("form") and "Indberet prognose" not in _knapper(at)
    at = _aabn("oekonomi", BO_LOGIN, **sted)  # C-AE, but not a controller
    assert not at.get("form") and "kræver controller-rollen" in al_tekst(at)
    at = _aabn("oekonomi", ANNE, **sted)
    assert len(at.get("form")) == 1
    linje = next(sb for sb in at.selectbox if sb.label == "Budgetlinje").value
    next(n for n in at.number_input if n.label == "Forventet regnskab (kr.)").set_value(12_345_000)
    next(t for t in at.text_area if t.label == "Forklaring").input("Flere beboere")
    _knap(at, "Indberet prognose").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (i,) = Lager.aabn(standard_url(egen_data)).alle()
    assert i.art == "prognose" and i.vaerdi["forventet_forbrug_kr"] == 12_345_000
    noegle = ("enhed_id", "politikomraade_id", "budgettype", "projekt_id")
    assert tuple(i.vaerdi[n] for n in noegle) == tuple(linje) and linje[1] == "P-AEL"
    tekst = al_tekst(at)
    assert "Prognoser indberettet efter datasættet** (1)" in tekst
    assert any("Gemt: forventet regnskab 12" in str(s.value) for s in at.success), tekst
    # The table marks the row as every other place does (`indhold.markering`).
    (tabel,) = [t.value for t in at.dataframe if "Forklaring og handling" in t.value.columns]
    assert list(tabel["Indberettet"]) == [indhold.markering(i.indberettet, i.navn)]


# --- Overblik and Aftaler: what is missing, on a small hand-made case ----------------

AARSHJUL = """
[[frist]]
dato = "03-31"
navn = "Budgetopfølgning til Byrådet"
vurder_maal = true

[[frist]]
dato = "09-30"
navn = "Budgetopfølgning til Byrådet"
vurder_maal = true
"""
LILLE_ROLLER = """
[bruger."cecilie@lille.dk"]
enheder = ["C1"]
controller = true

[bruger."ib@lille.dk"]
enheder = ["I1"]
"""


@pytest.fixture
def lille_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small source set of kilder_hjaelp, loaded; data as of 31/3/2026."""
    from modeller.loader import build_snapshot
    from tests.kilder_hjaelp import skriv_csv

    data = tmp_path / "data"
    build_snapshot(skriv_csv(tmp_path / "kilde"), data, label="Lille")
    (data / "aarshjul.toml").write_text(AARSHJUL, encoding="utf-8")
    (data / "roller.toml").write_text(LILLE_ROLLER, encoding="utf-8")
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(data))
    monkeypatch.delenv("STYRINGSOVERBLIK_DB", raising=False)
    return data


def _tal(at: AppTest) -> dict[str, str]:
    return {
        m.label: m.value for m in at.metric if m.label.startswith("Mangler ") and "(" in m.label
    }


def _ejere(at: AppTest) -> list[tuple[Any, ...]]:
    df = next(d for d in at.dataframe if "Ejer" in d.value.columns).value
    return [tuple(r) for r in df.itertuples(index=False)]


@pytest.mark.parametrize("side", ["overblik", "aftaler"])
def test_mangler_taelles_pr_ejer_med_fristen(lille_data: Path, side: str) -> None:
    # Follow-up 31/3/2026; a vurdering is fresh after 30/9/2025. Goals with a unit: M3
    # (C1, never assessed: missing) and M4 (I1, assessed 15/3/2026: fresh). Budget lines
    # 2026: I1·P1 and I3·P2 have a forecast at 31/3, I2·P1 has none: missing.
    at = _aabn(side, None)
    assert "frist **31. marts 2026** · hele organisationen" in al_tekst(at)
    assert _tal(at) == {"Mangler vurdering (mål)": "1", "Mangler prognose (budgetlinjer)": "1"}
    assert _ejere(at) == [
        ("Center for Børn og Unge", "1", "31.03.2026", "0", "31.03.2026"),
        ("Frederiksberg Skole", "0", "31.03.2026", "1", "31.03.2026"),
    ]


def test_mangler_for_brugerens_enheder_og_efter_indberetning(lille_data: Path) -> None:
    cecilie = {"is_logged_in": True, "email": "cecilie@lille.dk", "name": "Cecilie"}
    at = _aabn("overblik", cecilie)  # C1 and below (I1, I2), controller: the same two
    assert _tal(at) == {"Mangler vurdering (mål)": "1", "Mangler prognose (budgetlinjer)": "1"}
    ib = {"is_logged_in": True, "email": "ib@lille.dk", "name": "Ib"}
    at = _aabn("overblik", ib)  # I1 only, not a controller: nothing missing, no forecasts
    assert _tal(at) == {"Mangler vurdering (mål)": "0", "Mangler prognose (budgetlinjer)": "–"}
    assert "Intet mangler til opfølgningen." in al_tekst(at)
    # A vurdering of M3 reported after the snapshot counts at once.
    at = _aabn("maalkaeden", cecilie, maal="M3")
    _knap(at, "Indberet vurdering").click()
    at.run()
    assert any("Gemt" in str(s.value) for s in at.success)
    at = _aabn("overblik", None)
    assert _tal(at) == {"Mangler vurdering (mål)": "0", "Mangler prognose (budgetlinjer)": "1"}
    assert _ejere(at) == [("Frederiksberg Skole", "0", "31.03.2026", "1", "31.03.2026")]
