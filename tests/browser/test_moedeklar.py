"""Real browser (Danish locale): a link copied from "Kopiér link" three drill levels deep
reopens the same view in a fresh browser; presentation mode survives drilling; a
downloaded CSV is Danish (BOM, `;`, decimal comma) and has no live formulas."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from modeller.demo import PEDERSBORG_ENHED_ID
from tests.browser.harness import vent_paa_side
from tests.browser.test_oekonomi import TABEL, klik_raekke, klik_soejle, vent, vent_paa_url


def params(page: Any) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def visning(page: Any) -> dict[str, Any]:
    """What identifies the view: headings, breadcrumb buttons and the table's rows."""
    hoved = page.locator("[data-testid=stMainBlockContainer]")
    overskrifter = hoved.locator("h1, h2, h3").all_inner_texts()
    knapper = hoved.locator("[data-testid=stButton] button").all_inner_texts()
    gitter = page.locator(TABEL)
    raekker: list[str] = gitter.evaluate(
        "(el) => [...el.querySelectorAll('tr')].map(r => r.children[0]?.innerText.trim() ?? '')"
    )
    return {
        "overskrifter": [o.strip() for o in overskrifter if o.strip()],
        "knapper": [k.strip() for k in knapper if k.strip()],
        "raekker": raekker,
    }


def kopieret_link(page: Any) -> str:
    """Open the sidebar's "Kopiér link" popover and read the URL from its code box."""
    page.get_by_role("button", name=re.compile("Kopiér link")).click()
    kode = page.locator("[data-testid=stPopoverBody] [data-testid=stCode] code").first
    kode.wait_for(state="visible")
    url: str = kode.inner_text().strip()
    page.keyboard.press("Escape")
    return url


def test_kopieret_link_tre_niveauer_nede_genskaber_visningen(
    browser: Any, server: str, artefakter: Path
) -> None:
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    page = ctx.new_page()
    page.goto(f"{server}/oekonomi?budgettype=service&aar=2026")
    vent(page)
    klik_raekke(page, "Børne- og Ungeudvalget")  # udvalg → its politikområder
    vent_paa_url(page, udvalg="Børne- og Ungeudvalget")
    vent(page)
    klik_raekke(page, "Dagtilbud")  # politikområde → centres
    vent_paa_url(page, politikomraade="P-DAG")
    vent(page)
    klik_soejle(page, "Center for Børn og Unge")  # centre → institutions
    vent_paa_url(page, center="C-BU")
    vent(page)
    foer = visning(page)
    assert (
        "Budgetopfølgning pr. institution · Børne- og Ungeudvalget › Dagtilbud › "
        "Center for Børn og Unge" in (foer["overskrifter"])
    )
    assert "Pedersborg Børnehus" in foer["raekker"]
    url = kopieret_link(page)
    q = parse_qs(urlparse(url).query)
    assert q["politikomraade"] == ["P-DAG"] and q["center"] == ["C-BU"]
    assert q["udvalg"] == ["Børne- og Ungeudvalget"]
    assert q["budgettype"] == ["service"] and q["aar"] == ["2026"] and "snapshot" in q
    assert urlparse(url).path.endswith("/oekonomi")
    ctx.close()

    ny = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    side = ny.new_page()
    side.goto(url)
    vent(side)
    assert visning(side) == foer
    side.screenshot(path=str(artefakter / "moedeklar_kopieret_link.png"))
    ny.close()


