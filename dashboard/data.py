"""The only reader of data/: lists snapshots and loads their tables.

Snapshots are immutable, so a snapshot's frames are cached with `st.cache_resource`
keyed by (data folder, snapshot id) and shared by every session without copying. The
list of snapshots is read on every run (a directory listing and a few small JSON files),
so a snapshot written by the loader while the app runs appears without a restart.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import polars as pl
import streamlit as st

from modeller.aarshjul import AarshjulFejl
from modeller.errors import IngenSnapshotFejl, SnapshotFejl
from modeller.schemas import TABELLER
from modeller.snapshot import (
    MANIFEST,
    Manifest,
    Snapshot,
    is_snapshot_id,
    snapshot_path,
    snapshots_dir,
)
from modeller.styringsregler import OekonomiFejl

PROJEKT = Path(__file__).resolve().parents[1]
MILJOEVARIABEL = "STYRINGSOVERBLIK_DATA"
AARSHJUL_FIL = "aarshjul.toml"
OEKONOMI_FIL = "oekonomi.toml"


def data_dir() -> Path:
    """The data folder: $STYRINGSOVERBLIK_DATA, else `data/` in the project."""
    sti = os.environ.get(MILJOEVARIABEL)
    return Path(sti).expanduser().resolve() if sti else PROJEKT / "data"


@st.cache_resource(max_entries=64, show_spinner=False)
def _manifest(mappe: str, snapshot_id: str, mtime_ns: int) -> Manifest:
    tekst = (snapshot_path(Path(mappe), snapshot_id) / MANIFEST).read_text(encoding="utf-8")
    return Manifest.from_json(tekst)


def list_snapshots() -> list[Manifest]:
    """All complete snapshots, newest first (by creation time). Work-in-progress folders
    (names starting with ".") and folders that are not snapshot ids are ignored."""
    rod = snapshots_dir(data_dir())
    if not rod.is_dir():
        return []
    manifester: list[Manifest] = []
    for post in os.scandir(rod):
        if not post.is_dir() or not is_snapshot_id(post.name):
            continue
        fil = Path(post.path) / MANIFEST
        try:
            manifester.append(_manifest(str(rod.parent), post.name, fil.stat().st_mtime_ns))
        except (OSError, SnapshotFejl):
            continue  # incomplete or unreadable: never offered to users
    return sorted(manifester, key=lambda m: (m.created_at, m.snapshot_id), reverse=True)


def find_manifest(snapshot_id: str | None) -> Manifest:
    """The manifest of `snapshot_id`, or of the newest snapshot when None.

    Raises IngenSnapshotFejl when none exists and SnapshotFejl for an unknown id.
    """
    alle = list_snapshots()
    if not alle:
        raise IngenSnapshotFejl(
            f"Der er endnu ingen data i {data_dir()}. Byg demo-data med `make demo`, "
            "eller indlæs kommunens egne filer med `python -m modeller.loader KILDE`."
        )
    if snapshot_id is None:
        return alle[0]
    for m in alle:
        if m.snapshot_id == snapshot_id:
            return m
    raise SnapshotFejl(f"Datasættet '{snapshot_id}' findes ikke.")


def forrige_manifest(manifest: Manifest) -> Manifest | None:
    """The snapshot created just before `manifest`, for "what changed since last time"."""
    aeldre = [
        m
        for m in list_snapshots()
        if (m.created_at, m.snapshot_id) < (manifest.created_at, manifest.snapshot_id)
    ]
    return aeldre[0] if aeldre else None


@st.cache_resource(max_entries=4, show_spinner="Indlæser data …")
def _load_tabeller(mappe: str, snapshot_id: str) -> Mapping[str, pl.DataFrame]:
    sti = snapshot_path(Path(mappe), snapshot_id)
    return MappingProxyType(
        {
            navn: pl.read_parquet(sti / f"{navn}.parquet")
            if not tabel.valgfri or (sti / f"{navn}.parquet").exists()
            else tabel.tom()  # a snapshot from before the optional table existed
            for navn, tabel in TABELLER.items()
        }
    )


def load_snapshot(snapshot_id: str | None = None) -> Snapshot:
    """A snapshot's tables (newest when `snapshot_id` is None); cached per id."""
    manifest = find_manifest(snapshot_id)
    try:
        tabeller = _load_tabeller(str(data_dir()), manifest.snapshot_id)
    except OSError as exc:
        raise SnapshotFejl(f"Datasættet '{manifest.snapshot_id}' kan ikke læses: {exc}") from exc
    return Snapshot(manifest, tabeller)


def load_aarshjul_indstillinger() -> dict[str, Any]:
    """The municipality's årshjul settings: `aarshjul.toml` in the data folder, parsed.

    {} when the file is missing (the defaults of modeller/aarshjul.py apply). Raises
    AarshjulFejl (Danish) when the file cannot be read or is not valid TOML; the content
    is validated by `modeller.aarshjul.fra_indstillinger`.
    """
    fil = data_dir() / AARSHJUL_FIL
    try:
        tekst = fil.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise AarshjulFejl(f"{AARSHJUL_FIL} kan ikke læses: {exc}") from exc
    try:
        return tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as exc:
        raise AarshjulFejl(f"{AARSHJUL_FIL} er ikke gyldig TOML: {exc}") from exc


def load_oekonomi_indstillinger() -> dict[str, Any]:
    """The municipality's economy settings: `oekonomi.toml` in the data folder, parsed.

    {} when the file is missing (the defaults of modeller/styringsregler.py apply). Raises
    OekonomiFejl (Danish) when the file cannot be read or is not valid TOML; the content
    is validated by `modeller.styringsregler.fra_indstillinger`.
    """
    fil = data_dir() / OEKONOMI_FIL
    try:
        tekst = fil.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise OekonomiFejl(f"{OEKONOMI_FIL} kan ikke læses: {exc}") from exc
    try:
        return tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as exc:
        raise OekonomiFejl(f"{OEKONOMI_FIL} er ikke gyldig TOML: {exc}") from exc
