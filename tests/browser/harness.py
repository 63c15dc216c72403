"""Real-browser harness: a Streamlit server on a free port and Debian's Chromium.

Used by the browser tests and by `python -m tests.browser.skaermbillede` for screenshots.
Never downloads a browser: Playwright drives /usr/bin/chromium.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJEKT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_findes() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


def fri_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class Server:
    """A running `streamlit run`: its base URL and process id (for memory readings)."""

    url: str
    pid: int


@contextmanager
def start_streamlit(
    data_dir: Path, app: str = "dashboard/app.py", ekstra: Sequence[str] = ()
) -> Iterator[Server]:
    """Start `streamlit run` on a free 127.0.0.1 port; yield it once it is healthy.
    `ekstra`: more command-line options (e.g. `--secrets.files`, `{port}` in secrets)."""
    port = fri_port()
    env = {**os.environ, "STYRINGSOVERBLIK_DATA": str(data_dir)}
    with open(os.devnull, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", *ekstra],
            cwd=PROJEKT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(1200):
                if proc.poll() is not None:
                    raise RuntimeError("streamlit stoppede under opstart")
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.1)
            else:
                raise RuntimeError("streamlit svarede ikke")
            yield Server(url, proc.pid)
        finally:
            stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End a server process: politely, then for good after 10 s."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def streamlit_server(data_dir: Path, app: str = "dashboard/app.py") -> Iterator[str]:
    """Like `start_streamlit`, yielding only the base URL."""
    with start_streamlit(data_dir, app) as server:
        yield server.url


@contextmanager
def chromium(locale: str = "da-DK") -> Iterator[Any]:
    """A Playwright Chromium browser (Debian's binary)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def vent_paa_side(page: Any, timeout_s: float = 60) -> None:
    """Wait until the app is connected, has content and the script is not running
    (checked twice ~300 ms apart, as one run may trigger another)."""
    slut = time.monotonic() + timeout_s
    stabil = 0
    while time.monotonic() < slut:
        ok = page.evaluate(
            """() => {
              const app = document.querySelector('[data-testid=stApp]');
              if (!app) return false;
              const main = document.querySelector('[data-testid=stMainBlockContainer]');
              return app.getAttribute('data-test-connection-state') === 'CONNECTED'
                && !!main && main.children.length > 0
                && app.getAttribute('data-test-script-state') === 'notRunning';
            }"""
        )
        stabil = stabil + 1 if ok else 0
        if stabil >= 2:
            return
        page.wait_for_timeout(300)
    raise TimeoutError("siden blev ikke færdig")


def vent_paa_grafer(page: Any, timeout_s: float = 90, min_antal: int = 0) -> None:
    """Wait until every Plotly chart on the page has drawn its SVG.

    Streamlit mounts a chart only once the Plotly bundle has loaded, which can be a few
    seconds after the script run ended; so wait for at least `min_antal` charts, and for
    the number of charts to stay the same for a second, before checking their SVGs."""
    slut = time.monotonic() + timeout_s
    antal, stabil_siden = -1, time.monotonic()
    while time.monotonic() < slut:
        nu = page.locator("[data-testid=stPlotlyChart]").count()
        if nu != antal:
            antal, stabil_siden = nu, time.monotonic()
        elif nu >= min_antal and time.monotonic() - stabil_siden >= 1.0:
            break
        page.wait_for_timeout(200)
    else:
        raise TimeoutError(f"kun {antal} af mindst {min_antal} grafer blev vist")
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
                 .every(c => c.querySelector('.main-svg'))""",
        timeout=max(1.0, slut - time.monotonic()) * 1000,
    )


def klik_og_vent(page: Any, locator: Any, url_glob: str, forsoeg: int = 3) -> None:
    """Click a navigation link and wait for the URL. A click that lands while the app
    is still rewriting its URL after a run can be swallowed by that rewrite, so the
    click is repeated (at most `forsoeg` times) until the navigation happens."""
    for i in range(forsoeg):
        locator.click()
        try:
            page.wait_for_url(url_glob, timeout=15_000)
            return
        except Exception:  # playwright TimeoutError
            if i == forsoeg - 1:
                raise
            vent_paa_side(page)


AXE_REGLER = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_UDEN = ["[data-testid=stSidebarNavItems]"]
"""Streamlit's own page menu: its grouped sections put <div>s between <ul> and <li>
(axe: list, listitem); Streamlit's markup, not the app's."""


def tilgaengelighedsfejl(page: Any, uden: tuple[str, ...] = ()) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it stands, one line each
    (rule, impact, first elements); [] when there are none. axe-core comes with the
    `axe-playwright-python` package (dev extra); nothing is fetched."""
    from axe_playwright_python.base import AXE_SCRIPT

    kontekst = {"exclude": [[s] for s in (*AXE_UDEN, *uden)]}
    valg = {"runOnly": {"type": "tag", "values": AXE_REGLER}, "resultTypes": ["violations"]}
    page.evaluate(AXE_SCRIPT)
    svar = page.evaluate("([k, v]) => axe.run(k, v)", [kontekst, valg])
    return [
        f"{v['id']} ({v['impact']}): {v['help']} · "
        + ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        for v in svar["violations"]
    ]
