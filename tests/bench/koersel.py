"""One measured conversion in a fresh interpreter: `python -m tests.bench.koersel HOW SRC OUT`.

HOW is `ours` (the loader CLI, `modeller.loader.cli.main`), `pandas` (read_csv + to_parquet
of every table) or `duckdb` (COPY (SELECT * FROM read_csv(...)) TO ... (FORMAT parquet)).
All three run the same way, so they pay interpreter start-up alike. Prints one JSON line:
`import_s` (importing the library), `arbejde_s` (the conversion itself) and `vmhwm_kb`, the
peak resident set of this process read from /proc/self/status (VmHWM: it belongs to the
process's own address space, so unlike ru_maxrss it does not inherit the parent's peak
through fork/exec).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

T0 = time.perf_counter()


def _vmhwm_kb() -> int:
    for linje in Path("/proc/self/status").read_text().splitlines():
        if linje.startswith("VmHWM:"):
            return int(linje.split()[1])
    return -1


def _tabeller(kilde: Path) -> list[Path]:
    return sorted(kilde.glob("*.csv"))


def main(argv: list[str]) -> int:
    how, kilde, ud = argv[0], Path(argv[1]), Path(argv[2])
    ud.mkdir(parents=True, exist_ok=True)
    if how == "ours":
        from modeller.loader.cli import main as loader_main

        t1 = time.perf_counter()
        rc = loader_main([str(kilde), "--data", str(ud)])
        if rc != 0:
            return rc
    elif how == "pandas":
        import pandas as pd

        t1 = time.perf_counter()
        for csv in _tabeller(kilde):
            pd.read_csv(csv, sep=";").to_parquet(ud / f"{csv.stem}.parquet")
    elif how == "duckdb":
        import duckdb

        t1 = time.perf_counter()
        con = duckdb.connect()
        for csv in _tabeller(kilde):
            mål = str(ud / f"{csv.stem}.parquet").replace("'", "''")
            src = str(csv).replace("'", "''")
            con.execute(f"COPY (SELECT * FROM read_csv('{src}')) TO '{mål}' (FORMAT parquet)")
        con.close()
    else:
        print(f"ukendt: {how}", file=sys.stderr)
        return 2
    t2 = time.perf_counter()
    print(json.dumps({"import_s": t1 - T0, "arbejde_s": t2 - t1, "vmhwm_kb": _vmhwm_kb()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
