"""AppTest: meeting-ready behaviour across all pages (issue 6).

Shared parameters survive page switches, every query parameter of every page is
validated (a friendly note instead of a traceback), every chart has Danish separators
and larger fonts in presentation mode, and units link to their Dialogmøde brief.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.skal.navigation import SIDER
from modeller.demo import PEDERSBORG_ENHED_ID, SEED_PEDERSBORG_MAAL_ID
from tests.apptest import aabn, al_tekst, kør, plotly_specs, side_fil, tabeller

SIDER_URL = [s.url_path for s in SIDER]

# Each page's own query parameters (the shared ones are checked on every page).
EGNE_PARAMETRE: dict[str, tuple[str, ...]] = {
    "overblik": (),
    "maalkaeden": ("politik", "omraade", "status", "afvigende", "maal"),
    "oekonomi": ("udvalg", "budgettype", "profil", "kun_afvigelser", "politikomraade", "center"),
    "indikatorer": ("maal", "indikator", "visning", "enheder"),
    "aftaler": ("niveau", "center", "status"),
    "dialogmoede": ("enhed",),
    "datagrundlag": (),
    "politikomraader": ("politikomraade",),
    "budgetopfoelgning": ("modtager",),
    "indberetning": (),
}
DELTE_FEJL = (
    ("aar", "abc"),
    ("aar", "1999"),
    ("snapshot", "../x"),
    ("enhed", "ukendt"),
    ("praesentation", "2"),
)
FEJLVAERDIER = ("<script>alert(1)</script>", "../x" + "x" * 3000)


def _noter(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in at.info)


def _faelles_kaldt_ud(at: AppTest) -> str:
    return "\n".join(f"{k}={at.query_params[k]}" for k in at.query_params)


def test_delte_parametre_bevares_ved_sideskift(app_data: Path) -> None:
    """From Overblik with an older snapshot, another year, presentation mode and
    Pedersborg, every other page keeps all four and shows the older data date."""
    aeldste = data.list_snapshots()[-1].snapshot_id
    parametre = {
        "aar": "2025",
        "snapshot": aeldste,
        "praesentation": "1",
        "enhed": PEDERSBORG_ENHED_ID,
    }
    at = kør(None, **parametre)
    assert "Data pr. 31. maj 2026" in al_tekst(at)
    for side in SIDER_URL[1:]:
        at.switch_page(f"../sider/{side_fil(side)}")
        at.run()
        assert not at.exception, (side, [e.value for e in at.exception])
        for k, v in parametre.items():
            assert at.query_params.get(k) == [v] or at.query_params.get(k) == v, (
                side,
                k,
                _faelles_kaldt_ud(at),
            )
        assert "Data pr. 31. maj 2026" in al_tekst(at), side
        assert "År 2025" in al_tekst(at), side


def test_delt_enhed_skrives_tilbage_naar_navigationen_taber_den(app_data: Path) -> None:
    """The sidebar navigation drops query params; the shell restores `enhed`."""
    at = kør(None, enhed=PEDERSBORG_ENHED_ID)
    del at.query_params["enhed"]
    at.switch_page(f"../sider/{side_fil('dialogmoede')}")
    at.run()
    assert not at.exception
    assert at.query_params.get("enhed") in (PEDERSBORG_ENHED_ID, [PEDERSBORG_ENHED_ID])
    assert "Pedersborg Børnehus" in al_tekst(at)


FEJL_PR_SIDE: dict[str, tuple[str, str]] = {
    "overblik": ("aar", "abc"),
    "maalkaeden": ("maal", FEJLVAERDIER[0]),
    "oekonomi": ("politikomraade", FEJLVAERDIER[1]),
    "indikatorer": ("indikator", ""),
    "aftaler": ("niveau", FEJLVAERDIER[0]),
    "dialogmoede": ("enhed", "ukendt"),
    "datagrundlag": ("snapshot", "../x"),
    "politikomraader": ("politikomraade", FEJLVAERDIER[0]),
    "budgetopfoelgning": ("modtager", FEJLVAERDIER[1]),
    "indberetning": ("aar", "1999"),
}
"""One bad link value per page: every binder is tested against every kind of bad value
once, in tests/test_url_binding.py; here each page shows that its parameters go through
the binding (note, standard view, clean URL)."""


def _fejltilfaelde() -> list[tuple[str, str, str]]:
    return [(side, *FEJL_PR_SIDE[side]) for side in SIDER_URL if side in FEJL_PR_SIDE]


def test_hver_side_har_et_fejltilfaelde() -> None:
    assert set(FEJL_PR_SIDE) == set(SIDER_URL)
    for side, (noegle, _) in FEJL_PR_SIDE.items():
        assert noegle in EGNE_PARAMETRE.get(side, ()) + tuple(k for k, _ in DELTE_FEJL)


@pytest.mark.parametrize(("side", "noegle", "vaerdi"), _fejltilfaelde())
def test_ugyldig_parameter_giver_note_og_standardvisning(
    app_data: Path, side: str, noegle: str, vaerdi: str
) -> None:
    at = aabn(side, **{noegle: vaerdi})
    titel = next(s.titel for s in SIDER if s.url_path == side)
    assert [t.value for t in at.title][:1] == [titel]
    assert "Data pr." in al_tekst(at)
    noter = _noter(at)
    assert "Linket indeholder" in noter, (side, noegle, noter)
    # The bad value is gone from the URL (removed or replaced by a valid value).
    assert at.query_params.get(noegle) not in (vaerdi, [vaerdi]) or vaerdi == "", _faelles_kaldt_ud(
        at
    )
    # The note never echoes markup or the whole long value.
    assert "<script>" not in noter
    assert "x" * 100 not in noter


def test_parameterlisten_daekker_alle_sider() -> None:
    assert set(EGNE_PARAMETRE) == set(SIDER_URL)


VISNINGER = {
    "overblik": {},
    "maalkaeden": {"maal": SEED_PEDERSBORG_MAAL_ID},
    "oekonomi": {"politikomraade": "P-DAG"},
    "indikatorer": {"maal": SEED_PEDERSBORG_MAAL_ID},
    "aftaler": {},
    "dialogmoede": {"enhed": PEDERSBORG_ENHED_ID},
    "datagrundlag": {},
    "politikomraader": {"politikomraade": "P-DAG"},
    "budgetopfoelgning": {},
    "indberetning": {},
}


@pytest.mark.parametrize("side", SIDER_URL)
@pytest.mark.parametrize("praesentation", [False, True])
def test_grafer_har_danske_separatorer_og_store_fonte(
    app_data: Path, side: str, praesentation: bool
) -> None:
    ekstra = {"praesentation": "1"} if praesentation else {}
    specs = plotly_specs(kør(side, **VISNINGER[side], **ekstra))
    if side not in ("datagrundlag", "indberetning"):
        assert specs, f"{side} viser ingen grafer"
    for spec in specs:
        layout = spec["layout"]
        assert layout.get("separators") == ",.", (side, layout.get("title"))
        stoerrelse = layout.get("font", {}).get("size", 12)
        if praesentation and not _er_aarshjul(spec):
            assert stoerrelse >= 18, (side, stoerrelse)
        else:
            assert stoerrelse >= 14, (side, stoerrelse)


def _er_aarshjul(spec: dict[str, object]) -> bool:
    layout = spec["layout"]
    return isinstance(layout, dict) and "polar" in layout


@pytest.mark.parametrize("side", ["overblik", "aftaler"])
def test_aarshjul_har_store_fonte_i_praesentation(app_data: Path, side: str) -> None:
    specs = [s for s in plotly_specs(kør(side, praesentation="1")) if _er_aarshjul(s)]
    assert specs
    for spec in specs:
        assert spec["layout"]["font"]["size"] >= 18


def _dialog_link(url: str | None, enhed: str) -> dict[str, list[str]]:
    assert url is not None and url.startswith("dialogmoede?"), url
    q = parse_qs(url.split("?", 1)[1])
    assert q["enhed"] == [enhed], url
    return q


def _oekonomitabel(at: Any) -> Any:
    """Økonomi's follow-up table (the one headed by its drill level)."""
    niveauer = ("Udvalg", "Politikområde", "Center", "Institution")
    return next(t for t in tabeller(at) if t.columns[0] in niveauer)


