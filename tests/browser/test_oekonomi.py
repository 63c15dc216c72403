"""Real browser: drill on the Økonomi page by clicking table rows and chart bars, and back
by the breadcrumb and "⬆ Op et niveau"; the URL follows every step. Screenshots at
1920×1080 and 1280×720 go to tests/artefakter/."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.browser.harness import vent_paa_grafer, vent_paa_side

RAEKKEHOEJDE = 35  # st.dataframe(row_height=35) in dashboard/oekonomi.py


def params(page: Any) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def vent(page: Any) -> None:
    page.wait_for_timeout(400)
    vent_paa_side(page)
    page.locator("[data-testid=stDataFrame] tr").first.wait_for(state="attached")
    page.locator("[data-testid=stPlotlyChart] .main-svg").first.wait_for(state="attached")
    vent_paa_grafer(page)


def vent_paa_url(page: Any, key: str, vaerdi: str | None) -> None:
    for _ in range(100):
        if params(page).get(key) == vaerdi:
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"URL'en fik ikke {key}={vaerdi}: {page.url}")


def klik_raekke(page: Any, navn: str) -> None:
    """Click the row-selection cell of the table row whose first column is `navn`."""
    gitter = page.locator("[data-testid=stDataFrame]").first
    gitter.scroll_into_view_if_needed()
    # The grid is a canvas; its accessible table (header row first) gives the row order.
    navne: list[str] = gitter.evaluate(
        "(el) => [...el.querySelectorAll('tr')].map(r => r.children[0]?.innerText.trim() ?? '')"
    )
    i = navne.index(navn)
    boks = gitter.bounding_box()
    assert boks is not None
    page.mouse.click(boks["x"] + 16, boks["y"] + RAEKKEHOEJDE * i + RAEKKEHOEJDE / 2)


def klik_soejle(page: Any, navn: str) -> None:
    """Click the grey budget bar of `navn` in the bullet chart (the first chart)."""
    graf = page.locator("[data-testid=stPlotlyChart]").first
    graf.scroll_into_view_if_needed()
    i = graf.evaluate("(el, n) => el.querySelector('.js-plotly-plot').data[0].y.indexOf(n)", navn)
    assert i >= 0, navn
    soejle = graf.locator(".trace.bars").first.locator(".point").nth(i)
    boks = soejle.bounding_box()
    assert boks is not None
    page.mouse.click(boks["x"] + boks["width"] / 2, boks["y"] + boks["height"] / 2)


def test_drill_med_klik_og_tilbage(browser: Any, server: str, artefakter: Path) -> None:
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    page.goto(f"{server}/oekonomi")
    vent(page)
    page.screenshot(path=str(artefakter / "oekonomi_1920x1080.png"))
    assert "politikomraade" not in params(page)

    # Politikområde → centre by clicking the table row.
    klik_raekke(page, "Dagtilbud")
    vent_paa_url(page, "politikomraade", "P-DAG")
    vent(page)
    assert "center" not in params(page)
    assert page.get_by_text("Budgetopfølgning pr. center").count() == 1

    # Centre → institutions by clicking the centre's bar in the chart.
    klik_soejle(page, "Center for Børn og Unge")
    vent_paa_url(page, "center", "C-BU")
    vent(page)
    assert params(page)["politikomraade"] == "P-DAG"
    assert page.get_by_text("Budgetopfølgning pr. institution").count() == 1
    page.screenshot(path=str(artefakter / "oekonomi_institution_1920x1080.png"))

    # Back: "⬆ Op et niveau" to the centres, then the breadcrumb's first step to the top.
    page.get_by_role("button", name="⬆ Op et niveau").click()
    vent_paa_url(page, "center", None)
    vent(page)
    assert params(page)["politikomraade"] == "P-DAG"
    page.get_by_role("button", name="Alle politikområder").click()
    vent_paa_url(page, "politikomraade", None)
    vent(page)
    assert page.get_by_text("Budgetopfølgning pr. politikområde").count() == 1

    # Politikområde → centre by clicking a bar.
    klik_soejle(page, "Ældre")
    vent_paa_url(page, "politikomraade", "P-AEL")
    vent(page)
    page.close()


def test_skaermbilleder_1280x720(browser: Any, server: str, artefakter: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
    page.goto(f"{server}/oekonomi?politikomraade=P-DAG&center=C-BU")
    vent(page)
    page.screenshot(path=str(artefakter / "oekonomi_1280x720.png"))
    # Nothing on the page is wider than the viewport, apart from the table's own scrolling.
    bredde = page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth")
    assert bredde <= 1280
    page.get_by_role("button", name="Dagtilbud").click()
    vent_paa_url(page, "center", None)
    assert params(page)["politikomraade"] == "P-DAG"
    page.close()
