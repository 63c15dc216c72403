"""The committee report with a forecast reported in the app after the snapshot (issue 19
§5) and with the forecast month by month (issue 18 §6): a report in a temporary SQLite
store reaches the Word file through the command line's Kilde, marked, with inert text,
and the figures add up with it (expected values computed from the raw tables by hand)."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import polars as pl
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from dashboard.rapport.budgetopfoelgning import indhold as bo
from dashboard.rapport.budgetopfoelgning import pdf as bo_pdf
from dashboard.rapport.budgetopfoelgning import word
from dashboard.rapport.budgetopfoelgning.mappekilde import Mappekilde
from modeller.budgetopfoelgning import OEKONOMIUDVALGET
from modeller.indberetning import DB_ENV, Lager, prognose
from tests.indberetning_hjaelp import ANNE, nyeste_snapshot, roller

AAR = 2026
PR = date(2026, 9, 30)
FORKLARING = "Flere borgere **end** <b>budgetteret</b> [link](https://x.dk)"
MARKERING = "Indberettet 12.10.2026 af Anne Andersen (efter datasættet)"


def _linje(demo_data: Path) -> tuple[str, str, float, float]:
    """A service line of an institution under Center for Ældre (Anne's area): (enhed,
    politikområde, korrigeret budget = the sum of its budget rows, its forecast at 30/9)."""
    s = nyeste_snapshot(demo_data)
    under = s["organisation"].filter(pl.col("overordnet_id") == "C-AE")["enhed_id"].to_list()
    p = s["prognoser"].filter(
        pl.col("enhed_id").is_in(under),
        pl.col("budgettype") == "service",
        pl.col("opfoelgningsdato") == PR,
    )
    enhed, po, prognose_kr = p.sort("enhed_id", "politikomraade_id").row(0)[1:4]
    b = s["budget"].filter(aar=AAR, enhed_id=enhed, politikomraade_id=po, budgettype="service")
    return enhed, po, float(b["beloeb_kr"].sum()), float(prognose_kr)


@pytest.fixture
def med_indberetning(demo_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A temporary SQLite store (by the URL rule: $STYRINGSOVERBLIK_DB) holding Anne's
    forecast for one line: its korrigeret budget + 3 mio. kr."""
    monkeypatch.setenv(DB_ENV, f"sqlite:///{tmp_path / 'indberetninger.sqlite'}")
    enhed, po, korrigeret, _ = _linje(demo_data)
    lager = Lager.aabn(f"sqlite:///{tmp_path / 'indberetninger.sqlite'}")
    try:
        forslag = prognose(PR, enhed, po, "service", None, korrigeret + 3_000_000.0,
                           FORKLARING, "Ansættelsesstop")  # fmt: skip
        lager.indsend(forslag, ANNE, roller(), nyeste_snapshot(demo_data), 0,
                      nu=datetime(2026, 10, 12, 9, 30, tzinfo=UTC))  # fmt: skip
    finally:
        lager.luk()
    return enhed


def _rapport(demo_data: Path) -> bo.Rapport:
    k = Mappekilde(demo_data)
    s = nyeste_snapshot(demo_data)
    return bo.byg_rapport(k, s.id, OEKONOMIUDVALGET, AAR)