def test_oekonomi_institutionsraekker_linker_til_dialogmoede(app_data: Path) -> None:
    at = kør("oekonomi", politikomraade="P-DAG", center="C-BU", aar="2026")
    df = _oekonomitabel(at)
    assert "Dialogmøde" in df.columns
    linjer = df[df.iloc[:, 0] != "I alt"]
    assert linjer["Dialogmøde"].notna().all()
    ped = linjer[linjer.iloc[:, 0] == "Pedersborg Børnehus"]
    q = _dialog_link(ped["Dialogmøde"].iloc[0], PEDERSBORG_ENHED_ID)
    assert q["aar"] == ["2026"] and "snapshot" in q
    # The export carries raw numbers, not links.
    assert df[df.iloc[:, 0] == "I alt"]["Dialogmøde"].isna().all()


def test_indikatorer_enhedstabel_linker_til_dialogmoede(app_data: Path) -> None:
    at = kør("indikatorer", maal=SEED_PEDERSBORG_MAAL_ID)
    df = next(t for t in tabeller(at) if "Enhed" in t.columns)
    ped = df[df["Enhed"].str.contains("Pedersborg")]
    _dialog_link(ped["Dialogmøde"].iloc[0], PEDERSBORG_ENHED_ID)


def test_maalkort_linker_til_enhedens_dialogmoede(app_data: Path) -> None:
    at = kør("maalkaeden", maal=SEED_PEDERSBORG_MAAL_ID, praesentation="1")
    links = [e.proto for e in at.get("page_link") if "dialogmoede" in e.proto.page]
    assert links, [e.proto.page for e in at.get("page_link")]
    q = parse_qs(links[0].query_string)
    assert q["enhed"] == [PEDERSBORG_ENHED_ID]
    assert q["praesentation"] == ["1"]
    assert "dialogmøde-oplæg" in links[0].label


