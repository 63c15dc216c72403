"""Real browser: the Budgetopfølgning page for a fagudvalg, the html language, and the
Word file a controller downloads for the agenda."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import docx

from tests.browser.harness import vent_paa_grafer, vent_paa_side

BU = "Børne- og Ungeudvalget"


def test_hent_word(browser: Any, server: str, artefakter: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
    page.goto(f"{server}/budgetopfoelgning?modtager={quote_plus(BU)}")
    vent_paa_side(page)
    vent_paa_grafer(page, min_antal=1)
    assert page.evaluate("document.documentElement.lang") == "da"
    assert page.get_by_text(f"Budgetopfølgning pr. 30. september 2026: {BU}").count() >= 1
    page.screenshot(path=str(artefakter / "budgetopfoelgning_udvalg.png"))
    with page.expect_download(timeout=180_000) as ventet:
        page.get_by_role("button", name="⬇ Hent Word (.docx)").click()
    assert ventet.value.suggested_filename.endswith(".docx")
    sti = artefakter / "budgetopfoelgning_udvalg.docx"
    ventet.value.save_as(sti)
    d = docx.Document(str(sti))
    overskrifter = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert overskrifter[0].endswith(BU)
    assert "Afvigelser over tærsklen" in overskrifter
    assert len(d.tables) >= 5
    assert d.core_properties.language == "da-DK"
    page.close()