def test_indberettet_prognose_i_word_markeret_og_tallene_gaar_op(
    demo_data: Path, med_indberetning: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, korrigeret, prognose_foer = _linje(demo_data)
    r = _rapport(demo_data)
    monkeypatch.delenv(DB_ENV)
    foer = _rapport(demo_data)  # the same snapshot without the store
    assert not foer.indberettede

    # the line: 3 mio. kr. over its budget, marked beside its explanation
    (a,) = r.indberettede
    assert a.indberettet == MARKERING
    assert a.forventet_afvigelse_kr == pytest.approx(3_000_000.0)
    assert a.forklaring == FORKLARING + "." and a.handling == "Ansættelsesstop"
    assert a in r.afvigelser, "3 mio. kr. is above the 1 mio. kr. threshold"
    # the totals move by (new forecast − the snapshot's forecast) of that one line
    flyt = (korrigeret + 3_000_000.0) - prognose_foer
    assert r.total.i_alt.forventet_afvigelse_kr == pytest.approx(
        foer.total.i_alt.forventet_afvigelse_kr + flyt
    )
    assert r.total.pr_type[0].forventet_afvigelse_kr == pytest.approx(
        foer.total.pr_type[0].forventet_afvigelse_kr + flyt
    )
    # the month-by-month development: only the last month moves
    assert r.udvikling is not None and foer.udvikling is not None
    (i_alt,) = [x for x in r.udvikling.raekker if x.omraade == "Kommunen i alt" and
                x.budgettype == "I alt"]  # fmt: skip
    (i_alt_foer,) = [x for x in foer.udvikling.raekker if x.omraade == "Kommunen i alt" and
                     x.budgettype == "I alt"]  # fmt: skip
    assert i_alt.afvigelse_kr[:-1] == pytest.approx(i_alt_foer.afvigelse_kr[:-1])
    assert i_alt.afvigelse_kr[-1] == pytest.approx(i_alt_foer.afvigelse_kr[-1] + flyt)
    assert i_alt.afvigelse_kr[-1] == pytest.approx(r.total.i_alt.forventet_afvigelse_kr)

    d = docx.Document(io.BytesIO(word.byg_docx(r, billeder=False)))
    celler = [[c.text for c in row.cells] for t in d.tables for row in t.rows]
    med = [rk for rk in celler if any(MARKERING in c for c in rk)]
    assert med, "the marking is in the Word file"
    assert any(f"{FORKLARING}. ({MARKERING})" in c for rk in med for c in rk), (
        "beside the line's explanation, the user's text as it was typed (inert)"
    )
    overskrifter = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert "Prognoser indberettet efter datasættet" in overskrifter
    resume = " ".join(p.text for p in d.paragraphs)
    assert "1 prognose er indberettet efter datasættet" in resume

    pdf = " ".join(
        s.extract_text() or ""
        for s in PdfReader(io.BytesIO(bo_pdf.byg_pdf(r, billeder=False))).pages
    )
    assert "Indberettet 12.10.2026 af Anne Andersen" in re.sub(r"\s+", " ", pdf)


def test_prognosens_udvikling_i_word_med_overskriftsraekke(demo_data: Path) -> None:
    r = _rapport(demo_data)
    assert r.udvikling is not None
    # the demo forecasts at every month end: January to September at 30/9
    assert r.udvikling.datoer == tuple(
        date(2026, m, d) for m, d in ((1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30),
                                      (7, 31), (8, 31), (9, 30))
    )  # fmt: skip
    assert not r.udvikling.regnskab
    d = docx.Document(io.BytesIO(word.byg_docx(r, billeder=False)))
    overskrifter = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert "Prognosens udvikling" in overskrifter
    t = next(t for t in d.tables if t.rows[0].cells[2].text == "31. jan.")
    assert [c.text for c in t.rows[0].cells][-1] == "30. sep."
    assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None, "a real header row"
    tekster = [[c.text for c in row.cells] for row in t.rows]
    i = next(j for j, rk in enumerate(tekster) if rk[0] == "Kommunen i alt")
    i_alt = next(rk for rk in tekster[i:] if rk[1] == "I alt")
    # the last month is the report's own forecast deviation, in Danish format
    assert i_alt[-1] == bo.fmt.mio(r.total.i_alt.forventet_afvigelse_kr, 1, True)
    assert re.fullmatch(r"[+−]?\d+,\d", i_alt[-1])
    assert tekster[-1][0] == "Linjer uden prognose" and tekster[-1][2:] == ["1"] * 9
    pdf = " ".join(
        s.extract_text() or ""
        for s in PdfReader(io.BytesIO(bo_pdf.byg_pdf(r, billeder=False))).pages
    )
    assert "Prognosens udvikling" in pdf and "31. jan." in pdf
    # a fagudvalg's report has no month-by-month section (ØU and Byrådet follow monthly)
    s = nyeste_snapshot(demo_data)
    fag = bo.byg_rapport(Mappekilde(demo_data), s.id, "Børne- og Ungeudvalget", AAR)
    assert fag.udvikling is None
