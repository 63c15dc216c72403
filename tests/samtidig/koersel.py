"""N sessions side by side: run a list of page visits in every session and summarise.

Every user is one `Session` (one browser tab) that runs the steps in order, `runder`
times. With no think time every step starts in all sessions at once (an asyncio barrier
before each step): the worst case, a whole meeting clicking together. With think time
each user goes at their own pace: a random start within the think time, then a random
pause of 0.5–1.5 × the think time after each step.

With `varighed_s` every user repeats the script until that many seconds have passed since
the start (a load test by time, `make load`), instead of `runder` times.

`forskudt=True` lets user i start at step i (the list rotated), so at any moment the
sessions are on different pages; the regression test uses that to mix the pages whose
frames are heaviest. A session whose run goes unanswered stops asking (it still meets
the others at the barrier), so a frozen server costs one timeout, not one per step.
"""

from __future__ import annotations

import asyncio
import math
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tests.samtidig.forloeb import Trin, moedeforloeb, vaelg_ids
from tests.samtidig.klient import TIMEOUT_S, UBESVARET, Koersel, Session


@dataclass
class Resultat:
    """Every visit of one measurement: `besoeg[bruger]` in the order they ran."""

    brugere: int
    taenketid_s: float
    runder: int
    besoeg: list[list[Koersel]] = field(default_factory=list)
    vaeg_s: float = 0.0

    def alle(self) -> list[Koersel]:
        return [k for b in self.besoeg for k in b]

    def fejlede(self) -> list[Koersel]:
        """Runs that were answered but failed: an exception, st.error, page not found."""
        return [k for k in self.alle() if not k.ok and k.udfald not in UBESVARET]

    def problemer(self) -> list[Koersel]:
        """Every run that was not ok: failed, unanswered, cut off or given up."""
        return [k for k in self.alle() if not k.ok]

    def ubesvarede(self) -> int:
        return sum(1 for k in self.alle() if k.udfald in UBESVARET)


async def koer_brugere(
    url: str,
    trin: Sequence[Trin],
    brugere: int,
    *,
    runder: int = 1,
    taenketid_s: float = 0.0,
    forskudt: bool = False,
    timeout_s: float = TIMEOUT_S,
    seed: int = 13,
    varighed_s: float | None = None,
    spredte_adresser: bool = False,
) -> Resultat:
    """Let `brugere` sessions run `trin` `runder` times (or, with `varighed_s`, over and
    over until that many seconds have passed) against the server at `url`."""
    res = Resultat(brugere, taenketid_s, runder, [[] for _ in range(brugere)])
    barriere = asyncio.Barrier(brugere) if taenketid_s == 0 and varighed_s is None else None
    rng = random.Random(seed)
    pauser = [
        [rng.uniform(0.5, 1.5) * taenketid_s for _ in range(runder * len(trin) + 1)]
        for _ in range(brugere)
    ]
    slut = time.monotonic() + varighed_s if varighed_s is not None else None

    def trinfoelge(raekke: Sequence[Trin]) -> Iterator[Trin]:
        if slut is None:
            yield from list(raekke) * runder
            return
        while True:
            for t in raekke:
                if time.monotonic() >= slut:
                    return
                yield t

    async def bruger(i: int) -> None:
        raekke = list(trin[i % len(trin) :]) + list(trin[: i % len(trin)]) if forskudt else trin
        levende = True
        adresse = bruger_adresse(i) if spredte_adresser else None
        async with Session(url, timeout_s=timeout_s, fra_adresse=adresse) as s:
            if barriere is None:
                await asyncio.sleep(pauser[i][-1] * rng.random())
            for n, t in enumerate(trinfoelge(raekke)):
                if barriere is not None:
                    await barriere.wait()
                if levende:
                    k = await s.koer(t.side, t.forespoergsel)
                    if k.udfald == "faerdig":
                        k.mangler = t.mangler(k.elementer)
                    levende = k.udfald not in UBESVARET
                else:
                    k = Koersel(t.side, t.forespoergsel, udfald="opgivet")
                k.navn = t.navn
                res.besoeg[i].append(k)
                if barriere is None:
                    await asyncio.sleep(pauser[i][n % len(pauser[i])])

    t0 = time.perf_counter()
    await asyncio.gather(*(bruger(i) for i in range(brugere)))
    res.vaeg_s = time.perf_counter() - t0
    return res


