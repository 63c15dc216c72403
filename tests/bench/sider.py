"""Figure 2 (server side): run time of every page through AppTest, and its Plotly payload.

A page run is the whole app (shell + page) as AppTest runs it, like a browser's request:
`AppTest.from_file(app)`, `switch_page(page)`, `run()`. Only `run()` is timed.

- cold: st.cache_data and st.cache_resource cleared, then a fresh AppTest's first run
  (the snapshot's parquet files are read again). Python modules stay imported: one
  unmeasured run of every page comes first, so "cold" is about caches, not imports.
- warm: further runs of the same AppTest (a rerun with every cache filled).

The floors go through the same path: `tom_side.py` (one `st.title`) and `skal_app.py`
(the real shell: set_page_config, navigation, the shared sidebar controls, snapshot
loading, on an empty page).
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from dashboard.skal.navigation import SIDER, SIDER_DIR
from tests.bench.maaling import Maaling
from tests.conftest import APP

BENCH_DIR = Path(__file__).resolve().parent
TOM_SIDE = str(BENCH_DIR / "tom_side.py")
SKAL_APP = str(BENCH_DIR / "skal_app.py")
TIMEOUT_S = 300


@dataclass(frozen=True)
class Side:
    """A measurable page: its name and how to open it in AppTest."""

    navn: str
    script: str
    side_fil: str | None  # page file for switch_page (relative to the app), None = main


def sider_der_findes() -> list[Side]:
    """Every registered page whose file exists (pages land one by one)."""
    return [
        Side(s.url_path, APP, f"../sider/{s.fil}") for s in SIDER if (SIDER_DIR / s.fil).exists()
    ]


GULVE = (Side("tom_side", TOM_SIDE, None), Side("skal_tom", SKAL_APP, None))


def _ny(side: Side) -> AppTest:
    at = AppTest.from_file(side.script, default_timeout=TIMEOUT_S)
    if side.side_fil is not None:
        at.switch_page(side.side_fil)
    return at


def _ryd() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


def _koer(at: AppTest) -> float:
    # Full error details (the app's config redacts them) and no rich traceback printout.
    with patch_config_options({"client.showErrorDetails": "full", "logger.enableRich": False}):
        t0 = time.perf_counter()
        at.run()
        dt = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError("; ".join(str(e.message)[:300] for e in at.exception))
    return dt


def plotly_bytes(at: AppTest) -> tuple[int, int]:
    """(number of plotly charts, sum of their spec sizes in UTF-8 bytes)."""
    grafer = at.get("plotly_chart")
    return len(grafer), sum(len(e.proto.spec.encode("utf-8")) for e in grafer)


def opvarm(sider: list[Side]) -> None:
    """One unmeasured run of every page, so module imports are not in any figure."""
    for side in sider:
        _ryd()
        with contextlib.suppress(Exception):  # reported by maal_side
            _koer(_ny(side))


def maal_side(side: Side, kolde: int, varme: int) -> dict[str, Any]:
    """Cold and warm run times (s), chart count and Plotly payload (bytes) of one page."""
    kold = Maaling("s")
    varm = Maaling("s")
    at: AppTest | None = None
    try:
        for _ in range(kolde):
            _ryd()
            at = _ny(side)
            kold.tilfoej(_koer(at))
        assert at is not None
        for _ in range(varme):
            varm.tilfoej(_koer(at))
    except Exception as exc:  # a page under construction: report, go on
        return {"fejl": f"{type(exc).__name__}: {exc}"[:500]}
    antal, payload = plotly_bytes(at)
    return {
        "kold_s": kold.som_dict(),
        "varm_s": varm.som_dict(),
        "grafer": antal,
        "plotly_bytes": payload,
    }
