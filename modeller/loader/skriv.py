"""The snapshot writer: parquet per table + manifest.json, written to a hidden temporary
folder, fsynced and renamed into place (a reader never sees half a snapshot).

Crash safety: a loader killed at any point leaves at most a `.tmp-<id>-<pid>` folder,
which readers ignore (dot-prefixed) and the next successful load removes once that pid is
dead. Two loaders at once each write their own temporary folder (the pid is in its
name) and gets its own id (sources, exact time and process hashed together); the
rename is atomic and never replaces an existing snapshot.

On object storage (`s3://bucket/prefix`, modeller/objektlager.py) the snapshot is first written
and checked the same way in a local temporary folder, then published: the table objects
first, `manifest.json` last. Readers list manifests only, so a publish that is
interrupted leaves table objects that nobody sees (removed by a later load once a day
old) and the previous snapshots exactly as they were.
"""

from __future__ import annotations

import calendar
import errno
import hashlib
import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from modeller import objektlager as lager
from modeller.errors import Fejl, IndlaesningsFejl
from modeller.loader.kilde import Kildesaet
from modeller.schemas import TABELLER
from modeller.snapshot import MANIFEST, Manifest, new_snapshot_id, snapshot_path, snapshots_dir

ROW_GROUP_SIZE = 50_000
TMP_PREFIX = ".tmp-"
FORLADT_EFTER_S = 24 * 3600
"""Table objects without a manifest older than this are an interrupted publish."""


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
    data_dir: Path | str,
    label: str | None = None,
    now: datetime | None = None,
) -> str:
    """Write `saet` as a new snapshot under `data_dir` (a folder, or an `s3://bucket/prefix`
    string); return its id. Never overwrites."""
    if lager.er_s3(data_dir):
        sted = lager.S3Sted.fra_url(str(data_dir))
        with tempfile.TemporaryDirectory(prefix="styringsoverblik-") as tmp:
            sid = _skriv_lokalt(saet, Path(tmp), label, now)
            publicer_s3(snapshot_path(Path(tmp), sid), sted, sid)
        return sid
    return _skriv_lokalt(saet, Path(data_dir), label, now)


def _skriv_lokalt(saet: Kildesaet, data_dir: Path, label: str | None, now: datetime | None) -> str:
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


def _fejl(sted: lager.S3Sted, tekst: str) -> IndlaesningsFejl:
    return IndlaesningsFejl([Fejl(sted.url, tekst)])


def ryd_forladte_s3(sted: lager.S3Sted, filsystem: Any, nu_s: float | None = None) -> list[str]:
    """Delete the objects of interrupted publishes: snapshot folders without a manifest
    whose newest object is older than FORLADT_EFTER_S (a publish still running is younger).
    Returns the snapshot ids removed."""
    from pyarrow import fs

    graense_ns = int(((nu_s if nu_s is not None else time.time()) - FORLADT_EFTER_S) * 1e9)
    foran = sted.snapshots() + "/"
    nyeste: dict[str, int] = {}
    med_manifest: set[str] = set()
    for info in filsystem.get_file_info(
        fs.FileSelector(sted.snapshots(), recursive=True, allow_not_found=True)
    ):
        if info.type != fs.FileType.File or not info.path.startswith(foran):
            continue
        sid, _, fil = info.path[len(foran) :].partition("/")
        if fil == MANIFEST:
            med_manifest.add(sid)
        nyeste[sid] = max(nyeste.get(sid, 0), int(info.mtime_ns or 0))
    fjernet = []
    for sid, mtime in sorted(nyeste.items()):
        if sid in med_manifest or mtime > graense_ns:
            continue
        filsystem.delete_dir(f"{foran}{sid}")
        fjernet.append(sid)
    return fjernet


def publicer_s3(mappe: Path, sted: lager.S3Sted, sid: str, filsystem: Any | None = None) -> None:
    """Upload the finished local snapshot folder `mappe` as snapshot `sid` under `sted`:
    every table object first (in parallel), `manifest.json` last. Refuses to overwrite an
    existing snapshot. On failure the uploaded table objects are removed again (best
    effort) unless the manifest got through; the previous snapshots are never touched."""
    from pyarrow import fs

    filsystem = filsystem or lager.s3_filsystem()
    manifest_sti = sted.snapshot(sid, MANIFEST)
    try:
        if filsystem.get_file_info(manifest_sti).type != fs.FileType.NotFound:
            raise _fejl(sted, f"snapshot {sid} findes allerede i lageret; intet er overskrevet.")
        ryd_forladte_s3(sted, filsystem)
    except OSError as exc:
        raise _fejl(sted, f"datalageret kan ikke nås: {exc}") from exc
    tabeller = sorted(p for p in mappe.iterdir() if p.is_file() and p.name != MANIFEST)

    def send(fil: Path) -> None:
        lager.skriv_bytes(filsystem, sted.snapshot(sid, fil.name), fil.read_bytes())

    try:
        with ThreadPoolExecutor(max_workers=4) as pulje:
            for f in [pulje.submit(send, fil) for fil in tabeller]:
                f.result()
        # The manifest last, in one PUT: from this moment the snapshot exists, whole.
        lager.skriv_bytes(filsystem, manifest_sti, (mappe / MANIFEST).read_bytes())
    except BaseException as exc:
        try:
            if filsystem.get_file_info(manifest_sti).type == fs.FileType.NotFound:
                filsystem.delete_dir(sted.snapshot(sid))
        except OSError:
            pass  # left for ryd_forladte_s3: invisible without a manifest
        if isinstance(exc, OSError):
            raise _fejl(
                sted, f"udgivelsen af snapshot {sid} blev afbrudt: {exc}. Intet er udgivet."
            ) from exc
        raise
