"""Slow reruns reach the server log with page and parameters, never user data; the
chart renderer recovers from a failure after a back-off instead of giving up for good."""

from __future__ import annotations

import logging
import threading
import time

import plotly.graph_objects as go
import pytest

from dashboard.rapport import figurer
from dashboard.skal import koerselslog


def test_parametre_logges_kun_naar_de_ligner_appens_egne() -> None:
    tekst = koerselslog.parametre_til_log(
        {
            "aar": "2026",
            "enhed": "C-BU",
            "udvalg": "Børne- og Skoleudvalget",
            "x<script>": "1",
            "status": ["i_risiko", "ikke_paa_sporet"],
            "email": "a@b.dk",
        }
    )
    assert tekst == (
        "aar=2026 email=<ugyldig> enhed=C-BU status=i_risiko,ikke_paa_sporet "
        "udvalg=<ugyldig> <ugyldigt navn>"
    )
    assert "@" not in tekst


def test_langsom_koersel_logges(caplog: pytest.LogCaptureFixture, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("STYRINGSOVERBLIK_LANGSOM_S", "1,5")  # not a number: default 2 s
    with caplog.at_level(logging.WARNING, logger="styringsoverblik.koersel"):
        koerselslog.afslut("oekonomi", {"aar": "2026"}, 1.9)
        assert not caplog.records
        koerselslog.afslut("oekonomi", {"aar": "2026"}, 2.4)
    assert [r.getMessage() for r in caplog.records] == [
        "Langsom kørsel: side=oekonomi 2.40 s aar=2026"
    ]
    monkeypatch.setenv("STYRINGSOVERBLIK_LANGSOM_S", "0.5")
    with caplog.at_level(logging.WARNING, logger="styringsoverblik.koersel"):
        koerselslog.afslut("maalkaeden", {}, 0.6)
    assert caplog.records[-1].getMessage() == "Langsom kørsel: side=maalkaeden 0.60 s "


@pytest.fixture
def tegner(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A stand-in for kaleido's drawing call (the renderer's own logic is under test)."""
    kald: list[str] = []
    monkeypatch.setattr(figurer, "chromium", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(figurer, "_tilstand", figurer._Tilstand())
    monkeypatch.setattr(figurer, "PAUSE_S", 0.2)
    monkeypatch.setattr(figurer, "PAUSE_MAKS_S", 0.3)
    return kald


def test_tegning_proeves_igen_efter_pause(tegner: list[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    udfald = ["fejl", "fejl", "ok"]

    def tegn(fig: go.Figure, bredde: int, hoejde: int) -> bytes:
        tegner.append("kald")
        if udfald.pop(0) == "fejl":
            raise RuntimeError("Chromium døde")
        return b"png"

    monkeypatch.setattr(figurer, "_tegn", tegn)
    assert figurer.png(go.Figure()) is None
    assert figurer.png(go.Figure()) is None  # within the pause: not even tried
    assert len(tegner) == 1
    time.sleep(0.25)
    assert figurer.png(go.Figure()) is None  # second failure: pause doubles (capped 0.3)
    assert figurer._tilstand.fejl_i_traek == 2
    time.sleep(0.35)
    assert figurer.png(go.Figure()) == b"png"
    assert figurer._tilstand.fejl_i_traek == 0
    assert len(tegner) == 3


def test_en_langsom_tegning_blokerer_ikke_alle(tegner: list[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    frigiv = threading.Event()

    def tegn(fig: go.Figure, bredde: int, hoejde: int) -> bytes:
        frigiv.wait(5)
        return b"png"

    monkeypatch.setattr(figurer, "_tegn", tegn)
    monkeypatch.setattr(figurer, "VENTETID_S", 0.2)
    resultat: list[bytes | None] = []
    t = threading.Thread(target=lambda: resultat.append(figurer.png(go.Figure())))
    t.start()
    time.sleep(0.1)
    assert figurer.png(go.Figure()) is None  # gave up waiting for its turn
    frigiv.set()
    t.join(5)
    assert resultat == [b"png"]


def test_delte_objekter_er_skrivebeskyttede(app_data) -> None:  # type: ignore[no-untyped-def]
    """What one process shares between sessions cannot be changed by one of them."""
    from dashboard import data
    from dashboard.faelles import tema

    s = data.load_snapshot(None)
    with pytest.raises(TypeError):
        s.tabeller["maal"] = s["maal"].head(0)  # type: ignore[index]
    with pytest.raises(TypeError):
        tema.STATUS_FARVE["opfyldt"] = "#000000"  # type: ignore[index]
