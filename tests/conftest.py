"""Shared fixtures: real demo data built by the real generator and loader.

`demo_data` is a data folder with two snapshots of the demo municipality (follow-ups
31 May and 30 September 2026), built once per test session (per xdist worker).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import streamlit as st

from modeller.demo import generate
from modeller.loader import build_snapshot
from tests.indberetning_hjaelp import ROLLER_TEKST

PROJEKT = Path(__file__).resolve().parents[1]
APP = str(PROJEKT / "dashboard" / "app.py")
DEMO_SNAPSHOTS = (
    (date(2026, 5, 31), "Budgetopfølgning 31. maj 2026", datetime(2026, 6, 5, 8, 0, tzinfo=UTC)),
    (
        date(2026, 9, 30),
        "Budgetopfølgning 30. september 2026",
        datetime(2026, 10, 6, 8, 0, tzinfo=UTC),
    ),
)


def byg_demo(data_dir: Path, kilder: Path, skala: int = 1) -> list[str]:
    """Generate the demo sources for both follow-ups and load them into `data_dir`."""
    ids = []
    for pr, etiket, tid in DEMO_SNAPSHOTS:
        ud = kilder / pr.isoformat()
        generate(ud, skala=skala, fmt="csv", pr=pr)
        ids.append(build_snapshot(ud, data_dir, label=etiket, now=tid))
    return ids


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rod = tmp_path_factory.mktemp("demo")
    byg_demo(rod / "data", rod / "kilder")
    return rod / "data"


@pytest.fixture(scope="session")
def demo_kilder(demo_data: Path) -> Path:
    """The source folder of the newer demo snapshot (30 September 2026)."""
    return demo_data.parent / "kilder" / DEMO_SNAPSHOTS[-1][0].isoformat()


@pytest.fixture(autouse=True)
def _ryd_streamlit_cache() -> Iterator[None]:
    """st.cache_* outlives an AppTest. Small results (cache_data) are cleared before every
    test. The snapshot frames and prepared views (cache_resource) are keyed by data folder,
    snapshot id and settings, and snapshots are immutable, so they are kept between tests:
    a test that changes a file in place clears them itself (`ryd_cache`)."""
    st.cache_data.clear()
    yield


@pytest.fixture
def ryd_cache() -> None:
    """Start cold: every Streamlit cache cleared."""
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app_data(demo_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at the demo data folder."""
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(demo_data))
    return demo_data


@pytest.fixture
def egen_data(demo_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of its own (the demo's snapshots, a roles file, its own database)."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "snapshots").symlink_to(demo_data / "snapshots")
    (data / "roller.toml").write_text(ROLLER_TEKST, encoding="utf-8")
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(data))
    monkeypatch.delenv("STYRINGSOVERBLIK_DB", raising=False)
    return data
