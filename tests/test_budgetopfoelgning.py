"""The political follow-up report: its rules on tiny frames, its figures against the
Økonomi page's for the same selection, the Word and PDF files, the command line, the
budget revision edition and the Direktion's level-1 agreements."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import polars as pl
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from dashboard import beregning, data
from dashboard.rapport import figurer, indhold
from dashboard.rapport.__main__ import main
from dashboard.rapport.budgetopfoelgning import indhold as bo
from dashboard.rapport.budgetopfoelgning import pdf as bo_pdf
from dashboard.rapport.budgetopfoelgning import word
from dashboard.rapport.budgetopfoelgning.mappekilde import Mappekilde
from dashboard.skal.tilstand import Noegle
from dashboard.visning.oekonomi import data as oek
from dashboard.visning.oekonomi.udsnit import Udsnit
from modeller import aarshjul, budget, budgetopfoelgning
from modeller.demo import generate
from modeller.errors import RapportFejl
from modeller.loader import build_snapshot
from modeller.styringsregler import STANDARD
from tests.conftest import PROJEKT

AAR = 2026
BU = "Børne- og Ungeudvalget"
OEU = budgetopfoelgning.OEKONOMIUDVALGET


# --- rules ---------------------------------------------------------------------------


def test_modtagere_hele_kommunen_foerst() -> None:
    ud = budgetopfoelgning.modtagere(["Teknikudvalget", None, "Økonomiudvalget", "Børneudvalget"])
    assert ud == ["Økonomiudvalget", "Byrådet", "Børneudvalget", "Teknikudvalget"]
    assert budgetopfoelgning.er_hele_kommunen("Byrådet")
    assert not budgetopfoelgning.er_hele_kommunen("Børneudvalget")


def test_budgetrevision_efter_aarshjulet() -> None:
    hjul = aarshjul.STANDARD
    assert budgetopfoelgning.budgetrevisionsdatoer(hjul, 2026) == [date(2026, 4, 30)]
    assert budgetopfoelgning.er_budgetrevision(hjul, date(2026, 4, 30))
    assert not budgetopfoelgning.er_budgetrevision(hjul, date(2026, 5, 31))
    assert not budgetopfoelgning.er_budgetrevision(hjul, None)
    eget = aarshjul.fra_indstillinger(
        {"frist": [{"dato": "05-15", "navn": "Budgetrevision 1"}, {"dato": "04-30", "navn": "X"}]}
    )
    assert budgetopfoelgning.er_budgetrevision(eget, date(2027, 5, 15))
    assert not budgetopfoelgning.er_budgetrevision(eget, date(2027, 4, 30))


def _budget(raekker: list[tuple[str, str, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "aar": [AAR] * len(raekker),
            "enhed_id": [r[0] for r in raekker],
            "politikomraade_id": ["P"] * len(raekker),
            "beloebstype": [r[1] for r in raekker],
            "beloeb_kr": [r[2] for r in raekker],
            "budgettype": ["service"] * len(raekker),
        },
        schema_overrides={"aar": pl.Int32()},
    )


def test_bevillingsaendringer_siden_forrige() -> None:
    foer = _budget(
        [
            ("A", "oprindeligt_budget", 100.0),
            ("A", "tillaegsbevilling", 10.0),
            ("B", "omplacering", 5.0),
        ]
    )
    nu = _budget(
        [
            ("A", "oprindeligt_budget", 100.0),
            ("A", "tillaegsbevilling", 10.0),
            ("A", "tillaegsbevilling", 7.0),  # new since
            ("B", "omplacering", 5.0),
            ("B", "omplacering", -3.0),  # moved since
            ("C", "tillaegsbevilling", -2.0),
        ]
    )
    ud = budgetopfoelgning.bevillingsaendringer(nu, foer, AAR)
    assert sorted(ud.select("enhed_id", "art", "beloeb_kr").rows()) == [
        ("A", "Tillægsbevilling", 7.0),
        ("B", "Omplacering", -3.0),
        ("C", "Tillægsbevilling", -2.0),
    ]
    alle = budgetopfoelgning.bevillingsaendringer(nu, None, AAR)
    assert alle["beloeb_kr"].sum() == pytest.approx(17.0 + 2.0 - 2.0)


def test_kommentar_deles_i_forklaring_og_handling() -> None:
    assert budgetopfoelgning.del_kommentar("Flere børn. Handling: stop for vikarer") == (
        "Flere børn.",
        "stop for vikarer",
    )
    assert budgetopfoelgning.del_kommentar("Flere børn end budgetteret") == (
        "Flere børn end budgetteret",
        None,
    )
    assert budgetopfoelgning.del_kommentar("  ") == (None, None)
    # the format Indberetning writes (modeller/indberetning: forklaring, then "Handling: …")
    assert budgetopfoelgning.del_kommentar("Flere børn Handling: Ansættelsesstop") == (
        "Flere børn.",
        "Ansættelsesstop",
    )


# --- the report against the Økonomi page -----------------------------------------------


def _noegle() -> Noegle:
    nyeste, forrige = data.list_snapshots()[:2]
    pr = indhold.pr_for(beregning, nyeste.snapshot_id, AAR)
    return Noegle(nyeste.snapshot_id, forrige.snapshot_id, AAR, pr, STANDARD)


def _rapport(modtager: str) -> bo.Rapport:
    n = _noegle()
    return bo.byg_rapport(beregning, n.snapshot_id, modtager, AAR, n.forrige_id, STANDARD)


def _lig(tal: bo.Tal, r: dict[str, object]) -> None:
    for k in (
        "korrigeret_budget_kr",
        "forbrug_kr",
        "forventet_forbrug_kr",
        "forventet_afvigelse_kr",
    ):
        assert getattr(tal, k) == pytest.approx(r[k]), k
    assert tal.er_afvigelse == r["er_afvigelse"]


@pytest.mark.parametrize("modtager", [OEU, "Byrådet", BU])
def test_tallene_er_oekonomisidens(app_data: Path, modtager: str) -> None:
    """Per udvalg (whole municipality) or per politikområde (a fagudvalg), in total and
    per budget type: the rows the Økonomi page shows for the same selection."""
    n = _noegle()
    r = _rapport(modtager)
    udvalg = None if budgetopfoelgning.er_hele_kommunen(modtager) else modtager
    o = oek.opfoelgning(n, Udsnit(udvalg=udvalg))
    kol = "udvalg" if udvalg is None else "politikomraade_id"
    efter_id = {row[kol]: row for row in o.raekker.iter_rows(named=True)}
    assert [x.noegle for x in r.omraader] == o.raekker[kol].to_list()
    for x in r.omraader:
        raekke = efter_id[x.noegle]
        _lig(x.i_alt, raekke)
        assert x.aendring_kr == pytest.approx(raekke["aendring_afvigelse_kr"])
        if udvalg is None:  # the frame, as on Økonomi's udvalg level
            assert x.ramme_kr == pytest.approx(raekke["ramme_korrigeret_budget_kr"])
            assert x.ramme_afvigelse_kr == pytest.approx(raekke["ramme_forventet_afvigelse_kr"])
    for i, bt in enumerate(("service", "indkomstoverfoersler", "anlaeg")):
        pr_type = oek.opfoelgning(n, Udsnit(udvalg=udvalg, budgettyper=(bt,)))
        for row in pr_type.raekker.iter_rows(named=True):
            x = next(o_ for o_ in r.omraader if o_.noegle == row[kol])
            _lig(x.pr_type[i], row)
    # the total split by budget type: Økonomi's "fordeling" table for the same selection
    f = oek.forbered(n, Udsnit(udvalg=udvalg)).fordeling_eksport
    for tal, row in zip((*r.total.pr_type, r.total.i_alt), f.iter_rows(named=True), strict=True):
        assert tal.korrigeret_budget_kr == pytest.approx(row["Korrigeret budget (kr.)"])
        assert tal.forventet_afvigelse_kr == pytest.approx(row["Forventet afvigelse (kr.)"])
        assert tal.tidsforskydning_kr == pytest.approx(row["Tidsforskydning (kr.)"])


def test_anlaeg_er_oekonomisidens(app_data: Path) -> None:
    r = _rapport(BU)
    a = oek.forbered(_noegle(), Udsnit(udvalg=BU)).anlaeg_eksport
    assert [p.navn for p in r.projekter] == a["Projekt"].to_list()
    for p, row in zip(r.projekter, a.iter_rows(named=True), strict=True):
        assert p.tidsforskydning_kr == pytest.approx(row["Tidsforskydning (kr.)"])
    assert any(p.tidsforskydning_kr for p in r.projekter)


def test_afvigelser_har_prognosens_forklaring(app_data: Path) -> None:
    n = _noegle()
    r = _rapport(BU)
    s = data.load_snapshot(n.snapshot_id)
    po = s["politikomraader"].filter(pl.col("udvalg") == BU)["politikomraade_id"]
    linjer = budget.marker_afvigelser(
        beregning.opfoelgning(n.snapshot_id, AAR, n.pr).filter(
            pl.col("politikomraade_id").is_in(po.to_list())
        )
    ).filter("er_afvigelse")
    assert len(r.afvigelser) == linjer.height > 0
    assert {a.forklaring for a in r.afvigelser} == set(linjer["prognose_kommentar"].to_list())
    stoerrelser = [abs(a.forventet_afvigelse_kr) for a in r.afvigelser]
    assert stoerrelser == sorted(stoerrelser, reverse=True)
    assert r.bevillinger, "tillægsbevillinger between 31/5 and 30/9 in the demo"
    assert {b.art for b in r.bevillinger} <= {"Tillægsbevilling", "Omplacering"}


def test_ukendt_modtager_giver_dansk_fejl(app_data: Path) -> None:
    with pytest.raises(RapportFejl, match="findes ikke"):
        _rapport("Findes ikke-udvalget")


def test_mappekilden_giver_samme_rapport(app_data: Path) -> None:
    """The command line's streamlit-free source gives the very same report."""
    n = _noegle()
    fra_app = _rapport(BU)
    fra_mappe = bo.byg_rapport(Mappekilde(app_data), n.snapshot_id, BU, AAR, n.forrige_id)
    assert fra_mappe == fra_app


