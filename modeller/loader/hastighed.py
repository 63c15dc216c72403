"""Loader speed and memory against plain pandas and DuckDB on the same CSV folder.

`python -m modeller.loader.hastighed KILDE [--gentag 5]` prints the median wall time of
`--gentag` runs each of: our loader (read, cast, validate, integrity, write snapshot),
pandas `read_csv` + `to_parquet` of every table, and DuckDB
`COPY (SELECT * FROM read_csv(...)) TO ... (FORMAT parquet)` of every table; and the peak
RSS of one loader run in a fresh process. pandas and DuckDB come from the dev extra.
Each measurement writes into a fresh temporary folder; runs are interleaved, and CPU time
(all threads) is shown beside wall time because a shared machine makes wall time noisy.
Not a test: no wall-clock limits.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _vores(kilde: Path, ud: Path) -> None:
    from modeller.loader import build_snapshot

    build_snapshot(kilde, ud / "data")


def _pandas(kilde: Path, ud: Path) -> None:
    import pandas as pd

    for csv in sorted(kilde.glob("*.csv")):
        pd.read_csv(csv, sep=";").to_parquet(ud / f"{csv.stem}.parquet")


def _duckdb(kilde: Path, ud: Path) -> None:
    import duckdb

    con = duckdb.connect()
    for csv in sorted(kilde.glob("*.csv")):
        con.execute(
            f"COPY (SELECT * FROM read_csv('{csv}')) TO '{ud / csv.stem}.parquet' (FORMAT parquet)"
        )
    con.close()


def _medianer(
    fns: dict[str, Callable[[Path, Path], None]], kilde: Path, gentag: int
) -> dict[str, float]:
    """Median wall time per function; runs are interleaved (a, b, c, a, b, c, …) so that
    a busy machine affects every contestant alike."""
    tider: dict[str, list[float]] = {n: [] for navn in fns for n in (navn, f"{navn} (cpu)")}
    for _ in range(gentag):
        for navn, fn in fns.items():
            with tempfile.TemporaryDirectory() as tmp:
                t0 = time.perf_counter()
                c0 = _cpu()
                fn(kilde, Path(tmp))
                tider[navn].append(time.perf_counter() - t0)
                tider[f"{navn} (cpu)"].append(_cpu() - c0)
    return {navn: statistics.median(t) for navn, t in tider.items()}


def _cpu() -> float:
    """CPU seconds (user + system, all threads) of this process so far."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _peak_rss_mib(kilde: Path) -> float:
    """Peak RSS of one loader run in a fresh process (ru_maxrss of the child, KiB on Linux)."""
    with tempfile.TemporaryDirectory() as tmp:
        kode = (
            "import resource, sys; from pathlib import Path; "
            "from modeller.loader import build_snapshot; "
            f"build_snapshot(Path({str(kilde)!r}), Path({tmp!r}) / 'data'); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        ud = subprocess.run(
            [sys.executable, "-c", kode], capture_output=True, text=True, check=True
        )
    return int(ud.stdout.strip().splitlines()[-1]) / 1024


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m modeller.loader.hastighed")
    p.add_argument("kilde", type=Path, help="mappe med CSV-filer (fx fra modeller.demo)")
    p.add_argument("--gentag", type=int, default=5)
    args = p.parse_args(argv)
    kilde: Path = args.kilde
    raekker = sum(max(0, len(f.read_bytes().splitlines()) - 1) for f in kilde.glob("*.csv"))
    print(f"kilde: {kilde} ({raekker} datarækker i alt), median af {args.gentag} kørsler")
    print(f"belastning (load average, 1 min): {os.getloadavg()[0]:.1f} på {os.cpu_count()} kerner")
    _vores(kilde, Path(tempfile.mkdtemp()))  # warm-up: imports, pandera schema cache
    _pandas(kilde, Path(tempfile.mkdtemp()))
    _duckdb(kilde, Path(tempfile.mkdtemp()))
    resultater = _medianer(
        {
            "styringsoverblik": _vores,
            "pandas read_csv+to_parquet": _pandas,
            "duckdb COPY read_csv→parquet": _duckdb,
        },
        kilde,
        args.gentag,
    )
    print(f"{'':32s} {'væg':>8s} {'cpu':>8s}")
    for navn in ("styringsoverblik", "pandas read_csv+to_parquet", "duckdb COPY read_csv→parquet"):
        vaeg, cpu = resultater[navn], resultater[f"{navn} (cpu)"]
        print(f"{navn:32s} {vaeg:7.3f}s {cpu:7.3f}s")
    vores = resultater["styringsoverblik"]
    print(f"forhold til pandas: {vores / resultater['pandas read_csv+to_parquet']:.2f}×")
    print(f"forhold til duckdb: {vores / resultater['duckdb COPY read_csv→parquet']:.2f}×")
    print(f"peak RSS (indlæser, ny proces): {_peak_rss_mib(kilde):.0f} MiB")
    egen = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (denne proces, inkl. pandas/duckdb): {egen:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
