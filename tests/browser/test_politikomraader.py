"""Real browser: from the Politikområder list to Dagtilbud (clicking its row), on to the
Dialogmøde of one of its institutions; screenshots of the page at 1920×1080 and at
1280×720 in presentation mode go to tests/artefakter/."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.browser.harness import klik_og_vent, vent_paa_grafer, vent_paa_side

RAEKKEHOEJDE = 35  # st.dataframe(row_height=35) in dashboard/faelles/tabel.py
LISTE = "[class*='st-key-po_liste'] [data-testid=stDataFrame]"


def params(page: Any) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def klik_raekke(page: Any, navn: str) -> None:
    """Click the row-selection cell of the list row whose first column is `navn`."""
    gitter = page.locator(LISTE).first
    gitter.scroll_into_view_if_needed()
    navne: list[str] = gitter.evaluate(
        "(el) => [...el.querySelectorAll('tr')].map(r => r.children[0]?.innerText.trim() ?? '')"
    )
    i = navne.index(navn)
    boks = gitter.bounding_box()
    assert boks is not None
    page.mouse.click(boks["x"] + 16, boks["y"] + RAEKKEHOEJDE * i + RAEKKEHOEJDE / 2)


def vent_paa_param(page: Any, key: str, vaerdi: str) -> None:
    for _ in range(100):
        if params(page).get(key) == vaerdi:
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"URL'en fik ikke {key}={vaerdi}: {page.url}")


def test_list_to_politikomraade_to_dialogmoede(browser: Any, server: str, artefakter: Path) -> None:
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    try:
        page.goto(f"{server}/politikomraader")
        vent_paa_side(page)
        page.locator(f"{LISTE} tr").first.wait_for(state="attached")
        page.screenshot(path=str(artefakter / "politikomraader_liste_1920x1080.png"))

        klik_raekke(page, "Dagtilbud")
        vent_paa_param(page, "politikomraade", "P-DAG")
        vent_paa_side(page)
        vent_paa_grafer(page, min_antal=1)
        assert page.get_by_role("heading", name="Dagtilbud · Børne- og Ungeudvalget").count() == 1
        for overskrift in ("Serviceniveau", "Særlige resultatkrav", "Indsatsområder"):
            assert page.get_by_role("heading", name=overskrift, exact=True).count() == 1
        assert page.get_by_text("kr. pr. barn").count() >= 1
        page.screenshot(path=str(artefakter / "politikomraade_dagtilbud_1920x1080.png"))
        page.screenshot(
            path=str(artefakter / "politikomraade_dagtilbud_hel_1920x1080.png"), full_page=True
        )

        valg = page.locator("[data-testid=stSelectbox]").filter(has_text="Enhed til dialogmødet")
        valg.scroll_into_view_if_needed()
        valg.click()
        page.keyboard.type("Pedersborg")
        page.locator("[role=option]").filter(has_text="Pedersborg Børnehus").first.click()
        vent_paa_side(page)
        link = page.get_by_role("link", name="Dialogmøde-oplæg for Pedersborg Børnehus")
        klik_og_vent(page, link, "**/dialogmoede?*")
        vent_paa_param(page, "enhed", "I-BU-001")
        vent_paa_side(page)
        assert page.get_by_text("Pedersborg Børnehus").count() >= 1
        page.screenshot(path=str(artefakter / "politikomraade_til_dialogmoede_1920x1080.png"))
    finally:
        page.close()


def test_skaermbillede_1280x720_praesentation(browser: Any, server: str, artefakter: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
    try:
        page.goto(f"{server}/politikomraader?politikomraade=P-DAG&praesentation=1")
        vent_paa_side(page)
        vent_paa_grafer(page, min_antal=1)
        page.screenshot(path=str(artefakter / "politikomraade_dagtilbud_1280x720_praes.png"))
        page.screenshot(
            path=str(artefakter / "politikomraade_dagtilbud_hel_1280x720_praes.png"),
            full_page=True,
        )
        page.goto(f"{server}/politikomraader?praesentation=1")
        vent_paa_side(page)
        page.screenshot(path=str(artefakter / "politikomraader_liste_1280x720_praes.png"))
    finally:
        page.close()
