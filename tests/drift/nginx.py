"""nginx (Debian's package) in the foreground with deploy/nginx/styringsoverblik.conf,
its upstream pointed at loopback replicas; pid, logs and temp files in a temp folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tests.drift.seaweed import stop

PROJEKT = Path(__file__).resolve().parents[2]
KONFIGURATION = PROJEKT / "deploy" / "nginx" / "styringsoverblik.conf"


def nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )


def server_blok(replikaer: Sequence[str], port: int) -> str:
    """deploy/nginx/styringsoverblik.conf with the upstream's `server` lines replaced by
    `replikaer` (host:port) and `listen` by 127.0.0.1:`port`; nothing else changes."""
    tekst = KONFIGURATION.read_text(encoding="utf-8")
    linjer = "".join(f"    server {r} max_fails=1 fail_timeout=10s;\n" for r in replikaer)
    tekst, n = re.subn(r"(?:    server [^\n]+:\d+ [^\n]*\n)+", linjer, tekst, count=1)
    assert n == 1, "upstream-blokken blev ikke fundet"
    tekst, n = re.subn(r"listen \d+;", f"listen 127.0.0.1:{port};", tekst, count=1)
    assert n == 1, "listen-linjen blev ikke fundet"
    return tekst


def konfiguration(mappe: Path, replikaer: Sequence[str], port: int) -> str:
    bruger = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{bruger}worker_processes 1;
daemon off;
pid {mappe}/nginx.pid;
error_log {mappe}/error.log info;
events {{ worker_connections 1024; }}
http {{
    log_format drift '$remote_addr "$request" $status upstream=$upstream_addr';
    access_log {mappe}/access.log drift;
    client_body_temp_path {mappe}/tmp/body;
    proxy_temp_path {mappe}/tmp/proxy;
    fastcgi_temp_path {mappe}/tmp/fastcgi;
    uwsgi_temp_path {mappe}/tmp/uwsgi;
    scgi_temp_path {mappe}/tmp/scgi;
    default_type application/octet-stream;
{server_blok(replikaer, port)}
}}
"""


@contextmanager
def start_nginx(mappe: Path, replikaer: Sequence[str], port: int) -> Iterator[str]:
    """nginx on 127.0.0.1:`port` in front of `replikaer`; yields its base URL."""
    binaer = nginx()
    if binaer is None:
        raise FileNotFoundError("nginx er ikke installeret (apt-get install -y nginx)")
    (mappe / "tmp").mkdir(parents=True, exist_ok=True)
    conf = mappe / "nginx.conf"
    conf.write_text(konfiguration(mappe, replikaer, port), encoding="utf-8")
    args = [binaer, "-c", str(conf), "-p", str(mappe), "-e", str(mappe / "error.log")]
    subprocess.run([*args, "-t"], check=True, capture_output=True)
    proc = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        slut = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                raise RuntimeError((mappe / "error.log").read_text(errors="replace")[-2000:])
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=2).close()
                break
            except urllib.error.HTTPError:
                break  # nginx answers; the replicas may not yet
            except OSError:
                if time.monotonic() > slut:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        stop(proc)