# --- Word and PDF ----------------------------------------------------------------------


def _docx(r: bo.Rapport, billeder: bool = False) -> docx.document.Document:
    return docx.Document(io.BytesIO(word.byg_docx(r, billeder=billeder)))


def _tekst(d: docx.document.Document) -> str:
    dele = [p.text for p in d.paragraphs]
    dele += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(dele)


def test_word_har_overskrifter_tabeller_og_forklaringer(app_data: Path) -> None:
    r = _rapport(BU)
    d = _docx(r)
    overskrifter = [
        (p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")
    ]
    assert overskrifter[0] == ("Heading 1", f"{r.titel}: {BU}")
    titler = [t for _, t in overskrifter]
    for titel in ("Resumé", "Økonomi 2026", "Afvigelser over tærsklen", "Anlæg", "Noter"):
        assert titel in titler
    assert "Bevillingsændringer til godkendelse" in titler
    assert {n for n, _ in overskrifter} <= {"Heading 1", "Heading 2", "Heading 3"}
    antal = sum(len(a.tabeller) for a in r.alle_afsnit())
    assert len(d.tables) == antal >= 5
    for t, vm in zip(d.tables, (t for a in r.alle_afsnit() for t in a.tabeller), strict=True):
        foerste = t.rows[0]
        assert foerste._tr.trPr.find(qn("w:tblHeader")) is not None, "header row"
        assert tuple(c.text for c in foerste.cells) == vm.kolonner
        assert len(t.rows) == len(vm.raekker) + 1
    tekst = _tekst(d)
    for a in r.afvigelser:
        assert a.forklaring and a.forklaring in tekst
    assert BU in tekst
    assert re.search(r"\d{1,3}(\.\d{3})*,\d", tekst), "Danish number format"


def test_word_sprog_og_alternativ_tekst(app_data: Path) -> None:
    r = _rapport(OEU)
    d = _docx(r, billeder=True)
    assert d.core_properties.language == "da-DK"
    sprog = {e.get(qn("w:val")) for e in d.styles.element.iter(qn("w:lang"))}
    assert sprog == {"da-DK"}
    if figurer.chromium() is not None:
        assert len(d.inline_shapes) >= 1
    for shape in d.inline_shapes:
        beskrivelse = shape._inline.docPr.get("descr")
        assert beskrivelse and "søjlediagram" in beskrivelse


def test_pdf_samme_indhold(app_data: Path) -> None:
    r = _rapport(BU)
    sider = [
        s.extract_text() or ""
        for s in PdfReader(io.BytesIO(bo_pdf.byg_pdf(r, billeder=False))).pages
    ]
    alt = re.sub(r"\s+", " ", " ".join(sider))
    assert f"Side 1 af {len(sider)}" in alt
    for titel in ("Resumé", "Afvigelser over tærsklen", "Bevillingsændringer til godkendelse"):
        assert titel in alt
    assert r.afvigelser[0].forklaring is not None
    assert r.afvigelser[0].forklaring[:40] in alt
    assert "Børne- og Ungeudvalget" in alt


# --- the command line ------------------------------------------------------------------


def test_cli_et_udvalg(app_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(
        [
            "budgetopfoelgning",
            "--data",
            str(app_data),
            "--udvalg",
            BU,
            "--ud",
            str(tmp_path),
            "--uden-grafer",
        ]
    )
    assert rc == 0
    filer = list(tmp_path.glob("*.docx"))
    assert len(filer) == 1
    tekst = _tekst(docx.Document(str(filer[0])))
    assert BU in tekst and "Afvigelser over tærsklen" in tekst
    assert str(filer[0]) in capsys.readouterr().out


def test_cli_alle_en_fil_pr_udvalg(app_data: Path, tmp_path: Path) -> None:
    rc = main(
        [
            "budgetopfoelgning",
            "--data",
            str(app_data),
            "--alle",
            "--ud",
            str(tmp_path),
            "--format",
            "pdf",
            "--uden-grafer",
        ]
    )
    assert rc == 0
    udvalg = set(data.load_snapshot(None)["politikomraader"]["udvalg"].drop_nulls()) | {OEU}
    filer = sorted(tmp_path.glob("*.pdf"))
    assert len(filer) == len(udvalg)
    assert all(f.read_bytes().startswith(b"%PDF") for f in filer)


@pytest.mark.parametrize(
    ("argumenter", "besked"),
    [
        (["--udvalg", "Findes ikke-udvalget"], "Udvalget «Findes ikke-udvalget» findes ikke"),
        (
            ["--udvalg", BU, "--snapshot", "20200101T000000-abcdef"],
            "Datasættet '20200101T000000-abcdef' findes ikke",
        ),
        (["--udvalg", BU, "--snapshot", "../../etc"], "findes ikke"),
    ],
)
def test_cli_fejl_paa_dansk(
    app_data: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argumenter: list[str],
    besked: str,
) -> None:
    rc = main(["budgetopfoelgning", "--data", str(app_data), *argumenter, "--ud", str(tmp_path)])
    assert rc == 1
    assert besked in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_cli_uden_data_og_ukendt_enhed(
    tmp_path: Path, app_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            ["budgetopfoelgning", "--data", str(tmp_path / "tom"), "--alle", "--ud", str(tmp_path)]
        )
        == 1
    )
    assert "Der er ingen datasæt" in capsys.readouterr().err
    assert (
        main(["dialogmoede", "--data", str(app_data), "--enhed", "X-1", "--ud", str(tmp_path)]) == 1
    )
    assert "Enheden «X-1» findes ikke" in capsys.readouterr().err


def test_cli_dialogmoede_som_proces_uden_streamlit(app_data: Path, tmp_path: Path) -> None:
    ud = tmp_path / "oplaeg.pdf"
    p = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "dashboard.rapport", "dialogmoede",
         "--data", str(app_data), "--enhed", "C-BU", "--ud", str(ud), "--uden-grafer"],
        capture_output=True, text=True, cwd=PROJEKT, check=False,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr[-2000:]
    assert ud.read_bytes().startswith(b"%PDF")
    assert "streamlit" not in p.stderr, "the command line never imports streamlit"


