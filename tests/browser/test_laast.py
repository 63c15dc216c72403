"""Locked down: a page of the app makes no request to any host but the app's own (no
fonts, icons, scripts or telemetry from third parties), on every page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from dashboard.skal.navigation import SIDER
from tests.browser.harness import vent_paa_grafer, vent_paa_side


def fremmede_forespoergsler(browser: Any, base: str, stier: list[str]) -> dict[str, list[str]]:
    """Open each path of `base` in a fresh page (all at once: the server and the browser
    work side by side); return, per path, every request (HTTP and websocket) to a host
    other than `base`'s. data: and blob: URLs stay in the browser."""
    vaert = urlsplit(base).netloc
    fundet: dict[str, list[str]] = {sti: [] for sti in stier}

    def noter(sti: str, url: str) -> None:
        dele = urlsplit(url)
        if dele.scheme not in ("data", "blob", "about") and dele.netloc != vaert:
            fundet[sti].append(url)

    sider = []
    for sti in stier:
        page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
        page.on("request", lambda r, sti=sti: noter(sti, r.url))
        page.on("websocket", lambda ws, sti=sti: noter(sti, ws.url))
        page.goto(f"{base}/{sti}")
        sider.append(page)
    for page in sider:
        vent_paa_side(page, timeout_s=120)
        vent_paa_grafer(page)
    sider[-1].wait_for_timeout(500)  # favicon and late fonts
    for page in sider:
        page.close()
    return fundet


def test_ingen_forespoergsler_til_andre_vaerter(browser: Any, server: str) -> None:
    stier = [s.url_path for s in SIDER]
    fundet = fremmede_forespoergsler(browser, server, stier)
    assert fundet == {sti: [] for sti in stier}
