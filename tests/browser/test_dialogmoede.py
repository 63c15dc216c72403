"""Real browser: the Dialogmøde page for a centre, and the PDF download a chief clicks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.harness import vent_paa_grafer, vent_paa_side


def test_forbered_og_hent_pdf(browser: Any, server: str, artefakter: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
    page.goto(f"{server}/dialogmoede?enhed=C-BU")
    vent_paa_side(page)
    vent_paa_grafer(page)
    assert page.get_by_text("Institutioner under Center for Børn og Unge").count() >= 1
    page.screenshot(path=str(artefakter / "dialogmoede_center.png"), full_page=True)
    page.get_by_role("button", name="Forbered PDF").click()
    hent = page.get_by_role("button", name="⬇ Hent PDF")
    hent.wait_for(timeout=120_000)
    with page.expect_download() as ventet:
        hent.click()
    sti = artefakter / "dialogmoede_center.pdf"
    ventet.value.save_as(sti)
    assert sti.read_bytes().startswith(b"%PDF")
    assert ventet.value.suggested_filename.endswith(".pdf")
    page.close()
