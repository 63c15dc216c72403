"""Målkæden in a real browser: clicking a goal in the chart focuses it (URL + card), and
goal titles with markup are shown as text."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import polars as pl

from modeller.demo import tekster as T
from modeller.loader import build_snapshot
from tests.browser.harness import streamlit_server, vent_paa_grafer, vent_paa_side


def _aaben(browser: Any, url: str, bredde: int = 1920, hoejde: int = 1080) -> Any:
    page = browser.new_page(viewport={"width": bredde, "height": hoejde})
    page.goto(url)
    vent_paa_side(page)
    vent_paa_grafer(page)
    return page


def _klik_etiket(page: Any, tekst: str) -> None:
    """Click the icicle sector whose label contains `tekst`, at the label's centre."""
    etiket = page.locator("[data-testid=stPlotlyChart] g.slice text", has_text=tekst).first
    etiket.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    boks = etiket.bounding_box()
    assert boks is not None, tekst
    page.mouse.click(boks["x"] + boks["width"] / 2, boks["y"] + boks["height"] / 2)


def _vent_paa_url(page: Any, del_: str) -> None:
    page.wait_for_function(f"() => window.location.search.includes({del_!r})", timeout=60_000)
    vent_paa_side(page)
    vent_paa_grafer(page)


def test_four_clicks_from_the_top_reach_pedersborg(
    browser: Any, server: str, artefakter: Path
) -> None:
    page = _aaben(browser, server + "/maalkaeden", 1280, 720)
    try:
        # top: vision, politikker and their politikområde goals (udviklingsmål,
        # serviceniveau, resultatkrav, indsatsområde: too many to label); click the politik,
        # then the Sundhed politikområde goal
        _klik_etiket(page, "Sundhedspolitik 2008")
        _vent_paa_url(page, f"maal={T.SEED_SUNDHEDSPOLITIK_MAAL_ID}")
        _klik_etiket(page, "Alle områder og")
        _vent_paa_url(page, f"maal={T.SEED_SUNDHED_PO_MAAL_ID}")
        assert "Hvorfor" in page.inner_text("[data-testid=stMainBlockContainer]")
        # focus + 2 levels: direktion goal and the centres; click Center for Børn og Unge
        _klik_etiket(page, "Center for Børn og")
        _vent_paa_url(page, f"maal={T.SEED_BU_SUNDHED_MAAL_ID}")
        _klik_etiket(page, "Pedersborg")
        _vent_paa_url(page, f"maal={T.SEED_PEDERSBORG_MAAL_ID}")
        tekst = page.inner_text("[data-testid=stMainBlockContainer]")
        assert "At 90 % af forældrene støtter op om vores sundhedspolitik" in tekst
        assert T.SEED_SUNDHEDSPOLITIK_TITEL in tekst  # the chain up, in breadcrumb and card
        page.screenshot(path=str(artefakter / "maalkaeden_pedersborg_1280.png"))
        # "Op et niveau" goes to the centre goal
        page.get_by_role("button", name="⬆ Op et niveau").click()
        _vent_paa_url(page, f"maal={T.SEED_BU_SUNDHED_MAAL_ID}")
    finally:
        page.close()


def test_markup_in_a_goal_title_is_shown_as_text(
    browser: Any, demo_kilder: Path, tmp_path: Path, artefakter: Path
) -> None:
    kilder = tmp_path / "kilder"
    shutil.copytree(demo_kilder, kilder)
    fil = kilder / "maal.csv"
    df = pl.read_csv(fil, separator=";", infer_schema=False)
    titel = "<b>Fed</b> titel <script>window.hacket=1</script> & <i>mere</i>"
    df = df.with_columns(
        pl.when(pl.col("maal_id") == T.SEED_PEDERSBORG_MAAL_ID)
        .then(pl.lit(titel))
        .otherwise(pl.col("titel"))
        .alias("titel")
    )
    df.write_csv(fil, separator=";")
    build_snapshot(kilder, tmp_path / "data", label="Markup-test")
    with streamlit_server(tmp_path / "data") as url:
        page = _aaben(browser, f"{url}/maalkaeden?maal={T.SEED_PEDERSBORG_MAAL_ID}")
        try:
            graf = page.locator("[data-testid=stPlotlyChart]").first
            etiket = graf.locator("g.slice text", has_text="<b>Fed</b>").first
            etiket.wait_for(timeout=30_000)  # the literal tags are in the label's text
            # no bold tspan made from the data
            assert graf.locator("g.slice text tspan[style*='bold']").count() == 0
            hoved = page.inner_text("[data-testid=stMainBlockContainer]")
            assert "<b>Fed</b> titel <script>window.hacket=1</script>" in hoved
            assert page.evaluate("() => window.hacket === undefined")
            assert page.locator("[data-testid=stMainBlockContainer] b", has_text="Fed").count() == 0
            page.screenshot(path=str(artefakter / "maalkaeden_markup.png"))
        finally:
            page.close()
