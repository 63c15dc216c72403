"""The snapshot format (DESIGN.md §5): ids, folder layout and manifest.

Pure helpers shared by the loader (writer) and dashboard/data.py (reader). A snapshot is
`<data>/snapshots/<snapshot_id>/` with one `<tabel>.parquet` per contract table and a
`manifest.json`. Folders whose name starts with "." are work in progress and never read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from modeller.errors import SnapshotFejl
from modeller.schemas import SCHEMA_VERSION

SNAPSHOT_ID_RE = re.compile(r"^\d{8}T\d{6}-[0-9a-f]{6}$")
"""A snapshot id: UTC creation time plus 6 hex digits, e.g. `20261127T172501-3fa2c1`.
Ids sort in creation order."""

SNAPSHOTS_DIR = "snapshots"
MANIFEST = "manifest.json"


def new_snapshot_id(created_at: datetime, suffix: str) -> str:
    """Build a snapshot id from a UTC time and a 6-hex-digit suffix (e.g. from a sha256)."""
    sid = f"{created_at:%Y%m%dT%H%M%S}-{suffix[:6].lower()}"
    if not SNAPSHOT_ID_RE.match(sid):
        raise ValueError(f"ugyldigt snapshot-id: {sid!r}")
    return sid


def is_snapshot_id(value: str) -> bool:
    """True when `value` has the form of a snapshot id (no path tricks possible)."""
    return bool(SNAPSHOT_ID_RE.fullmatch(value))


def snapshots_dir(data_dir: Path) -> Path:
    return data_dir / SNAPSHOTS_DIR


def snapshot_path(data_dir: Path, snapshot_id: str) -> Path:
    """The folder of a snapshot; refuses anything that is not a well-formed id."""
    if not is_snapshot_id(snapshot_id):
        raise SnapshotFejl(f"'{snapshot_id}' er ikke et gyldigt snapshot-id.")
    return snapshots_dir(data_dir) / snapshot_id


@dataclass(frozen=True)
class KildeFil:
    """One source file (or workbook sheet) that went into a snapshot."""

    table: str
    file: str
    sha256: str
    rows: int
    encoding: str | None = None
    separator: str | None = None


@dataclass(frozen=True)
class Manifest:
    """Contents of manifest.json. `data_as_of` is the last day of the latest forbrug month
    or the latest follow-up date, whichever is later."""

    snapshot_id: str
    created_at: datetime
    data_as_of: date | None
    kommune: str
    source: str
    files: tuple[KildeFil, ...]
    tables: dict[str, int]
    warnings: tuple[str, ...] = ()
    label: str | None = None
    schema_version: int = SCHEMA_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        d = asdict(self)
        d["created_at"] = self.created_at.isoformat()
        d["data_as_of"] = self.data_as_of.isoformat() if self.data_as_of else None
        return json.dumps(d, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        try:
            d = json.loads(text)
            return cls(
                snapshot_id=str(d["snapshot_id"]),
                created_at=datetime.fromisoformat(d["created_at"]),
                data_as_of=date.fromisoformat(d["data_as_of"]) if d.get("data_as_of") else None,
                kommune=str(d["kommune"]),
                source=str(d["source"]),
                files=tuple(KildeFil(**f) for f in d["files"]),
                tables={str(k): int(v) for k, v in d["tables"].items()},
                warnings=tuple(str(w) for w in d.get("warnings", [])),
                label=d.get("label"),
                schema_version=int(d["schema_version"]),
                extra=dict(d.get("extra", {})),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SnapshotFejl(f"manifest.json kan ikke læses: {exc}") from exc


@dataclass(frozen=True)
class Snapshot:
    """One loaded snapshot: its manifest and one polars frame per contract table."""

    manifest: Manifest
    tabeller: Mapping[str, pl.DataFrame]
    """Read-only: one snapshot object is shared by every session."""

    @property
    def id(self) -> str:
        return self.manifest.snapshot_id

    def __getitem__(self, tabel: str) -> pl.DataFrame:
        return self.tabeller[tabel]
