"""Dialogmøde for an udvalg's area (issue 18 §4) and reports made after the snapshot in
the brief (issue 19 §5). Expected values come from the raw tables or from the Økonomi
page's rule for the udvalg level (`budget.udvalg_oversigt`)."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest
from pptx import Presentation
from pypdf import PdfReader

from dashboard import beregning, data
from dashboard.rapport import indhold, pdf, powerpoint
from dashboard.rapport.__main__ import main
from dashboard.rapport.budgetopfoelgning.mappekilde import Mappekilde
from modeller import budget
from modeller.indberetning import DB_ENV, Lager, prognose, standard_url, vurdering
from tests.indberetning_hjaelp import ANNE, nyeste_snapshot, roller

AAR = 2026
PR = date(2026, 9, 30)
BUU = "Børne- og Ungeudvalget"
MARKERING = "Indberettet 12.10.2026 af Anne Andersen (efter datasættet)"
KOMMENTAR = "Flere **borgere** <b>end</b> [link](https://x.dk)"


def _pdf_tekst(b: bytes) -> str:
    return re.sub(
        r"\s+", " ", " ".join(s.extract_text() or "" for s in PdfReader(io.BytesIO(b)).pages)
    )


def _pptx_tekst(b: bytes) -> str:
    dele = []
    for slide in Presentation(io.BytesIO(b)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                dele.append(shape.text_frame.text)
            if shape.has_table:
                dele += [c.text for r in shape.table.rows for c in r.cells]
    return " ".join(dele)


def test_udvalgets_brief_aftale_maal_og_politikomraader(app_data: Path) -> None:
    nyeste, forrige = data.list_snapshots()[:2]
    s = data.load_snapshot(nyeste.snapshot_id)
    b = indhold.byg_udvalgsbrief(beregning, nyeste.snapshot_id, BUU, AAR, forrige.snapshot_id)
    po = s["politikomraader"].filter(pl.col("udvalg") == BUU)
    # The level-1 agreement: the direktion's agreement for the year whose goals are on the
    # udvalg's politikområder; the counterpart is the udvalg.
    direktion = s["organisation"].filter(pl.col("type") == "direktion")["enhed_id"][0]
    ids = (
        s["maal"]
        .filter(pl.col("politikomraade_id").is_in(po["politikomraade_id"].implode()))
        .join(s["aftaler"].filter(enhed_id=direktion, aar_fra=AAR), on="aftale_id")["aftale_id"]
        .unique()
        .to_list()
    )
    assert ids and [a.aftale_id for a in b.alle_aftaler] == sorted(ids)
    assert all(a.modpart == BUU and a.holder == "Direktionen" for a in b.alle_aftaler)
    assert b.enhed_type == "udvalg" and b.udvalg == BUU and b.omfang == indhold.Omfang(udvalg=BUU)
    # The goals: politikområde and direktion level on its politikområder, active in the year.
    forventet = (
        beregning.aktive_maal(nyeste.snapshot_id, AAR)
        .filter(
            pl.col("politikomraade_id").is_in(po["politikomraade_id"].implode()),
            pl.col("niveau").is_in(["politikomraade", "direktion"]),
        )["maal_id"]
        .sort()
        .to_list()
    )
    assert [m.maal_id for m in b.maal] == forventet
    # The sub-units are its politikområder; their goals add up to the brief's.
    assert b.underenheder_titel == "Politikområder"
    assert [u.navn for u in b.underenheder] == sorted(po["navn"].to_list())
    assert sum(sum(u.antal.values()) for u in b.underenheder) == len(b.maal)
    assert b.statusaendringer or b.har_forrige


def test_udvalgets_oekonomi_er_oekonomisidens_udvalgsniveau(app_data: Path) -> None:
    nyeste = data.list_snapshots()[0]
    sid = nyeste.snapshot_id
    s = data.load_snapshot(sid)
    b = indhold.byg_udvalgsbrief(beregning, sid, BUU, AAR)
    linjer = beregning.opfoelgning(sid, AAR, PR)
    felter = (
        "korrigeret_budget_kr",
        "forbrug_kr",
        "forventet_forbrug_kr",
        "forventet_afvigelse_kr",
    )

    def oekonomi(typer: list[str] | None) -> dict[str, float]:
        r = budget.udvalg_oversigt(linjer, s["politikomraader"], budgettyper=typer)
        r = r.filter(udvalg=BUU).select(felter)  # no row: the udvalg has none of that type
        return r.row(0, named=True) if r.height else dict.fromkeys(felter, 0.0)

    assert [x.navn for x in b.budgettyper] == ["Service", "Indkomstoverførsler", "Anlæg"]
    for x, bt in zip(b.budgettyper, ("service", "indkomstoverfoersler", "anlaeg"), strict=True):
        side = oekonomi([bt])
        assert [getattr(x, f) for f in felter] == pytest.approx([side[f] for f in felter])
    assert b.budget_total is not None
    alle = oekonomi(None)
    assert [getattr(b.budget_total, f) for f in felter] == pytest.approx([alle[f] for f in felter])
    # Korrigeret budget by hand: every budget row of the year on its politikområder.
    po = s["politikomraader"].filter(udvalg=BUU)["politikomraade_id"]
    raa = s["budget"].filter(pl.col("aar") == AAR, pl.col("politikomraade_id").is_in(po.implode()))
    assert b.budget_total.korrigeret_budget_kr == pytest.approx(float(raa["beloeb_kr"].sum()))
    assert sum(u.korrigeret_budget_kr or 0 for u in b.underenheder) == pytest.approx(
        b.budget_total.korrigeret_budget_kr
    )


def test_cli_udvalg_og_ukendt_udvalg(
    app_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ud = tmp_path / "buu.pptx"
    argv = ["dialogmoede", "--data", str(app_data), "--ud", str(ud), "--uden-grafer"]
    assert main([*argv, "--udvalg", BUU, "--format", "pptx"]) == 0
    tekst = _pptx_tekst(ud.read_bytes())
    assert BUU in tekst and "Fagudvalg" in tekst and "Politikområder under" in tekst
    ud.unlink()
    assert main([*argv, "--udvalg", BUU.upper(), "--format", "pptx"]) == 0  # any case
    assert BUU in _pptx_tekst(ud.read_bytes())
    assert main([*argv, "--udvalg", "Findes ikke"]) == 1
    fejl = capsys.readouterr().err
    assert "Udvalget «Findes ikke» findes ikke" in fejl and BUU in fejl


# --------------------------------------------------------------- reports after the snapshot


@pytest.fixture
def med_indberetninger(
    demo_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, str]:
    """A data folder of its own (the demo's snapshots, its own SQLite store: the default)
    with Anne's vurdering of a Center for Ældre goal (ikke på sporet, text with markup)
    and her forecast for the centre's own service line on one politikområde for the
    follow-up after the snapshot (31/10): its old forecast + 2 mio. kr.
    Returns (data folder, goal)."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "snapshots").symlink_to(demo_data / "snapshots")
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(data_dir))
    monkeypatch.delenv(DB_ENV, raising=False)
    s = nyeste_snapshot(demo_data)
    maal_id = s["maal"].filter(enhed_id="C-AE").sort("maal_id")["maal_id"][0]
    p = s["prognoser"].filter(enhed_id="C-AE", budgettype="service", opfoelgningsdato=PR)
    po, gammel = (
        p.sort("politikomraade_id").select("politikomraade_id", "forventet_forbrug_kr").row(0)
    )
    lager = Lager.aabn(standard_url(data_dir))
    nu = datetime(2026, 10, 12, 9, 30, tzinfo=UTC)
    try:
        lager.indsend(vurdering(maal_id, date(2026, 10, 12), "ikke_paa_sporet", KOMMENTAR),
                      ANNE, roller(), s, 0, nu=nu)  # fmt: skip
        lager.indsend(prognose(date(2026, 10, 31), "C-AE", po, "service", None,
                               gammel + 2_000_000.0, KOMMENTAR, "Stop"),
                      ANNE, roller(), s, 0, nu=nu)  # fmt: skip
    finally:
        lager.luk()
    return data_dir, maal_id


