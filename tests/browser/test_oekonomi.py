"""Real browser: drill on the Økonomi page Kommune → Udvalg → Politikområde → Center →
Institution by clicking table rows and chart bars, and back by "⬆ Op et niveau" and the
breadcrumb; the URL (`udvalg`, `politikomraade`, `center`) follows every step. Screenshots
at 1920×1080 and 1280×720 go to tests/artefakter/."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.browser.harness import vent_paa_grafer, vent_paa_side

RAEKKEHOEJDE = 35  # st.dataframe(row_height=35) in dashboard/faelles/tabel.py

TABEL = "[class*='st-key-oek_tabel_'] [data-testid=stDataFrame]"
"""The follow-up table (its widget key starts with oek_tabel_); the split by budget type
and the anlæg table are dataframes too."""

BU = "Børne- og Ungeudvalget"


def params(page: Any) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def vent(page: Any) -> None:
    page.wait_for_timeout(400)
    vent_paa_side(page)
    page.locator(f"{TABEL} tr").first.wait_for(state="attached")
    page.locator("[data-testid=stPlotlyChart] .main-svg").first.wait_for(state="attached")
    vent_paa_grafer(page)


def vent_paa_url(page: Any, **forventet: str | None) -> None:
    """Wait until every given URL parameter has its value (None: absent)."""
    for _ in range(150):
        nu = params(page)
        if all(nu.get(k) == v for k, v in forventet.items()):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"URL'en fik ikke {forventet}: {page.url}")


def raekkenavne(page: Any) -> list[str]:
    """The first column of the follow-up table, header first (from its accessible table:
    the grid itself is a canvas)."""
    navne: list[str] = page.locator(TABEL).evaluate(
        "(el) => [...el.querySelectorAll('tr')].map(r => r.children[0]?.innerText.trim() ?? '')"
    )
    return navne


def klik_raekke(page: Any, navn: str) -> None:
    """Click the row-selection cell of the follow-up table's row named `navn`."""
    gitter = page.locator(TABEL)
    gitter.scroll_into_view_if_needed()
    i = raekkenavne(page).index(navn)
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


def overskrift(page: Any, niveau: str) -> int:
    count: int = page.get_by_text(f"Budgetopfølgning pr. {niveau}").count()
    return count


def test_drill_kommune_udvalg_politikomraade_center_institution_og_tilbage(
    browser: Any, server: str, artefakter: Path
) -> None:
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    try:
        page.goto(f"{server}/oekonomi")
        vent(page)
        page.screenshot(path=str(artefakter / "oekonomi_1920x1080.png"))
        assert not {"udvalg", "politikomraade", "center"} & set(params(page))
        assert overskrift(page, "udvalg") == 1
        assert raekkenavne(page)[0] == "Udvalg" and BU in raekkenavne(page)

        # Kommune → Udvalg: click the udvalg's row.
        klik_raekke(page, BU)
        vent_paa_url(page, udvalg=BU, politikomraade=None)
        vent(page)
        assert overskrift(page, "politikområde") == 1
        assert "Dagtilbud" in raekkenavne(page)

        # Udvalg → Politikområde: click the politikområde's row.
        klik_raekke(page, "Dagtilbud")
        vent_paa_url(page, udvalg=BU, politikomraade="P-DAG", center=None)
        vent(page)
        assert overskrift(page, "center") == 1

        # Politikområde → Center: click the centre's bar in the chart.
        klik_soejle(page, "Center for Børn og Unge")
        vent_paa_url(page, udvalg=BU, politikomraade="P-DAG", center="C-BU")
        vent(page)
        assert overskrift(page, "institution") == 1
        assert "Pedersborg Børnehus" in raekkenavne(page)
        page.screenshot(path=str(artefakter / "oekonomi_institution_1920x1080.png"))

        # Back: "⬆ Op et niveau" to the centres, the breadcrumb's udvalg to its
        # politikområder, then its first step to the whole municipality.
        page.get_by_role("button", name="⬆ Op et niveau").click()
        vent_paa_url(page, udvalg=BU, politikomraade="P-DAG", center=None)
        vent(page)
        assert overskrift(page, "center") == 1
        page.get_by_role("button", name=BU).click()
        vent_paa_url(page, udvalg=BU, politikomraade=None)
        vent(page)
        assert overskrift(page, "politikområde") == 1
        page.get_by_role("button", name="Hele kommunen").click()
        vent_paa_url(page, udvalg=None)
        vent(page)
        assert overskrift(page, "udvalg") == 1

        # Kommune → Udvalg by clicking a bar.
        klik_soejle(page, "Social- og Ældreudvalget")
        vent_paa_url(page, udvalg="Social- og Ældreudvalget")
        vent(page)
        assert overskrift(page, "politikområde") == 1
    finally:
        page.close()


def test_gammelt_link_faar_udvalg_og_skaermbillede_1280x720(
    browser: Any, server: str, artefakter: Path
) -> None:
    """A link from before the udvalg level (politikområde and centre only) opens the
    institutions and gets its udvalg in the URL; the breadcrumb goes up from there."""
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
    try:
        page.goto(f"{server}/oekonomi?politikomraade=P-DAG&center=C-BU")
        vent(page)
        vent_paa_url(page, udvalg=BU, politikomraade="P-DAG", center="C-BU")
        assert overskrift(page, "institution") == 1
        page.screenshot(path=str(artefakter / "oekonomi_1280x720.png"))
        # Nothing on the page is wider than the viewport, apart from the tables' scrolling.
        bredde = page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth")
        assert bredde <= 1280
        page.get_by_role("button", name="Dagtilbud").click()
        vent_paa_url(page, udvalg=BU, politikomraade="P-DAG", center=None)
        vent(page)
        assert overskrift(page, "center") == 1
    finally:
        page.close()


def test_praesentation_1280x720(browser: Any, server: str, artefakter: Path) -> None:
    """Presentation mode at 1280×720: the page does not scroll sideways, and the
    deviation stands beside its ▲/▼ word (the columns that must be readable on a
    projector come first; the screenshot shows them)."""
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
    try:
        page.goto(f"{server}/oekonomi?praesentation=1&udvalg={BU}")
        vent(page)
        page.screenshot(path=str(artefakter / "oekonomi_praesentation_1280x720.png"))
        bredde = page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth")
        assert bredde <= 1280
        overskrifter = page.locator(TABEL).evaluate(
            "(el) => [...el.querySelectorAll('tr')][0]"
            "  ? [...el.querySelectorAll('tr')[0].children].map(c => c.innerText.trim()) : []"
        )
        assert overskrifter[:3] == ["Politikområde", "Afvigelse", "Forventet afvigelse"]
    finally:
        page.close()
