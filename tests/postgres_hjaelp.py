"""A real PostgreSQL for tests: Debian's `postgresql` binaries, a throw-away cluster in a
temporary folder on a free 127.0.0.1 port, started and stopped by the fixture.

PostgreSQL refuses to run as root; CI runs as root, so the server then runs as the
`postgres` user the Debian package creates (subprocess `user=`/`group=`), in a folder
under /tmp that user can reach. fsync is off: the cluster lives for one test session.
Without the binaries the tests are skipped with the reason, except under CI (CI=1/true),
where that is a failure: `.ci/run` installs the package.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

INSTALLER = "apt-get install -y postgresql"


def _bin() -> Path | None:
    kandidater = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda s: int(s.split("/")[4])
    )
    if kandidater:
        return Path(kandidater[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def mangler(grund: str) -> None:
    """Skip outside CI, fail under CI."""
    if under_ci():
        pytest.fail(f"{grund} Under CI er det en fejl: .ci/run skal installere ({INSTALLER}).")
    pytest.skip(f"{grund} Installer med: {INSTALLER}")


def _fri_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _som_bruger() -> dict[str, Any]:
    """subprocess arguments that drop root to the `postgres` user (nothing otherwise)."""
    if os.geteuid() != 0:
        return {}
    try:
        pw = pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("Testen kører som root, men brugeren 'postgres' findes ikke (fra pakken).")
    return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}


def _ryd_efterladte(bindir: Path, som: dict[str, Any]) -> None:
    """Stop and remove clusters left by test runs that were killed (owner pid is dead)."""
    for rod in Path("/tmp").glob("styringsoverblik-pg-*"):
        try:
            eier = int((rod / "eier.pid").read_text())
            os.kill(eier, 0)
            continue  # its test run is still going
        except ProcessLookupError:
            pass
        except (OSError, ValueError):
            continue
        subprocess.run(
            [str(bindir / "pg_ctl"), "-D", str(rod / "data"), "-m", "immediate", "stop"],
            capture_output=True, cwd="/tmp", timeout=60, **som,
        )  # fmt: skip
        shutil.rmtree(rod, ignore_errors=True)


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a cluster; yield the admin URL (`postgresql+psycopg://postgres@…/postgres`)."""
    bindir = _bin()
    if bindir is None:
        mangler("PostgreSQL (initdb/pg_ctl) er ikke installeret.")
        raise AssertionError  # unreachable: skip/fail raise
    som = _som_bruger()
    _ryd_efterladte(bindir, som)
    rod = Path(tempfile.mkdtemp(prefix="styringsoverblik-pg-", dir="/tmp"))
    (rod / "eier.pid").write_text(str(os.getpid()))
    os.chmod(rod, 0o755)
    if som:
        os.chown(rod, som["user"], som["group"])
    data, log = rod / "data", rod / "server.log"
    port = _fri_port()
    env = {**os.environ, "LC_ALL": "C", "TZ": "UTC"}

    def koer(*cmd: str) -> None:
        ud = subprocess.run(
            cmd, capture_output=True, text=True, env=env, cwd=rod, timeout=120, **som
        )
        if ud.returncode != 0:
            tekst = log.read_text() if log.exists() else ""
            raise RuntimeError(f"{' '.join(cmd)} fejlede:\n{ud.stdout}\n{ud.stderr}\n{tekst}")

    try:
        koer(
            str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        opts = f"-p {port} -k {rod} -c listen_addresses=127.0.0.1 -c fsync=off"
        koer(str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(log), "-w", "start")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                env=env,
                cwd=rod,
                timeout=60,
                **som,
            )
        shutil.rmtree(rod, ignore_errors=True)


def ny_database(admin_url: str) -> str:
    """A fresh, empty database on the server; returns its URL."""
    import sqlalchemy as sa

    navn = f"t_{os.getpid()}_{time.monotonic_ns()}"
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{navn}"'))
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + "/" + navn
