"""Faults: a loader killed at any moment, two loaders at once, a reader during a write.

Only complete snapshots (a well-formed id folder with manifest.json) are ever visible;
dot-prefixed temporary folders are never read and are removed by the next successful load.
`ROBUSTHED_DRAB=50 pytest tests/test_robusthed_fejltolerance.py -k kill` runs 50 kills
instead of 15.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from modeller.demo import generate
from modeller.loader import build_snapshot
from modeller.schemas import TABELLER
from modeller.snapshot import MANIFEST, Manifest, is_snapshot_id
from tests.kilder_hjaelp import gyldigt_saet, saet_celle, skriv_csv

PROJEKT = Path(__file__).resolve().parents[1]
DRAB = int(os.environ.get("ROBUSTHED_DRAB", "15"))


def _cli(kilde: Path, data: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "modeller.loader", str(kilde), "--data", str(data)],
        cwd=PROJEKT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def synlige_snapshots(data: Path) -> list[str]:
    """What a reader sees, checked to be complete: every table readable, manifest valid."""
    rod = data / "snapshots"
    if not rod.is_dir():
        return []
    ids: list[str] = []
    for p in sorted(rod.iterdir()):
        if p.name.startswith("."):
            continue
        assert is_snapshot_id(p.name), p.name
        m = Manifest.from_json((p / MANIFEST).read_text(encoding="utf-8"))
        assert m.snapshot_id == p.name
        for navn in TABELLER:
            assert pl.read_parquet(p / f"{navn}.parquet").height == m.tables[navn]
        ids.append(p.name)
    return ids


def _vent_paa_tmp(data: Path, p: subprocess.Popen[str], maks: float) -> None:
    slut = time.monotonic() + maks
    rod = data / "snapshots"
    while time.monotonic() < slut and p.poll() is None:
        if rod.is_dir() and any(q.name.startswith(".tmp-") for q in os.scandir(rod)):
            return
        time.sleep(0.002)


@pytest.fixture(scope="module")
def stor_kilde(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ud = tmp_path_factory.mktemp("skala3") / "kilde"
    generate(ud, skala=3)
    return ud


def test_kill_at_random_moments_leaves_only_complete_snapshots(
    stor_kilde: Path, tmp_path: Path, record_property: Any
) -> None:
    data = tmp_path / "data"
    t0 = time.monotonic()
    p = _cli(stor_kilde, data)
    out, err = p.communicate(timeout=300)
    fuld_tid = time.monotonic() - t0
    assert p.returncode == 0, err
    forventet = {out.strip()}
    rng = random.Random(9)
    midt_i_skrivningen = 0
    for i in range(DRAB):
        p = _cli(stor_kilde, data)
        if i % 2:  # any moment of the run
            time.sleep(rng.uniform(0.2, 1.1) * fuld_tid)
        else:  # during the write: once the temporary folder exists, within ~0.2 s
            _vent_paa_tmp(data, p, fuld_tid * 3)
            time.sleep(rng.uniform(0, 0.2))
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate(timeout=300)
        if p.returncode == 0:  # finished before the kill
            forventet.add(out.strip())
        synlige = set(synlige_snapshots(data))  # each one complete (checked)
        # A run killed after its rename but before printing leaves a complete snapshot.
        assert forventet <= synlige and len(synlige - forventet) <= 1
        forventet = synlige
        midt_i_skrivningen += any(q.name.startswith(".") for q in (data / "snapshots").iterdir())
    record_property("kills_during_write", midt_i_skrivningen)
    # The next run succeeds and removes every temporary folder left by killed runs.
    p = _cli(stor_kilde, data)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    forventet.add(out.strip())
    assert set(synlige_snapshots(data)) == forventet
    assert [q.name for q in (data / "snapshots").iterdir() if q.name.startswith(".")] == []


def test_two_loaders_at_once_same_sources(tmp_path: Path) -> None:
    """Ids are unique per load: two loads of the same files at the same moment both
    succeed, as two complete snapshots."""
    kilde = skriv_csv(tmp_path / "kilde")
    data = tmp_path / "data"
    printede: list[str] = []
    for _ in range(4):
        a, b = _cli(kilde, data), _cli(kilde, data)
        (ua, fa), (ub, fb) = a.communicate(timeout=120), b.communicate(timeout=120)
        assert a.returncode == 0 and b.returncode == 0, fa + fb
        assert "Traceback" not in fa + fb
        printede += [ua.strip(), ub.strip()]
    ids = synlige_snapshots(data)
    assert sorted(ids) == sorted(printede) and len(set(ids)) == 8
    assert not [q for q in (data / "snapshots").iterdir() if q.name.startswith(".")]


def test_two_loaders_at_once_different_sources(tmp_path: Path) -> None:
    k1 = skriv_csv(tmp_path / "k1")
    saet = gyldigt_saet()
    saet_celle(saet, "budget", 2, "beloeb_kr", "1000001")
    k2 = skriv_csv(tmp_path / "k2", saet)
    data = tmp_path / "data"
    a, b = _cli(k1, data), _cli(k2, data)
    (ua, fa), (ub, fb) = a.communicate(timeout=120), b.communicate(timeout=120)
    assert a.returncode == 0 and b.returncode == 0, fa + fb
    assert ua.strip() != ub.strip()
    assert set(synlige_snapshots(data)) == {ua.strip(), ub.strip()}


def test_reader_sees_previous_snapshot_while_a_new_one_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """dashboard/data.py lists only complete snapshots: a temporary folder in progress and
    an id-named folder without manifest are both invisible."""
    from dashboard import data as app_data

    data = tmp_path / "data"
    gammel = build_snapshot(skriv_csv(tmp_path / "k"), data)
    snapdir = data / "snapshots"
    halv = snapdir / f".tmp-20991231T235959-abcdef-{os.getpid()}"
    halv.mkdir()
    (halv / "budget.parquet").write_bytes(b"PAR1 half")
    (snapdir / "20991231T235959-abcdef").mkdir()  # no manifest: not complete
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(data))
    assert [m.snapshot_id for m in app_data.list_snapshots()] == [gammel]
    assert app_data.load_snapshot().id == gammel


def test_stale_temp_folder_is_removed_by_the_next_load(tmp_path: Path) -> None:
    data = tmp_path / "data"
    # A pid that cannot be alive: above the kernel's pid_max.
    doed = data / "snapshots" / ".tmp-20260101T000000-abcdef-99999999"
    doed.mkdir(parents=True)
    (doed / "maal.parquet").write_bytes(b"half")
    build_snapshot(skriv_csv(tmp_path / "k"), data)
    assert not doed.exists()