def test_praesentation_bevares_ved_drill_og_sideskift(
    browser: Any, server: str, artefakter: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
    page.goto(f"{server}/oekonomi?praesentation=1&udvalg=Social- og Ældreudvalget")
    vent(page)
    klik_soejle(page, "Ældre")
    vent_paa_url(page, politikomraade="P-AEL")
    vent(page)
    assert params(page)["praesentation"] == "1"
    assert page.locator(".so-datalinje").inner_text().startswith("Data pr. ")
    # Large type: body text ≥ 22 px, chart text ≥ 20 px, the table scaled up.
    px = page.evaluate(
        """() => parseFloat(getComputedStyle(document.querySelector(
             '[data-testid=stMainBlockContainer] [data-testid=stMarkdownContainer] p, '
             + '[data-testid=stMainBlockContainer] [data-testid=stCaptionContainer]')).fontSize)"""
    )
    assert px >= 22, px
    graf_px = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll(
             '[data-testid=stPlotlyChart] .ytick text')].map(t => parseFloat(t.style.fontSize)))"""
    )
    assert graf_px >= 19, graf_px
    page.screenshot(path=str(artefakter / "moedeklar_praesentation_1280x720.png"))
    page.close()


def test_csv_download_er_dansk_og_uden_formler(browser: Any, server: str, artefakter: Path) -> None:
    ctx = browser.new_context(
        viewport={"width": 1920, "height": 1080}, locale="da-DK", accept_downloads=True
    )
    page = ctx.new_page()
    page.goto(f"{server}/oekonomi?politikomraade=P-DAG&budgettype=service")
    vent(page)
    with page.expect_download() as info:  # the follow-up table (the first is the split)
        page.get_by_role("button", name="⬇ CSV").nth(1).click()
    d = info.value
    assert d.suggested_filename.startswith("oekonomi_")
    assert d.suggested_filename.endswith(".csv")
    # page, drill position, year, active filter and data date
    navn = "oekonomi_Boerne--og-Ungeudvalget-Dagtilbud_2026_Service_2026-09-30.csv"
    assert d.suggested_filename == navn, d.suggested_filename
    raa = Path(d.path()).read_bytes()
    assert raa.startswith(b"\xef\xbb\xbf")
    tekst = raa.decode("utf-8-sig")
    raekker = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    hoved = raekker[0]
    assert "Korrigeret budget (kr.)" in hoved
    assert all(len(r) == len(hoved) for r in raekker if r)
    i = hoved.index("Korrigeret budget (kr.)")
    beloeb = [r[i] for r in raekker[1:] if r and r[i]]
    assert beloeb and all(re.fullmatch(r"-?\d+(,\d+)?", b) for b in beloeb), beloeb[:5]
    celler = [c for r in raekker[1:] for c in r]
    assert any(re.fullmatch(r"-?\d+,\d+", c) for c in celler), "no decimal comma"
    assert not any(re.fullmatch(r"-?\d+\.\d+", c) for c in celler), "decimal point"
    for r in raekker[1:]:
        for celle in r:
            assert not celle.startswith(("=", "+", "@")), celle
    ctx.close()


def test_sidenavigationen_bevarer_enhed_og_aar(browser: Any, server: str) -> None:
    """The sidebar navigation drops query params; the shell writes the shared ones back
    (snapshot, year and the shared unit), so Dialogmøde opens on Pedersborg."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    page.on("pageerror", lambda e: pytest.fail(f"JavaScript-fejl: {e}"))
    page.goto(f"{server}/?aar=2025&enhed={PEDERSBORG_ENHED_ID}")
    vent_paa_side(page)
    page.get_by_role("link", name="Dialogmøde").first.click()
    page.wait_for_url("**/dialogmoede**")
    vent_paa_side(page)
    for _ in range(50):
        if params(page).get("enhed") == PEDERSBORG_ENHED_ID:
            break
        page.wait_for_timeout(200)
    assert params(page).get("enhed") == PEDERSBORG_ENHED_ID, page.url
    assert params(page).get("aar") == "2025" and "snapshot" in params(page)
    assert page.get_by_role("heading", name="Pedersborg Børnehus · 2025").first.is_visible()
    page.close()


def test_tastaturfokus_er_synligt(browser: Any, server: str) -> None:
    """Tabbing through the sidebar and page: every focused element has a visible
    outline (≥ 2 px, not transparent)."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    page.goto(f"{server}/oekonomi")
    vent_paa_side(page)
    # the shell's focus style arrives as an element of the run; wait until it is attached
    page.wait_for_function(
        "() => [...document.querySelectorAll('style')]"
        ".some(e => e.textContent.includes('focus-visible'))",
        timeout=15_000,
    )
    set_: list[str] = []
    for _ in range(12):
        page.keyboard.press("Tab")
        page.wait_for_timeout(100)
        tag, stil, bredde, farve = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
                 return [e.tagName, s.outlineStyle, parseFloat(s.outlineWidth),
                         s.outlineColor]; }"""
        )
        set_.append(tag)
        assert stil != "none" and bredde >= 2 and "0)" not in farve, (tag, stil, bredde, farve)
    assert "INPUT" in set_ and "A" in set_, set_
    page.close()
