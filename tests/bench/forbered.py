"""The work folder: demo sources (CSV and xlsx) and loaded snapshots per scale."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from modeller.demo import generate
from tests.conftest import DEMO_SNAPSHOTS, PROJEKT, byg_demo

ARBEJDSMAPPE = PROJEKT / "build" / "bench"


@dataclass(frozen=True)
class Skala:
    """Everything built for one `--skala`: sources and a data folder with two snapshots."""

    skala: int
    rod: Path

    @property
    def data(self) -> Path:
        return self.rod / "data"

    @property
    def kilder(self) -> Path:
        return self.rod / "kilder"

    @property
    def csv(self) -> Path:
        """The CSV source folder of the newer follow-up (30 September)."""
        return self.kilder / DEMO_SNAPSHOTS[-1][0].isoformat()

    @property
    def xlsx(self) -> Path:
        """The same follow-up as one Excel workbook."""
        return self.rod / "xlsx" / "demo.xlsx"

    @property
    def snapshot_dir(self) -> Path:
        """The newer snapshot's folder (the one the app shows by default)."""
        mapper = sorted(p for p in (self.data / "snapshots").iterdir() if p.is_dir())
        return mapper[-1]


def forbered(skala: int) -> Skala:
    """(Re)build the demo at `skala` under build/bench/skala<N>/ and return its paths."""
    rod = ARBEJDSMAPPE / f"skala{skala}"
    if rod.exists():
        shutil.rmtree(rod)
    s = Skala(skala, rod)
    byg_demo(s.data, s.kilder, skala=skala)
    generate(s.xlsx.parent, skala=skala, fmt="xlsx", pr=DEMO_SNAPSHOTS[-1][0])
    return s
