"""`python -m tests.samtidig [--brugere 1,10,25] [--taenketid 0] [--runder 3 | --varighed S]
[--replikaer K] [--data DIR] [--json FIL]`

`make load` runs `--brugere 1,25,100 --taenketid 2 --varighed 600 --replikaer 2` (10
minutes per number of users against two replicas behind nginx; `make load VARIGHED=60` for
a shorter run, `LOAD_REPLIKAER=1` for one process) and writes the JSON under build/load/.

Starts the real server (`streamlit run dashboard/app.py` from this checkout) on a data
folder, warms each server up with one session, then runs the meeting script (Overblik → Økonomi
for an udvalg → Økonomi drilled to a politikområde → Målkæden on a goal → Dialogmøde
for a unit) in 1, 10 and 25 simultaneous sessions. Prints per step the server time
(p50/p95 over users × rounds, from the request to the end of the run), the ratio to one
user, and how many runs failed or went unanswered; exits 1 if any did.

With `--replikaer K` (K > 1) the users meet K replicas behind nginx, started as the drift
test starts them (deploy/nginx/styringsoverblik.conf, sticky by ip_hash); each user leaves
from its own loopback address so that ip_hash spreads them as it spreads browsers, and
the RSS is the replicas' sum (`make load LOAD_ARGS="--replikaer 2"`).

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

from tests.drift.nginx import nginx
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
    p.add_argument(
        "--varighed",
        type=float,
        default=None,
        help="sekunder pr. antal brugere: hver bruger gentager forløbet så længe (i stedet "
        "for --runder)",
    )
    p.add_argument("--data", type=Path, help="datamappe (standard: benchmarkens demo)")
    p.add_argument("--skala", type=int, default=1, help="demo-skala uden --data (1)")
    p.add_argument(
        "--timeout", type=float, default=TIMEOUT_S, help="sekunder før en kørsel er ubesvaret"
    )
    p.add_argument(
        "--replikaer",
        type=int,
        default=1,
        help="antal Streamlit-replikaer; over 1 står de bag nginx (deploy/nginx) med "
        "klæbrige sessioner, og hver bruger kommer fra sin egen loopback-adresse",
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
    varighed = res.get("varighed_s")
    omfang = f"{varighed:g} s pr. antal brugere" if varighed else f"{res['runder']} runder"
    k = res.get("replikaer", 1)
    server = f"{k} replikaer bag nginx" if k > 1 else "én serverproces"
    tabel = Table(
        title=f"Samtidige brugere: mødeforløbet ({server}, {omfang}, tænketid "
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
    if res.get("websockets_pr_replika"):
        fordeling = ", ".join(f"{r}: {n}" for r, n in sorted(res["websockets_pr_replika"].items()))
        konsol.print(f"Websockets pr. replika (nginx, ip_hash): {fordeling}")
    if res["server_haenger"]:
        konsol.print("[bold red]Serveren svarer ikke længere: den hænger.[/bold red]")


MAKS_FORHOLD_P95 = 2.0
"""The issue's bar: p95 per step at most 2× the single-user figure, 0 errors, RSS drift
under 10 % over the run."""
MAKS_RSS_DRIFT = 0.10


def vurder(res: dict[str, Any]) -> dict[str, Any]:
    """Per number of users: the worst step by p95 against one user, errors, RSS drift over
    that run; and the knee: the first number of users that misses the bar."""
    pr_antal: dict[str, Any] = {}
    knae: str | None = None
    for n, r in res["brugere"].items():
        forhold = {navn: v["forhold_p95"] for navn, v in r["trin"].items()}
        gyldige = {k: v for k, v in forhold.items() if not math.isnan(v)}
        vaerste = max(gyldige, key=lambda k: gyldige[k]) if gyldige else None
        drift = (r["rss_efter_b"] - r["rss_foer_b"]) / r["rss_foer_b"] if r["rss_foer_b"] else 0
        problemer = r["fejl"] + r["ubesvarede"]
        ok = (
            (vaerste is None or gyldige[vaerste] <= MAKS_FORHOLD_P95)
            and problemer == 0
            and drift < MAKS_RSS_DRIFT
        )
        pr_antal[n] = {
            "vaerste_trin": vaerste,
            "vaerste_forhold_p95": gyldige.get(vaerste, math.nan) if vaerste else math.nan,
            "fejl_og_ubesvarede": problemer,
            "rss_drift": drift,
            "inden_for_kravet": ok,
        }
        if not ok and knae is None and n != "1":
            knae = n
    return {"pr_antal": pr_antal, "knae": knae}


def skriv_vurdering(v: dict[str, Any], konsol: Console | None = None) -> None:
    konsol = konsol or Console(width=160, highlight=False)
    forrige = "1"
    for n, x in v["pr_antal"].items():
        if n == "1":
            continue
        drift = f"{x['rss_drift'] * 100:+.1f} %".replace(".", ",")
        dom = "[green]inden for kravet[/green]" if x["inden_for_kravet"] else "[red]over[/red]"
        trin = x["vaerste_trin"] or "intet trin færdigt"
        konsol.print(
            f"{n} brugere: værste p95 {_gange(x['vaerste_forhold_p95'])} én bruger ({trin}), "
            f"{x['fejl_og_ubesvarede']} fejl/ubesvarede, RSS {drift}: {dom}"
        )
        if v["knae"] == n:
            konsol.print(
                f"[bold]Knækket ligger mellem {forrige} og {n} samtidige brugere[/bold] "
                f"(første trin over {MAKS_FORHOLD_P95:g}×: {x['vaerste_trin']})."
            )
        forrige = n
    if v["knae"] is None:
        konsol.print("[bold]Intet knæk inden for de målte antal brugere.[/bold]")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    brugere = [int(x) for x in args.brugere.split(",") if x.strip()]
    data = args.data or datamappe(args.skala)
    start = time.monotonic()

    def log(tekst: str) -> None:
        print(f"[{time.monotonic() - start:5.0f} s] {tekst}", file=sys.stderr, flush=True)

    if args.replikaer > 1 and nginx() is None:
        print(
            "nginx er ikke installeret (apt-get install -y nginx). Med --replikaer 1 måles én "
            "serverproces uden nginx.",
            file=sys.stderr,
        )
        return 2
    res = maal(
        data, brugere, runder=args.runder, taenketid_s=args.taenketid, timeout_s=args.timeout,
        log=log, varighed_s=args.varighed, replikaer=args.replikaer,
    )  # fmt: skip
    res["data"] = str(data)
    res["vurdering"] = vurder(res)
    skriv_tabel(res)
    skriv_vurdering(res["vurdering"])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(res, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
        )
    problemer = res["server_haenger"] or any(
        r["fejl"] or r["ubesvarede"] for r in res["brugere"].values()
    )
    return 1 if problemer else 0


if __name__ == "__main__":
    sys.exit(main())
