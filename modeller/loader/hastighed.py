"""Loader speed and memory against plain pandas and DuckDB on the same CSV folder.

`python -m modeller.loader.hastighed KILDE [--gentag 5]` prints the median wall time of
`--gentag` runs each of: our loader (read, cast, validate, integrity, write snapshot),
pandas `read_csv` + `to_parquet` of every table, and DuckDB
`COPY (SELECT * FROM read_csv(...)) TO ... (FORMAT parquet)` of every table; and the peak
RSS of one loader run in a fresh process. pandas and DuckDB come from the dev extra.
Each measurement writes into a fresh temporary folder. Not a test: no wall-clock limits.
"""

from __future__ import annotations

import argparse
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


def _median(fn: Callable[[Path, Path], None], kilde: Path, gentag: int) -> float:
    tider: list[float] = []
    for _ in range(gentag):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            fn(kilde, Path(tmp))
            tider.append(time.perf_counter() - t0)
    return statistics.median(tider)


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
    _vores(kilde, Path(tempfile.mkdtemp()))  # warm-up: imports, pandera schema cache
    resultater = {
        "styringsoverblik": _median(_vores, kilde, args.gentag),
        "pandas read_csv+to_parquet": _median(_pandas, kilde, args.gentag),
        "duckdb COPY read_csv→parquet": _median(_duckdb, kilde, args.gentag),
    }
    for navn, sek in resultater.items():
        print(f"{navn:32s} {sek:7.3f} s")
    vores = resultater["styringsoverblik"]
    print(f"forhold til pandas: {vores / resultater['pandas read_csv+to_parquet']:.2f}×")
    print(f"forhold til duckdb: {vores / resultater['duckdb COPY read_csv→parquet']:.2f}×")
    print(f"peak RSS (indlæser, ny proces): {_peak_rss_mib(kilde):.0f} MiB")
    egen = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (denne proces, inkl. pandas/duckdb): {egen:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
