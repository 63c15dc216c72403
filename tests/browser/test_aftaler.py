"""Aftaler in a real browser: the wheel draws with today's needle, a filter chosen in the
page lands in the URL, and the relative brief link resolves to Pedersborg's Dialogmøde."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from modeller.demo import PEDERSBORG_ENHED_ID
from tests.browser.harness import vent_paa_grafer, vent_paa_side


def _aaben(browser: Any, url: str, bredde: int, hoejde: int) -> Any:
    page = browser.new_page(viewport={"width": bredde, "height": hoejde}, locale="da-DK")
    page.goto(url)
    vent_paa_side(page)
    vent_paa_grafer(page)
    return page


def test_hjulet_tegnes_og_skaermbilleder(browser: Any, server: str, artefakter: Path) -> None:
    for bredde, hoejde in ((1920, 1080), (1280, 720)):
        page = _aaben(browser, server + "/aftaler", bredde, hoejde)
        try:
            hjul = page.locator("[data-testid=stPlotlyChart]").first
            hjul.scroll_into_view_if_needed()
            assert hjul.locator("text", has_text="I dag").count() >= 1
            for md in ("jan", "jun", "dec"):
                assert hjul.locator("text", has_text=md).count() >= 1
            boks = hjul.bounding_box()
            assert boks is not None and boks["width"] <= bredde and boks["height"] >= 300
            tekst = page.inner_text("[data-testid=stMainBlockContainer]")
            assert "er vi i fasen" in tekst and "Næste frister" in tekst
            page.screenshot(path=str(artefakter / f"aftaler_{bredde}x{hoejde}.png"))
        finally:
            page.close()


def test_niveauvalg_skrives_i_url(browser: Any, server: str, artefakter: Path) -> None:
    page = _aaben(browser, server + "/aftaler", 1280, 720)
    try:
        page.locator("[data-testid=stSelectbox]", has_text="Niveau").first.click()
        page.get_by_role("option", name="Niveau 2: direktion ↔ centre").click()
        page.wait_for_function("() => window.location.search.includes('niveau=2')", timeout=60_000)
        vent_paa_side(page)
        tekst = page.inner_text("[data-testid=stMainBlockContainer]")
        assert "Niveau 2: direktion ↔ centre" in tekst
        assert "Niveau 3: centre ↔ institutioner (" not in tekst
        page.screenshot(path=str(artefakter / "aftaler_niveau2_1280x720.png"), full_page=True)
    finally:
        page.close()


def test_brief_linket_aabner_pedersborg(browser: Any, server: str) -> None:
    page = _aaben(browser, server + "/aftaler?center=C-BU&niveau=3", 1280, 720)
    try:
        snapshot = page.evaluate(
            "() => new URLSearchParams(window.location.search).get('snapshot')"
        )
        relativ = f"dialogmoede?enhed={PEDERSBORG_ENHED_ID}&aar=2026&snapshot={snapshot}"
        maal = page.evaluate(f"() => new URL({relativ!r}, window.location.href).href")
        assert maal.startswith(server + "/dialogmoede?")
        page.goto(maal)
        vent_paa_side(page)
        assert "Pedersborg Børnehus" in page.inner_text("[data-testid=stMainBlockContainer]")
    finally:
        page.close()
