"""A measured figure: repeated samples summarised as median, min and max."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Maaling:
    """Samples of one figure (seconds, bytes, ...) with its unit."""

    enhed: str
    vaerdier: list[float] = field(default_factory=list)

    def tilfoej(self, v: float) -> None:
        self.vaerdier.append(v)

    @property
    def median(self) -> float:
        return statistics.median(self.vaerdier) if self.vaerdier else float("nan")

    @property
    def min(self) -> float:
        return min(self.vaerdier) if self.vaerdier else float("nan")

    @property
    def max(self) -> float:
        return max(self.vaerdier) if self.vaerdier else float("nan")

    def som_dict(self) -> dict[str, Any]:
        return {
            "enhed": self.enhed,
            "median": self.median,
            "min": self.min,
            "max": self.max,
            "n": len(self.vaerdier),
            "vaerdier": self.vaerdier,
        }


def tag_tid(fn: Callable[[], object], gentagelser: int, opvarm: int = 0) -> Maaling:
    """Wall time of `fn` in seconds over `gentagelser` runs after `opvarm` unmeasured ones."""
    for _ in range(opvarm):
        fn()
    m = Maaling("s")
    for _ in range(gentagelser):
        t0 = time.perf_counter()
        fn()
        m.tilfoej(time.perf_counter() - t0)
    return m
