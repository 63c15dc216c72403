"""`python -m tests.samtidig [--brugere 1,10,25] [--taenketid 0] [--runder 3] [--data DIR]`

Starts the real server (`streamlit run dashboard/app.py` from this checkout) on a data
folder, warms it up with one session, then runs the meeting script (Overblik → Økonomi
for an udvalg → Økonomi drilled to a politikområde → Målkæden on a goal → Dialogmøde
for a unit) in 1, 10 and 25 simultaneous sessions. Prints per step the server time
(p50/p95 over users × rounds, from the request to the end of the run), the ratio to one
user, and how many runs failed or went unanswered; exits 1 if any did.

Without --data it uses the benchmark's skala-1 demo (build/bench/skala1/data), building
it when missing (`--skala N` for another scale).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from tests.samtidig.klient import TIMEOUT_S
from tests.samtidig.koersel import datamappe, maal


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m tests.samtidig",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--brugere", default="1,10,25", help="antal samtidige brugere (1,10,25)")
    p.add_argument(
        "--taenketid",
        type=float,
        default=0.0,
        help="sekunder mellem trin pr. bruger (0 = alle starter hvert trin samtidig)",
    )
    p.add_argument("--runder", type=int, default=3, help="gentagelser af mødeforløbet")
    p.add_argument("--data", type=Path, help="datamappe (standard: benchmarkens demo)")
    p.add_argument("--skala", type=int, default=1, help="demo-skala uden --data (1)")
    p.add_argument(
        "--timeout", type=float, default=TIMEOUT_S, help="sekunder før en kørsel er ubesvaret"
    )
    p.add_argument("--json", type=Path, help="skriv resultatet som JSON hertil")
    return p


def _tid(s: float | None) -> str:
    if s is None or math.isnan(s):
        return "–"
    return f"{s * 1000:.0f} ms".replace(".", ",") if s < 1 else f"{s:.2f} s".replace(".", ",")


def _gange(x: float) -> str:
    return "–" if math.isnan(x) else f"{x:.2f}×".replace(".", ",")


def _mib(b: float) -> str:
    return f"{b / 1024**2:.0f} MiB"


def skriv_tabel(res: dict[str, Any], konsol: Console | None = None) -> None:
    """The per-step table: users, step, n, p50, p95, max, ratios to one user, failures."""
    konsol = konsol or Console(width=160, highlight=False)
    u = res["ids"]
    tabel = Table(
        title=f"Samtidige brugere: mødeforløbet ({res['runder']} runder, tænketid "
        f"{res['taenketid_s']:g} s)",
        caption=f"udvalg {u['udvalg']} · politikområde {u['politikomraade_id']} · mål "
        f"{u['maal_id']} · enhed {u['center_id']} · servertid fra forespørgsel til "
        f"script_finished · timeout {res['timeout_s']:g} s",
    )
    for kol, just in (
        ("Brugere", "right"),
        ("Trin", "left"),
        ("n", "right"),
        ("p50", "right"),
        ("p95", "right"),
        ("max", "right"),
        ("p50 / 1 bruger", "right"),
        ("p95 / 1 bruger", "right"),
        ("Fejl", "right"),
        ("Ubesvaret", "right"),
    ):
        tabel.add_column(kol, justify=just)  # type: ignore[arg-type]
    for n, r in res["brugere"].items():
        for i, (navn, v) in enumerate(r["trin"].items()):
            tabel.add_row(
                n if i == 0 else "",
                navn,
                str(v["n"]),
                _tid(v["p50_s"]),
                _tid(v["p95_s"]),
                _tid(v["max_s"]),
                _gange(v["forhold_p50"]),
                _gange(v["forhold_p95"]),
                str(v["fejl"]),
                str(v["ubesvarede"]),
            )
        tabel.add_section()
    konsol.print(tabel)
    samlet = Table(title="Pr. antal brugere")
    for kol in ("Brugere", "Besøg", "Væg i alt", "Fejl", "Ubesvaret", "RSS før", "RSS efter"):
        samlet.add_column(kol, justify="right")
    samlet.add_column("Ny session bagefter", justify="right")
    for n, r in res["brugere"].items():
        samlet.add_row(
            n,
            str(r["besoeg"]),
            _tid(r["vaeg_s"]),
            str(r["fejl"]),
            str(r["ubesvarede"]),
            _mib(r["rss_foer_b"]),
            _mib(r["rss_efter_b"]),
            _tid(r["ny_session_s"]),
        )
    konsol.print(samlet)
    for n, r in res["brugere"].items():
        for linje in r["fejl_eksempler"]:
            konsol.print(f"[red]{n} brugere:[/red] {linje}", soft_wrap=True)
    if res["server_haenger"]:
        konsol.print("[bold red]Serveren svarer ikke længere: den hænger.[/bold red]")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    brugere = [int(x) for x in args.brugere.split(",") if x.strip()]
    data = args.data or datamappe(args.skala)
    start = time.monotonic()

    def log(tekst: str) -> None:
        print(f"[{time.monotonic() - start:5.0f} s] {tekst}", file=sys.stderr, flush=True)

    res = maal(
        data, brugere, runder=args.runder, taenketid_s=args.taenketid, timeout_s=args.timeout,
        log=log,
    )  # fmt: skip
    res["data"] = str(data)
    skriv_tabel(res)
    if args.json:
        args.json.write_text(
            json.dumps(res, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
        )
    problemer = res["server_haenger"] or any(
        r["fejl"] or r["ubesvarede"] for r in res["brugere"].values()
    )
    return 1 if problemer else 0


if __name__ == "__main__":
    sys.exit(main())
