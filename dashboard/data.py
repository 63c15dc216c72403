"""The only reader of data/: lists snapshots and loads their tables.

The data folder is local by default (`data/` in the project, or a path in
$STYRINGSOVERBLIK_DATA), or `s3://bucket/prefix` on an S3-compatible object store
(modeller/objektlager.py: pyarrow's native client, credentials from the AWS_* variables).

Snapshots are immutable, so a snapshot's frames are cached with `st.cache_resource`
keyed by (data location, snapshot id) and shared by every session without copying. The
list of snapshots is read on every run (a directory listing and a few small JSON files;
on object storage one listing of the location, reused for `S3_LISTE_TTL_S` seconds), so a
snapshot written by the loader while the app runs appears without a restart, on every
replica. The settings files (aarshjul.toml, oekonomi.toml, maalstatus.toml) are read on
every run from a local folder; on object storage they come from the same listing and are
fetched again only when changed, so a changed file shows within `S3_LISTE_TTL_S`.
On object storage a snapshot exists once its `manifest.json` does: the loader uploads it
last, so tables without a manifest are never offered.

Object bytes are fetched by pyarrow (C++, GIL released) and parsed by polars from
memory: nothing calls back into Python from inside polars.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import polars as pl
import streamlit as st

from modeller import aarshjul, statusregler, styringsregler
from modeller import objektlager as lager
from modeller.aarshjul import AarshjulFejl
from modeller.errors import IngenSnapshotFejl, SnapshotFejl, StyringsFejl
from modeller.schemas import TABELLER
from modeller.snapshot import (
    MANIFEST,
    Manifest,
    Snapshot,
    is_snapshot_id,
    snapshot_path,
    snapshots_dir,
)
from modeller.statusregler import MaalstatusFejl
from modeller.styringsregler import OekonomiFejl

PROJEKT = Path(__file__).resolve().parents[1]
MILJOEVARIABEL = "STYRINGSOVERBLIK_DATA"
AARSHJUL_FIL = "aarshjul.toml"
OEKONOMI_FIL = "oekonomi.toml"
MAALSTATUS_FIL = "maalstatus.toml"
S3_LISTE_TTL_S = 2.0
"""How long one listing of the manifest objects is reused (a run asks many times)."""


def data_sted() -> str:
    """Where the data lives: `s3://bucket/prefix` as given, or the local folder as an
    absolute path ($STYRINGSOVERBLIK_DATA, else `data/` in the project)."""
    vaerdi = os.environ.get(MILJOEVARIABEL)
    if vaerdi and lager.er_s3(vaerdi):
        return lager.S3Sted.fra_url(vaerdi).url
    return str(data_dir())


def data_dir() -> Path:
    """The local data folder: $STYRINGSOVERBLIK_DATA, else `data/` in the project.
    (For an s3:// location use `data_sted()`.)"""
    sti = os.environ.get(MILJOEVARIABEL)
    # Made absolute lexically (no filesystem calls: every run asks several times); a
    # symlinked folder is followed by each open, so re-pointing the link takes effect.
    return (
        Path(os.path.abspath(Path(sti).expanduser()))
        if sti and not lager.er_s3(sti)
        else (PROJEKT / "data")
    )


@st.cache_resource(max_entries=4, show_spinner=False)
def _s3_klient(endpoint: str | None, noegle_id: str | None) -> Any:
    return lager.s3_filsystem()


def _s3() -> Any:
    """One pyarrow S3 client per process and configuration (thread-safe, keeps its
    connection pool)."""
    return _s3_klient(lager.endpoint(), os.environ.get("AWS_ACCESS_KEY_ID"))


@st.cache_resource(max_entries=64, show_spinner=False)
def _manifest(mappe: str, snapshot_id: str, version: tuple[int, int]) -> Manifest:
    """A snapshot's manifest; `version` (mtime, size) makes a rewritten file re-read."""
    if lager.er_s3(mappe):
        sti = lager.S3Sted.fra_url(mappe).snapshot(snapshot_id, MANIFEST)
        tekst = lager.laes_bytes(_s3(), sti).decode("utf-8")
    else:
        tekst = (snapshot_path(Path(mappe), snapshot_id) / MANIFEST).read_text(encoding="utf-8")
    return Manifest.from_json(tekst)


@st.cache_resource(ttl=S3_LISTE_TTL_S, max_entries=8, show_spinner=False)
def _s3_liste(url: str) -> lager.Liste:
    """One listing of everything under `url`: the manifests and the settings files with
    their versions (a single request while there are fewer than 1.000 objects)."""
    try:
        return lager.list_sted(_s3(), lager.S3Sted.fra_url(url))
    except OSError as exc:
        raise SnapshotFejl(f"Datalageret {url} kan ikke læses: {exc}") from exc


@st.cache_resource(max_entries=32, show_spinner=False)
def _s3_indstilling(url: str, navn: str, version: lager.Version) -> str | None:
    """A settings file's text at `version` (as listed): fetched once per change."""
    try:
        return lager.laes_bytes(_s3(), lager.S3Sted.fra_url(url).sti(navn)).decode("utf-8")
    except FileNotFoundError:
        return None  # removed since the listing


def _lokale_manifester(mappe: str) -> list[tuple[str, tuple[int, int]]]:
    rod = snapshots_dir(Path(mappe))
    if not rod.is_dir():
        return []
    fundne = []
    for post in os.scandir(rod):
        if not post.is_dir() or not is_snapshot_id(post.name):
            continue
        try:
            st_ = (Path(post.path) / MANIFEST).stat()
        except OSError:
            continue  # no manifest: incomplete, never offered
        fundne.append((post.name, (st_.st_mtime_ns, st_.st_size)))
    return fundne


def list_snapshots() -> list[Manifest]:
    """All complete snapshots, newest first (by creation time). Work-in-progress folders
    (names starting with "."), folders that are not snapshot ids and, on object storage,
    snapshots whose manifest object is missing are ignored."""
    mappe = data_sted()
    kandidater = _s3_liste(mappe).manifester if lager.er_s3(mappe) else _lokale_manifester(mappe)
    manifester: list[Manifest] = []
    for sid, version in kandidater:
        try:
            manifester.append(_manifest(mappe, sid, version))
        except (OSError, SnapshotFejl, UnicodeDecodeError):
            continue  # incomplete or unreadable: never offered to users
    return sorted(manifester, key=lambda m: (m.created_at, m.snapshot_id), reverse=True)


def _lokal_manifest(mappe: str, snapshot_id: str) -> Manifest | None:
    """One local snapshot's manifest (one stat, then the cache), without listing the
    folder; None when it is not a complete snapshot."""
    if not is_snapshot_id(snapshot_id):
        return None
    try:
        st_ = (snapshot_path(Path(mappe), snapshot_id) / MANIFEST).stat()
        return _manifest(mappe, snapshot_id, (st_.st_mtime_ns, st_.st_size))
    except (OSError, SnapshotFejl, UnicodeDecodeError):
        return None


def find_manifest(snapshot_id: str | None) -> Manifest:
    """The manifest of `snapshot_id`, or of the newest snapshot when None.

    Raises IngenSnapshotFejl when none exists and SnapshotFejl for an unknown id.
    """
    mappe = data_sted()
    if snapshot_id is not None and not lager.er_s3(mappe):
        # A page asks for its snapshot many times per run: one stat instead of a listing.
        fundet = _lokal_manifest(mappe, snapshot_id)
        if fundet is not None:
            return fundet
    alle = list_snapshots()
    if not alle:
        raise IngenSnapshotFejl(
            f"Der er endnu ingen data i {data_sted()}. Byg demo-data med `make demo`, "
            "eller indlæs kommunens egne filer med `python -m modeller.loader KILDE`."
        )
    if snapshot_id is None:
        return alle[0]
    for m in alle:
        if m.snapshot_id == snapshot_id:
            return m
    raise SnapshotFejl(f"Datasættet '{snapshot_id}' findes ikke.")


def forrige_manifest(manifest: Manifest, alle: list[Manifest] | None = None) -> Manifest | None:
    """The snapshot created just before `manifest`, for "what changed since last time"
    (among `alle` when the caller has just listed them, else a fresh listing)."""
    aeldre = [
        m
        for m in (list_snapshots() if alle is None else alle)
        if (m.created_at, m.snapshot_id) < (manifest.created_at, manifest.snapshot_id)
    ]
    return aeldre[0] if aeldre else None


def _s3_tabel(sted: lager.S3Sted, snapshot_id: str, navn: str) -> pl.DataFrame:
    """One table from the object store: bytes by pyarrow, parsed by polars in memory."""
    tabel = TABELLER[navn]
    try:
        indhold = lager.laes_bytes(_s3(), sted.snapshot(snapshot_id, f"{navn}.parquet"))
    except FileNotFoundError:
        if tabel.valgfri:
            return tabel.tom()  # a snapshot from before the optional table existed
        raise
    return pl.read_parquet(indhold)


@st.cache_resource(max_entries=4, show_spinner="Indlæser data …")
def _load_tabeller(mappe: str, snapshot_id: str) -> Mapping[str, pl.DataFrame]:
    if lager.er_s3(mappe):
        sted = lager.S3Sted.fra_url(mappe)
        return MappingProxyType({navn: _s3_tabel(sted, snapshot_id, navn) for navn in TABELLER})
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
        tabeller = _load_tabeller(data_sted(), manifest.snapshot_id)
    except OSError as exc:
        raise SnapshotFejl(f"Datasættet '{manifest.snapshot_id}' kan ikke læses: {exc}") from exc
    return Snapshot(manifest, tabeller)


def _laes_indstillinger(navn: str) -> str | None:
    """A settings file's text from the data location; None when it does not exist.

    A local file is read on every run. On object storage the file is found in the same
    listing as the snapshots (reused for `S3_LISTE_TTL_S` seconds) and fetched only when
    its version (mtime, size) changed: a rerun makes no request for its settings, and a
    changed file is seen within the listing interval, on every replica."""
    mappe = data_sted()
    if lager.er_s3(mappe):
        version = _s3_liste(mappe).filer.get(navn)
        return None if version is None else _s3_indstilling(mappe, navn, version)
    try:
        return (Path(mappe) / navn).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _tekst(navn: str, fejl: type[StyringsFejl]) -> str | None:
    try:
        return _laes_indstillinger(navn)
    except (OSError, UnicodeDecodeError) as exc:
        raise fejl(f"{navn} kan ikke læses: {exc}") from exc


def _fortolk(navn: str, tekst: str | None, fejl: type[StyringsFejl]) -> dict[str, Any]:
    if tekst is None:
        return {}
    try:
        return tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as exc:
        raise fejl(f"{navn} er ikke gyldig TOML: {exc}") from exc


def _toml_indstillinger(navn: str, fejl: type[StyringsFejl]) -> dict[str, Any]:
    """A settings file of the data folder, parsed: {} when missing; `fejl` (Danish) when it
    cannot be read or is not valid TOML. The content is validated by the rules' module."""
    return _fortolk(navn, _tekst(navn, fejl), fejl)


_R = TypeVar("_R")


@st.cache_resource(max_entries=32, show_spinner=False)
def _bygget(
    navn: str, tekst: str | None, _fejl: type[StyringsFejl], _byg: Callable[[dict[str, Any]], _R]
) -> _R:
    """The rules object `_byg` makes of one text of the settings file `navn` (frozen, so
    shared by every session; the key is the file name and its text). An invalid text
    raises every time: errors are not cached."""
    return _byg(_fortolk(navn, tekst, _fejl))


def _regler(navn: str, fejl: type[StyringsFejl], byg: Callable[[dict[str, Any]], _R]) -> _R:
    """A settings file read at every run (a change takes effect at the next run), but
    parsed and validated once per distinct content: every page asks on every run."""
    return _bygget(navn, _tekst(navn, fejl), fejl, byg)


def oekonomiregler() -> styringsregler.Oekonomiindstillinger:
    """The economy rules of `oekonomi.toml` (the standard rules when missing);
    OekonomiFejl (Danish) when invalid."""
    return _regler(OEKONOMI_FIL, OekonomiFejl, styringsregler.fra_indstillinger)


def maalstatusregel() -> statusregler.Statusregel:
    """The goal-status roll-up rule of `maalstatus.toml` (the default when missing);
    MaalstatusFejl (Danish) when invalid."""
    return _regler(MAALSTATUS_FIL, MaalstatusFejl, statusregler.fra_indstillinger)


def aarshjulet() -> aarshjul.Aarshjul:
    """The årshjul of `aarshjul.toml` (the default when missing); AarshjulFejl (Danish)
    when invalid."""
    return _regler(AARSHJUL_FIL, AarshjulFejl, aarshjul.fra_indstillinger)


def load_aarshjul_indstillinger() -> dict[str, Any]:
    """`aarshjul.toml` (validated by `modeller.aarshjul.fra_indstillinger`; {} = the
    defaults; AarshjulFejl when unreadable)."""
    return _toml_indstillinger(AARSHJUL_FIL, AarshjulFejl)


def load_oekonomi_indstillinger() -> dict[str, Any]:
    """`oekonomi.toml` (validated by `modeller.styringsregler.fra_indstillinger`; {} = the
    defaults; OekonomiFejl when unreadable)."""
    return _toml_indstillinger(OEKONOMI_FIL, OekonomiFejl)


def load_maalstatus_indstillinger() -> dict[str, Any]:
    """`maalstatus.toml`, the status roll-up rule (validated by
    `modeller.statusregler.fra_indstillinger`; {} = the default; MaalstatusFejl when
    unreadable)."""
    return _toml_indstillinger(MAALSTATUS_FIL, MaalstatusFejl)
