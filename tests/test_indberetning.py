"""The indberetning store (issue 19): server-side checks, optimistic concurrency,
append-only history, on SQLite and on a real PostgreSQL; folding into the next snapshot;
the export loading back through the loader."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import text

from modeller.errors import (
    AfvistIndberetning,
    ForaeldetIndberetning,
    IndlaesningsFejl,
    RolleFejl,
)
from modeller.indberetning import Lager, maaling, prognose, standard_url, vurdering
from modeller.indberetning.__main__ import main as indberetning_main
from modeller.indberetning.lager import findes, foraeldet_besked
from modeller.indberetning.model import Indberetning
from modeller.indberetning.roller import fra_tekst, laes_roller
from modeller.loader import build_snapshot, load_source
from modeller.loader import main as loader_main
from modeller.loader.indberetninger import fold_ind
from modeller.snapshot import Snapshot
from tests.indberetning_hjaelp import ANNE, BO, SOFIE, institutionsmaal, nyeste_snapshot, roller
from tests.postgres_hjaelp import ny_database, postgres_server

DAG = date(2026, 10, 12)


@pytest.fixture(scope="session")
def snapshot(demo_data: Path) -> Snapshot:
    return nyeste_snapshot(demo_data)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def lager(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Lager]:
    if request.param == "sqlite":
        url = standard_url(tmp_path)
    else:
        url = ny_database(request.getfixturevalue("pg_server"))
    db = Lager.aabn(url)
    yield db
    db.luk()


@pytest.fixture
def sqlite_lager(tmp_path: Path) -> Iterator[Lager]:
    db = Lager.aabn(standard_url(tmp_path))
    yield db
    db.luk()


# --- both databases ------------------------------------------------------------------


def test_to_brugere_om_samme_maal_den_anden_afvises_og_begge_er_i_historikken(
    lager: Lager, snapshot: Snapshot
) -> None:
    maal_id = institutionsmaal(snapshot, "C-AE")
    r = roller()
    # Both open the form on the snapshot's value (version 0).
    foerste = lager.indsend(vurdering(maal_id, DAG, "i_risiko", "Anne"), ANNE, r, snapshot, 0)
    assert foerste.version == 1 and foerste.forrige is not None  # based on the snapshot's
    with pytest.raises(ForaeldetIndberetning) as fejl:
        lager.indsend(vurdering(maal_id, DAG, "opfyldt", "Bo"), BO, r, snapshot, 0)
    besked = str(fejl.value)
    assert "Anne Andersen" in besked and "I risiko" in besked and "ikke gemt" in besked
    assert lager.version("vurdering", foerste.noegle) == 1
    # Bo sees the newer value, reopens and submits again: both are in the history.
    anden = lager.indsend(vurdering(maal_id, DAG, "opfyldt", "Bo"), BO, r, snapshot, 1)
    historik = lager.historik("vurdering", foerste.noegle)
    assert [(h.navn, h.version) for h in historik] == [("Bo Bech", 2), ("Anne Andersen", 1)]
    assert anden.forrige is not None and anden.forrige["status"] == "i_risiko"
    assert [g.id for g in lager.gaeldende("vurdering")] == [anden.id]


def test_samtidige_indsendelser_kun_en_vinder(lager: Lager, snapshot: Snapshot) -> None:
    """Two threads submit on the same version at once: the database lets one through."""
    maal_id = institutionsmaal(snapshot, "C-AE")
    r = roller()
    start = threading.Barrier(2)
    udfald: list[str] = []

    def indsend(bruger: object, status: str) -> None:
        start.wait()
        try:
            lager.indsend(vurdering(maal_id, DAG, status, None), bruger, r, snapshot, 0)  # type: ignore[arg-type]
            udfald.append("ok")
        except ForaeldetIndberetning:
            udfald.append("afvist")

    traade = [
        threading.Thread(target=indsend, args=(b, s))
        for b, s in ((ANNE, "opfyldt"), (BO, "i_risiko"))
    ]
    for t in traade:
        t.start()
    for t in traade:
        t.join(30)
    assert sorted(udfald) == ["afvist", "ok"]
    assert len(lager.alle()) == 1


def test_kun_tilfoejelse_i_databasen(lager: Lager, snapshot: Snapshot) -> None:
    lager.indsend(vurdering(institutionsmaal(snapshot, "C-AE"), DAG, "opfyldt", None), ANNE,
                  roller(), snapshot, 0)  # fmt: skip
    for sql in ("UPDATE indberetninger SET navn = 'x'", "DELETE FROM indberetninger"):
        with pytest.raises(Exception, match="kun til tilføjelse"), lager.engine.begin() as c:
            c.execute(text(sql))
    assert len(lager.alle()) == 1


def test_migrationer_koerer_igen_uden_at_aendre(lager: Lager) -> None:
    lager.migrer()
    with lager.engine.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0001"


# --- the server-side check (SQLite) ----------------------------------------------------


def test_bruger_afvises_for_en_anden_enheds_maal(sqlite_lager: Lager, snapshot: Snapshot) -> None:
    andet = institutionsmaal(snapshot, "C-BU")
    with pytest.raises(AfvistIndberetning, match="må ikke indberette en vurdering"):
        sqlite_lager.indsend(vurdering(andet, DAG, "opfyldt", None), ANNE, roller(), snapshot, 0)
    # ... while the group claim gives Sofie that unit.
    sqlite_lager.indsend(vurdering(andet, DAG, "opfyldt", None), SOFIE, roller(), snapshot, 0)
    assert len(sqlite_lager.alle()) == 1


def test_uden_rolle_eller_rollefil_kan_intet_skrives(
    sqlite_lager: Lager, snapshot: Snapshot
) -> None:
    forslag = vurdering(institutionsmaal(snapshot, "C-AE"), DAG, "opfyldt", None)
    ukendt = ANNE.__class__("eve@andet.dk", "Eve")
    with pytest.raises(AfvistIndberetning, match="ingen rolle"):
        sqlite_lager.indsend(forslag, ukendt, roller(), snapshot, 0)
    with pytest.raises(AfvistIndberetning, match="ingen rollefil"):
        sqlite_lager.indsend(forslag, ANNE, None, snapshot, 0)
    assert sqlite_lager.alle() == []


def test_skema_og_tekstlaengde_tjekkes_paa_serveren(
    sqlite_lager: Lager, snapshot: Snapshot
) -> None:
    maal_id = institutionsmaal(snapshot, "C-AE")
    with pytest.raises(AfvistIndberetning) as fejl:
        sqlite_lager.indsend(vurdering(maal_id, DAG, "super", "x" * 2001), ANNE, roller(),
                             snapshot, 0)  # fmt: skip
    assert "2.000 tegn" in str(fejl.value) and "'super' er ikke en tilladt værdi" in str(fejl.value)
    with pytest.raises(AfvistIndberetning, match="findes ikke"):
        sqlite_lager.indsend(vurdering("M-FINDES-IKKE", DAG, "opfyldt", None), ANNE, roller(),
                             snapshot, 0)  # fmt: skip
    sqlite_lager.indsend(vurdering(maal_id, DAG, "opfyldt", "y" * 2000), ANNE, roller(),
                         snapshot, 0)  # fmt: skip


def test_prognose_kraever_controller_og_maaling_kraever_enheden(
    sqlite_lager: Lager, snapshot: Snapshot
) -> None:
    p = prognose(date(2026, 9, 30), "C-AE", "P-AEL", "service", None, 31_500_000.0,
                 "Flere visiterede timer", "Tilpasning af vagtplaner")  # fmt: skip
    with pytest.raises(AfvistIndberetning, match="controller"):
        sqlite_lager.indsend(p, BO, roller(), snapshot, 0)
    gemt = sqlite_lager.indsend(p, ANNE, roller(), snapshot, 0)
    assert gemt.forrige is not None and gemt.forrige["forventet_forbrug_kr"] > 0
    assert gemt.kilderaekke()["kommentar"] == (
        "Flere visiterede timer Handling: Tilpasning af vagtplaner"
    )
    m = maaling("IND-C-AE-F1-1", "C-AE", date(2026, 7, 1), 64.5, None)
    sqlite_lager.indsend(m, ANNE, roller(), snapshot, 0)
    with pytest.raises(AfvistIndberetning):
        sqlite_lager.indsend(
            maaling("IND-C-AE-F1-1", "C-AE", date(2026, 8, 1), 1.0, None), SOFIE, roller(),
            snapshot, 0,
        )  # fmt: skip


def test_rollefil_valideres(tmp_path: Path) -> None:
    assert laes_roller(tmp_path) is None  # missing: read-only
    for tekst, ord_ in (
        ('[bruger."anne"]\nenheder = ["C-AE"]', "e-mailadresse"),
        ('[bruger."a@b.dk"]\nenheder = []', "ikke-tom liste"),
        ('[bruger."a@b.dk"]\nenheder = ["C-AE"]\ncontroller = "ja"', "true eller false"),
        ("[roller]\n", "ukendte afsnit"),
        ("bruger = [", "ikke gyldig TOML"),
    ):
        with pytest.raises(RolleFejl, match=ord_):
            fra_tekst(tekst)
    (tmp_path / "roller.toml").write_text('[bruger."A@B.dk"]\nenheder = ["K"]\n', "utf-8")
    r = laes_roller(tmp_path)
    assert r is not None and r.for_bruger(ANNE.__class__("a@b.DK", "A")).enheder == ("K",)


# --- the loader folds reports in; the export loads back ----------------------------------


def _med_indberetninger(data: Path, snapshot: Snapshot) -> Lager:
    db = Lager.aabn(standard_url(data))
    maal_id = institutionsmaal(snapshot, "C-AE")
    db.indsend(vurdering(maal_id, DAG, "i_risiko", "Efter datasættet"), ANNE, roller(), snapshot, 0)
    db.indsend(
        prognose(date(2026, 9, 30), "C-AE", "P-AEL", "service", None, 31_500_000.0, "Forklaring",
                 None),
        ANNE, roller(), snapshot, 0,
    )  # fmt: skip
    db.indsend(maaling("IND-C-AE-F1-1", "C-AE", date(2026, 7, 1), 64.5, None), ANNE, roller(),
              snapshot, 0)  # fmt: skip
    return db


def test_indlaesning_folder_indberetninger_ind(
    tmp_path: Path, demo_kilder: Path, snapshot: Snapshot, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _med_indberetninger(data, snapshot).luk()
    assert loader_main([str(demo_kilder), "--data", str(data)]) == 0
    ny = nyeste_snapshot(data)
    assert ny.manifest.extra["indberetninger"]["antal"] == 3
    assert ny.manifest.extra["indberetninger"]["til_id"] == 3
    assert "Indberetninger taget med: 3" in capsys.readouterr().err
    v = ny["vurderinger"].filter(pl.col("kommentar") == "Efter datasættet")
    assert v.height == 1 and v["vurderet_af"][0] == "Anne Andersen"
    p = ny["prognoser"].filter(
        (pl.col("opfoelgningsdato") == date(2026, 9, 30))
        & (pl.col("enhed_id") == "C-AE")
        & (pl.col("politikomraade_id") == "P-AEL")
        & (pl.col("budgettype") == "service")
    )
    assert p["forventet_forbrug_kr"].to_list() == [31_500_000.0]  # replaced, not added
    assert ny["prognoser"].height == snapshot["prognoser"].height
    assert ny["maalinger"].height == snapshot["maalinger"].height + 1
    # --uden-indberetninger leaves them out.
    assert loader_main([str(demo_kilder), "--data", str(data), "--uden-indberetninger"]) == 0
    uden = nyeste_snapshot(data)
    assert "indberetninger" not in uden.manifest.extra
    assert uden["maalinger"].height == snapshot["maalinger"].height


def test_indberetning_der_ikke_passer_stopper_indlaesningen(
    tmp_path: Path, demo_kilder: Path, snapshot: Snapshot, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = _med_indberetninger(data, snapshot)
    kilde = tmp_path / "kilde"
    shutil.copytree(demo_kilder, kilde)
    # The indicator no longer exists in the next source set.
    ind = pl.read_csv(kilde / "indikatorer.csv", separator=";", infer_schema=False)
    ind.filter(pl.col("indikator_id") != "IND-C-AE-F1-1").write_csv(
        kilde / "indikatorer.csv", separator=";"
    )
    mal = pl.read_csv(kilde / "maalinger.csv", separator=";", infer_schema=False)
    mal.filter(pl.col("indikator_id") != "IND-C-AE-F1-1").write_csv(
        kilde / "maalinger.csv", separator=";"
    )
    db.luk()
    assert loader_main([str(kilde), "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert (
        "indberetning (maalinger)" in err and "IND-C-AE-F1-1" in err and "Intet er skrevet" in err
    )
    assert not (data / "snapshots").exists()
    with pytest.raises(IndlaesningsFejl, match="IND-C-AE-F1-1"):
        fold_ind(load_source(kilde), Lager.aabn(standard_url(data)))


def test_eksport_indlaeses_igen(
    tmp_path: Path, demo_kilder: Path, snapshot: Snapshot, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _med_indberetninger(data, snapshot).luk()
    ud = tmp_path / "eksport"
    assert indberetning_main(["eksport", "--ud", str(ud), "--data", str(data)]) == 0
    assert "vurderinger.csv: 1 rækker" in capsys.readouterr().out
    # The export is a source set's three tables: with the other tables it loads.
    kilde = tmp_path / "kilde"
    shutil.copytree(demo_kilder, kilde)
    for navn in ("vurderinger", "prognoser", "maalinger"):
        shutil.copy(ud / f"{navn}.csv", kilde / f"{navn}.csv")
    ny_data = tmp_path / "ny"
    build_snapshot(kilde, ny_data)
    ny = nyeste_snapshot(ny_data)
    assert ny["vurderinger"]["kommentar"].to_list() == ["Efter datasættet"]
    assert ny["prognoser"]["forventet_forbrug_kr"].to_list() == [31_500_000.0]
    assert ny["maalinger"]["vaerdi"].to_list() == [64.5]


def test_findes_kun_falsk_for_en_sqlite_fil_der_ikke_er_der(tmp_path: Path) -> None:
    """Readers (the app, the report CLI) must not create a SQLite file by looking, and a
    `STYRINGSOVERBLIK_DB` pointing at SQLite outside the data folder must be read."""
    andet_sted = tmp_path / "andet" / "db.sqlite"
    url = f"sqlite:///{andet_sted}"
    assert not findes(url)
    andet_sted.parent.mkdir()
    Lager.aabn(url).luk()
    assert findes(url)
    assert not findes("sqlite://") and not findes("sqlite:///:memory:")
    assert findes("postgresql+psycopg://x@127.0.0.1:1/db")  # errors show when it is read


def test_foraeldet_besked_viser_dansk_tid() -> None:
    """The refusal names the newer report's time as the user's clock shows it (stored as
    UTC): 10.05 UTC on 12 October (summer time) is 12.05, 10.05 UTC on 30 November 11.05."""

    def ny(t: datetime) -> Indberetning:
        return Indberetning(7, "vurdering", "maal_id=M1", 2, "I1", {"status": "i_risiko"},
                            None, None, "anne@x.dk", "Anne Andersen", t)  # fmt: skip

    sommer = foraeldet_besked(ny(datetime(2026, 10, 12, 10, 5, tzinfo=UTC)))
    assert sommer.startswith("Anne Andersen indberettede 12.10.2026 kl. 12.05 status «I risiko»")
    assert "UTC" not in sommer
    vinter = foraeldet_besked(ny(datetime(2026, 11, 30, 10, 5)))  # naive = UTC, as stored
    assert "30.11.2026 kl. 11.05" in vinter


def test_rollens_enheder_er_enhederne_og_alt_under_dem(snapshot: Snapshot) -> None:
    """`mine_enheder`: the role's units and everything below them, computed by hand from
    the organisation's parent column; a unit the organisation does not know adds nothing."""
    from modeller.indberetning.kontrol import mine_enheder
    from modeller.indberetning.roller import Rolle

    org = snapshot["organisation"]
    foraelder = dict(zip(org["enhed_id"], org["overordnet_id"], strict=True))

    def under(rod: str) -> set[str]:
        ud = set()
        for e in foraelder:
            x: str | None = e
            while x is not None and x != rod:
                x = foraelder.get(x)
            if x == rod:
                ud.add(e)
        return ud

    centre = org.filter(pl.col("type") == "center")["enhed_id"].to_list()[:2]
    forventet = under(centre[0]) | under(centre[1])
    assert len(forventet) > 2
    assert mine_enheder(snapshot, Rolle((*centre, "FINDES-IKKE"), False)) == forventet
    assert mine_enheder(snapshot, Rolle((), True)) == set()
