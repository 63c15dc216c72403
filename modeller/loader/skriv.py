"""The snapshot writer: parquet per table + manifest.json, written to a hidden temporary
folder, fsynced and renamed into place (a reader never sees half a snapshot).

Crash safety: a loader killed at any point leaves at most a `.tmp-<id>-<pid>` folder,
which readers ignore (dot-prefixed) and the next successful load removes once that pid is
dead. Two loaders at once each write their own temporary folder (the pid is in its
name) and gets its own id (sources, exact time and process hashed together); the
rename is atomic and never replaces an existing snapshot.
"""

from __future__ import annotations

import calendar
import errno
import hashlib
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from modeller.errors import Fejl, IndlaesningsFejl
from modeller.loader.kilde import Kildesaet
from modeller.schemas import TABELLER
from modeller.snapshot import MANIFEST, Manifest, new_snapshot_id, snapshots_dir

ROW_GROUP_SIZE = 50_000
TMP_PREFIX = ".tmp-"


def data_as_of(tabeller: dict[str, pl.DataFrame]) -> date | None:
    """The later of the last day of the latest forbrug month and the latest follow-up date."""
    kandidater: list[date] = []
    forbrug = tabeller.get("forbrug")
    if forbrug is not None and forbrug.height:
        seneste = forbrug.select((pl.col("aar") * 100 + pl.col("maaned")).max()).item()
        aar, maaned = divmod(int(seneste), 100)
        kandidater.append(date(aar, maaned, calendar.monthrange(aar, maaned)[1]))
    prognoser = tabeller.get("prognoser")
    if prognoser is not None and prognoser.height:
        seneste = prognoser["opfoelgningsdato"].max()
        if isinstance(seneste, date):
            kandidater.append(seneste)
    return max(kandidater) if kandidater else None


def _pid_lever(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def ryd_gamle_tmp(snapdir: Path) -> list[Path]:
    """Remove `.tmp-<id>-<pid>` folders left by killed runs (only when that pid is dead)."""
    fjernet: list[Path] = []
    if not snapdir.is_dir():
        return fjernet
    for sti in snapdir.iterdir():
        if not (sti.is_dir() and sti.name.startswith(TMP_PREFIX)):
            continue
        pid_tekst = sti.name.rsplit("-", 1)[-1]
        if not pid_tekst.isdigit():
            continue
        pid = int(pid_tekst)
        if pid == os.getpid() or _pid_lever(pid):
            continue
        shutil.rmtree(sti, ignore_errors=True)
        fjernet.append(sti)
    return fjernet


def _fsync(sti: Path) -> None:
    fd = os.open(sti, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _skriv_tabel(saet: Kildesaet, navn: str, mappe: Path) -> None:
    tabel = TABELLER[navn]
    df = saet.tabeller[navn].select(tabel.kolonnenavne)
    if tabel.sortering:
        df = df.sort(list(tabel.sortering), nulls_last=True, maintain_order=True)
    sti = mappe / f"{navn}.parquet"
    df.write_parquet(
        sti,
        compression="zstd",
        compression_level=1,
        statistics=True,
        row_group_size=ROW_GROUP_SIZE,
    )
    _fsync(sti)


def skriv_snapshot(
    saet: Kildesaet,
    data_dir: Path,
    label: str | None = None,
    now: datetime | None = None,
) -> str:
    """Write `saet` as a new snapshot under `data_dir`; return its id. Never overwrites."""
    oprettet = (now or datetime.now(UTC)).astimezone(UTC)
    # The id's suffix hashes the sources with the exact creation time and the process, so
    # two loads of the same files (even in the same second) get distinct ids.
    unik = hashlib.sha256(f"{saet.sha256}|{oprettet.isoformat()}|{os.getpid()}".encode())
    sid = new_snapshot_id(oprettet, unik.hexdigest())
    snapdir = snapshots_dir(data_dir)
    endelig = snapdir / sid
    if endelig.exists():
        raise IndlaesningsFejl(
            [Fejl(str(endelig), "et snapshot med dette id findes allerede; intet er overskrevet.")]
        )
    ryd_gamle_tmp(snapdir)
    tmp = snapdir / f"{TMP_PREFIX}{sid}-{os.getpid()}"
    tmp.mkdir(parents=True)
    try:
        # Tables are sorted, written and fsynced in parallel (polars and fsync release
        # the GIL); fsync latency dominates on a slow disk.
        with ThreadPoolExecutor(max_workers=4) as pulje:
            for f in [pulje.submit(_skriv_tabel, saet, navn, tmp) for navn in TABELLER]:
                f.result()
        kommune = saet.tabeller["organisation"].filter(pl.col("type") == "kommune")["navn"]
        manifest = Manifest(
            snapshot_id=sid,
            created_at=oprettet,
            data_as_of=data_as_of(saet.tabeller),
            kommune=str(kommune[0]) if kommune.len() else "",
            source=str(saet.kilde.resolve()),
            files=saet.filer,
            tables={n: saet.tabeller[n].height for n in TABELLER},
            warnings=saet.advarsler,
            label=label,
            extra=dict(saet.ekstra),
        )
        (tmp / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
        _fsync(tmp / MANIFEST)
        _fsync(tmp)
        try:
            # Atomic; fails (never overwrites) if a snapshot with the same id got into
            # place first (ids are unique per load, so this guards against the improbable).
            if endelig.exists():
                raise FileExistsError(errno.EEXIST, "exists")
            os.rename(tmp, endelig)
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            raise IndlaesningsFejl(
                [
                    Fejl(
                        str(endelig),
                        "et snapshot med dette id blev netop skrevet af en anden indlæsning; "
                        "intet er overskrevet.",
                    )
                ]
            ) from exc
        _fsync(snapdir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sid
