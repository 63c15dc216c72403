"""Figure 1: building a snapshot (our loader) against pandas and DuckDB on the same files.

Every run is a fresh interpreter (`python -m tests.bench.koersel`), so all three pay
start-up alike and each peak is that run's own. Wall time is measured by this process
around the subprocess; the child reports its import time, its work time and its peak
resident set (VmHWM). Runs are interleaved (ours, pandas, duckdb, ours, ...) so that
load from other work on the machine spreads over all three.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.bench.forbered import Skala
from tests.bench.maaling import Maaling
from tests.conftest import PROJEKT

VARIANTER: tuple[tuple[str, str, str], ...] = (
    # (name, how, source format)
    ("ours_csv", "ours", "csv"),
    ("ours_xlsx", "ours", "xlsx"),
    ("pandas_csv", "pandas", "csv"),
    ("duckdb_csv", "duckdb", "csv"),
)


def _koer(how: str, kilde: Path, ud: Path) -> dict[str, float]:
    if ud.exists():
        shutil.rmtree(ud)
    t0 = time.perf_counter()
    res = subprocess.run(
        [sys.executable, "-m", "tests.bench.koersel", how, str(kilde), str(ud)],
        cwd=PROJEKT,
        capture_output=True,
        text=True,
        check=False,
    )
    vaeg = time.perf_counter() - t0
    if res.returncode != 0:
        raise RuntimeError(f"{how} på {kilde} fejlede ({res.returncode}): {res.stderr[-2000:]}")
    tal = json.loads(res.stdout.strip().splitlines()[-1])
    shutil.rmtree(ud, ignore_errors=True)
    return {"vaeg_s": vaeg, **tal}


def maal_indlaesning(s: Skala, gentagelser: int) -> dict[str, dict[str, Any]]:
    """Per variant: wall, import and work time (s) and peak memory (bytes)."""
    ud: dict[str, dict[str, Maaling]] = {
        navn: {
            "vaeg_s": Maaling("s"),
            "import_s": Maaling("s"),
            "arbejde_s": Maaling("s"),
            "top_rss_b": Maaling("B"),
        }
        for navn, _, _ in VARIANTER
    }
    for _ in range(gentagelser):
        for navn, how, fmt in VARIANTER:
            kilde = s.xlsx if fmt == "xlsx" else s.csv
            tal = _koer(how, kilde, s.rod / "koersel" / navn)
            m = ud[navn]
            m["vaeg_s"].tilfoej(tal["vaeg_s"])
            m["import_s"].tilfoej(tal["import_s"])
            m["arbejde_s"].tilfoej(tal["arbejde_s"])
            m["top_rss_b"].tilfoej(tal["vmhwm_kb"] * 1024.0)
    shutil.rmtree(s.rod / "koersel", ignore_errors=True)
    return {navn: {k: v.som_dict() for k, v in m.items()} for navn, m in ud.items()}
