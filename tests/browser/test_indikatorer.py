"""Real-browser checks of the Indikatorer page: from the seed goal to its trend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from modeller.demo import SEED_PEDERSBORG_MAAL_ID
from tests.browser.harness import vent_paa_grafer, vent_paa_side

HOVED_VALG = "[data-testid=stMainBlockContainer] [data-testid=stSelectbox]"


def valgt_tekst(page: Any) -> str:
    """The chosen option of the page's indicator selectbox (text and input value)."""
    boks = page.locator(HOVED_VALG).first
    tekst: str = boks.evaluate(
        "b => b.textContent + ' ' + [...b.querySelectorAll('input')].map(i => i.value).join(' ')"
    )
    return tekst


@pytest.mark.parametrize(("bredde", "hoejde"), [(1920, 1080), (1280, 720)])
def test_seed_goal_to_indicator_trend(
    browser: Any, server: str, artefakter: Path, bredde: int, hoejde: int
) -> None:
    page = browser.new_page(viewport={"width": bredde, "height": hoejde})
    page.goto(f"{server}/indikatorer?maal={SEED_PEDERSBORG_MAAL_ID}")
    vent_paa_side(page)
    vent_paa_grafer(page)
    # the goal deep link lands on its indicator, shown in the selectbox
    valgt = valgt_tekst(page)
    assert "Andel forældre der støtter op om sundhedspolitikken" in valgt
    assert "indikator=" in page.url and "maal=" not in page.url
    grafer = page.locator("[data-testid=stPlotlyChart]")
    assert grafer.count() >= 2
    trend = grafer.first
    assert "Pedersborg Børnehus" in trend.inner_text()
    assert "Mål 90 %" in trend.inner_text()
    page.screenshot(path=str(artefakter / f"indikatorer_top_{bredde}x{hoejde}.png"))
    for n in range(grafer.count()):
        grafer.nth(n).scroll_into_view_if_needed()
        grafer.nth(n).screenshot(
            path=str(artefakter / f"indikatorer_graf{n}_{bredde}x{hoejde}.png")
        )
    tabel = page.locator("[data-testid=stDataFrame]").last  # the per-unit table
    tabel.scroll_into_view_if_needed()
    tabel.screenshot(path=str(artefakter / f"indikatorer_tabel_{bredde}x{hoejde}.png"))
    page.close()


def test_choosing_another_indicator_by_typing(browser: Any, server: str, artefakter: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{server}/indikatorer?maal={SEED_PEDERSBORG_MAAL_ID}")
    vent_paa_side(page)
    page.locator(HOVED_VALG).first.click()
    page.keyboard.type("alderssvarende sprog")
    page.locator("[role=option]").first.click()
    vent_paa_side(page)
    vent_paa_grafer(page)
    assert "alderssvarende sprog" in valgt_tekst(page)
    assert "enheder=" in page.url  # the new indicator's default units are in the URL
    sammenligning = page.locator("[data-testid=stPlotlyChart]").last
    sammenligning.scroll_into_view_if_needed()
    sammenligning.screenshot(path=str(artefakter / "indikatorer_sammenligning_1280x720.png"))
    page.close()