def bruger_adresse(i: int) -> str:
    """User i's own loopback address, 127.0.<i+1>.1: nginx's ip_hash (first three parts of
    the address) then spreads the users over the replicas as it would spread browsers."""
    return f"127.0.{i % 254 + 1}.1"


async def opvarm(url: str, trin: Sequence[Trin], timeout_s: float = TIMEOUT_S) -> list[Koersel]:
    """One session runs every step once (fills the server's caches; not measured)."""
    async with Session(url, timeout_s=timeout_s) as s:
        return [await s.koer(t.side, t.forespoergsel) for t in trin]


async def ny_session_svarer(url: str, timeout_s: float = 60.0) -> Koersel:
    """A fresh session on the default page: is the server still serving?"""
    async with Session(url, timeout_s=timeout_s) as s:
        return await s.koer("")


def fraktil(vaerdier: Sequence[float], q: float) -> float:
    """The q-quantile (0–1) with linear interpolation between order statistics."""
    if not vaerdier:
        return math.nan
    v = sorted(vaerdier)
    pos = (len(v) - 1) * q
    lav, hoej = math.floor(pos), math.ceil(pos)
    return v[lav] + (v[hoej] - v[lav]) * (pos - lav)


def pr_trin(res: Resultat, trin: Sequence[Trin]) -> dict[str, dict[str, Any]]:
    """Per step (by name, in `trin` order): n, p50, p95, max of the server time of finished
    runs, and how many failed (exception, st.error, page not found) or went unanswered."""
    ud: dict[str, dict[str, Any]] = {}
    for t in trin:
        ks = [k for k in res.alle() if k.navn == t.navn]
        tider = [k.tid_s for k in ks if k.udfald == "faerdig" and k.tid_s is not None]
        ud[t.navn] = {
            "n": len(ks),
            "p50_s": fraktil(tider, 0.5),
            "p95_s": fraktil(tider, 0.95),
            "max_s": max(tider, default=math.nan),
            "fejl": sum(1 for k in ks if not k.ok and k.udfald not in UBESVARET),
            "ubesvarede": sum(1 for k in ks if k.udfald in UBESVARET),
            "bytes": int(fraktil([k.bytes_modtaget for k in ks], 0.5)) if ks else 0,
        }
    return ud


def rss(pid: int) -> int:
    """Resident set of the server process (bytes)."""
    import psutil

    return int(psutil.Process(pid).memory_info().rss)


def datamappe(skala: int) -> Path:
    """The benchmark's demo data folder at `skala`, built when it has no snapshots."""
    from tests.bench.forbered import ARBEJDSMAPPE, forbered

    data = ARBEJDSMAPPE / f"skala{skala}" / "data"
    if not list((data / "snapshots").glob("*/manifest.json")):
        print(f"Bygger demo ved skala {skala} i {data.parent} …", file=sys.stderr)
        forbered(skala)
    return data


@dataclass
class Opstilling:
    """What the users talk to: `url` (the server, or nginx in front of the replicas), the
    server processes (for RSS) and each replica's own URL (for warming every one up)."""

    url: str
    pids: list[int]
    replika_urls: list[str]
    spredte_adresser: bool
    adgangslog: Path | None = None
    """nginx's access log (replicas only): which replica each websocket went to."""

    def rss(self) -> int:
        return sum(rss(p) for p in self.pids)

    def websockets_pr_replika(self) -> dict[str, int]:
        """Websocket connections per replica (host:port) so far, from nginx's log."""
        if self.adgangslog is None or not self.adgangslog.exists():
            return {}
        ud: dict[str, int] = {}
        for linje in self.adgangslog.read_text(encoding="utf-8", errors="replace").splitlines():
            if "/_stcore/stream" in linje and "upstream=" in linje:
                replika = linje.rsplit("upstream=", 1)[1].strip()
                ud[replika] = ud.get(replika, 0) + 1
        return ud


