"""Reading a data folder without the app: snapshots and settings files, for the command
line (`python -m dashboard.rapport`), which never imports streamlit.

The app reads the same folder through dashboard/data.py (cached per snapshot, shared by
sessions); this module is the uncached equivalent for one process that makes documents
and exits. Both follow the snapshot format of modeller/snapshot.py: complete snapshots
only (folders named by a snapshot id with a manifest), newest first by creation time.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from types import MappingProxyType
from typing import Any

import polars as pl

from modeller.errors import IngenSnapshotFejl, SnapshotFejl, StyringsFejl
from modeller.schemas import TABELLER
from modeller.snapshot import MANIFEST, Manifest, Snapshot, is_snapshot_id, snapshot_path

__all__ = ["find_manifest", "forrige_manifest", "laes_snapshot", "laes_toml", "list_snapshots"]


def list_snapshots(data_dir: Path) -> list[Manifest]:
    """Every complete snapshot of `data_dir`, newest first (by creation time)."""
    rod = data_dir / "snapshots"
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


def find_manifest(data_dir: Path, snapshot_id: str | None) -> Manifest:
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


def forrige_manifest(data_dir: Path, manifest: Manifest) -> Manifest | None:
    """The snapshot created just before `manifest` (the previous follow-up)."""
    foer = [
        m
        for m in list_snapshots(data_dir)
        if (m.created_at, m.snapshot_id) < (manifest.created_at, manifest.snapshot_id)
    ]
    return foer[0] if foer else None


def laes_snapshot(data_dir: Path, manifest: Manifest) -> Snapshot:
    """A snapshot's tables (an optional table missing from an older snapshot is empty)."""
    sti = snapshot_path(data_dir, manifest.snapshot_id)
    try:
        tabeller = {
            navn: pl.read_parquet(sti / f"{navn}.parquet")
            if not t.valgfri or (sti / f"{navn}.parquet").exists()
            else t.tom()
            for navn, t in TABELLER.items()
        }
    except OSError as exc:
        raise SnapshotFejl(f"Datasættet '{manifest.snapshot_id}' kan ikke læses: {exc}") from exc
    return Snapshot(manifest, MappingProxyType(tabeller))


def laes_toml(data_dir: Path, fil: str, fejl: type[StyringsFejl]) -> dict[str, Any]:
    """A settings file of the data folder, parsed; {} when it is missing. Raises `fejl`
    (Danish) when it cannot be read or is not valid TOML."""
    try:
        tekst = (data_dir / fil).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise fejl(f"{fil} kan ikke læses: {exc}") from exc
    try:
        return tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as exc:
        raise fejl(f"{fil} er ikke gyldig TOML: {exc}") from exc
