"""Reading a data folder without the app: snapshots and settings files, for the command
line (`python -m dashboard.rapport`), which never imports streamlit.

The data location is a local folder or, as for the app, `s3://bucket/prefix` on an
S3-compatible object store (modeller/objektlager.py: pyarrow's client, credentials from
the AWS_* variables); a snapshot on the store exists once its manifest object does.

The app reads the same folder through dashboard/data.py (cached per snapshot, shared by
sessions); this module is the uncached equivalent for one process that makes documents
and exits. Both follow the snapshot format of modeller/snapshot.py: complete snapshots
only (folders named by a snapshot id with a manifest), newest first by creation time.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import polars as pl

from modeller import objektlager as lager
from modeller.errors import IngenSnapshotFejl, SnapshotFejl, StyringsFejl
from modeller.schemas import TABELLER
from modeller.snapshot import MANIFEST, Manifest, Snapshot, is_snapshot_id, snapshot_path

__all__ = [
    "Datasted",
    "find_manifest",
    "forrige_manifest",
    "laes_snapshot",
    "laes_toml",
    "list_snapshots",
]

Datasted = Path | str
"""A local data folder, or an `s3://bucket/prefix` URL."""


def _s3_sted(data_dir: Datasted) -> lager.S3Sted | None:
    return (
        lager.S3Sted.fra_url(data_dir)
        if isinstance(data_dir, str) and lager.er_s3(data_dir)
        else None
    )


@cache
def _filsystem(endpoint: str | None, noegle_id: str | None) -> Any:
    return lager.s3_filsystem()


def _fs() -> Any:
    """One S3 client per process and configuration."""
    return _filsystem(lager.endpoint(), os.environ.get("AWS_ACCESS_KEY_ID"))


def _s3_manifester(sted: lager.S3Sted) -> list[Manifest]:
    try:
        liste = lager.list_sted(_fs(), sted)
    except OSError as exc:
        raise SnapshotFejl(f"Datalageret {sted.url} kan ikke læses: {exc}") from exc
    ud: list[Manifest] = []
    for sid, _version in liste.manifester:
        try:
            tekst = lager.laes_bytes(_fs(), sted.snapshot(sid, MANIFEST)).decode("utf-8")
            ud.append(Manifest.from_json(tekst))
        except (OSError, SnapshotFejl, UnicodeDecodeError):
            continue
    return ud


def list_snapshots(data_dir: Datasted) -> list[Manifest]:
    """Every complete snapshot of `data_dir`, newest first (by creation time)."""
    sted = _s3_sted(data_dir)
    if sted is not None:
        return sorted(
            _s3_manifester(sted), key=lambda m: (m.created_at, m.snapshot_id), reverse=True
        )
    rod = Path(data_dir) / "snapshots"
    if not rod.is_dir():
        return []
    ud: list[Manifest] = []
    for post in os.scandir(rod):
        if not post.is_dir() or not is_snapshot_id(post.name):
            continue
        try:
            ud.append(Manifest.from_json((Path(post.path) / MANIFEST).read_text("utf-8")))
        except (OSError, SnapshotFejl):
            continue
    return sorted(ud, key=lambda m: (m.created_at, m.snapshot_id), reverse=True)


def find_manifest(data_dir: Datasted, snapshot_id: str | None) -> Manifest:
    """The manifest of `snapshot_id` (the newest when None). Raises IngenSnapshotFejl
    when the folder has no snapshot and SnapshotFejl (Danish) for an unknown id."""
    alle = list_snapshots(data_dir)
    if not alle:
        raise IngenSnapshotFejl(f"Der er ingen datasæt (snapshots) i {data_dir}.")
    if snapshot_id is None:
        return alle[0]
    for m in alle:
        if m.snapshot_id == snapshot_id:
            return m
    kendte = ", ".join(m.snapshot_id for m in alle[:5])
    raise SnapshotFejl(f"Datasættet '{snapshot_id}' findes ikke i {data_dir} (fx: {kendte}).")


def forrige_manifest(data_dir: Datasted, manifest: Manifest) -> Manifest | None:
    """The snapshot created just before `manifest` (the previous follow-up)."""
    foer = [
        m
        for m in list_snapshots(data_dir)
        if (m.created_at, m.snapshot_id) < (manifest.created_at, manifest.snapshot_id)
    ]
    return foer[0] if foer else None


def _s3_tabel(sted: lager.S3Sted, snapshot_id: str, navn: str) -> pl.DataFrame:
    try:
        indhold = lager.laes_bytes(_fs(), sted.snapshot(snapshot_id, f"{navn}.parquet"))
    except FileNotFoundError:
        if TABELLER[navn].valgfri:
            return TABELLER[navn].tom()
        raise
    return pl.read_parquet(indhold)


def laes_snapshot(data_dir: Datasted, manifest: Manifest) -> Snapshot:
    """A snapshot's tables (an optional table missing from an older snapshot is empty)."""
    sted = _s3_sted(data_dir)
    try:
        if sted is not None:
            tabeller = {navn: _s3_tabel(sted, manifest.snapshot_id, navn) for navn in TABELLER}
        else:
            sti = snapshot_path(Path(data_dir), manifest.snapshot_id)
            tabeller = {
                navn: pl.read_parquet(sti / f"{navn}.parquet")
                if not t.valgfri or (sti / f"{navn}.parquet").exists()
                else t.tom()
                for navn, t in TABELLER.items()
            }
    except OSError as exc:
        raise SnapshotFejl(f"Datasættet '{manifest.snapshot_id}' kan ikke læses: {exc}") from exc
    return Snapshot(manifest, MappingProxyType(tabeller))


def laes_toml(data_dir: Datasted, fil: str, fejl: type[StyringsFejl]) -> dict[str, Any]:
    """A settings file of the data folder, parsed; {} when it is missing. Raises `fejl`
    (Danish) when it cannot be read or is not valid TOML."""
    sted = _s3_sted(data_dir)
    try:
        if sted is not None:
            tekst = lager.laes_bytes(_fs(), sted.sti(fil)).decode("utf-8")
        else:
            tekst = (Path(data_dir) / fil).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise fejl(f"{fil} kan ikke læses: {exc}") from exc
    try:
        return tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as exc:
        raise fejl(f"{fil} er ikke gyldig TOML: {exc}") from exc
