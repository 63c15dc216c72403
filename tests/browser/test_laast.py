"""Locked down: a page of the app makes no request to any host but the app's own (no
fonts, icons, scripts or telemetry from third parties), on every page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from dashboard.skal.navigation import SIDER
from tests.browser.harness import vent_paa_grafer, vent_paa_side


def fremmede_forespoergsler(browser: Any, base: str, stier: list[str]) -> dict[str, list[str]]:
    """Open each path of `base` in a fresh page; return, per path, every request (HTTP and
    websocket) to a host other than `base`'s. data: and blob: URLs stay in the browser."""
    vaert = urlsplit(base).netloc
    fundet: dict[str, list[str]] = {}
    for sti in stier:
        fremmede: list[str] = []

        def noter(url: str, fremmede: list[str] = fremmede) -> None:
            dele = urlsplit(url)
            if dele.scheme in ("data", "blob", "about") or dele.netloc == vaert:
                return
            fremmede.append(url)

        page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
        page.on("request", lambda r, noter=noter: noter(r.url))
        page.on("websocket", lambda ws, noter=noter: noter(ws.url))
        page.goto(f"{base}/{sti}")
        vent_paa_side(page)
        vent_paa_grafer(page)
        page.wait_for_timeout(500)  # favicon and late fonts
        page.close()
        fundet[sti] = fremmede
    return fundet


def test_ingen_forespoergsler_til_andre_vaerter(browser: Any, server: str) -> None:
    stier = [s.url_path for s in SIDER]
    fundet = fremmede_forespoergsler(browser, server, stier)
    assert fundet == {sti: [] for sti in stier}
