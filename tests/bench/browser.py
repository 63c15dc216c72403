"""Figure 2 (server memory) and figure 4 (browser): real `streamlit run` + headless Chromium.

Per scale, two servers: the app on that scale's data folder and the one-chart reference
page (`reference_graf.py`). A visit is `page.goto(url)` until `vent_paa_side` and
`vent_paa_grafer` (tests/browser/harness.py) both return: the time from navigation to
every chart drawn. Every page is visited once unmeasured first (server caches, browser
cache of the JS bundle), then `gentagelser` rounds of reference + every page, each visit
in a new tab (a new Streamlit session). The app server's resident memory (psutil RSS) is
read after start-up and after all visits.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import psutil

from tests.bench.maaling import Maaling
from tests.browser.harness import chromium, start_streamlit, vent_paa_grafer, vent_paa_side

REFERENCE = str(Path(__file__).resolve().parent / "reference_graf.py")


def rss(pid: int) -> int:
    """Resident set of a process (bytes)."""
    return int(psutil.Process(pid).memory_info().rss)


GRAF = "[data-testid=stPlotlyChart]"
TEGNET = """(n) => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
                .filter(c => c.querySelector('.main-svg')).length >= n"""


def _besoeg(context: Any, url: str, forventet: int) -> tuple[float, int]:
    """Seconds from navigation to every chart drawn, and the number of charts.

    `vent_paa_grafer` alone returns at once when no chart element exists yet, and
    Streamlit mounts `stPlotlyChart` only after the Plotly bundle has loaded (seconds after
    the script finished). So the visit also waits until `forventet` charts (the count the
    AppTest run of the same page found) have drawn their SVG.
    """
    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(url)
        vent_paa_side(page, timeout_s=180)
        page.wait_for_function(TEGNET, arg=forventet, timeout=180_000)
        vent_paa_grafer(page, timeout_s=180)
        dt = time.perf_counter() - t0
        antal = int(page.evaluate(f"document.querySelectorAll('{GRAF}').length"))
        fejl = int(page.evaluate("document.querySelectorAll('[data-testid=stException]').length"))
        if fejl:
            raise RuntimeError(f"{url}: siden viser en fejl")
        return dt, antal
    finally:
        page.close()


def maal_browser(data_dir: Path, sider: dict[str, int], gentagelser: int) -> dict[str, Any]:
    """Browser times per page (url_path → expected number of charts) and for the reference
    page, plus the app server's RSS."""
    forventet = {"reference": 1, **sider}
    tider: dict[str, Maaling] = {s: Maaling("s") for s in forventet}
    grafer: dict[str, int] = {}
    fejl: dict[str, str] = {}
    with (
        start_streamlit(data_dir, "dashboard/app.py") as app,
        start_streamlit(data_dir, REFERENCE) as ref,
        chromium() as browser,
    ):
        rss_start = rss(app.pid)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
        urls = {"reference": ref.url + "/", **{s: f"{app.url}/{s}" for s in sider}}
        for navn, url in urls.items():  # warm-up: caches and the browser's JS bundle
            try:
                _besoeg(context, url, forventet[navn])
            except Exception as exc:
                fejl[navn] = f"{type(exc).__name__}: {exc}"[:300]
        for _ in range(gentagelser):
            for navn, url in urls.items():
                if navn in fejl:
                    continue
                try:
                    dt, grafer[navn] = _besoeg(context, url, forventet[navn])
                    tider[navn].tilfoej(dt)
                except Exception as exc:
                    fejl[navn] = f"{type(exc).__name__}: {exc}"[:300]
        context.close()
        rss_slut = rss(app.pid)
    return {
        "tider_s": {n: m.som_dict() for n, m in tider.items() if m.vaerdier},
        "grafer": grafer,
        "fejl": fejl,
        "server_rss_start_b": rss_start,
        "server_rss_efter_alle_sider_b": rss_slut,
    }
