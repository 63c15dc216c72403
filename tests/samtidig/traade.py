"""`python -m tests.samtidig.traade DATA [--traade 4] [--runder 2] [--timeout 120]`

The cheap layer of the concurrency test: a few threads in one process, each opening
every page with its own AppTest (tests/apptest.py `aabn`) at the same time, like several
sessions of one server without the server. Prints one line per problem and exits 1 if
any page raised, showed st.error or did not finish; a thread still running after the
timeout is a hang (exit 2).

It runs as its own process because the hang it guards against (polars calling back into
Python while another thread waits for polars, issue 13) can hold the GIL for good: then
no thread of the process, the joining one included, runs again, and only the parent's
subprocess timeout can tell.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl

from tests.samtidig.forloeb import STANDARD_SIDE, Trin, alle_sider, sider_i_appen, vaelg_ids


def _appTest_i_traade() -> None:
    """Make AppTest's process-wide switches safe for several AppTests at once.

    An AppTest run installs a mock Runtime (`Runtime._instance`) and removes it when it
    ends, and turns `global.appTest` on for its length and back to what it was; with
    runs overlapping, one thread's ending pulls both from under another's script
    ("Runtime hasn't been created!"). So `global.appTest` is on for the whole process,
    and `Runtime.instance()` falls back to the last mock Runtime it handed out. Neither
    touches the app: the pages and their caches run as in the server. Exceptions show
    their real message (the app's config hides it), for the report."""
    from streamlit import config
    from streamlit.runtime.runtime import Runtime

    config.set_option("global.appTest", True)
    config.set_option("client.showErrorDetails", "full")  # real messages in the report
    sidste: list[Runtime] = []

    def instance(cls: type[Runtime]) -> Runtime:
        if cls._instance is not None:
            sidste[:] = [cls._instance]
            return cls._instance
        if sidste:
            return sidste[0]
        raise RuntimeError("Runtime hasn't been created!")

    def exists(cls: type[Runtime]) -> bool:
        return cls._instance is not None or bool(sidste)

    Runtime.instance = classmethod(instance)  # type: ignore[method-assign,assignment]
    Runtime.exists = classmethod(exists)  # type: ignore[method-assign,assignment]


def koer_traade(
    trin: list[Trin], traade: int, runder: int, timeout_s: float
) -> tuple[list[str], int]:
    """Run every step in `traade` threads at once (thread i starts at step i), `runder`
    times. Returns the problems found and the number of threads still running."""
    from tests.apptest import aabn

    _appTest_i_traade()
    problemer: list[str] = []
    laas = threading.Lock()
    start = threading.Barrier(traade)

    def traad(i: int) -> None:
        raekke = trin[i % len(trin) :] + trin[: i % len(trin)]
        start.wait()
        for _ in range(runder):
            for t in raekke:
                try:
                    at = aabn(t.side or STANDARD_SIDE, **dict(parse_qsl(t.forespoergsel)))
                    fejl = [str(e.value) for e in at.error]
                except BaseException as exc:  # AssertionError from aabn, a run timeout, ...
                    fejl = [f"{type(exc).__name__}: {exc}"[:500]]
                if fejl:
                    with laas:
                        problemer.extend(f"tråd {i}, {t.navn}: {f}" for f in fejl)

    traad_liste = [
        threading.Thread(target=traad, args=(i,), name=f"apptest-{i}", daemon=True)
        for i in range(traade)
    ]
    for th in traad_liste:
        th.start()
    slut = time.monotonic() + timeout_s
    for th in traad_liste:
        th.join(max(0.0, slut - time.monotonic()))
    return problemer, sum(th.is_alive() for th in traad_liste)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.samtidig.traade", description=__doc__)
    p.add_argument("data", type=Path)
    p.add_argument("--traade", type=int, default=4)
    p.add_argument("--runder", type=int, default=2)
    p.add_argument("--timeout", type=float, default=120.0)
    args = p.parse_args(argv)
    os.environ["STYRINGSOVERBLIK_DATA"] = str(args.data)
    import logging

    logging.disable(logging.WARNING)  # "No runtime found" and friends, from every thread
    trin = alle_sider(vaelg_ids(args.data), sider_i_appen())
    t0 = time.monotonic()
    problemer, haenger = koer_traade(trin, args.traade, args.runder, args.timeout)
    for linje in problemer:
        print(linje)
    print(
        f"{args.traade} tråde × {args.runder} runder × {len(trin)} sider på "
        f"{time.monotonic() - t0:.1f} s: {len(problemer)} problemer, {haenger} tråde hænger",
        flush=True,
    )
    if haenger:
        os._exit(2)  # the stuck threads would keep a normal exit waiting
    return 1 if problemer else 0


if __name__ == "__main__":
    sys.exit(main())
