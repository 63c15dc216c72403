"""Where the data folder lives (DESIGN.md §3): a local folder, or `s3://bucket/prefix` on
any S3-compatible object store (SeaweedFS locally, MinIO, AWS, …).

Pure helpers shared by the loader (writer) and dashboard/data.py (the only reader). The
object store is reached through pyarrow's native S3 client (C++: no Python callbacks,
the GIL released during I/O), configured by the usual environment variables:
`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION` /
`AWS_DEFAULT_REGION` (default us-east-1) and `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`
for a store that is not AWS (path-style addressing is then used).

Layout on the store mirrors the folder: `<prefix>/snapshots/<id>/<tabel>.parquet`,
`<prefix>/snapshots/<id>/manifest.json`, `<prefix>/aarshjul.toml`, `<prefix>/oekonomi.toml`.
A snapshot exists once its manifest object exists (the loader uploads it last).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from modeller.errors import SnapshotFejl
from modeller.snapshot import MANIFEST, SNAPSHOTS_DIR, is_snapshot_id

S3_SKEMA = "s3://"

Version = tuple[int, int]
"""An object's (mtime in ns, size): what a cached read is keyed by."""


def er_s3(vaerdi: str | Path) -> bool:
    """True when `vaerdi` names an object store location (`s3://bucket[/prefix]`)."""
    return isinstance(vaerdi, str) and vaerdi.startswith(S3_SKEMA)


@dataclass(frozen=True)
class S3Sted:
    """`s3://bucket/prefix` split; `rod` is `bucket/prefix` as pyarrow's paths want it."""

    bucket: str
    prefix: str

    @classmethod
    def fra_url(cls, url: str) -> S3Sted:
        if not er_s3(url):
            raise SnapshotFejl(f"'{url}' er ikke en s3://-adresse.")
        rest = url[len(S3_SKEMA) :].strip("/")
        bucket, _, prefix = rest.partition("/")
        if not bucket:
            raise SnapshotFejl(f"'{url}' mangler navnet på en bucket (s3://bucket/mappe).")
        return cls(bucket, prefix.strip("/"))

    @property
    def url(self) -> str:
        return f"{S3_SKEMA}{self.rod}"

    @property
    def rod(self) -> str:
        return f"{self.bucket}/{self.prefix}" if self.prefix else self.bucket

    def sti(self, *dele: str) -> str:
        """A pyarrow path below the root: `sti("snapshots", id, "manifest.json")`."""
        return "/".join((self.rod, *dele))

    def snapshots(self) -> str:
        return self.sti(SNAPSHOTS_DIR)

    def snapshot(self, snapshot_id: str, fil: str | None = None) -> str:
        if not is_snapshot_id(snapshot_id):
            raise SnapshotFejl(f"'{snapshot_id}' er ikke et gyldigt snapshot-id.")
        return self.sti(SNAPSHOTS_DIR, snapshot_id, *((fil,) if fil else ()))

    def manifest_id(self, sti: str) -> str | None:
        """The snapshot id when `sti` is `<root>/snapshots/<id>/manifest.json`, else None."""
        foran = self.snapshots() + "/"
        if not (sti.startswith(foran) and sti.endswith("/" + MANIFEST)):
            return None
        sid = sti[len(foran) : -len(MANIFEST) - 1]
        return sid if is_snapshot_id(sid) else None


@dataclass(frozen=True)
class Liste:
    """One listing of a data location: every snapshot whose manifest object exists, and
    the objects directly under the root (the settings files), each with its `Version`."""

    manifester: tuple[tuple[str, Version], ...]
    filer: Mapping[str, Version]


def list_sted(filsystem: Any, sted: S3Sted) -> Liste:
    """List everything under `sted` in one go (one ListObjectsV2 request per 1.000
    objects). Raises OSError when the store cannot be reached."""
    from pyarrow import fs

    infos = filsystem.get_file_info(fs.FileSelector(sted.rod, recursive=True, allow_not_found=True))
    manifester: list[tuple[str, Version]] = []
    filer: dict[str, Version] = {}
    foran = sted.rod + "/"
    for info in infos:
        if info.type != fs.FileType.File:
            continue
        version = (int(info.mtime_ns or 0), int(info.size or 0))
        sid = sted.manifest_id(info.path)
        if sid is not None:
            manifester.append((sid, version))
        elif info.path.startswith(foran) and "/" not in info.path[len(foran) :]:
            filer[info.path[len(foran) :]] = version
    return Liste(tuple(manifester), MappingProxyType(filer))


def endpoint() -> str | None:
    """The S3 endpoint for a non-AWS store: $AWS_ENDPOINT_URL_S3, else $AWS_ENDPOINT_URL."""
    return os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL") or None


def s3_filsystem() -> Any:
    """A pyarrow S3FileSystem from the environment (credentials by the AWS SDK's usual
    chain: env vars, shared config, instance role). Thread-safe; create one per process."""
    from pyarrow import fs

    return fs.S3FileSystem(
        region=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
        endpoint_override=endpoint(),
        connect_timeout=5,
        request_timeout=30,
        check_directory_existence_before_creation=False,
    )


def laes_bytes(filsystem: Any, sti: str) -> bytes:
    """One object's bytes (FileNotFoundError when it does not exist)."""
    with filsystem.open_input_stream(sti) as f:
        data: bytes = f.read()
    return data


def skriv_bytes(filsystem: Any, sti: str, data: bytes) -> None:
    """Upload one object (a single PUT for small objects: visible whole or not at all)."""
    with filsystem.open_output_stream(sti) as f:
        f.write(data)
