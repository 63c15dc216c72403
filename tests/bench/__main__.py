"""`python -m tests.bench [--skala50] [--gentagelser N] [--uden-browser] [--kun-samtidighed]`
(`make bench`).

Builds the demo at --skala 1 and 10 (and 50) under build/bench/, measures every figure
(median of several runs, with min and max), prints one table with the targets beside the
figures, and writes the results as JSON to tests/bench/results/<timestamp>.json and
build/bench/seneste.json. See the modules for how each figure is measured.
`--kun-samtidighed` measures only simultaneous users (skala 1, reusing its demo if built).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.bench import samtidighed
from tests.bench.forbered import ARBEJDSMAPPE, forbered
from tests.bench.rapport import maal_og_raekker, skriv_tabel

RESULTATER = Path(__file__).resolve().parent / "results"
HURTIG = 5
"""Repetitions of fast figures (warm page runs, key queries)."""
LANGSOM = 3
"""Repetitions of slow figures (loader subprocesses, cold page runs, browser visits)."""


def _log(start: float, tekst: str) -> None:
    print(f"[{time.monotonic() - start:6.0f} s] {tekst}", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    p.add_argument("--skala50", action="store_true", help="mål også ved --skala 50")
    p.add_argument(
        "--gentagelser",
        type=int,
        default=None,
        help=f"gentagelser pr. måling (standard {HURTIG} for hurtige, {LANGSOM} for langsomme)",
    )
    p.add_argument("--uden-browser", action="store_true", help="spring browsermålingen over")
    p.add_argument(
        "--kun-samtidighed",
        action="store_true",
        help="mål kun samtidige brugere (skala 1; genbruger demoen, hvis den er bygget)",
    )
    p.add_argument(
        "--brugere",
        default=",".join(map(str, samtidighed.BRUGERE)),
        help="antal samtidige brugere i samtidighedsmålingen (1,10,25)",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    hurtig = args.gentagelser or HURTIG
    langsom = args.gentagelser or LANGSOM
    skalaer = [1, 10, *([50] if args.skala50 else [])]
    brugere = [int(x) for x in args.brugere.split(",") if x.strip()]
    start = time.monotonic()
    # Streamlit's warnings outside a server ("No runtime found", ...) and the log of a
    # failing page: a failing page is reported in the table with its message.
    logging.disable(logging.ERROR)

    from tests.bench import forespoergsler, indlaesning, sider
    from tests.browser.harness import chromium_findes

    browser_besked: str | None = None
    if args.kun_samtidighed:
        browser_besked = "springes over (--kun-samtidighed)"
    elif args.uden_browser:
        browser_besked = "springes over (--uden-browser)"
    elif not chromium_findes():
        browser_besked = (
            "springes over: Chromium (/usr/bin/chromium) findes ikke. "
            "Installer med: apt-get install -y chromium"
        )
    if browser_besked:
        print(f"Browsermåling {browser_besked}", file=sys.stderr)

    resultat: dict[str, Any] = {
        "tidspunkt": datetime.now().isoformat(timespec="seconds"),
        "maskine": {
            "cpu": os.cpu_count(),
            "python": platform.python_version(),
            "belastning_foer": os.getloadavg(),
        },
        "gentagelser": {"hurtig": hurtig, "langsom": langsom},
        "browser": browser_besked or "maalt",
        "skalaer": {},
    }
    if args.kun_samtidighed:
        from tests.samtidig.koersel import datamappe

        _log(start, "skala 1: samtidige brugere")
        resultat["skalaer"]["1"] = {
            "samtidighed": samtidighed.maal_samtidighed(
                datamappe(1), langsom, brugere, log=lambda t: _log(start, t)
            )
        }
        skalaer = []
    for skala in skalaer:
        r: dict[str, Any] = {}
        resultat["skalaer"][str(skala)] = r
        _log(start, f"skala {skala}: bygger demo")
        s = forbered(skala)
        r["raekker"] = {
            p.stem: sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in s.csv.glob("*.csv")
        }
        _log(start, f"skala {skala}: indlæsning (vores, pandas, DuckDB)")
        r["indlaesning"] = indlaesning.maal_indlaesning(s, langsom)

        _log(start, f"skala {skala}: sider (AppTest)")
        os.environ["STYRINGSOVERBLIK_DATA"] = str(s.data)
        alle = [*sider.GULVE, *sider.sider_der_findes()]
        sider.opvarm(alle)
        r["sider"] = {side.navn: sider.maal_side(side, langsom, hurtig) for side in alle}

        _log(start, f"skala {skala}: nøgleforespørgsler")
        r["forespoergsler"] = forespoergsler.maal_forespoergsler(s.snapshot_dir, hurtig)

        if browser_besked is None and skala in (1, 10):
            _log(start, f"skala {skala}: browser")
            from tests.bench.browser import maal_browser

            forventet = {
                navn: int(v.get("grafer", 0))
                for navn, v in r["sider"].items()
                if navn not in {g.navn for g in sider.GULVE}
            }
            r["browser"] = maal_browser(s.data, forventet, langsom)

        if skala == 1:
            _log(start, "skala 1: samtidige brugere")
            r["samtidighed"] = samtidighed.maal_samtidighed(
                s.data, langsom, brugere, log=lambda t: _log(start, t)
            )
    resultat["maskine"]["belastning_efter"] = os.getloadavg()
    resultat["varighed_s"] = time.monotonic() - start

    maal, raekker = maal_og_raekker(resultat)
    resultat["maal"] = maal
    skriv_tabel(raekker, resultat)

    RESULTATER.mkdir(parents=True, exist_ok=True)
    tekst = json.dumps(resultat, indent=2, ensure_ascii=False, default=str)
    fil = RESULTATER / f"{datetime.now().strftime('%Y%m%dT%H%M%S')}.json"
    fil.write_text(tekst, encoding="utf-8")
    (ARBEJDSMAPPE / "seneste.json").write_text(tekst, encoding="utf-8")
    print(f"\nResultater: {fil.relative_to(Path.cwd()) if fil.is_relative_to(Path.cwd()) else fil}")
    print(f"            {ARBEJDSMAPPE / 'seneste.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