def test_maal_til_indikatorer_og_tilbage(app_data: Path) -> None:
    """Målkæden → Indikatorer ("Se indikatoren") and Indikatorer → Målkæden."""
    at = kør("maalkaeden", maal=SEED_PEDERSBORG_MAAL_ID)
    til = [e.proto for e in at.get("page_link") if "indikatorer" in e.proto.page]
    assert til
    q = parse_qs(til[0].query_string)
    assert q["maal"] == [SEED_PEDERSBORG_MAAL_ID]
    ind = kør("indikatorer", **{k: v[0] for k, v in q.items()})
    tilbage = [e.proto for e in ind.get("page_link") if "maalkaeden" in e.proto.page]
    assert tilbage
    assert parse_qs(tilbage[0].query_string)["maal"] == [SEED_PEDERSBORG_MAAL_ID]


def test_overblik_afvigelse_aabner_sin_linje_i_oekonomi(app_data: Path) -> None:
    """The exception link keeps the shared params (presentation mode too) and opens
    Økonomi drilled to the line's politikområde and centre, where the unit is listed."""
    at = aabn("overblik", praesentation="1", aar="2026")
    top = next(t for t in tabeller(at) if "Økonomi" in t.columns)
    for _, r in top.head(5).iterrows():
        q = {k: v[0] for k, v in parse_qs(r["Økonomi"].split("?", 1)[1]).items()}
        assert r["Økonomi"].startswith("oekonomi?")
        assert q["praesentation"] == "1" and q["aar"] == "2026" and "snapshot" in q
        oek = aabn("oekonomi", **q)
        assert not oek.info, [i.value for i in oek.info]
        overskrift = next(s.value for s in oek.subheader if s.value.startswith("Budget"))
        assert r["Politikområde"] in overskrift
        navne = set(_oekonomitabel(oek).iloc[:, 0])
        assert r["Enhed"] in navne or r["Enhed"] in overskrift, (r["Enhed"], overskrift)
