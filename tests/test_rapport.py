"""The printable brief: content consistent with the shared rules, PDF and PowerPoint files.

PDF text is extracted with pypdf; the PowerPoint is opened with python-pptx.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from pptx import Presentation
from pypdf import PdfReader

from dashboard import beregning, data
from dashboard.rapport import figurer, indhold, pdf, powerpoint
from dashboard.rapport.indhold import Brief
from modeller import budget
from modeller.demo import PEDERSBORG_ENHED_ID
from modeller.demo.tekster import SEED_PEDERSBORG_MAAL_ID
from modeller.errors import RapportFejl

SUCCESKRITERIE = "At 90 % af forældrene støtter op om vores sundhedspolitik"
AAR = 2026


def _brief(enhed_id: str) -> Brief:
    nyeste, forrige = data.list_snapshots()[:2]
    return indhold.byg_brief(beregning, nyeste.snapshot_id, enhed_id, AAR, forrige.snapshot_id)


def _tekst(pdf_bytes: bytes) -> tuple[list[str], str]:
    sider = [s.extract_text() or "" for s in PdfReader(io.BytesIO(pdf_bytes)).pages]
    # pypdf keeps line breaks inside wrapped paragraphs: normalise whitespace for searching
    return sider, re.sub(r"\s+", " ", " ".join(sider))


def test_pedersborg_brief_har_seed_maal_og_status(app_data: Path) -> None:
    b = _brief(PEDERSBORG_ENHED_ID)
    m = {x.maal_id: x for x in b.maal}[SEED_PEDERSBORG_MAAL_ID]
    assert m.succeskriterie is not None and SUCCESKRITERIE in m.succeskriterie
    fra_maalkaeden = beregning.maal_status(
        b.snapshot_id, indhold.pr_for(beregning, b.snapshot_id, AAR)
    )
    for x in b.maal:
        forventet = fra_maalkaeden.filter(pl.col("maal_id") == x.maal_id)["status"][0]
        assert x.status == forventet
    assert b.aftale is not None and b.aftale.modpart == "Center for Børn og Unge"


def test_center_budget_svarer_til_oekonomi(app_data: Path) -> None:
    b = _brief("C-BU")
    s = data.load_snapshot(b.snapshot_id)
    linjer = beregning.opfoelgning(
        b.snapshot_id, AAR, indhold.pr_for(beregning, b.snapshot_id, AAR)
    )
    center = budget.rul_op(linjer, s["organisation"], s["politikomraader"], "center")
    raekke = center.filter(pl.col("center_id") == "C-BU").row(0, named=True)
    assert b.budget_total is not None
    assert b.budget_total.korrigeret_budget_kr == pytest.approx(raekke["korrigeret_budget_kr"])
    assert b.budget_total.forventet_afvigelse_kr == pytest.approx(raekke["forventet_afvigelse_kr"])
    assert sum(x.korrigeret_budget_kr for x in b.budget) == pytest.approx(
        raekke["korrigeret_budget_kr"]
    )
    assert PEDERSBORG_ENHED_ID in {u.enhed_id for u in b.underenheder}
    assert all(sum(u.antal.values()) >= 0 for u in b.underenheder)
    assert any(p.kategori == "Økonomi" for p in b.dagsorden)


def test_pdf_pedersborg(app_data: Path) -> None:
    b = _brief(PEDERSBORG_ENHED_ID)
    sider, alt = _tekst(pdf.byg_pdf(b))
    assert len(sider) >= 2
    for n, side in enumerate(sider, start=1):
        flad = re.sub(r"\s+", " ", side)
        assert f"Side {n} af {len(sider)}" in flad
        assert "Data pr. 30. september 2026" in flad
        assert "Pedersborg Børnehus" in flad
        assert "Demo Kommune" in flad
    assert SUCCESKRITERIE in alt
    assert "Forslag til dagsorden" in alt
    assert "Økonomi 2026" in alt and "Forventet overførsel" in alt  # æøå intact
    assert "Budgetopfølgning 31. maj 2026" in alt  # what changed since


def test_pdf_center_har_institutioner(app_data: Path) -> None:
    b = _brief("C-BU")
    _, alt = _tekst(pdf.byg_pdf(b, billeder=False))
    assert "Institutioner under Center for Børn og Unge" in alt
    for u in b.underenheder:
        assert u.navn in alt
    assert "Side 1 af" in alt


def test_pdf_uden_maal_og_budget_og_med_markup(app_data: Path) -> None:
    b = replace(
        _brief(PEDERSBORG_ENHED_ID),
        enhed_navn="<b>Prøve</b> **enhed** æøå",
        aftale=None,
        maal=(),
        indikatorer=(),
        budget=(),
        budget_total=None,
        underenheder=(),
        dagsorden=(),
    )
    _, alt = _tekst(pdf.byg_pdf(b, billeder=False))
    assert "<b>Prøve</b> **enhed** æøå" in alt
    assert "har ingen mål for 2026" in alt
    assert "har intet budget for 2026" in alt
    assert "ingen aftale" in alt


def test_direktionen_har_centre_side_om_side(app_data: Path) -> None:
    b = _brief("DIR")
    assert b.underenheder_titel == "Centre"
    assert "C-BU" in {u.enhed_id for u in b.underenheder}
    _, alt = _tekst(pdf.byg_pdf(b, billeder=False))
    assert "Centre under Direktionen" in alt


def test_pdf_uden_chromium_har_note(app_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figurer, "chromium", lambda: None)
    data_ = pdf.byg_pdf(_brief(PEDERSBORG_ENHED_ID))
    _, alt = _tekst(data_)
    assert "Graferne er udeladt" in alt
    assert all(not s.images for s in PdfReader(io.BytesIO(data_)).pages)


@pytest.mark.skipif(figurer.chromium() is None, reason="Chromium mangler: ingen billeder")
def test_pdf_med_grafer_har_billeder(app_data: Path) -> None:
    data_ = pdf.byg_pdf(_brief(PEDERSBORG_ENHED_ID))
    assert sum(len(s.images) for s in PdfReader(io.BytesIO(data_)).pages) >= 1


def test_manglende_skrift_giver_dansk_fejl(
    app_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf, "SKRIFT_MAPPER", (tmp_path,))
    with pytest.raises(RapportFejl, match="fonts-dejavu-core"):
        pdf.byg_pdf(_brief(PEDERSBORG_ENHED_ID), billeder=False)


def test_pptx_center(app_data: Path) -> None:
    b = _brief("C-BU")
    prs = Presentation(io.BytesIO(powerpoint.byg_pptx(b, billeder=False)))
    assert prs.slide_width is not None and prs.slide_height is not None
    assert prs.slide_width / prs.slide_height == pytest.approx(16 / 9, rel=0.01)
    titler = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
    assert "Aftalen og forslag til dagsorden" in titler
    assert "Mål og status" in titler
    assert "Økonomi 2026 pr. budgettype (mio. kr.)" in titler
    assert "Økonomi 2026 pr. politikområde (mio. kr.)" in titler
    assert "Siden sidst (Budgetopfølgning 31. maj 2026)" in titler
    assert "Institutioner under Center for Børn og Unge" in titler
    forside = " ".join(sh.text_frame.text for sh in prs.slides[0].shapes if sh.has_text_frame)
    assert "Center for Børn og Unge" in forside and "Data pr. 30. september 2026" in forside
