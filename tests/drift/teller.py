"""A counting HTTP proxy in front of the S3 store, for measuring how many requests the
app makes: point `AWS_ENDPOINT_URL` at it and read `foresporgsler`. Requests are passed on
unchanged (the Host header too, so the SigV4 signature still matches).

with taellende_proxy(s3.endpoint) as proxy:
    os.environ["AWS_ENDPOINT_URL"] = proxy.endpoint
    ...
    proxy.foresporgsler        # [("GET", "/bucket/prefix/oekonomi.toml"), ...]
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


@dataclass
class Proxy:
    endpoint: str
    foresporgsler: list[tuple[str, str]] = field(default_factory=list)
    laas: threading.Lock = field(default_factory=threading.Lock)

    def nulstil(self) -> None:
        with self.laas:
            self.foresporgsler.clear()

    def hent(self) -> list[tuple[str, str]]:
        with self.laas:
            return list(self.foresporgsler)


@contextmanager
def taellende_proxy(maal: str) -> Iterator[Proxy]:
    """A proxy on a free 127.0.0.1 port that forwards to `maal` (http://host:port)."""
    del_ = urlsplit(maal)
    vaert, port = del_.hostname or "127.0.0.1", del_.port or 80

    class Haandtering(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _videre(self) -> None:
            n = int(self.headers.get("Content-Length") or 0)
            krop = self.rfile.read(n) if n else None
            with proxy.laas:
                proxy.foresporgsler.append((self.command, self.path))
            forb = http.client.HTTPConnection(vaert, port, timeout=60)
            try:
                forb.request(self.command, self.path, body=krop, headers=dict(self.headers))
                svar = forb.getresponse()
                data = svar.read()
                self.send_response(svar.status, svar.reason)
                for k, v in svar.getheaders():
                    if k.lower() not in _HOP:
                        self.send_header(k, v)
                laengde = svar.getheader("Content-Length") if self.command == "HEAD" else None
                self.send_header("Content-Length", laengde or str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
            finally:
                forb.close()

        do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = _videre

    server = ThreadingHTTPServer(("127.0.0.1", 0), Haandtering)
    server.daemon_threads = True
    proxy = Proxy(f"http://127.0.0.1:{server.server_address[1]}")
    traad = threading.Thread(target=server.serve_forever, daemon=True)
    traad.start()
    try:
        yield proxy
    finally:
        server.shutdown()
        server.server_close()