# --- the budget revision edition --------------------------------------------------------


@pytest.fixture(scope="module")
def revision_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 30 April follow-up of the demo (the årshjul's budgetrevision) after 31 March."""
    rod = tmp_path_factory.mktemp("revision")
    for pr, tid in ((date(2026, 3, 31), 1), (date(2026, 4, 30), 2)):
        generate(rod / pr.isoformat(), skala=1, fmt="csv", pr=pr)
        build_snapshot(
            rod / pr.isoformat(), rod / "data", label=None, now=datetime(2026, 5, tid, tzinfo=UTC)
        )
    return rod / "data"


def test_budgetrevision_har_maal_ved_siden_af_oekonomien(revision_data: Path) -> None:
    k = Mappekilde(revision_data)
    nyeste = k.load_snapshot(None)
    assert nyeste.manifest.data_as_of == date(2026, 4, 30)
    r = bo.byg_rapport(k, nyeste.id, BU, AAR)
    assert r.er_budgetrevision and r.titel == "Budgetrevision pr. 30. april 2026"
    assert r.revision, "the udvalg's politikområder"
    assert {o.udvalg for o in r.revision} == {BU}
    assert any(o.maal for o in r.revision), "goals per politikområde"
    # the demo's budget revision assesses every politikområde goal on 30/4 (issue 18 §6)
    alle = [m for o in r.revision for m in o.maal]
    assert all(m.status != "ikke_vurderet" and m.kommentar for m in alle)
    titler = [a.titel for a in r.afsnit]
    assert "Budgetrevision: mål og økonomi pr. politikområde" in titler
    tekst = _tekst(_docx(r))
    assert "Budgetrevision: mål og økonomi pr. politikområde" in tekst
    maal = next(m for o in r.revision for m in o.maal)
    assert maal.titel in tekst
    ikke = bo.byg_rapport(k, k.load_snapshot(None).id, BU, AAR, aarshjul=aarshjul.fra_indstillinger(
        {"frist": [{"dato": "05-31", "navn": "Budgetrevision"}]}
    ))  # fmt: skip
    assert not ikke.er_budgetrevision and not ikke.revision


# --- the Direktion's level-1 agreements (Dialogmøde) --------------------------------------


def test_direktionen_har_en_aftale_pr_udvalg(app_data: Path) -> None:
    nyeste = data.list_snapshots()[0]
    b = indhold.byg_brief(beregning, nyeste.snapshot_id, "DIR", AAR)
    s = data.load_snapshot(nyeste.snapshot_id)
    udvalg = set(s["politikomraader"]["udvalg"].drop_nulls())
    assert len(b.aftaler) > 1
    assert {a.modpart for a in b.aftaler} <= udvalg
    assert BU in {a.modpart for a in b.aftaler}
    assert all(a.modpart != s.manifest.kommune for a in b.aftaler)
    center = indhold.byg_brief(beregning, nyeste.snapshot_id, "C-BU", AAR)
    assert [a.modpart for a in center.aftaler] == ["Direktionen"]


def test_cli_udvalget_findes_uanset_store_og_smaa_bogstaver(app_data: Path, tmp_path: Path) -> None:
    """«--udvalg "børne- og ungeudvalget "» finds Børne- og Ungeudvalget: the report and its
    file carry the udvalg's own spelling."""
    givet = f" {BU.lower()} "
    rc = main(
        ["budgetopfoelgning", "--data", str(app_data), "--udvalg", givet, "--ud", str(tmp_path),
         "--uden-grafer"]
    )  # fmt: skip
    assert rc == 0
    (fil,) = tmp_path.glob("*.docx")
    assert BU in _tekst(docx.Document(str(fil)))


def test_udvalgets_navn_kraever_praecis_et_match() -> None:
    from dashboard.rapport.__main__ import udvalgets_navn

    kendte = ["Børne- og Ungeudvalget", "Økonomiudvalget"]
    assert udvalgets_navn("ØKONOMIUDVALGET", kendte) == "Økonomiudvalget"
    assert udvalgets_navn("Økonomi", kendte) is None
    assert udvalgets_navn("a", ["A", "a"]) == "a"  # the exact name first
    assert udvalgets_navn("b", ["B", "b "]) is None  # two that differ only by case
