"""Real browser: the app opens, both foundation pages render, screenshots are saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.harness import klik_og_vent, vent_paa_grafer, vent_paa_side


def test_app_aabner_og_navigerer(browser: Any, server: str, artefakter: Path) -> None:
    for bredde, hoejde in ((1920, 1080), (1280, 720)):
        page = browser.new_page(viewport={"width": bredde, "height": hoejde}, locale="da-DK")
        page.goto(server + "/")
        vent_paa_side(page)
        vent_paa_grafer(page, min_antal=2)  # goal status bars and the compact årshjul
        assert page.get_by_role("heading", name="Overblik").first.is_visible()
        assert "Data pr. 30. september 2026" in page.inner_text("[data-testid=stMain]")
        assert "snapshot=" in page.url and "aar=2026" in page.url
        page.screenshot(path=str(artefakter / f"overblik_{bredde}x{hoejde}.png"))

        klik_og_vent(page, page.get_by_role("link", name="Datagrundlag").first, "**/datagrundlag**")
        vent_paa_side(page)
        assert page.get_by_role("heading", name="Kildefiler").first.is_visible()
        # the shared parameters survive the page switch
        assert "snapshot=" in page.url and "aar=2026" in page.url
        page.screenshot(path=str(artefakter / f"datagrundlag_{bredde}x{hoejde}.png"))
        page.close()


STOERRELSE = """() => parseFloat(getComputedStyle(
    document.querySelector('[data-testid=stCaptionContainer]')).fontSize)"""


def test_praesentation_giver_stoerre_skrift(browser: Any, server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
    page.goto(server + "/?aar=2026")
    vent_paa_side(page)
    normal = page.evaluate(STOERRELSE)
    page.close()
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
    page.goto(server + "/?aar=2026&praesentation=1")
    vent_paa_side(page)
    # the style element may attach just after the script run ends
    page.wait_for_function(f"({STOERRELSE})() >= {normal * 1.2}", timeout=15_000)
    assert page.evaluate(STOERRELSE) >= normal * 1.2
    assert page.get_attribute("[data-testid=stSidebar]", "data-collapsed") == "true"
    page.close()


def test_overblik_som_adresse_viser_siden(browser: Any, server: str) -> None:
    """`/overblik` (typed, or a link from the sidebar's "Kopiér link") opens Overblik,
    not Streamlit's English "Page not found"."""
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
    page.goto(server + "/overblik?aar=2026")
    vent_paa_side(page)
    assert page.get_by_role("heading", name="Overblik").first.is_visible()
    tekst = page.inner_text("body")
    assert "Page not found" not in tekst and "not found" not in tekst.lower()
    assert "/overblik" in page.url and "aar=2026" in page.url
    page.close()
