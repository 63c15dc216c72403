"""Real structure: Randers Kommune's budget hierarchy (udvalg → bevillingsområde → linje,
the named aftaleenheder) with synthetic amounts loads and every page renders; a real
dirty file (kommunerne.csv, ISO-8859-1, comma-separated) behaves as stated.

The files are read from ../shared/realdata relative to the project root (never copied
into the project); the tests are skipped with a reason when the folder is missing.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
from pathlib import Path

import pytest

from modeller.errors import IndlaesningsFejl
from modeller.loader import build_snapshot, load_source
from modeller.loader.laes import laes_kilde
from tests.kilder_hjaelp import Saet, skriv_csv

PROJEKT = Path(__file__).resolve().parents[1]
_KANDIDATER = [Path(p) for p in (os.environ.get("STYRINGSOVERBLIK_REALDATA"),) if p] + [
    PROJEKT.parent / "shared" / "realdata",
    Path("/work/shared/realdata"),
]
REALDATA = next((p for p in _KANDIDATER if p.is_dir()), _KANDIDATER[0])
RANDERS = REALDATA / "randers_budget_word_app"
KOMMUNER = REALDATA / "dk_municipalities" / "kommunerne.csv"

kraever_randers = pytest.mark.skipif(
    not (RANDERS / "randers_budget_hierarchy_flat.csv").is_file(),
    reason=f"real Randers data not found at {RANDERS}",
)
kraever_kommuner = pytest.mark.skipif(
    not KOMMUNER.is_file(), reason=f"real kommune list not found at {KOMMUNER}"
)

IKKE_ENHEDER = {"Uden for aftale", "Projekter", "I alt", "I alt aftaleenheder"}


def _laes(navn: str) -> list[dict[str, str]]:
    with (RANDERS / navn).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def randers_saet() -> Saet:
    """A source set in the contract's shape from Randers' real structure."""
    rng = random.Random(8900)
    linjer = _laes("randers_budget_hierarchy_flat.csv")
    egne = _laes("randers_custom_tables_flat.csv")

    org = [["enhed_id", "navn", "type", "overordnet_id", "leder"]]
    org.append(["K", "Randers Kommune", "kommune", "", ""])
    pol = [["politikomraade_id", "navn", "udvalg"]]
    udvalg: dict[str, str] = {}
    bevilling: dict[str, tuple[str, str]] = {}  # bevillingsområde → (center id, P id)
    for r in linjer:
        u, b = r["udvalg"], r["bevillingsomraade"]
        if u not in udvalg:
            udvalg[u] = f"D{len(udvalg) + 1:02d}"
            org.append([udvalg[u], f"Forvaltning: {u}", "direktion", "K", ""])
        if b not in bevilling:
            n = len(bevilling) + 1
            bevilling[b] = (f"C{n:02d}", f"P{n:02d}")
            org.append([f"C{n:02d}", b, "center", udvalg[u], ""])
            pol.append([f"P{n:02d}", b, u])
    enheder: list[tuple[str, str, str]] = []  # (enhed id, P id, navn)
    set_: set[str] = set()
    for r in egne:
        placering = r["placering"].removeprefix("Bevilling ").strip()
        navn = r["linje"].strip()
        if r["linjetype"] != "linje" or navn in IKKE_ENHEDER or navn in set_:
            continue
        if placering not in bevilling:
            continue
        set_.add(navn)
        center, p = bevilling[placering]
        eid = f"I{len(enheder) + 1:03d}"
        enheder.append((eid, p, navn))
        org.append([eid, navn, "institution", center, ""])

    budget = [["aar", "enhed_id", "politikomraade_id", "beloebstype", "beloeb_kr", "budgettype"]]
    forbrug = [["aar", "maaned", "enhed_id", "politikomraade_id", "beloeb_kr", "budgettype"]]
    poster: list[tuple[str, str, str, int]] = []
    for r in linjer:
        center, p = bevilling[r["bevillingsomraade"]]
        bt = "indkomstoverfoersler" if r["budgettype_tabel"] == "Indkomstoverførsler" else "service"
        poster.append((center, p, bt, rng.randrange(5_000, 400_000) * 1000))
    for eid, p, _ in enheder:
        poster.append((eid, p, "service", rng.randrange(3_000, 60_000) * 1000))
    for eid, p, bt, beloeb in poster:
        budget.append(["2026", eid, p, "oprindeligt_budget", str(beloeb), bt])
        if rng.random() < 0.2:
            budget.append(["2026", eid, p, "tillaegsbevilling", str(-beloeb // 50), bt])
        for m in range(1, 10):
            maaned = beloeb / 12 * rng.uniform(0.8, 1.2)
            forbrug.append(["2026", str(m), eid, p, f"{maaned:.2f}".replace(".", ","), bt])
    prognoser = [["opfoelgningsdato", "enhed_id", "politikomraade_id", "forventet_forbrug_kr"]]
    par = sorted({(eid, p): beloeb for eid, p, _, beloeb in poster}.items())
    for dato in ("2026-03-31", "2026-05-31", "2026-09-30"):
        for (eid, p), beloeb in par:
            prognoser.append([dato, eid, p, str(round(beloeb * rng.uniform(0.95, 1.06)))])

    aftaler = [["aftale_id", "enhed_id", "aar_fra", "aar_til", "status", "indgaaet_dato"]]
    maal = [
        [
            "maal_id",
            "titel",
            "niveau",
            "overordnet_maal_id",
            "enhed_id",
            "politikomraade_id",
            "aftale_id",
        ]
    ]
    maal.append(["M0", "Randers - et godt sted at leve", "vision", "", "", "", ""])
    for u, d in udvalg.items():
        maal.append([f"M{d}", f"Politik for {u}", "politik", "M0", "", "", ""])
    for b, (_, p) in bevilling.items():
        u = next(r["udvalg"] for r in linjer if r["bevillingsomraade"] == b)
        maal.append([f"M{p}", f"Mål for {b}", "politikomraade", f"M{udvalg[u]}", "", p, ""])
    indikatorer = [["indikator_id", "navn", "maaleenhed", "retning", "maal_id", "maalvaerdi"]]
    maalinger = [["indikator_id", "enhed_id", "periode", "vaerdi"]]
    vurderinger = [["maal_id", "dato", "status"]]
    statusser = ["opfyldt", "paa_sporet", "i_risiko", "ikke_paa_sporet", "ikke_vurderet"]
    for eid, p, navn in enheder:
        aid, mid, iid = f"A{eid}", f"M{eid}", f"IND{eid}"
        aftaler.append([aid, eid, "2026", "2027", "indgaaet", "2025-12-15"])
        maal.append([mid, f"Trivsel i {navn}", "institution", f"M{p}", eid, "", aid])
        indikatorer.append([iid, f"Trivsel, {navn}", "%", "op", mid, "90"])
        for periode in ("2026-03-31", "2026-06-30", "2026-09-30"):
            maalinger.append([iid, eid, periode, f"{rng.uniform(70, 98):.1f}".replace(".", ",")])
        vurderinger.append([mid, "2026-09-15", rng.choice(statusser)])
    return {
        "organisation": org,
        "politikomraader": pol,
        "budget": budget,
        "forbrug": forbrug,
        "prognoser": prognoser,
        "aftaler": aftaler,
        "maal": maal,
        "indikatorer": indikatorer,
        "maalinger": maalinger,
        "vurderinger": vurderinger,
    }


@pytest.fixture(scope="module")
def randers_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (RANDERS / "randers_budget_hierarchy_flat.csv").is_file():
        pytest.skip(f"real Randers data not found at {RANDERS}")
    rod = tmp_path_factory.mktemp("randers")
    build_snapshot(skriv_csv(rod / "kilde", randers_saet()), rod / "data")
    return rod / "data"


@kraever_randers
def test_randers_structure_loads(randers_data: Path, tmp_path: Path) -> None:
    saet = load_source(skriv_csv(tmp_path / "k", randers_saet()))
    org = saet.tabeller["organisation"]
    assert org.filter(org["type"] == "direktion").height == 11  # udvalg
    assert saet.tabeller["politikomraader"].height == 15  # bevillingsområder
    navne = set(org["navn"].to_list())
    assert {"Kristrup Vuggestue", "Asferg Skole", "Randers Specialskole"} <= navne
    assert saet.tabeller["forbrug"].height > 1000


def _sider() -> list[str]:
    from dashboard.skal.navigation import SIDER, SIDER_DIR

    return [s.url_path for s in SIDER if (SIDER_DIR / s.fil).exists()]


@kraever_randers
@pytest.mark.parametrize("side", _sider())
def test_every_page_renders_with_randers_structure(
    side: str, randers_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.apptest import kør

    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(randers_data))
    at = kør(side)
    assert not at.exception
    assert not at.get("error"), [e.value for e in at.get("error")]


@kraever_kommuner
def test_kommunerne_csv_as_organisation_with_mapping(tmp_path: Path) -> None:
    """The real list (ISO-8859-1, ',', 'Kommune,Region') mapped as an organisation file:
    read in the right encoding, but it cannot satisfy the contract: no unit types and no
    parents. The loader says exactly that, and writes nothing."""
    kilde = skriv_csv(tmp_path / "kilde")
    (kilde / "organisation.csv").unlink()
    shutil.copy(KOMMUNER, kilde / "kommunerne.csv")
    (kilde / "kortlaegning.toml").write_text(
        '[organisation]\nfil = "kommunerne.csv"\n\n'
        '[organisation.kolonner]\n"Kommune" = "enhed_id"\n"Region" = "navn"\n',
        encoding="utf-8",
    )
    raa = laes_kilde(kilde).tabeller["organisation"]
    assert raa.kildefil.encoding == "cp1252" and raa.kildefil.separator == ","
    assert raa.data.height == 97
    assert "København" in raa.data["enhed_id"].to_list()
    assert "Helsingør" not in raa.data["enhed_id"].to_list()  # missing in the real file
    with pytest.raises(IndlaesningsFejl) as info:
        build_snapshot(kilde, tmp_path / "data")
    tekster = [str(f) for f in info.value.fejl]
    assert tekster[:2] == [
        "kommunerne.csv, kolonne 'type': den påkrævede kolonne mangler.",
        "kommunerne.csv, kolonne 'overordnet_id': den påkrævede kolonne mangler.",
    ]
    assert not (tmp_path / "data").exists()
