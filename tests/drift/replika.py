"""Streamlit replicas: `streamlit run dashboard/app.py` on loopback ports, each in its own
process group (so a test can kill one as a crash would), sharing one cookie secret."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.drift.seaweed import stop

PROJEKT = Path(__file__).resolve().parents[2]


@dataclass
class Replika:
    port: int
    proc: subprocess.Popen[bytes]

    @property
    def adresse(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.adresse}"

    def draeb(self) -> None:
        """SIGKILL: the replica dies as in a crash (no clean shutdown)."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


def _start(port: int, env: Mapping[str, str], log: Path, cookie_secret: str) -> Replika:
    with open(log, "wb") as ud:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
             "--server.address", "127.0.0.1", "--server.port", str(port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=PROJEKT,
            env={**os.environ, **env, "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret},
            stdout=ud, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    return Replika(port, proc)


def _vent(r: Replika, log: Path, timeout_s: float = 60) -> None:
    slut = time.monotonic() + timeout_s
    while time.monotonic() < slut:
        if r.proc.poll() is not None:
            raise RuntimeError(f"replika stoppede: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(r.url + "/_stcore/health", timeout=1) as svar:
                if svar.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("replikaen svarede ikke")


@contextmanager
def start_replikaer(
    porte: Sequence[int], env: Mapping[str, str], mappe: Path, cookie_secret: str
) -> Iterator[list[Replika]]:
    """Start one replica per port (in parallel), yield them once all are healthy."""
    with ExitStack() as stak:
        replikaer = []
        for port in porte:
            r = _start(port, env, mappe / f"replika-{port}.log", cookie_secret)
            stak.callback(stop, r.proc, 3)
            replikaer.append(r)
        for r in replikaer:
            _vent(r, mappe / f"replika-{r.port}.log")
        yield replikaer