@contextmanager
def opstilling(data_dir: Path, replikaer: int = 1) -> Iterator[Opstilling]:
    """One server on `data_dir`, or `replikaer` (K > 1) replicas behind nginx with
    deploy/nginx/styringsoverblik.conf (sticky by ip_hash, one cookie secret), as the
    drift test starts them; the users then leave from their own loopback addresses."""
    from tests.browser.harness import fri_port, start_streamlit

    if replikaer <= 1:
        with start_streamlit(data_dir) as server:
            yield Opstilling(server.url, [server.pid], [server.url], spredte_adresser=False)
        return
    import secrets
    import tempfile

    from tests.drift.nginx import start_nginx
    from tests.drift.replika import start_replikaer

    with tempfile.TemporaryDirectory(prefix="load-nginx-") as tmp:
        mappe = Path(tmp)
        env = {"STYRINGSOVERBLIK_DATA": str(data_dir)}
        porte = [fri_port() for _ in range(replikaer)]
        with (
            start_replikaer(porte, env, mappe, secrets.token_urlsafe(32)) as kopier,
            start_nginx(mappe, [r.adresse for r in kopier], fri_port()) as url,
        ):
            yield Opstilling(
                url,
                [r.proc.pid for r in kopier],
                [r.url for r in kopier],
                spredte_adresser=True,
                adgangslog=mappe / "access.log",
            )


def maal(
    data_dir: Path,
    brugere: Sequence[int],
    *,
    runder: int = 3,
    taenketid_s: float = 0.0,
    timeout_s: float = TIMEOUT_S,
    log: Callable[[str], None] = lambda _: None,
    varighed_s: float | None = None,
    replikaer: int = 1,
) -> dict[str, Any]:
    """Start the real server on `data_dir` (or `replikaer` replicas behind nginx) and run
    the meeting script with each number of users in `brugere`, one after the other on the
    same (warmed-up) servers.

    Returns a JSON-ready dict: the steps and ids, and per number of users the per-step
    figures (`pr_trin`, plus `forhold_p50`/`forhold_p95` to the run with one user when it
    was measured), failures, wall time and the servers' RSS (summed) before and after. A
    server that no longer serves a new session ends the measurement (`server_haenger`)."""
    u = vaelg_ids(data_dir)
    trin = moedeforloeb(u)
    ud: dict[str, Any] = {
        "forloeb": [asdict(t) for t in trin],
        "ids": asdict(u),
        "runder": runder,
        "taenketid_s": taenketid_s,
        "timeout_s": timeout_s,
        "varighed_s": varighed_s,
        "replikaer": max(replikaer, 1),
        "brugere": {},
        "server_haenger": False,
    }
    with opstilling(data_dir, replikaer) as o:
        ud["server_rss_start_b"] = o.rss()
        log("opvarmning (én session pr. server, hvert trin)")
        ud["opvarmning_s"] = {}
        for replika_url in o.replika_urls:
            varm = asyncio.run(opvarm(replika_url, trin, timeout_s))
            ud["opvarmning_s"] = {t.navn: k.tid_s for k, t in zip(varm, trin, strict=True)}
        for n in brugere:
            omfang = f"{varighed_s:g} s" if varighed_s is not None else f"{runder} runder"
            log(f"{n} samtidige brugere, {omfang}, tænketid {taenketid_s:g} s")
            foer = o.rss()
            res = asyncio.run(
                koer_brugere(
                    o.url, trin, n, runder=runder, taenketid_s=taenketid_s,
                    timeout_s=timeout_s, varighed_s=varighed_s,
                    spredte_adresser=o.spredte_adresser,
                )
            )  # fmt: skip
            probe = asyncio.run(ny_session_svarer(o.url, min(timeout_s, 60.0)))
            ud["brugere"][str(n)] = {
                "trin": pr_trin(res, trin),
                "vaeg_s": res.vaeg_s,
                "besoeg": len(res.alle()),
                "fejl": len(res.fejlede()),
                "ubesvarede": res.ubesvarede(),
                "fejl_eksempler": [k.beskriv() for k in res.problemer()[:10]],
                "rss_foer_b": foer,
                "rss_efter_b": o.rss(),
                "ny_session_s": probe.tid_s,
            }
            if probe.udfald != "faerdig":
                ud["server_haenger"] = True
                log(f"serveren svarer ikke længere en ny session ({probe.beskriv()})")
                break
        ud["server_rss_slut_b"] = o.rss()
        ud["websockets_pr_replika"] = o.websockets_pr_replika()
    en = ud["brugere"].get("1", {}).get("trin")
    for r in ud["brugere"].values():
        for navn, v in r["trin"].items():
            for p in ("p50", "p95"):
                basis = en[navn][f"{p}_s"] if en else math.nan
                v[f"forhold_{p}"] = v[f"{p}_s"] / basis if basis and basis > 0 else math.nan
    return ud