def test_indberetninger_ligger_ovenpaa_i_briefen(
    med_indberetninger: tuple[Path, str], tmp_path: Path
) -> None:
    data_dir, maal_id = med_indberetninger
    kilde = Mappekilde(data_dir)
    sid = nyeste_snapshot(data_dir).id
    med = indhold.byg_brief(kilde, sid, "C-AE", AAR)
    uden = indhold.byg_brief(UdenIndberetninger(kilde), sid, "C-AE", AAR)
    # The goal: the reported vurdering is newer than every measurement → its status, marked,
    # with the snapshot's status beside it.
    m = next(x for x in med.maal if x.maal_id == maal_id)
    m0 = next(x for x in uden.maal if x.maal_id == maal_id)
    assert (m.status, m.kilde, m.indberettet) == ("ikke_paa_sporet", "vurdering", MARKERING)
    assert m.vurdering_kommentar == KOMMENTAR and m.vurdering_dato == date(2026, 10, 12)
    assert m.status_datasaet == (m0.status if m0.status != "ikke_paa_sporet" else None)
    assert all(x.indberettet is None for x in med.maal if x.maal_id != maal_id)
    # The economy: the line's forecast moves by exactly +2 mio. kr.; so do the total and
    # the politikområde's line, which is marked.
    linje = next(x for x in med.budget if x.indberettet)
    linje0 = next(x for x in uden.budget if x.navn == linje.navn)
    assert linje.forventet_forbrug_kr - linje0.forventet_forbrug_kr == pytest.approx(2_000_000)
    assert med.budget_total is not None and uden.budget_total is not None
    assert med.budget_total.forventet_afvigelse_kr - uden.budget_total.forventet_afvigelse_kr == (
        pytest.approx(2_000_000)
    )
    assert linje.indberettet == MARKERING == med.budget_total.indberettet
    assert [x for x in med.budget if x.indberettet] == [linje]
    # The documents carry both marks, and the user's text as plain text.
    tekst = _pdf_tekst(pdf.byg_pdf(med, billeder=False))
    assert MARKERING in tekst and KOMMENTAR in tekst
    assert (
        f"Prognoser indberettet efter datasættet (brugt som forventet regnskab): {linje.navn}: "
        in tekst
    )
    pptx = _pptx_tekst(powerpoint.byg_pptx(med, billeder=False))
    assert MARKERING in pptx and KOMMENTAR in pptx
    # The command line reads the same store.
    ud = tmp_path / "c-ae.pdf"
    assert main(["dialogmoede", "--data", str(data_dir), "--enhed", "C-AE", "--ud", str(ud),
                 "--uden-grafer"]) == 0  # fmt: skip
    assert MARKERING in _pdf_tekst(ud.read_bytes())


class UdenIndberetninger:
    """The same Kilde without any reports (the snapshot alone)."""

    def __init__(self, kilde: Mappekilde) -> None:
        self.k = kilde
        self.load_snapshot = kilde.load_snapshot
        self.opfoelgning = kilde.opfoelgning
        self.maal_status = kilde.maal_status
        self.aktive_maal = kilde.aktive_maal

    def indberetninger(self, snapshot_id: str, art: str) -> pl.DataFrame:
        return self.k.indberetninger(snapshot_id, art).head(0)


def test_siden_viser_indberetningerne_markeret(
    med_indberetninger: tuple[Path, str], ryd_cache: None
) -> None:
    from tests.apptest import al_tekst, kør, tabeller

    at = kør("dialogmoede", enhed="C-AE")
    tekst = al_tekst(at).replace("\\", "")
    assert f"📝 {MARKERING}" in tekst
    assert KOMMENTAR in tekst
    markeret = [t for t in tabeller(at) if "Indberettet efter datasættet" in t.columns]
    assert markeret and MARKERING in markeret[0]["Indberettet efter datasættet"].to_list()
